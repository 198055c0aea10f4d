/**
 * 表决轮次的状态: prepared → open → closed → confirmed (tellers) → published; any round not yet
 * confirmed can be voided with a reason and stays on record. A confirmed result never changes:
 * a re-vote is a new round (DOMAIN.md "Counting").
 *
 * A secret (无记名) round's ballots are sealed with the round key, whose private part only the
 * chief teller's key card holds (decision 006): its key card is issued and read back before it
 * opens, and closing it leaves it sealed until the chief teller's card counts it.
 *   prepared —key→ prepared —open→ open —close→ sealed —count→ closed → confirmed → published
 */
export type RoundStatus = "prepared" | "open" | "sealed" | "closed" | "confirmed" | "published" | "voided";
export type RoundAction = "edit" | "key" | "open" | "vote" | "close" | "count" | "confirm" | "publish" | "void";

export const ROUND_STATUS_LABEL: Record<RoundStatus, string> = {
  prepared: "准备中",
  open: "投票中",
  sealed: "已截止，待总监票人开箱计票",
  closed: "已计票，待监票人确认",
  confirmed: "监票人已确认",
  published: "已公告",
  voided: "已作废",
};

const allowedFrom: Record<RoundAction, RoundStatus[]> = {
  edit: ["prepared"],
  key: ["prepared"],
  open: ["prepared"],
  vote: ["open"],
  close: ["open"],
  count: ["sealed"],
  confirm: ["closed"],
  publish: ["confirmed"],
  void: ["prepared", "open", "sealed", "closed"],
};

const refusal: Record<RoundAction, (status: RoundStatus) => string> = {
  edit: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，设置已冻结，不能修改。如需重新表决，请新建一轮。`,
  key: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，计票密钥卡只能在开始投票前制发。`,
  open: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，不能再次开始。`,
  vote: (s) => (s === "prepared" ? "本轮表决尚未开始，请等待主持人宣布开始投票。" : `本轮表决${ROUND_STATUS_LABEL[s]}，不能再投票。`),
  close: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，不能截止。`,
  count: (s) => (s === "open" ? "本轮表决仍在投票中，请先截止投票，再开箱计票。" : `本轮表决${ROUND_STATUS_LABEL[s]}，不能开箱计票。`),
  confirm: (s) =>
    s === "confirmed" || s === "published"
      ? "监票人已确认过本轮结果，不能重复确认。"
      : s === "sealed"
        ? "本轮选票尚未开箱计票，请总监票人先用计票密钥卡开箱计票。"
        : `本轮表决${ROUND_STATUS_LABEL[s]}，不能确认。`,
  publish: (s) => (s === "published" ? "本轮结果已经公告。" : `本轮表决${ROUND_STATUS_LABEL[s]}，须经监票人确认后才能公告。`),
  void: (s) => `本轮表决${ROUND_STATUS_LABEL[s]}，结果已确认，不能作废；如需重新表决，请新建一轮。`,
};

/** null when the action is allowed in this status, else the Chinese reason it is refused. */
export function refuseRoundAction(status: RoundStatus, action: RoundAction): string | null {
  return allowedFrom[action].includes(status) ? null : refusal[action](status);
}

/** Where closing a round leads: a secret round stays sealed until the chief teller's key counts it. */
export function statusAfterClose(round: { secret: boolean }): RoundStatus {
  return round.secret ? "sealed" : "closed";
}

/**
 * A secret round may open only once its key card has been issued and read back: ballots sealed to
 * a key nobody holds could never be counted (decision 006). null when the round may open.
 */
export function refuseOpeningWithoutKey(round: { secret: boolean; sealKeyVerified: boolean; sealKeyIssued: boolean }): string | null {
  if (!round.secret || round.sealKeyVerified) return null;
  return round.sealKeyIssued
    ? "无记名表决须先由总监票人核对计票密钥卡（输入卡上的密钥），才能开始投票。"
    : "无记名表决须先制发计票密钥卡并交总监票人核对，才能开始投票。";
}
