/**
 * 表决轮次的状态: prepared → open → closed → confirmed (tellers) → published; any round not yet
 * confirmed can be voided with a reason and stays on record. A confirmed result never changes:
 * a re-vote is a new round (DOMAIN.md "Counting").
 */
export type RoundStatus = "prepared" | "open" | "closed" | "confirmed" | "published" | "voided";
export type RoundAction = "edit" | "open" | "vote" | "close" | "confirm" | "publish" | "void";

export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = {
  prepared: "准备中",
  open: "投票中",
  closed: "已截止，待监票人确认",
  confirmed: "监票人已确认",
  published: "已公告",
  voided: "已作废",
};

const allowedFrom: Record<RoundAction, RoundStatus[]> = {
  edit: ["prepared"],
  open: ["prepared"],
  vote: ["open"],
  close: ["open"],
  confirm: ["closed"],
  publish: ["confirmed"],
  void: ["prepared", "open", "closed"],
};

const refusal: Record<RoundAction, (status: RoundStatus) => string> = {
  edit: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，设置已冻结，不能修改。如需重新表决，请新建一轮。`,
  open: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，不能再次开始。`,
  vote: (s) => (s === "prepared" ? "本轮表决尚未开始，请等待主持人宣布开始投票。" : `本轮表决${ROUND_STATUS_LABEL[s]}，不能再投票。`),
  close: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，不能截止。`,
  confirm: (s) => (s === "confirmed" || s === "published" ? "监票人已确认过本轮结果，不能重复确认。" : `本轮表决${ROUND_STATUS_LABEL[s]}，不能确认。`),
  publish: (s) => (s === "published" ? "本轮结果已经公告。" : `本轮表决${ROUND_STATUS_LABEL[s]}，须经监票人确认后才能公告。`),
  void: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，结果已确认，不能作废；如需重新表决，请新建一轮。`,
};

/** null when the action is allowed in this status, else the Chinese reason it is refused. */
export function refuseRoundAction(status: RoundStatus, action: RoundAction): string | null {
  return allowedFrom[action].includes(status) ? null : refusal[action](status);
}
