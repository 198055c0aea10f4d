/**
 * 满意度测评 — grading a project at the next session by secret ballot.
 *
 * No statute fixes this rule; it is the common township practice: 满意 when the 满意 votes
 * exceed half of ALL seated deputies; else 基本满意 when 满意 + 基本满意 exceed half; else
 * 不满意. "Half" is counted as the vote itself is (Local Organization Law 2022 Art. 25,
 * 全体代表的过半数), so blank or missing ballots weigh against the project.
 */
import { passThresholdFor } from "./quorum";

/** 满意 / 基本满意 / 不满意; the words are in app/messages (commonMessages.satisfaction). */
export type SatisfactionGrade = "satisfied" | "basically-satisfied" | "dissatisfied";

export interface SatisfactionCounts {
  satisfied: number; // 满意
  basicallySatisfied: number; // 基本满意
  dissatisfied: number; // 不满意
}

export function gradeSatisfaction(counts: SatisfactionCounts, seated: number): SatisfactionGrade {
  const majority = passThresholdFor(seated); // throws a RangeError naming `seated`
  let total = 0;
  for (const field of ["satisfied", "basicallySatisfied", "dissatisfied"] as const) {
    const n = counts[field];
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`${field} must be a non-negative integer, got ${n}`);
    }
    total += n;
  }
  if (total > seated) {
    throw new RangeError(`counts must not total more than seated (${seated}), got ${total}`);
  }
  if (counts.satisfied >= majority) return "satisfied";
  if (counts.satisfied + counts.basicallySatisfied >= majority) return "basically-satisfied";
  return "dissatisfied";
}
