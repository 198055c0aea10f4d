/**
 * 实施与监督 — the use cases after the vote: a selected project's implementation plan, the
 * township's progress reports, the presidium's inspections (视察) and its hearing of the mid-year
 * report. Each change is one audited transaction; the rules are domain/implementation.ts. The
 * township clerk records them (the township government's staff have no accounts of their own yet).
 */
import { refusePlan, refuseRecordedDay, refuseReport } from "~/domain/implementation";
import { activeDeputies } from "~/data/deputies.server";
import * as implementation from "~/data/implementation.server";
import type { Tx } from "~/data/transaction.server";
import type { InspectionFormInput, PlanFormInput, ReportFormInput } from "~/schemas/implementation";
import { isoDay } from "~/utils/format";
import { auditedChange } from "./audited-change.server";
import { refuse, Refusal, type Actor } from "./refusal";

function today(): string {
  return isoDay(new Date());
}

/** The selected project of the township's year, or the refusal: only a published, selected project is carried out. */
async function selectedProject(tx: Tx, townshipId: number, year: number, candidateId: number) {
  const project = (await implementation.selectedProjectsOf(tx, townshipId, year)).find((row) => row.candidateId === candidateId);
  if (!project) throw new Refusal({ code: "project-not-selected" });
  return project;
}

export async function createPlan(actor: Actor, townshipId: number, year: number, candidateId: number, plan: PlanFormInput) {
  return auditedChange(actor, "implementation.plan", {}, async (tx, audit) => {
    const project = await selectedProject(tx, townshipId, year, candidateId);
    if ((await implementation.plansOf(tx, [candidateId])).has(candidateId)) throw new Refusal({ code: "plan-exists" });
    refuse(refusePlan(plan, project.votedOn));
    const planId = await implementation.insertPlan(tx, candidateId, plan);
    await audit({ townshipId, year, candidateId, planId, milestones: plan.milestones.length, budgetCents: plan.budgetCents });
    return planId;
  });
}

export async function reportProgress(actor: Actor, townshipId: number, year: number, candidateId: number, report: ReportFormInput) {
  return auditedChange(actor, "implementation.report", {}, async (tx, audit) => {
    const project = await selectedProject(tx, townshipId, year, candidateId);
    const plan = (await implementation.plansOf(tx, [candidateId])).get(candidateId);
    if (!plan) throw new Refusal({ code: "plan-not-found" });
    const spentCents = Math.round(report.spent * 100);
    const last = plan.reports.at(-1);
    refuse(
      refuseReport(
        { reportedOn: report.reportedOn, progress: report.progress, spentCents },
        { votedOn: project.votedOn, today: today(), lastProgress: last?.progress ?? null },
      ),
    );
    const milestoneId = report.milestoneId ?? null;
    if (milestoneId !== null && !plan.milestones.some((milestone) => milestone.id === milestoneId)) throw new Refusal({ code: "milestone-not-of-plan" });
    await implementation.insertReport(tx, plan.id, {
      reportedOn: report.reportedOn,
      progress: report.progress,
      spentCents,
      milestoneId,
      text: report.text,
      reportedBy: actor.actor,
    });
    if (milestoneId !== null) await implementation.markReached(tx, milestoneId, report.reportedOn);
    await audit({ townshipId, year, candidateId, progress: report.progress, spentCents, milestoneId });
  });
}

/** 视察: the deputies who took part (on the township's roster), the projects inspected (with a plan), findings and follow-up. */
export async function recordInspection(actor: Actor, townshipId: number, year: number, inspection: InspectionFormInput) {
  return auditedChange(actor, "implementation.inspection", {}, async (tx, audit) => {
    const deputies = new Set((await activeDeputies(townshipId, tx)).map((deputy) => deputy.id));
    if (inspection.deputyIds.some((id) => !deputies.has(id))) throw new Refusal({ code: "inspection-deputies-unknown" });
    const projects = await implementation.selectedProjectsOf(tx, townshipId, year);
    const plans = await implementation.plansOf(
      tx,
      projects.map((project) => project.candidateId),
    );
    const planIds = new Set([...plans.values()].map((plan) => plan.id));
    if (inspection.planIds.some((id) => !planIds.has(id))) throw new Refusal({ code: "project-not-selected" });
    const firstVote = projects.map((project) => project.votedOn).sort()[0];
    refuse(firstVote === undefined ? { code: "project-not-selected" } : refuseRecordedDay(inspection.heldOn, { votedOn: firstVote, today: today() }));
    await implementation.insertInspection(tx, townshipId, year, {
      ...inspection,
      deputyIds: [...new Set(inspection.deputyIds)],
      planIds: [...new Set(inspection.planIds)],
    });
    await audit({ townshipId, year, heldOn: inspection.heldOn, deputies: inspection.deputyIds.length, projects: inspection.planIds.length });
  });
}

/** 听取年中报告: the day the presidium heard the government's mid-year report, and its gist (recorded again to correct it). */
export async function recordMidYear(actor: Actor, townshipId: number, year: number, report: { heardOn: string; summary: string }) {
  return auditedChange(actor, "implementation.mid-year", {}, async (tx, audit) => {
    const projects = await implementation.selectedProjectsOf(tx, townshipId, year);
    const firstVote = projects.map((project) => project.votedOn).sort()[0];
    if (firstVote === undefined) throw new Refusal({ code: "project-not-selected" });
    refuse(refuseRecordedDay(report.heardOn, { votedOn: firstVote, today: today() }));
    await implementation.saveMidYear(tx, townshipId, year, report);
    await audit({ townshipId, year, heardOn: report.heardOn });
  });
}
