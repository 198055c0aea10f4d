/** 纸质选票录入 — the tellers' entry screens at the clerk's console. */
import type { BallotForm, Choice } from "~/domain/tally";
import { markChoices, markLabel } from "./common";

export const paperEntryMessages = {
  slot: (slot: number) => (slot === 1 ? "第一遍录入" : "第二遍录入"),
  /** `round`: the round's title (第N轮表决, or 第N轮 满意度测评). */
  heading: (round: string, slot: number) => `${round} · 纸质选票${slot === 1 ? "第一遍" : "第二遍"}录入`,
  totalsHeading: (round: string) => `${round} · 纸质选票汇总录入`,
  chooseTeller: "选择负责本遍录入的监票人",
  noTellers: "本次会议尚未确定监票人，请先在会议页确定总监票人和监票人。",
  chief: "总监票人",
  teller: "监票人",
  start: "开始录入",
  started: "已确定负责录入的监票人。",
  responsible: (name: string) => `负责录入：${name}`,
  running: (n: number, returned: number) => `第 ${n} 张 / 收回 ${returned} 张`,
  seat: "座位号",
  voidPaper: "本张作废（无法辨认或填写不合规）",
  ticked: "勾选",
  unticked: "未勾选",
  save: "保存本张",
  saved: (n: number) => `第 ${n} 张已保存。`,
  keyboardHint:
    "键盘：1 赞成　2 反对　3 弃权　0 未表决（选n项：1 勾选　0 未勾选；满意度测评：1 满意　2 基本满意　3 不满意　0 未评）；退格或↑ 返回上一项；V 作废；回车 保存本张。",
  entered: "已录入",
  /** A paper's marks counted: 赞成3 反对1 弃权0 未表决1 (a rating's words on a rating paper). */
  summary: (form: BallotForm, count: (choice: Choice | undefined) => number) =>
    [...markChoices(form).map(({ choice, label }) => `${label}${count(choice)}`), `${markLabel(form, undefined)}${count(undefined)}`].join(" "),
  voided: "作废",
  seatOf: (seat: number) => `座位 ${seat}`,
  correct: (n: number) => `更正第 ${n} 张`,
  correcting: (n: number) => `正在更正第 ${n} 张`,
  complete: "本遍录入已完成。",
  agree: "两遍录入一致，可以回到轮次页计票。",
  differences: "两遍录入不一致，请核对原始选票后更正：",
  backToRound: "返回轮次页计票",
  invalid: "无效票",
  returned: (n: number) => `收回 ${n} 张`,
  valid: (n: number) => `有效票 ${n} 张`,
  project: "项目",
  saveTotals: "保存汇总",
  totalsSaved: "汇总数已保存，请回到本轮页面计票。",
  totalsLabel: (position: number, mark: string) => `第${position}项 ${mark}`,
  totalsChooseN: "选n项：只填赞成（勾选）数，未表决数由有效票减去赞成数得出。",
  notPaper: "本轮不是纸质选票。",
  errors: {
    count: "请填写不小于 0 的整数",
    teller: "请选择监票人",
    number: "张号无效",
    seat: "座位号无效",
    slot: "录入遍次无效",
  },
};
