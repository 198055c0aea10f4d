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
import type { RefusalReason } from "./refusals";

export type RoundStatus = "prepared" | "open" | "sealed" | "closed" | "confirmed" | "published" | "voided";
export type RoundAction = "edit" | "key" | "open" | "vote" | "close" | "count" | "confirm" | "publish" | "void";

/** Every status, in the order a round goes through them (voided last). */
export const ROUND_STATUSES: readonly RoundStatus[] = ["prepared", "open", "sealed", "closed", "confirmed", "published", "voided"];

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

/** null when the action is allowed in this status, else its refusal. */
export function refuseRoundAction(status: RoundStatus, action: RoundAction): RefusalReason | null {
  return allowedFrom[action].includes(status) ? null : { code: "round-step-not-allowed", action, status };
}

/** Where closing a round leads: a secret round stays sealed until the chief teller's key counts it. */
export function statusAfterClose(round: { secret: boolean }): RoundStatus {
  return round.secret ? "sealed" : "closed";
}

/**
 * A secret round may open only once its key card has been issued and read back: ballots sealed to
 * a key nobody holds could never be counted (decision 006). null when the round may open.
 */
export function refuseOpeningWithoutKey(round: { secret: boolean; sealKeyVerified: boolean; sealKeyIssued: boolean }): RefusalReason | null {
  if (!round.secret || round.sealKeyVerified) return null;
  return { code: "round-key-not-verified", issued: round.sealKeyIssued };
}
