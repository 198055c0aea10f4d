/**
 * 实施与监督: the selected projects of a township's year, their plans, milestones and progress
 * reports, and the presidium's inspections and mid-year reports. Writes run in the caller's
 * audited transaction.
 */
import { MILESTONE_TEMPLATE, type PlannedMilestone } from "~/domain/implementation";
import { isoDay } from "~/utils/format";
import type { Prisma } from "~/generated/prisma/client";
import { parseResult } from "./round-result";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

type Db = Tx | typeof prisma;

export interface SelectedProject {
  candidateId: number;
  name: string;
  investmentCents: number;
  responsibleUnit: string;
  plannedCompletion: string;
  sessionId: number;
  noticeNo: number;
  /** The Beijing day of the session that voted it (its meeting date): nothing is planned or reported before it. */
  votedOn: string;
}

/**
 * The projects a published round of the township's sessions of the year selected, in slate order,
 * each with the lowest notice number that selected it. Read through Prisma and the checked tally
 * (no JSON in SQL), so it reads the same on either engine.
 */
export async function selectedProjectsOf(db: Db, townshipId: number, year: number): Promise<SelectedProject[]> {
  const rounds = await db.round.findMany({
    where: { status: "published", session: { townshipId, year } },
    select: { sessionId: true, noticeNo: true, resultJson: true, session: { select: { meetingDate: true } } },
  });
  const selectedBy = new Map<number, { noticeNo: number; meetingDate: Date; sessionId: number }>();
  for (const round of rounds) {
    for (const id of parseResult(round.resultJson)?.selected ?? []) {
      const seen = selectedBy.get(Number(id));
      if (!seen || round.noticeNo! < seen.noticeNo) selectedBy.set(Number(id), { noticeNo: round.noticeNo!, meetingDate: round.session.meetingDate, sessionId: round.sessionId });
    }
  }
  const candidates = await db.candidate.findMany({
    where: { id: { in: [...selectedBy.keys()] } },
    orderBy: [{ sessionId: "asc" }, { position: "asc" }],
    select: { id: true, name: true, investmentCents: true, responsibleUnit: true, plannedCompletion: true, sessionId: true },
  });
  // A candidate is one session's: a round of another session cannot have selected it.
  return candidates
    .filter((candidate) => selectedBy.get(candidate.id)!.sessionId === candidate.sessionId)
    .map((candidate) => {
      const { noticeNo, meetingDate } = selectedBy.get(candidate.id)!;
      return {
        candidateId: candidate.id,
        name: candidate.name,
        investmentCents: candidate.investmentCents,
        responsibleUnit: candidate.responsibleUnit,
        plannedCompletion: candidate.plannedCompletion,
        sessionId: candidate.sessionId,
        noticeNo,
        votedOn: isoDay(meetingDate),
      };
    });
}

export interface MilestoneRecord extends PlannedMilestone {
  id: number;
  position: number;
  reachedOn: string | null;
}

export interface ReportRecord {
  id: number;
  reportedOn: string;
  progress: number;
  spentCents: number;
  milestoneId: number | null;
  text: string;
  reportedBy: string;
}

export interface PlanRecord {
  id: number;
  candidateId: number;
  responsibleUnit: string;
  budgetCents: number;
  plannedStart: string;
  plannedCompletion: string;
  milestones: MilestoneRecord[];
  /** In the order reported (oldest first). */
  reports: ReportRecord[];
}

const KINDS: ReadonlySet<string> = new Set([...MILESTONE_TEMPLATE, "custom"]);

function milestoneKind(stored: string): PlannedMilestone["kind"] {
  if (!KINDS.has(stored)) throw new Error(`Milestone.kind: unexpected stored value ${JSON.stringify(stored)}`);
  return stored as PlannedMilestone["kind"];
}

