/**
 * 征集活动: a township's campaign, its proposals and its pool of projects (项目库), and the
 * candidates a session took from the pool. Writes run in the caller's audited transaction.
 */
import type { Channel, DeclineReason, ProposalSource, ProposalStatus } from "~/domain/collection";
import type { CandidateRow } from "./sessions.server";
import { campaignChannel, declineReason, proposalSource, proposalStatus } from "./stored-values";
import { parseResult } from "./round-result";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

type Db = Tx | typeof prisma;

export interface CampaignRecord {
  id: number;
  townshipId: number;
  year: number;
  title: string;
  callText: string;
  opensOn: string;
  closesOn: string;
  channels: Channel[];
  approvedOn: string | null;
  approvalDocNo: string | null;
}

export interface CampaignFields {
  title: string;
  callText: string;
  opensOn: string;
  closesOn: string;
  channels: Channel[];
}

const CAMPAIGN = {
  id: true, townshipId: true, year: true, title: true, callText: true, opensOn: true, closesOn: true, channels: true, approvedOn: true, approvalDocNo: true,
} as const;

function campaignRecord(row: Omit<CampaignRecord, "channels"> & { channels: string }): CampaignRecord {
  return { ...row, channels: (JSON.parse(row.channels) as string[]).map(campaignChannel) };
}

export async function campaignOf(db: Db, townshipId: number, year: number): Promise<CampaignRecord | null> {
  const row = await db.campaign.findUnique({ where: { townshipId_year: { townshipId, year } }, select: CAMPAIGN });
  return row && campaignRecord(row);
}

export async function campaignById(db: Db, id: number): Promise<CampaignRecord | null> {
  const row = await db.campaign.findUnique({ where: { id }, select: CAMPAIGN });
  return row && campaignRecord(row);
}

/** The campaign's years of a township, newest first. */
export async function campaignYearsOf(db: Db, townshipId: number): Promise<number[]> {
  const rows = await db.campaign.findMany({ where: { townshipId }, orderBy: { year: "desc" }, select: { year: true } });
  return rows.map((row) => row.year);
}

export async function insertCampaign(tx: Tx, townshipId: number, year: number, fields: CampaignFields): Promise<number> {
  const row = await tx.campaign.create({ data: { townshipId, year, ...fields, channels: JSON.stringify(fields.channels) }, select: { id: true } });
  return row.id;
}

export async function updateCampaign(tx: Tx, id: number, fields: CampaignFields): Promise<void> {
  await tx.campaign.update({ where: { id }, data: { ...fields, channels: JSON.stringify(fields.channels) } });
}

// ---------------------------------------------------------------------------------------------
// Proposals

export interface ProposalFields {
  source: ProposalSource;
  title: string;
  place: string;
  reason: string;
  costCents: number | null;
  village: string | null;
  proposer: string | null;
  deputyId: number | null;
  contact: string | null;
  fingerprint: string;
}

export interface ProposalRecord extends Omit<ProposalFields, "fingerprint"> {
  id: number;
  number: number;
  status: ProposalStatus;
  projectId: number | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  receivedAt: Date;
}

const PROPOSAL = {
  id: true, number: true, source: true, title: true, place: true, reason: true, costCents: true, village: true, proposer: true, deputyId: true,
  contact: true, status: true, projectId: true, declineReason: true, declineNote: true, receivedAt: true,
} as const;

function proposalRecord(row: Omit<ProposalRecord, "source" | "status" | "declineReason"> & { source: string; status: string; declineReason: string | null }): ProposalRecord {
  return {
    ...row,
    source: proposalSource(row.source),
    status: proposalStatus(row.status),
    declineReason: row.declineReason === null ? null : declineReason(row.declineReason),
  };
}

/** Stores a proposal with the next number of its campaign; the caller's transaction makes the number unique. */
export async function insertProposal(tx: Tx, campaignId: number, fields: ProposalFields, status: "pending" | "admitted"): Promise<number> {
  const last = await tx.proposal.aggregate({ where: { campaignId }, _max: { number: true } });
  const number = (last._max.number ?? 0) + 1;
  await tx.proposal.create({ data: { campaignId, number, status, ...fields } });
  return number;
}

/** The number of an earlier proposal of the campaign with the same text, if there is one. */
export async function sameTextAs(db: Db, campaignId: number, fingerprint: string): Promise<number | null> {
  const row = await db.proposal.findFirst({ where: { campaignId, fingerprint }, orderBy: { number: "asc" }, select: { number: true } });
  return row?.number ?? null;
}

export async function pendingCount(db: Db, campaignId: number): Promise<number> {
  return db.proposal.count({ where: { campaignId, status: "pending" } });
}

export async function proposalsOf(db: Db, campaignId: number): Promise<ProposalRecord[]> {
  const rows = await db.proposal.findMany({ where: { campaignId }, orderBy: { number: "asc" }, select: PROPOSAL });
  return rows.map(proposalRecord);
}

export async function proposalByNumber(db: Db, campaignId: number, number: number): Promise<ProposalRecord | null> {
  const row = await db.proposal.findUnique({ where: { campaignId_number: { campaignId, number } }, select: PROPOSAL });
  return row && proposalRecord(row);
}

export interface ScreeningOutcome {
  status: ProposalStatus;
  projectId?: number | null;
  declineReason?: DeclineReason | null;
  declineNote?: string | null;
}

