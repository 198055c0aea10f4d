/** The deputy's tablet (代表投票平板): sign-in, check-in, ballot, review, receipt. Simplified Chinese. */
import type { Choice } from "~/domain/tally";

export const tabletMessages = {
  title: "代表投票",
  signIn: {
    title: "代表签到",
    lead: "请输入会务工作人员发给您的8位签到码，然后点“进入”。",
    code: "签到码",
    codeHint: "签到码由8位字母和数字组成，不区分大小写，可以不输入空格和短横线。",
    submit: "进入",
    submitting: "正在进入…",
    alreadySignedIn: "这台平板已经签到。",
    tooManyWithCode: "这个签到码尝试次数过多，请一分钟后再试，或向会务工作人员领取新的签到码。",
    tooManyFromNetwork: "签到码无效。本网络上输错签到码的次数过多，请核对签到码后再试，或向会务工作人员求助。",
    continue: "继续投票",
  },
  bar: {
    deputy: (name: string) => `代表：${name}`,
    checkedIn: "已签到",
    notCheckedIn: "未签到",
    onLeave: "已请假",
    switchDeputy: "更换代表",
  },
  checkIn: {
    title: "请签到",
    lead: "签到后才能领取选票。请点下面的按钮签到。",
    button: "签到",
    submitting: "正在签到…",
    onLeave: "您已登记为请假。如已到会，请点“签到”。",
  },
  waiting: {
    title: "请等待主持人宣布开始投票",
    lead: "投票开始后，本页面会自动显示选票，无需操作。",
    noscript: "本页面每5秒自动刷新一次。",
    live: "已连接，等待投票开始",
    reconnecting: "连接中断，正在重新连接…",
  },
  notIssued: {
    title: "本轮开始时您尚未签到，没有本轮选票",
    lead: "您可以参加下一轮表决。如有疑问，请联系会务工作人员。",
    live: "已连接，等待下一轮表决",
  },
  voted: {
    title: "您已投票",
    lead: "本轮选票已经收到。",
    receipt: "查看投票回执",
  },
  ballot: {
    round: (n: number) => `第${n}轮表决`,
    runoff: "再次票决",
    secret: "无记名投票",
    recorded: "记名投票",
    slate: (places: number, total: number) => `${total}个候选项目，应选${places}个`,
    perProjectHelp: "请对每个项目点选“赞成”“反对”或“弃权”。",
    perProjectLimit: (places: number) => `赞成的项目不能超过${places}个，否则选票无效。`,
    chooseNHelp: (places: number) => `请勾选您赞成的项目，最多${places}个；勾选超过${places}个，选票无效。`,
    facts: {
      content: "内容",
      investment: "估算投资",
      fundingSource: "资金来源",
      plannedCompletion: "计划完成",
      responsibleUnit: "责任单位",
    },
    choiceLegend: (name: string) => `对“${name}”的表决`,
    tick: "赞成（勾选）",
    tickLabel: (name: string) => `赞成“${name}”`,
    clear: "清除选择",
    progressPerProject: (marked: number, total: number) => `已表决 ${marked} / ${total}`,
    progressChooseN: (ticked: number, places: number) => `已选 ${ticked} / ${places}`,
    next: "下一步：核对选票",
    restored: "已恢复您之前在本平板上作的选择。",
  },
  review: {
    title: "核对选票",
    perProject: (total: number, marked: number, unmarked: number) =>
      unmarked === 0
        ? `您对全部 ${total} 个项目都作了表决。`
        : `您对 ${total} 个项目中的 ${marked} 个作了表决，${unmarked} 个未表决。`,
    chooseN: (total: number, ticked: number, places: number) => `您在 ${total} 个项目中勾选了 ${ticked} 个（最多可选 ${places} 个）。`,
    counts: (yes: number, no: number, abstain: number) => `赞成 ${yes} 个，反对 ${no} 个，弃权 ${abstain} 个。`,
    unmarkedNote: "未表决的项目不计为赞成。",
    voidTitle: "注意：这张选票将成为无效票",
    voidWarning: (yes: number, places: number) => `您赞成了${yes}个项目，超过应选名额${places}个，这张选票将作为无效票。请减少赞成的项目。`,
    finalNote: "确认后选票即投出，不能修改。",
    back: "返回修改",
    confirm: "确认投票",
    confirmVoid: "仍然确认投票",
    submitting: "正在提交…",
    retrying: (attempt: number) => `网络不稳定，正在重试…（第${attempt}次）`,
    gaveUp: "网络连接失败，您的选择已保存在本平板上。请检查网络后再点“确认投票”，不会重复投票。",
    projectsHeading: "您的选择",
  },
  choice: {
    yes: "赞成",
    no: "反对",
    abstain: "弃权",
    none: "未表决",
    ticked: "赞成（已勾选）",
    unticked: "未勾选",
  } satisfies Record<Choice | "none" | "ticked" | "unticked", string>,
  receipt: {
    title: "投票成功",
    code: "回执码",
    round: (n: number) => `第${n}轮表决`,
    secretNote: "无记名投票：您的选择不与您的身份关联，请记下回执码，公告发布后可核对回执是否计入。",
    recordedNote: "记名投票：以下是您本轮的选择，已记入表决记录。",
    choicesCaption: "您的选择",
    project: "项目",
    yourChoice: "您的选择",
    back: "返回投票页面",
    notice: (n: number) => `查看公告第${n}号`,
    live: "已连接：下一轮表决开始时，本页会自动转到选票",
  },
  /** 总监票人确认: the chief teller's own tablet confirms the tally. */
  confirmTally: {
    title: (n: number) => `第${n}轮计票结果：请总监票人核对确认`,
    lead: "您是本次会议的总监票人。请与监票人一同核对以下计票结果；确认后结果即告确定，不能再改变。",
    check: "我已与监票人核对计票结果，结果无误",
    mustCheck: "请先勾选“我已与监票人核对计票结果，结果无误”。",
    submit: "总监票人确认",
    done: "您已确认本轮计票结果。",
    digest: (digest: string) => `选票摘要：${digest}（请记入计票报告，公告上印有同一摘要）`,
  },
  /** 更换代表: signing the tablet out ends the deputy's card, so it asks first. */
  switchDeputy: {
    title: "更换代表？",
    lead: (name: string) => `更换代表后，本平板即退出${name}代表的签到。`,
    consequence: (name: string) =>
      `${name}代表的签到卡随即失效，卡上的签到码不能再用；${name}代表如还要用平板投票，须请会务工作人员另发新的签到卡。`,
    confirm: "确认更换代表",
    cancel: "取消，返回",
    unconfirmed: "更换代表须先确认：请点“更换代表”，看清提示后再点“确认更换代表”。本平板没有退出，仍由原代表使用。",
  },
  errors: {
    noPass: "请先用签到码签到。",
    roundGone: "本轮表决已经截止或已更换，请查看页面上的最新状态。",
    wrongForm: "选票内容与本轮选票式样不符，请刷新页面后重新填写。",
    wrongChoice: "表决只能是赞成、反对或弃权。",
    notFoundReceipt: "没有找到这张回执。",
    /** The way back from a refused or failed tablet page (to /vote: sign-in, or the ballot when signed in). */
    back: "返回投票首页",
  },
  meta: {
    signIn: "代表签到",
    ballot: "代表投票",
    receipt: "投票回执",
  },
} as const;

export function choiceLabel(choice: Choice | undefined): string {
  return choice ? tabletMessages.choice[choice] : tabletMessages.choice.none;
}
