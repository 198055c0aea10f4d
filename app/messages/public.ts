/** What the public sees: the big screen (大屏) in the hall and the numbered notices (公告). */
import type { ProjectTally } from "~/domain/tally";
import { commonMessages } from "./common";

export const publicMessages = {
  outcome: {
    selected: "当选",
    runoff: "再次票决",
    "not-selected": "未当选",
    failed: "未通过",
    rated: "已测评",
    roundVoid: "本轮无效",
  } satisfies Record<ProjectTally["outcome"] | "roundVoid", string>,
  screen: {
    metaTitle: (title: string) => `大屏 · ${title}`,
    seated: "应到",
    present: "实到",
    leave: "请假",
    quorumMet: "已达到法定人数",
    quorumNotMet: "未达到法定人数",
    quorumDetail: (quorum: number) => `（至少${quorum}名）`,
    round: (n: number) => `第${n}轮表决`,
    ratingRound: (n: number) => `第${n}轮 满意度测评`,
    runoff: "（再次票决）",
    secret: "无记名",
    recorded: "记名",
    waiting: "等待开始表决",
    voted: "已投",
    votedOf: (voted: number, issued: number) => `已投 ${voted} / ${issued}`,
    /** A paper round: the papers returned (收回) of those issued (发出). */
    returned: "收回选票",
    returnedOf: (returned: number, issued: number) => `纸质选票：发出 ${issued} 张，收回 ${returned} 张`,
    resultsCaption: "表决结果",
    liveCaption: "实时计票（投票尚未截止，未经监票人确认）",
    closedCaption: "计票结果（待监票人确认）",
    confirmedCaption: "计票结果（监票人已确认）",
    publishedCaption: "表决结果（已公告）",
    project: "项目",
    yes: "赞成",
    no: "反对",
    abstain: "弃权",
    result: "结果",
    live: "实时",
    reconnecting: "连接中断，正在重新连接…",
    people: "名",
    needsLink: "会场大屏需要会务人员在会务工作台开启的大屏显示链接。已发布的表决结果请查看公告。",
    linkInvalid: "这个大屏显示链接无效或已停用，请向会务人员索取新的显示链接。",
    notices: "查看公告",
    /** 实到 now is not 已投's m: ballots went to those present when the round opened. */
    issuedAtOpening: (openedWith: number, issued: number) => `本轮选票在开始投票时按实到 ${openedWith} 名代表发出 ${issued} 张；此后签到的代表没有本轮选票。`,
    voteAddress: "平板投票地址",
    ended: {
      replaced: "此大屏已在另一个窗口打开，本窗口不再更新。",
      revoked: "大屏显示链接已停用或更换，本窗口不再更新。",
    },
  },
  /** Refusals of the live stream (GET /sessions/:id/events), as plain text. */
  live: {
    sessionNotFound: "没有这次会议。",
    noCredential: "实时画面只对本次会议的会务人员、已签到的代表平板和会场大屏开放。请登录，或使用会务人员开启的大屏显示链接。",
    notThisSession: "您没有查看这次会议实时画面的权限。",
    sessionFull: "这次会议的实时连接数已满，请稍后再试。",
    serverFull: "服务器的实时连接数已满，请稍后再试。",
  },
  notice: {
    /** The presidium's name comes from domain/notice-text.ts presidiumName (it differs by level). */
    title: (presidium: string) => `${presidium}公告`,
    number: (n: number) => `第${n}号`,
    intro: (title: string, date: string, place: string, round: number, isRunoff: boolean, secret: boolean, medium: "tablet" | "paper" = "tablet") =>
      `${title}于${date}在${place}举行，以${medium === "paper" ? "纸质选票" : ""}${secret ? "无记名" : "记名"}投票方式对民生实事候选项目进行了` +
      `${isRunoff ? "再次票决" : "票决"}（第${round}轮表决）。现将票决结果公告如下：`,
    slate: (places: number, total: number) => `本轮候选项目${total}个，应选${places}个。`,
    ratingTitle: (presidium: string) => `${presidium}公告（民生实事项目满意度测评结果）`,
    ratingIntro: (title: string, date: string, place: string, round: number, congress: string, year: number, medium: "tablet" | "paper" = "tablet") =>
      `${title}于${date}在${place}举行，以${medium === "paper" ? "纸质选票" : ""}无记名投票方式对${congress}${year}年民生实事项目的实施情况进行了满意度测评（第${round}轮）。现将测评结果公告如下：`,
    ratingSlate: (total: number) => `本轮测评项目${total}个。`,
    ratingCaption: "各项目测评情况",
    grade: "测评等次",
    votesCaption: "各项目得票情况",
    position: "序号",
    project: "项目名称",
    yes: "赞成",
    no: "反对",
    abstain: "弃权",
    notVoted: "未表决",
    result: "结果",
    selectedCaption: "当选的民生实事项目",
    noneSelected: "本轮没有项目当选。",
    investment: "估算投资",
    responsibleUnit: "责任单位",
    plannedCompletion: "计划完成",
    fundingSource: "资金来源",
    total: "合计",
    receiptsHeading: "选票回执码（可核对本人选票是否计入）",
    integrityHeading: "核验信息",
    anchor: (entryId: number, hash: string) => `审计链锚点：第 ${entryId} 条 ${hash}`,
    ballotsDigest: (digest: string) => `选票摘要：${digest}`,
    integrityNote: "凭本公告上的锚点可以核验公告发布前的表决记录此后未被改写（npm run audit:verify -- --anchor 条目:锚点）。",
    receiptsNote: (count: number) =>
      `共${count}张选票的回执码，按字母顺序排列。代表可凭投票后平板显示的回执码核对本人选票已计入；回执码不显示任何人的姓名或选择。`,
    noReceipts: "本轮没有收回选票。",
    checkReceipt: "按回执码核对本人选票是否计入",
    download: "下载CSV",
    print: "打印",
    allNotices: "全部公告",
    published: (date: string) => `发布日期：${date}`,
    notFound: "没有找到这份公告，或该轮表决结果尚未公告。",
    metaTitle: (presidium: string, n: number) => `${presidium}公告第${n}号`,
    /** The tellers who confirmed the count, as the confirmation recorded them (总监票人…、监票人…). */
    tellers: (names: string) => `监票：${names}`,
  },
  notices: {
    title: "票决结果公告",
    lead: "各乡镇人民代表大会主席团发布的民生实事项目票决结果公告，按发布时间由新到旧排列。",
    caption: "已发布的公告",
    township: "乡镇",
    session: "会议",
    notice: "公告",
    date: "发布日期",
    selected: "当选项目",
    empty: "目前还没有发布的公告。",
    count: (n: number) => `${n}个`,
  },
  csv: {
    header: ["序号", "项目名称", "赞成", "反对", "弃权", "未表决", "结果", "估算投资（万元）", "资金来源", "计划完成", "责任单位"],
    ratingHeader: ["序号", "项目名称", "满意", "基本满意", "不满意", "未评", "测评等次", "估算投资（万元）", "资金来源", "计划完成", "责任单位"],
    fileName: (township: string, n: number) => `${township}人大主席团公告第${n}号.csv`,
  },
} as const;

/** A project's outcome in a round: 当选 / 未通过 / …, or a rated project's grade (满意 / 基本满意 / 不满意). */
export function outcomeLabel(project: Pick<ProjectTally, "outcome" | "grade">, roundValid: boolean): string {
  if (!roundValid) return publicMessages.outcome.roundVoid;
  if (project.grade) return commonMessages.satisfaction[project.grade];
  return publicMessages.outcome[project.outcome];
}
