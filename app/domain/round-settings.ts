/**
 * 本轮设置 — the settings a round is prepared with (DOMAIN.md "The vote"): which projects of the
 * slate it puts to the vote, for how many places, on which ballot form, recorded or secret, and
 * whether the hall's screen shows the running tally. They are fixed when the round is prepared.
 */
import { refusePaperSettings, type EntryMethod } from "./paper-ballots";
import type { RefusalReason } from "./refusals";
import type { RoundMedium, RoundStatus } from "./round-lifecycle";

export interface RoundSettings {
  candidateIds: readonly number[];
  places: number;
  secret: boolean;
  liveResults: boolean;
  medium: RoundMedium;
  /** Paper rounds: how the tellers enter the papers. */
  entryMethod: EntryMethod | null;
}

/**
 * The settings as a round keeps them: a paper round has no running tally to show (its papers are
 * entered after collection) and its entry method; a tablet round has no entry method.
 */
export function settledRoundSettings<S extends Omit<RoundSettings, "medium" | "entryMethod">>(
  settings: S & { medium?: RoundMedium; entryMethod?: EntryMethod | null },
): S & Pick<RoundSettings, "medium" | "entryMethod"> {
  if (settings.medium === "paper") return { ...settings, medium: "paper", liveResults: false, entryMethod: settings.entryMethod ?? "per-ballot" };
  return { ...settings, medium: "tablet", entryMethod: null };
}

/** null when the settings may be used for a new round of this slate, else why not. */
export function refuseRoundSettings(settings: RoundSettings, slate: ReadonlySet<number>): RefusalReason | null {
  if (settings.candidateIds.some((id) => !slate.has(id))) return { code: "candidates-not-on-slate" };
  if (settings.places > settings.candidateIds.length) {
    return { code: "places-exceed-candidates", places: settings.places, candidates: settings.candidateIds.length };
  }
  if (settings.secret && settings.liveResults) return { code: "secret-live-results" };
  if (settings.medium === "paper") return refusePaperSettings({ secret: settings.secret, entry: settings.entryMethod ?? "per-ballot" });
  return null;
}

/**
 * Whether the running tally may be shown while the round is open. Never for a secret round:
 * watching the totals move ballot by ballot, next to the list of who has voted, would tell each
 * deputy's choice (无记名 means no one can link a ballot to its deputy).
 */
export function showsRunningTally(round: { secret: boolean; liveResults: boolean }): boolean {
  return round.liveResults && !round.secret;
}

/** Whether a round's result may be shown on the hall's screen now: once closed, or running where allowed. */
export function showsResult(round: { status: RoundStatus; secret: boolean; liveResults: boolean }): boolean {
  return round.status !== "open" || showsRunningTally(round);
}
