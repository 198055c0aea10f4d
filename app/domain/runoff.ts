/**
 * 再次票决 — the run-off a counted round calls for. When projects tie across the last place so that
 * taking all of them would exceed the places (tally.ts), they are voted on again among themselves
 * for the places left after those strictly above them, as the Election Law has tied candidates
 * voted on again (就票数相等的候选人再次投票). A run-off is prepared once the tellers have confirmed
 * the count, and only one at a time: a voided run-off may be held again.
 */
import type { RefusalReason } from "./refusals";
import type { RoundStatus } from "./round-lifecycle";
import type { RoundResult } from "./tally";

export interface RunoffPlan {
  /** The tied projects, in candidate order. */
  candidates: string[];
  /** The places left after the projects selected outright. */
  places: number;
}

/** The run-off a round's result calls for; null when no project is tied across the last place. */
export function runoffPlan(round: { places: number }, result: Pick<RoundResult, "runoff" | "selected">): RunoffPlan | null {
  if (result.runoff.length === 0) return null;
  return { candidates: result.runoff, places: round.places - result.selected.length };
}

/** The run-off already held (or being held) for a round: one not voided. */
export function runoffRoundOf<R extends { runoffOfId: number | null; status: RoundStatus }>(rounds: readonly R[], roundId: number): R | null {
  return rounds.find((round) => round.runoffOfId === roundId && round.status !== "voided") ?? null;
}

/** Whether a round still waits for its run-off to be prepared. */
export function awaitsRunoff(result: Pick<RoundResult, "runoff"> | null, runoffRound: { id: number } | null): boolean {
  return result !== null && result.runoff.length > 0 && runoffRound === null;
}

/** null when a run-off may be prepared for the round now, else why not. */
export function refuseRunoff(round: { status: RoundStatus }, plan: RunoffPlan | null, runoffRound: { number: number } | null): RefusalReason | null {
  if (round.status !== "confirmed" && round.status !== "published") return { code: "runoff-before-confirmation" };
  if (!plan) return { code: "runoff-not-needed" };
  if (runoffRound) return { code: "runoff-exists", number: runoffRound.number };
  return null;
}
