/**
 * 实施监测 — the year's selected projects as county, city and provincial congresses monitor their
 * implementation: how many have a plan, are finished, under way or not started, which are late,
 * and the investment planned against what has been spent, added up by township, county, city and
 * province.
 *
 * The rows come one per selected project (selected by a published round of the township's sessions
 * of the year), with its plan's budget, its latest report and its milestones; a project's standing
 * is domain/implementation.ts (projectProgress, milestoneState) on the Beijing day passed in.
 */
import { projectProgress, type ProjectState } from "./implementation";
import type { RatingBasis, SatisfactionCounts, SatisfactionGrade } from "./satisfaction";

/**
 * 满意度测评: how the deputies rated a project at the next year's session (a published rating
 * round asking it): its grade, the counts of its ratings (未评: valid ballots that left it unrated),
 * the basis the grade counted against, and the rating's notice.
 */
export interface ProjectRatingSummary extends SatisfactionCounts {
  grade: SatisfactionGrade;
  notRated: number;
  basis: RatingBasis;
  /** What the basis counted (the seated deputies, by default). */
  of: number;
  sessionId: number;
  noticeNo: number;
}

/** One selected project of the year and what its township has recorded of carrying it out. */
export interface ProjectImplementation {
  candidateId: number;
  townshipId: number;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  cityCode: string;
  project: string;
  /** The candidate's estimate (估算投资), hundredths of 万元. */
  investmentCents: number;
  /** The plan's budget, or null without a plan. */
  plan: { budgetCents: number } | null;
  /** The latest report (by day, then as entered), or null before any. */
  lastReport: { progress: number; spentCents: number } | null;
  milestones: ReadonlyArray<{ plannedOn: string; reachedOn: string | null }>;
  /** Its published rating at the next session, or null while it has none. */
  rating: ProjectRatingSummary | null;
}

export interface ProjectStanding {
  state: ProjectState;
  progress: number;
  /** 计划投资: the plan's budget, else the candidate's estimate. */
  plannedCents: number;
  spentCents: number;
  /** Milestones overdue today, and the most days any is late. */
  overdueMilestones: number;
  daysLate: number;
}

export function projectStanding(row: ProjectImplementation, today: string): ProjectStanding {
  const reports = row.lastReport ? [{ reportedOn: today, ...row.lastReport }] : [];
  const progress = projectProgress(row.milestones, reports, today);
  return {
    state: progress.state,
    progress: progress.progress,
    plannedCents: row.plan?.budgetCents ?? row.investmentCents,
    spentCents: progress.spentCents,
    overdueMilestones: progress.overdue,
    daysLate: progress.mostDaysLate,
  };
}

/** The implementation figures of an area (a township, a county, a city, the province). */
export interface ImplementationTotals {
  code: string;
  name: string;
  /** 选中项目 */
  selected: number;
  /** 已制定计划 */
  planned: number;
  /** 已完成 (100 %), 实施中, 未开工 */
  completed: number;
  inProgress: number;
  notStarted: number;
  /** 逾期项目: projects with at least one milestone overdue today, and the most days any is late. */
  overdue: number;
  mostDaysLate: number;
  /** 计划投资 (plan budgets, else the estimates) and 已完成投资 to date, hundredths of 万元. */
  plannedCents: number;
  spentCents: number;
}

export function implementationTotals(code: string, name: string, rows: readonly ProjectImplementation[], today: string): ImplementationTotals {
  const totals: ImplementationTotals = {
    code,
    name,
    selected: 0,
    planned: 0,
    completed: 0,
    inProgress: 0,
    notStarted: 0,
    overdue: 0,
    mostDaysLate: 0,
    plannedCents: 0,
    spentCents: 0,
  };
  for (const row of rows) {
    const standing = projectStanding(row, today);
    totals.selected += 1;
    if (row.plan) totals.planned += 1;
    if (standing.state === "completed") totals.completed += 1;
    else if (standing.state === "in-progress") totals.inProgress += 1;
    else totals.notStarted += 1;
    if (standing.overdueMilestones > 0) totals.overdue += 1;
    totals.mostDaysLate = Math.max(totals.mostDaysLate, standing.daysLate);
    totals.plannedCents += standing.plannedCents;
    totals.spentCents += standing.spentCents;
  }
  return totals;
}

/** The totals of each area (cities, counties or townships), grouping the rows by `keyOf`; areas in the order given. */
export function implementationByArea(
  areas: ReadonlyArray<{ code: string; name: string }>,
  rows: readonly ProjectImplementation[],
  keyOf: (row: ProjectImplementation) => string,
  today: string,
): ImplementationTotals[] {
  const rowsOf = new Map<string, ProjectImplementation[]>(areas.map((area) => [area.code, []]));
  for (const row of rows) rowsOf.get(keyOf(row))?.push(row);
  return areas.map((area) => implementationTotals(area.code, area.name, rowsOf.get(area.code) ?? [], today));
}

/** A project late today: its township, and how many days its most overdue milestone is late. */
export interface OverdueProject {
  candidateId: number;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  project: string;
  state: ProjectState;
  progress: number;
  overdueMilestones: number;
  daysLate: number;
}

/** The projects with a milestone overdue today, most days late first (then township code). */
export function overdueProjects(rows: readonly ProjectImplementation[], today: string): OverdueProject[] {
  return rows
    .flatMap((row) => {
      const standing = projectStanding(row, today);
      if (standing.overdueMilestones === 0) return [];
      return [
        {
          candidateId: row.candidateId,
          townshipCode: row.townshipCode,
          townshipName: row.townshipName,
          countyCode: row.countyCode,
          project: row.project,
          state: standing.state,
          progress: standing.progress,
          overdueMilestones: standing.overdueMilestones,
          daysLate: standing.daysLate,
        },
      ];
    })
    .sort((a, b) => b.daysLate - a.daysLate || a.townshipCode.localeCompare(b.townshipCode) || a.candidateId - b.candidateId);
}