const PLAN = {
  id: true, candidateId: true, responsibleUnit: true, budgetCents: true, plannedStart: true, plannedCompletion: true,
  milestones: { orderBy: { position: "asc" as const }, select: { id: true, position: true, kind: true, name: true, plannedOn: true, reachedOn: true } },
  reports: {
    orderBy: [{ reportedOn: "asc" as const }, { id: "asc" as const }],
    select: { id: true, reportedOn: true, progress: true, spentCents: true, milestoneId: true, text: true, reportedBy: true },
  },
} satisfies Prisma.ImplementationPlanSelect;

type PlanRow = Omit<PlanRecord, "milestones"> & { milestones: Array<Omit<MilestoneRecord, "kind"> & { kind: string }> };

function planRecord(row: PlanRow): PlanRecord {
  return { ...row, milestones: row.milestones.map((milestone) => ({ ...milestone, kind: milestoneKind(milestone.kind) })) };
}

/** The plans of these candidates, by candidate id. */
export async function plansOf(db: Db, candidateIds: number[]): Promise<Map<number, PlanRecord>> {
  const rows = await db.implementationPlan.findMany({ where: { candidateId: { in: candidateIds } }, select: PLAN });
  return new Map(rows.map((row) => [row.candidateId, planRecord(row)]));
}

export interface PlanFields {
  responsibleUnit: string;
  budgetCents: number;
  plannedStart: string;
  plannedCompletion: string;
  milestones: readonly PlannedMilestone[];
}

export async function insertPlan(tx: Tx, candidateId: number, plan: PlanFields): Promise<number> {
  const { milestones, ...fields } = plan;
  const row = await tx.implementationPlan.create({
    data: { candidateId, ...fields, milestones: { create: milestones.map((milestone, index) => ({ position: index + 1, ...milestone })) } },
    select: { id: true },
  });
  return row.id;
}

export async function insertReport(tx: Tx, planId: number, report: Omit<ReportRecord, "id">): Promise<number> {
  const row = await tx.progressReport.create({ data: { planId, ...report }, select: { id: true } });
  return row.id;
}

/** Marks a milestone reached on `day`, unless an earlier report already did. */
export async function markReached(tx: Tx, milestoneId: number, day: string): Promise<void> {
  await tx.milestone.updateMany({ where: { id: milestoneId, reachedOn: null }, data: { reachedOn: day } });
}

// ---------------------------------------------------------------------------------------------
// Supervision

export interface InspectionRecord {
  id: number;
  heldOn: string;
  deputyIds: number[];
  planIds: number[];
  findings: string;
  followUp: string;
}

const ids = (json: string): number[] => (JSON.parse(json) as unknown[]).map(Number).filter(Number.isSafeInteger);

export async function inspectionsOf(db: Db, townshipId: number, year: number): Promise<InspectionRecord[]> {
  const rows = await db.inspection.findMany({
    where: { townshipId, year },
    orderBy: [{ heldOn: "asc" }, { id: "asc" }],
    select: { id: true, heldOn: true, deputyIds: true, planIds: true, findings: true, followUp: true },
  });
  return rows.map((row) => ({ ...row, deputyIds: ids(row.deputyIds), planIds: ids(row.planIds) }));
}

export async function insertInspection(tx: Tx, townshipId: number, year: number, inspection: Omit<InspectionRecord, "id">): Promise<void> {
  await tx.inspection.create({
    data: { townshipId, year, ...inspection, deputyIds: JSON.stringify(inspection.deputyIds), planIds: JSON.stringify(inspection.planIds) },
  });
}

export async function midYearOf(db: Db, townshipId: number, year: number) {
  return db.midYearReport.findUnique({ where: { townshipId_year: { townshipId, year } }, select: { heardOn: true, summary: true } });
}

export async function saveMidYear(tx: Tx, townshipId: number, year: number, report: { heardOn: string; summary: string }): Promise<void> {
  await tx.midYearReport.upsert({ where: { townshipId_year: { townshipId, year } }, create: { townshipId, year, ...report }, update: report });
}
