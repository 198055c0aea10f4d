/** What the implementation pages show: the clerk's year of projects, one project, and the public progress page. */
import { milestoneState, projectProgress, type MilestoneState, type ProjectProgress } from "~/domain/implementation";
import { activeDeputies, townshipByCode } from "~/data/deputies.server";
import * as implementation from "~/data/implementation.server";
import { ratingsOf, type ProjectRating } from "~/data/ratings.server";
import { outsideTransaction as db } from "~/data/transaction.server";
import { isoDay } from "~/utils/format";

function today(): string {
  return isoDay(new Date());
}

export interface ProjectLine extends implementation.SelectedProject {
  plan: (Omit<implementation.PlanRecord, "milestones"> & { milestones: Array<implementation.MilestoneRecord & { status: MilestoneState }> }) | null;
  progress: ProjectProgress | null;
  /** How the deputies rated it at the next session (满意度测评), once that notice is published. */
  rating: ProjectRating | null;
}

async function projectLines(townshipId: number, year: number, on: string): Promise<ProjectLine[]> {
  const projects = await implementation.selectedProjectsOf(db, townshipId, year);
  const ids = projects.map((project) => project.candidateId);
  const [plans, ratings] = await Promise.all([implementation.plansOf(db, ids), ratingsOf(db, ids)]);
  return projects.map((project) => {
    const plan = plans.get(project.candidateId) ?? null;
    return {
      ...project,
      plan: plan && { ...plan, milestones: plan.milestones.map((milestone) => ({ ...milestone, status: milestoneState(milestone, on) })) },
      progress: plan && projectProgress(plan.milestones, plan.reports, on),
      rating: ratings.get(project.candidateId) ?? null,
    };
  });
}

/** The clerk's page of a township's year: its selected projects, the inspections, the mid-year report. */
export async function implementationView(townshipId: number, year: number) {
  const on = today();
  const [projects, inspections, midYear, deputies] = await Promise.all([
    projectLines(townshipId, year, on),
    implementation.inspectionsOf(db, townshipId, year),
    implementation.midYearOf(db, townshipId, year),
    activeDeputies(townshipId),
  ]);
  return { projects, inspections, midYear, deputies: deputies.map((deputy) => ({ id: deputy.id, name: deputy.name })), today: on };
}

/** One selected project of the township's year, for its page; null when it is not one. */
export async function projectView(townshipId: number, year: number, candidateId: number) {
  const on = today();
  const project = (await projectLines(townshipId, year, on)).find((line) => line.candidateId === candidateId);
  return project ? { project, today: on } : null;
}

/** The public progress page of a township's year: each project's state, progress, milestones and latest report. */
export async function publicProgressView(code: string, year: number) {
  const township = await townshipByCode(code);
  if (!township) return null;
  const on = today();
  const [projects, inspections] = await Promise.all([projectLines(township.id, year, on), implementation.inspectionsOf(db, township.id, year)]);
  return {
    township: { code: township.code, name: township.name, countyName: township.county.name, cityName: township.county.city.name },
    year,
    projects: projects.map(({ plan, progress, ...project }) => ({
      candidateId: project.candidateId,
      name: project.name,
      investmentCents: project.investmentCents,
      responsibleUnit: plan?.responsibleUnit ?? project.responsibleUnit,
      noticeNo: project.noticeNo,
      sessionId: project.sessionId,
      progress,
      rating: project.rating,
      plan: plan && {
        budgetCents: plan.budgetCents,
        plannedStart: plan.plannedStart,
        plannedCompletion: plan.plannedCompletion,
        milestones: plan.milestones.map(({ kind, name, plannedOn, status }) => ({ kind, name, plannedOn, status })),
        latest: plan.reports.at(-1) ? { reportedOn: plan.reports.at(-1)!.reportedOn, text: plan.reports.at(-1)!.text } : null,
        inspections: inspections.filter((inspection) => inspection.planIds.includes(plan.id)).length,
      },
    })),
  };
}
