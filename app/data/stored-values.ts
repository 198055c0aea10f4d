/**
 * The closed sets of words the database stores as text (SQLite has no enums): each read back
 * through a checked narrowing here, so no layer above casts a stored string to a domain type.
 * A word outside its set is a defect in the data: it throws, naming the column.
 */
import type { AttendanceStatus } from "~/domain/attendance";
import { CHANNELS, DECLINE_REASONS, SOURCES, type ProposalStatus } from "~/domain/collection";
import type { EntryMethod } from "~/domain/paper-ballots";
import type { RoundMedium, RoundStatus } from "~/domain/round-lifecycle";
import { CONGRESS_LEVELS } from "~/domain/register";
import { RATING_BASES, type RatingBasis } from "~/domain/satisfaction";
import type { BallotForm } from "~/domain/tally";

function narrowing<T extends string>(column: string, words: readonly T[]) {
  const allowed: ReadonlySet<string> = new Set(words);
  return (stored: string): T => {
    if (!allowed.has(stored)) throw new Error(`${column}: unexpected stored value ${JSON.stringify(stored)}`);
    return stored as T;
  };
}

export const roundStatus = narrowing<RoundStatus>("Round.status", ["prepared", "open", "sealed", "entering", "closed", "confirmed", "published", "voided"]);
export const roundMedium = narrowing<RoundMedium>("Round.medium", ["tablet", "paper"]);
const entryMethodWord = narrowing<EntryMethod>("Round.entryMethod", ["per-ballot", "totals"]);
export const entryMethod = (stored: string | null): EntryMethod | null => (stored === null ? null : entryMethodWord(stored));
export const ballotForm = narrowing<BallotForm>("Round.form", ["per-project", "choose-n", "rating"]);
const ratingBasisWord = narrowing<RatingBasis>("Round.ratingBasis", RATING_BASES);
export const ratingBasis = (stored: string | null): RatingBasis | null => (stored === null ? null : ratingBasisWord(stored));
export const attendanceStatus = narrowing<AttendanceStatus>("Attendance.status", ["absent", "present", "leave"]);
/** 总监票人 / 监票人 / neither. */
export type TellerRole = "none" | "chief" | "teller";
export const tellerRole = narrowing<TellerRole>("Attendance.tellerRole", ["none", "chief", "teller"]);
export const congressLevel = narrowing("Township.level", CONGRESS_LEVELS);
export const staffRole = narrowing("User.role", ["admin", "clerk", "monitor"] as const);
export const proposalStatus = narrowing<ProposalStatus>("Proposal.status", ["pending", "removed", "admitted", "pooled", "declined"]);
export const proposalSource = narrowing("Proposal.source", SOURCES);
export const declineReason = narrowing("Proposal.declineReason", DECLINE_REASONS);
export const campaignChannel = narrowing("Campaign.channels", CHANNELS);