/** Sets a proposal's outcome if it is still in `from` (a concurrent step makes this a no-op: false). */
export async function setScreening(tx: Tx, proposalId: number, from: ProposalStatus, outcome: ScreeningOutcome): Promise<boolean> {
  const screened = outcome.status === "pooled" || outcome.status === "declined";
  const { count } = await tx.proposal.updateMany({
    where: { id: proposalId, status: from },
    data: {
      status: outcome.status,
      projectId: outcome.projectId ?? null,
      declineReason: outcome.declineReason ?? null,
      declineNote: outcome.declineNote ?? null,
      screenedAt: screened ? new Date() : null,
    },
  });
  return count === 1;
}

// ---------------------------------------------------------------------------------------------
// The pool (项目库)

/** A pool project's fields: a candidate's (sessions.server.ts), before any slate takes it. */
export type PoolProjectFields = Omit<CandidateRow, "poolProjectId">;

export interface PoolProjectRecord extends PoolProjectFields {
  id: number;
  number: number;
  approved: boolean;
  /** The numbers of the proposals it was made from, in order. */
  proposalNumbers: number[];
  /** The sessions whose slate took it. */
  onSlateOf: number[];
}

export async function insertPoolProject(tx: Tx, campaignId: number, fields: PoolProjectFields): Promise<{ id: number; number: number }> {
  const last = await tx.poolProject.aggregate({ where: { campaignId }, _max: { number: true } });
  const number = (last._max.number ?? 0) + 1;
  const row = await tx.poolProject.create({ data: { campaignId, number, ...fields }, select: { id: true } });
  return { id: row.id, number };
}

export async function poolOf(db: Db, campaignId: number): Promise<PoolProjectRecord[]> {
  const rows = await db.poolProject.findMany({
    where: { campaignId },
    orderBy: { number: "asc" },
    select: {
      id: true, number: true, name: true, content: true, investmentCents: true, fundingSource: true, plannedCompletion: true, responsibleUnit: true,
      approved: true,
      proposals: { orderBy: { number: "asc" }, select: { number: true } },
      candidates: { select: { sessionId: true } },
    },
  });
  return rows.map(({ proposals, candidates, ...row }) => ({
    ...row,
    proposalNumbers: proposals.map((proposal) => proposal.number),
    onSlateOf: [...new Set(candidates.map((candidate) => candidate.sessionId))],
  }));
}

/** Removes the campaign's projects that no proposal is in any more (a revised screening), unless a slate took them. */
export async function dropEmptyProjects(tx: Tx, campaignId: number): Promise<void> {
  await tx.poolProject.deleteMany({ where: { campaignId, proposals: { none: {} }, candidates: { none: {} } } });
}

/** 审定: records the approval and marks exactly `projectIds` as the approved candidate list. */
export async function recordApproval(tx: Tx, campaignId: number, approval: { approvedOn: string; approvalDocNo: string; projectIds: number[] }) {
  await tx.campaign.update({ where: { id: campaignId }, data: { approvedOn: approval.approvedOn, approvalDocNo: approval.approvalDocNo } });
  await tx.poolProject.updateMany({ where: { campaignId }, data: { approved: false } });
  const { count } = await tx.poolProject.updateMany({ where: { campaignId, id: { in: approval.projectIds } }, data: { approved: true } });
  return count;
}

/**
 * The campaign's projects that went to a published vote (a candidate taken from them was in a
 * published round), and of those the ones it selected (among a published round's selected).
 */
export async function votedProjects(db: Db, campaignId: number): Promise<{ voted: Set<number>; selected: Set<number> }> {
  const candidates = await db.candidate.findMany({
    where: { poolProject: { campaignId }, rounds: { some: { round: { status: "published" } } } },
    select: { id: true, poolProjectId: true, rounds: { where: { round: { status: "published" } }, select: { round: { select: { resultJson: true } } } } },
  });
  const voted = new Set<number>();
  const selected = new Set<number>();
  for (const candidate of candidates) {
    voted.add(candidate.poolProjectId!);
    if (candidate.rounds.some(({ round }) => parseResult(round.resultJson)?.selected.includes(String(candidate.id)))) selected.add(candidate.poolProjectId!);
  }
  return { voted, selected };
}

// ---------------------------------------------------------------------------------------------
// Deputies' links (代表提交链接)

/** Replaces the campaign's deputy links with these (a new sheet makes the old links useless). */
export async function replaceLinks(tx: Tx, campaignId: number, links: Array<{ deputyId: number; keyHash: string }>): Promise<void> {
  await tx.proposalLink.deleteMany({ where: { campaignId } });
  await tx.proposalLink.createMany({ data: links.map((link) => ({ campaignId, ...link })) });
}

/** The deputy a link's key belongs to in this campaign, or null. */
export async function linkDeputy(db: Db, campaignId: number, keyHash: string): Promise<number | null> {
  const row = await db.proposalLink.findUnique({ where: { keyHash }, select: { campaignId: true, deputyId: true } });
  return row && row.campaignId === campaignId ? row.deputyId : null;
}

export async function linksIssued(db: Db, campaignId: number): Promise<{ count: number; issuedAt: Date | null }> {
  const rows = await db.proposalLink.aggregate({ where: { campaignId }, _count: { deputyId: true }, _max: { issuedAt: true } });
  return { count: rows._count.deputyId, issuedAt: rows._max.issuedAt };
}
