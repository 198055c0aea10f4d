/**
 * 实施与监督 — after the vote: each selected project's implementation plan (milestones with planned
 * days), the township's progress reports, and when a milestone is late.
 *
 * The law asks the government to carry out what the congress decided and the presidium to
 * supervise it (Local Organization Law 2022 Art. 19, 主席团 in the intervals between sessions); it
 * sets no format. What the app holds to: a plan and its reports start no earlier than the day the
 * congress voted the project (its session's meeting date: before it, nothing was decided; its
 * notice is published that day or after); a report is not dated in the
 * future; progress is a whole percentage from 0 to 100 and does not go back; a milestone is overdue
 * when its planned day has passed without it being reached. Days are Beijing days (YYYY-MM-DD).
 */
import { dayNumber } from "./days";
import type { RefusalReason } from "./refusals";

/** The usual milestones of a township project (立项, 招标, 开工, 完工, 验收); the words are in app/messages. */
export const MILESTONE_TEMPLATE = ["approval", "tender", "start", "completion", "acceptance"] as const;
export type TemplateMilestone = (typeof MILESTONE_TEMPLATE)[number];

export interface PlannedMilestone {
  /** A template milestone, or the clerk's own name for one. */
  kind: TemplateMilestone | "custom";
  name: string | null;
  plannedOn: string;
}

export interface PlanInput {
  budgetCents: number;
  plannedStart: string;
  plannedCompletion: string;
  milestones: readonly PlannedMilestone[];
}

/** A plan starts on or after the day of the vote, ends on or after it starts, and plans every milestone within it. */
export function refusePlan(plan: PlanInput, votedOn: string): RefusalReason | null {
  if (plan.plannedStart < votedOn) return { code: "plan-before-vote", day: plan.plannedStart, votedOn };
  if (plan.plannedCompletion < plan.plannedStart) return { code: "plan-ends-before-start", start: plan.plannedStart, completion: plan.plannedCompletion };
  if (plan.milestones.length === 0) return { code: "plan-without-milestones" };
  for (const [index, milestone] of plan.milestones.entries()) {
    if (milestone.plannedOn < votedOn) return { code: "plan-before-vote", day: milestone.plannedOn, votedOn };
    if (milestone.kind === "custom" && !milestone.name) return { code: "milestone-unnamed", position: index + 1 };
  }
  return null;
}

export interface ReportInput {
  reportedOn: string;
  progress: number;
  spentCents: number;
}

/** What happened after the vote (a report, an inspection, the mid-year report) is dated between the vote and today. */
export function refuseRecordedDay(day: string, context: { votedOn: string; today: string }): RefusalReason | null {
  if (day < context.votedOn) return { code: "report-before-vote", day, votedOn: context.votedOn };
  if (day > context.today) return { code: "report-in-future", day };
  return null;
}

/** A report is dated between the vote and today, and its progress does not fall below the last report's. */
export function refuseReport(report: ReportInput, context: { votedOn: string; today: string; lastProgress: number | null }): RefusalReason | null {
  const dated = refuseRecordedDay(report.reportedOn, context);
  if (dated) return dated;
  if (!Number.isInteger(report.progress) || report.progress < 0 || report.progress > 100) return { code: "progress-out-of-range", progress: report.progress };
  if (context.lastProgress !== null && report.progress < context.lastProgress) {
    return { code: "progress-went-back", progress: report.progress, last: context.lastProgress };
  }
  return null;
}

export type MilestoneState =
  /** Reached on or before its planned day. */
  | { state: "on-time"; reachedOn: string }
  /** Reached after its planned day, by this many days. */
  | { state: "late"; reachedOn: string; daysLate: number }
  /** Not reached, and its planned day has passed: overdue by this many days. */
  | { state: "overdue"; daysLate: number }
  /** Not reached, not due yet. */
  | { state: "pending" };

/** Where a milestone stands on `today` against its planned day. */
export function milestoneState(milestone: { plannedOn: string; reachedOn: string | null }, today: string): MilestoneState {
  if (milestone.reachedOn !== null) {
    const daysLate = dayNumber(milestone.reachedOn) - dayNumber(milestone.plannedOn);
    return daysLate > 0 ? { state: "late", reachedOn: milestone.reachedOn, daysLate } : { state: "on-time", reachedOn: milestone.reachedOn };
  }
  const daysLate = dayNumber(today) - dayNumber(milestone.plannedOn);
  return daysLate > 0 ? { state: "overdue", daysLate } : { state: "pending" };
}

export type ProjectState = "not-started" | "in-progress" | "completed";

export interface ProjectProgress {
  state: ProjectState;
  /** The last report's percentage (0 with no report). */
  progress: number;
  spentCents: number;
  /** The milestones overdue today, and the most days any is late. */
  overdue: number;
  mostDaysLate: number;
}

/**
 * A project's standing from its milestones and reports: completed at 100 %, in progress once a
 * report says more than 0 % or a milestone is reached, not started otherwise.
 */
export function projectProgress(
  milestones: ReadonlyArray<{ plannedOn: string; reachedOn: string | null }>,
  reports: ReadonlyArray<{ reportedOn: string; progress: number; spentCents: number }>,
  today: string,
): ProjectProgress {
  const last = [...reports].sort((a, b) => (a.reportedOn < b.reportedOn ? -1 : a.reportedOn > b.reportedOn ? 1 : 0)).at(-1);
  const progress = last?.progress ?? 0;
  const states = milestones.map((milestone) => milestoneState(milestone, today));
  const overdue = states.filter((state) => state.state === "overdue");
  const reached = milestones.some((milestone) => milestone.reachedOn !== null);
  return {
    state: progress >= 100 ? "completed" : progress > 0 || reached ? "in-progress" : "not-started",
    progress,
    spentCents: last?.spentCents ?? 0,
    overdue: overdue.length,
    mostDaysLate: Math.max(0, ...overdue.map((state) => (state.state === "overdue" ? state.daysLate : 0))),
  };
}
