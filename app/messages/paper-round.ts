/** 纸质选票 on the console: the round's medium when it is prepared, and the paper steps on its page. */
import type { BallotForm } from "~/domain/tally";
import { markChoices, markLabel } from "./common";

export const paperRoundMessages = {
  prepare: {
    mediumLegend: "投票方式",
    tablet: "平板表决（代表在平板上投票）",
    paper: "纸质选票（印制选票，收回后由监票人录入计票）",
    entryLegend: "纸质选票的录入方式",
    perBallot: "逐张录入（两位监票人各录一遍，核对一致后计票）",
    totals: "汇总录入（按各项目的汇总数录入，只用于无记名表决）",
    hint: "没有平板或平板出现故障时选择纸质选票；纸质选票不需要计票密钥卡，大屏在计票后显示结果。",
  },
  settings: {
    medium: "投票方式",
    mediumLabel: { tablet: "平板表决", paper: "纸质选票" } as Record<string, string>,
    entry: "录入方式",
    entryLabel: { "per-ballot": "逐张录入（两遍核对）", totals: "汇总录入" } as Record<string, string>,
    papers: "发出 / 收回",
    papersValue: (issued: number | null, returned: number | null) => `发出 ${issued ?? "—"} 张，收回 ${returned === null ? "—" : `${returned} 张`}`,
  },
  print: "打印选票",
  open: {
    issuedLabel: "发出选票张数",
    issuedHint: (present: number) => `留空即按实到代表每人一张（${present} 张）；不能多于实到代表人数。`,
    submit: "开始投票（发放选票）",
  },
  close: {
    returnedLabel: "收回选票张数",
    returnedHint: (issued: number) => `本轮发出 ${issued} 张。收回张数多于发出张数的，本轮表决无效。`,
    consequence: "登记收回张数后本轮不能再投票，监票人开始录入选票。",
    done: "已登记收回选票，请监票人录入选票。",
    hint: "投票结束、当众收回并清点选票后，截止投票并登记收回张数。",
  },
  entry: {
    heading: "录入选票",
    slot: (slot: number) => (slot === 1 ? "第一遍录入" : "第二遍录入"),
    totals: "汇总录入",
    notStarted: "尚未开始",
    progress: (entered: number, returned: number) => `已录 ${entered} / ${returned} 张`,
    by: (name: string) => `负责监票人：${name}`,
    go: (label: string) => `进入${label}`,
    totalsSaved: "汇总数已保存",
    agree: "两遍录入完全一致，可以计票。",
    differ: (n: number) => `两遍录入有 ${n} 处不一致：请对照纸质选票核对，在录入页面改正后再计票。`,
    differencesCaption: "两遍录入的不一致之处",
    marksRow: (summary: string, first: number, second: number) => `${summary}：第一遍 ${first} 张，第二遍 ${second} 张`,
    seatRow: (seatNo: number, first: string, second: string) => `座位号 ${seatNo}：第一遍 ${first}；第二遍 ${second}`,
    notEntered: "未录入",
    voidPaper: "作废票",
    /** A paper's marks in short: 赞成 1、2、5；反对 3；未表决 4 (project numbers; a rating's words on a rating paper). */
    marksSummary: (form: BallotForm, groups: { yes: number[]; no: number[]; abstain: number[]; notVoted: number[] }) =>
      [...markChoices(form).map(({ choice, label }) => [label, groups[choice]] as const), [markLabel(form, undefined), groups.notVoted] as const]
        .filter(([, positions]) => positions.length > 0)
        .map(([label, positions]) => `${label} ${positions.join("、")}`)
        .join("；"),
    count: "计票",
    countHint: "计票后录入即冻结；如发现录入有误，只能作废本轮后重新录入。",
    counted: "已计票，请总监票人核对并确认。",
  },
  confirm: {
    heading: "总监票人在本机确认",
    lead: "没有平板或总监票人的平板不能使用时：请总监票人核对上列计票结果，输入本人签到卡上的签到码确认。",
    codeLabel: "总监票人签到卡上的签到码",
    check: "我是总监票人，已核对上列计票结果",
    submit: "确认计票结果",
    done: "总监票人已确认计票结果。",
  },
  rerun: {
    summary: "改用纸质选票重新表决",
    summaryPaper: "作废本轮并重新录入（纸质选票）",
    lead: "本轮将作废（保留记录），并以相同的项目、名额、选票形式和记名方式建立一轮纸质选票表决。",
    reasonLabel: "作废理由",
    reasonDefault: "平板表决出现故障，改用纸质选票重新表决",
    reasonDefaultPaper: "录入有误，作废后重新录入",
    submit: "作废本轮并改用纸质选票",
    done: (n: number) => `已作废本轮，并建立第${n}轮纸质选票表决。`,
  },
};
