/**
 * 表决轮次的状态: prepared → open → closed → confirmed (tellers) → published; any round not yet
 * confirmed can be voided with a reason and stays on record. A confirmed result never changes:
 * a re-vote is a new round (DOMAIN.md "Counting").
 *
 * A secret (无记名) round's ballots are sealed with the round key, whose private part only the
 * chief teller's key card holds (decision 006): its key card is issued and read back before it
 * opens, and closing it leaves it sealed until the chief teller's card counts it.
 *   prepared —key→ prepared —open→ open —close→ sealed —count→ closed → confirmed → published
 *
 * A paper (纸质) round opens when its papers are issued and closes when they are collected; the
 * tellers then enter what the papers say (paper-ballots.ts) until the count makes its tally:
 *   prepared —open→ open —close→ entering —count→ closed → confirmed → published
 */
import type { RefusalReason } from "./refusals";

export type RoundStatus = "prepared" | "open" | "sealed" | "entering" | "closed" | "confirmed" | "published" | "voided";
export type RoundAction = "edit" | "key" | "open" | "vote" | "close" | "enter" | "count" | "confirm" | "publish" | "void";

/** 平板 (tablets) or 纸质 (paper ballots): how a round's ballots are cast. */
export type RoundMedium = "tablet" | "paper";

/** Every status, in the order a round goes through them (voided last). */
export const ROUND_STATUSES: readonly RoundStatus[] = ["prepared", "open", "sealed", "entering", "closed", "confirmed", "published", "voided"];

const allowedFrom: Record<RoundAction, RoundStatus[]> = {
  edit: ["prepared"],
  key: ["prepared"],
  open: ["prepared"],
  vote: ["open"],
  close: ["open"],
  enter: ["entering"],
  count: ["sealed", "entering"],
  confirm: ["closed"],
  publish: ["confirmed"],
  void: ["prepared", "open", "sealed", "entering", "closed"],
};

/** null when the action is allowed in this status, else its refusal. */
export function refuseRoundAction(status: RoundStatus, action: RoundAction): RefusalReason | null {
  return allowedFrom[action].includes(status) ? null : { code: "round-step-not-allowed", action, status };
}

/**
 * Where closing a round leads: a paper round to the tellers' entry of its papers; a secret tablet
 * round stays sealed until the chief teller's key counts it; a recorded tablet round is counted.
 */
export function statusAfterClose(round: { secret: boolean; medium: RoundMedium }): RoundStatus {
  if (round.medium === "paper") return "entering";
  return round.secret ? "sealed" : "closed";
}

/** Whether a round's ballots are sealed with a round key: secret tablet rounds (decision 006). */
export function sealsBallots(round: { secret: boolean; medium: RoundMedium }): boolean {
  return round.secret && round.medium === "tablet";
}

/**
 * A secret round may open only once its key card has been issued and read back: ballots sealed to
 * a key nobody holds could never be counted (decision 006). null when the round may open.
 */
export function refuseOpeningWithoutKey(round: {
  secret: boolean;
  medium: RoundMedium;
  sealKeyVerified: boolean;
  sealKeyIssued: boolean;
}): RefusalReason | null {
  if (!sealsBallots(round) || round.sealKeyVerified) return null;
  return { code: "round-key-not-verified", issued: round.sealKeyIssued };
}
