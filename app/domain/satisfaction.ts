/**
 * 满意度测评 — grading last year's projects at the next session by secret ballot.
 *
 * No statute fixes this rule; it is the common township practice (镇海区): 满意 when the 满意 votes
 * exceed half of the basis; else 基本满意 when 满意 + 基本满意 exceed half; else 不满意 (exactly half
 * is 不满意). The basis is all seated deputies unless the session chose otherwise (DOMAIN.md): with
 * all deputies, blank or missing ballots weigh against the project, as in the vote itself (Local
 * Organization Law 2022 Art. 25, 全体代表的过半数). The basis is stated on the notice.
 *
 * A rating ballot asks the three marks of the ballot box: 满意 is stored as the mark "yes",
 * 基本满意 as "abstain", 不满意 as "no" (`RATING_MARKS`), so sealing, paper entry, totals and
 * receipts are those of every round (decision 017).
 */
import type { RefusalReason } from "./refusals";
import type { Choice, MarkCounts } from "./tally";

/** 满意 / 基本满意 / 不满意; the words are in app/messages (commonMessages.satisfaction). */
export type SatisfactionGrade = "satisfied" | "basically-satisfied" | "dissatisfied";

export const SATISFACTION_GRADES: readonly SatisfactionGrade[] = ["satisfied", "basically-satisfied", "dissatisfied"];

export interface SatisfactionCounts {
  satisfied: number; // 满意
  basicallySatisfied: number; // 基本满意
  dissatisfied: number; // 不满意
}

/** The year whose projects a session's rating rates: the year before the session's own. */
export function ratedYearOf(sessionYear: number): number {
  return sessionYear - 1;
}

/** 测评基数: 全体代表 (the default) | 出席代表 | 有效票. */
export type RatingBasis = "all" | "present" | "valid";

export const RATING_BASES: readonly RatingBasis[] = ["all", "present", "valid"];

/** The stored mark of each rating, in the order a rating ballot asks them. */
export const RATING_MARKS: ReadonlyArray<readonly [keyof SatisfactionCounts, Choice]> = [
  ["satisfied", "yes"],
  ["basicallySatisfied", "abstain"],
  ["dissatisfied", "no"],
];

/** A rated project's counts from the marks its ballots carry. */
export function ratingCounts(marks: Pick<MarkCounts, "yes" | "no" | "abstain">): SatisfactionCounts {
  return { satisfied: marks.yes, basicallySatisfied: marks.abstain, dissatisfied: marks.no };
}

/** How many the basis counts: the seated deputies, those present when the round opened, or the valid ballots. */
export function basisCount(basis: RatingBasis, round: { seated: number; present: number; valid: number }): number {
  return basis === "all" ? round.seated : basis === "present" ? round.present : round.valid;
}

/** 过半数 of the basis: strictly more than half. */
export function ratingThreshold(of: number): number {
  return Math.floor(of / 2) + 1;
}

/** The grade of one project from its counts, against `of` (the basis count; 0 when no valid ballot was cast). */
export function gradeSatisfaction(counts: SatisfactionCounts, of: number): SatisfactionGrade {
  if (!Number.isSafeInteger(of) || of < 0) throw new RangeError(`the basis must be a non-negative integer, got ${of}`);
  let total = 0;
  for (const field of ["satisfied", "basicallySatisfied", "dissatisfied"] as const) {
    const n = counts[field];
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`${field} must be a non-negative integer, got ${n}`);
    }
    total += n;
  }
  if (total > of) {
    throw new RangeError(`counts must not total more than the basis (${of}), got ${total}`);
  }
  const majority = ratingThreshold(of);
  if (counts.satisfied >= majority) return "satisfied";
  if (counts.satisfied + counts.basicallySatisfied >= majority) return "basically-satisfied";
  return "dissatisfied";
}

/** One of last year's selected projects, and the rating round that already asks it (not voided), if any. */
export interface RateableProject {
  id: number;
  name: string;
  ratedIn: { round: number; session: string } | null;
}

/**
 * null when these projects may be put to a new rating round of `year`'s projects, else why not: each
 * must be one the township selected that year, and none may already be on a rating round that was
 * not voided — a project is rated once (a voided round frees its projects).
 */
export function refuseRatingProjects(chosen: readonly number[], lastYear: readonly RateableProject[], year: number): RefusalReason | null {
  const known = new Map(lastYear.map((project) => [project.id, project]));
  if (chosen.length === 0)
    return lastYear.some((project) => project.ratedIn === null) ? { code: "rating-project-not-rateable", year } : { code: "rating-nothing-to-rate", year };
  for (const id of chosen) {
    const project = known.get(id);
    if (!project) return { code: "rating-project-not-rateable", year };
    if (project.ratedIn) return { code: "rating-project-rated", name: project.name, ...project.ratedIn };
  }
  return null;
}
