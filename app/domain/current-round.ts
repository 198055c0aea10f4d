/**
 * Which round a session is at, for the pages that follow it (the console's roster, the hall's
 * screen): the open round while one is open, else the latest round that was opened and not voided.
 * A round merely prepared is not current yet; before any round opened, none is.
 */
import type { RoundStatus } from "./round-lifecycle";

/** `rounds` in number order. */
export function currentRound<R extends { status: RoundStatus }>(rounds: readonly R[]): R | null {
  return (
    rounds.find((round) => round.status === "open") ?? [...rounds].reverse().find((round) => round.status !== "voided" && round.status !== "prepared") ?? null
  );
}
