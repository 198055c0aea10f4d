/**
 * 征集与初审 — the use cases before the vote: a township's campaign, proposals from the public
 * form and entered by the clerk, moderation, screening into the pool (项目库), the Party
 * committee's approval (审定), and the slate taken from the pool. Each change is one audited
 * transaction (auditedChange); the rules are domain/collection.ts.
 *
 * The public form is open to anybody, so it is held to limits that need no outside service
 * (the network is often an intranet): a post filling the honeypot field is answered as received
 * and stores nothing; the same text is one proposal; at most PENDING_LIMIT proposals wait for the
 * clerk; and at most RATE_LIMIT_PROPOSALS posts an hour come from one address (counted in front of
 * Remix, http/write-limits.server.ts). A post refused for its content is logged like any refusal;
 * the honeypot and the address limit through the failed-attempt log (counted per minute, not one
 * entry each), so a flood cannot fill the audit log either.
 */
import { randomBytes } from "node:crypto";
import {
  campaignPhase,
  funnelOf,
  proposalFingerprint,
  refuseApproval,
  refuseCampaignDays,
  refuseScreeningStep,
  refuseSubmission,
  type DeclineReason,
  type ScreeningStep,
} from "~/domain/collection";
import * as campaigns from "~/data/campaigns.server";
import { outsideTransaction, type Tx } from "~/data/transaction.server";
import { activeDeputies } from "~/data/deputies.server";
import * as sessions from "~/data/sessions.server";
import type { CandidateInput } from "~/schemas/candidate";
import type { CampaignInput, ClerkProposalInput, PublicProposalInput } from "~/schemas/collection";
import { isoDay } from "~/utils/format";
import { auditedChange } from "./audited-change.server";
import { toCandidateRow } from "./congress-session.server";
import { failedAttempts } from "./failed-attempts.server";
import { sha256 } from "./receipt.server";
import { refuse, Refusal, type Actor } from "./refusal";

/** The most proposals that may wait for moderation in one campaign: past it, the form pauses. */
export const PENDING_LIMIT = 2000;

function today(): string {
  return isoDay(new Date());
}

/** What a proposal says, with who made it. */
function proposalFields(
  input: Pick<PublicProposalInput, "title" | "place" | "reason" | "cost" | "village" | "contact">,
  by: { source: campaigns.ProposalFields["source"]; proposer: string | null; deputyId: number | null },
): campaigns.ProposalFields {
  return {
    ...by,
    title: input.title,
    place: input.place,
    reason: input.reason,
    costCents: input.cost === undefined ? null : Math.round(input.cost * 100),
    village: input.village,
    contact: input.contact,
    fingerprint: proposalFingerprint(input),
  };
}

/** Stores a proposal unless the campaign has one with the same text; returns its number. */
async function storeProposal(tx: Tx, campaignId: number, fields: campaigns.ProposalFields, status: "pending" | "admitted"): Promise<number> {
  const same = await campaigns.sameTextAs(tx, campaignId, fields.fingerprint);
  if (same !== null) throw new Refusal({ code: "proposal-duplicate", number: same });
  return campaigns.insertProposal(tx, campaignId, fields, status);
}

// ---------------------------------------------------------------------------------------------
// The campaign

export async function createCampaign(actor: Actor, townshipId: number, year: number, input: CampaignInput) {
  return auditedChange(actor, "campaign.create", {}, async (tx, audit) => {
    refuse(refuseCampaignDays(input.opensOn, input.closesOn));
    if (await campaigns.campaignOf(tx, townshipId, year)) throw new Refusal({ code: "campaign-exists", year });
    const id = await campaigns.insertCampaign(tx, townshipId, year, input);
    await audit({ campaignId: id, townshipId, year, opensOn: input.opensOn, closesOn: input.closesOn });
    return id;
  });
}

export async function updateCampaign(actor: Actor, campaignId: number, input: CampaignInput) {
  return auditedChange(actor, "campaign.update", {}, async (tx, audit) => {
    refuse(refuseCampaignDays(input.opensOn, input.closesOn));
    const campaign = await campaigns.campaignById(tx, campaignId);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    await campaigns.updateCampaign(tx, campaignId, input);
    await audit({ campaignId, opensOn: input.opensOn, closesOn: input.closesOn, channels: input.channels });
  });
}

// ---------------------------------------------------------------------------------------------
// Proposals

export type Submission = { received: true; number: number | null };

/**
 * A resident's proposal from the public form. Refusals (the campaign not open, the same text, the
 * queue full) throw a Refusal for the page to explain. A post with the honeypot filled is answered
 * as received (number null) and stores nothing.
 */
export async function submitProposal(client: { device: string }, campaignId: number, input: PublicProposalInput): Promise<Submission> {
  if (input.website) {
    await failedAttempts.record({ action: "proposal.submit", reason: "honeypot field filled", device: client.device });
    return { received: true, number: null };
  }
  const actor = { actor: "public", device: client.device };
  return auditedChange(actor, "proposal.submit", {}, async (tx, audit) => {
    const campaign = await campaigns.campaignById(tx, campaignId);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    refuse(refuseSubmission(campaign, today()));
    if ((await campaigns.pendingCount(tx, campaignId)) >= PENDING_LIMIT) throw new Refusal({ code: "collection-queue-full", limit: PENDING_LIMIT });
    const number = await storeProposal(tx, campaignId, proposalFields(input, { source: "resident", proposer: null, deputyId: null }), "pending");
    // Neither the text nor the contact: the log says that a proposal arrived, and which.
    await audit({ campaignId, number });
    return { received: true as const, number };
  });
}

/**
 * 代表提交链接: a fresh link for each deputy of the township's roster, shown once (the printed sheet);
 * only their hashes are kept, and a new sheet replaces the old links. Until the list is approved.
 */
export async function issueProposalLinks(actor: Actor, campaignId: number) {
  return auditedChange(actor, "campaign.links", {}, async (tx, audit) => {
    const campaign = await campaigns.campaignById(tx, campaignId);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    if (campaign.approvedOn) throw new Refusal({ code: "campaign-approved" });
    const deputies = await activeDeputies(campaign.townshipId, tx);
    if (deputies.length === 0) throw new Refusal({ code: "no-roster" });
    const links = deputies.map((deputy) => ({ deputyId: deputy.id, name: deputy.name, key: randomBytes(18).toString("base64url") }));
    await campaigns.replaceLinks(
      tx,
      campaignId,
      links.map((link) => ({ deputyId: link.deputyId, keyHash: sha256(`proposal-link|${link.key}`) })),
    );
    await audit({ campaignId, deputies: links.length });
    return links;
  });
}

/** The deputy whose link `key` is, for the form to greet; null for a key of no link of this campaign. */
export async function deputyOfLink(campaignId: number, key: string): Promise<{ id: number; name: string } | null> {
  const deputyId = await campaigns.linkDeputy(outsideTransaction, campaignId, sha256(`proposal-link|${key}`));
  if (deputyId === null) return null;
  const campaign = await campaigns.campaignById(outsideTransaction, campaignId);
  const deputy = campaign && (await activeDeputies(campaign.townshipId)).find((row) => row.id === deputyId);
  return deputy ? { id: deputy.id, name: deputy.name } : null;
}

/** A deputy's proposal through their own link: taken in at once (the link says who), while the campaign is open. */
export async function submitDeputyProposal(client: { device: string }, campaignId: number, key: string, input: PublicProposalInput): Promise<Submission> {
  const deputy = await deputyOfLink(campaignId, key);
  const actor = { actor: deputy ? `deputy:${deputy.id}` : "public", device: client.device };
  return auditedChange(actor, "proposal.submit", {}, async (tx, audit) => {
    if (!deputy) throw new Refusal({ code: "proposal-link-invalid" });
    const campaign = await campaigns.campaignById(tx, campaignId);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    refuse(refuseSubmission(campaign, today()));
    const number = await storeProposal(tx, campaignId, proposalFields(input, { source: "deputy", proposer: deputy.name, deputyId: deputy.id }), "admitted");
    await audit({ campaignId, number, source: "deputy" });
    return { received: true as const, number };
  });
}

/**
 * A proposal the clerk enters (a deputy's, the government's, a village committee's, or one collected
 * at a liaison station): taken in at once, into screening. Allowed until the list is approved.
 */
export async function enterProposal(actor: Actor, campaignId: number, input: ClerkProposalInput) {
  return auditedChange(actor, "campaign.proposal-enter", {}, async (tx, audit) => {
    const campaign = await campaigns.campaignById(tx, campaignId);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    if (campaign.approvedOn) throw new Refusal({ code: "campaign-approved" });
    let proposer = input.proposer;
    if (input.source === "deputy") {
      const deputy = (await activeDeputies(campaign.townshipId, tx)).find((row) => row.id === input.deputyId);
      if (!deputy) throw new Refusal({ code: "deputy-not-active" });
      proposer = deputy.name;
    }
    const deputyId = input.source === "deputy" ? (input.deputyId ?? null) : null;
    const number = await storeProposal(tx, campaignId, proposalFields(input, { source: input.source, proposer, deputyId }), "admitted");
    await audit({ campaignId, number, source: input.source });
    return number;
  });
}

async function loadForStep(tx: Tx, campaignId: number, number: number, step: ScreeningStep) {
  const campaign = await campaigns.campaignById(tx, campaignId);
  if (!campaign) throw new Refusal({ code: "campaign-not-found" });
  const proposal = await campaigns.proposalByNumber(tx, campaignId, number);
  if (!proposal) throw new Refusal({ code: "proposal-not-found" });
  refuse(refuseScreeningStep(step, proposal.status, campaign.approvedOn !== null));
  return { campaign, proposal };
}

async function applyScreening(tx: Tx, campaignId: number, proposal: campaigns.ProposalRecord, outcome: campaigns.ScreeningOutcome) {
  if (!(await campaigns.setScreening(tx, proposal.id, proposal.status, outcome))) throw new Refusal({ code: "proposal-changed-meanwhile" });
  // A proposal moved out of a project of its own leaves that project empty: it leaves the pool.
  if (proposal.projectId !== null) await campaigns.dropEmptyProjects(tx, campaignId);
}

/** 受理 / 不予受理 a proposal from the public form. */
export async function moderateProposal(actor: Actor, campaignId: number, number: number, step: "admit" | "remove") {
  return auditedChange(actor, "campaign.moderate", {}, async (tx, audit) => {
    const { proposal } = await loadForStep(tx, campaignId, number, step);
    await applyScreening(tx, campaignId, proposal, { status: step === "admit" ? "admitted" : "removed" });
    await audit({ campaignId, number, step });
  });
}

/** 纳入项目库 as a project of its own, written as the screening put it. */
export async function poolProposal(actor: Actor, campaignId: number, number: number, project: CandidateInput) {
  return auditedChange(actor, "campaign.screen", {}, async (tx, audit) => {
    const { proposal } = await loadForStep(tx, campaignId, number, "pool");
    const created = await campaigns.insertPoolProject(tx, campaignId, toCandidateRow(project));
    await applyScreening(tx, campaignId, proposal, { status: "pooled", projectId: created.id });
    await audit({ campaignId, number, step: "pool", projectNumber: created.number });
    return created;
  });
}

/** 合并: the proposal joins a project already in the pool. */
export async function mergeProposal(actor: Actor, campaignId: number, number: number, projectId: number) {
  return auditedChange(actor, "campaign.screen", {}, async (tx, audit) => {
    const { proposal } = await loadForStep(tx, campaignId, number, "merge");
    const project = (await campaigns.poolOf(tx, campaignId)).find((row) => row.id === projectId);
    if (!project) throw new Refusal({ code: "pool-project-not-found" });
    await applyScreening(tx, campaignId, proposal, { status: "pooled", projectId });
    await audit({ campaignId, number, step: "merge", projectNumber: project.number });
    return project;
  });
}

export async function declineProposal(actor: Actor, campaignId: number, number: number, reason: DeclineReason, note: string | null) {
  return auditedChange(actor, "campaign.screen", {}, async (tx, audit) => {
    const { proposal } = await loadForStep(tx, campaignId, number, "decline");
    await applyScreening(tx, campaignId, proposal, { status: "declined", declineReason: reason, declineNote: note });
    await audit({ campaignId, number, step: "decline", reason });
  });
}

/** 审定: the Party committee's approval of the candidate list, from the pool. */
export async function approveCandidates(actor: Actor, campaignId: number, approval: { approvedOn: string; approvalDocNo: string; projectIds: number[] }) {
  return auditedChange(actor, "campaign.approve", {}, async (tx, audit) => {
    const campaign = await campaigns.campaignById(tx, campaignId);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    const [proposals, pool] = await Promise.all([campaigns.proposalsOf(tx, campaignId), campaigns.poolOf(tx, campaignId)]);
    const chosen = new Set(approval.projectIds);
    if (approval.projectIds.some((id) => !pool.some((project) => project.id === id))) throw new Refusal({ code: "pool-project-not-found" });
    const funnel = funnelOf(proposals, []);
    refuse(
      refuseApproval({
        phase: campaignPhase(campaign, today()),
        unscreened: funnel.pending + funnel.unscreened,
        approvedProjects: chosen.size,
        onSlate: pool.filter((project) => project.onSlateOf.length > 0).length,
      }),
    );
    const count = await campaigns.recordApproval(tx, campaignId, { ...approval, projectIds: [...chosen] });
    await audit({ campaignId, approvedOn: approval.approvedOn, approvalDocNo: approval.approvalDocNo, projects: count });
    return count;
  });
}

/** 从项目库选入: approved projects of the township's campaign of the session's year go on the slate. */
export async function addCandidatesFromPool(actor: Actor, sessionId: number, projectIds: number[]) {
  return auditedChange(actor, "slate.add", { sessionId }, async (tx, audit) => {
    const header = await sessions.sessionHeader(sessionId, tx);
    if (!header) throw new Refusal({ code: "session-not-found" });
    const campaign = await campaigns.campaignOf(tx, header.township.id, header.year);
    if (!campaign) throw new Refusal({ code: "campaign-not-found" });
    const pool = await campaigns.poolOf(tx, campaign.id);
    const slate = await sessions.candidates(sessionId, tx);
    const names = new Set(slate.map((candidate) => candidate.name));
    const chosen = [...new Set(projectIds)].map((id) => {
      const project = pool.find((row) => row.id === id);
      if (!project) throw new Refusal({ code: "pool-project-not-found" });
      if (!project.approved || !campaign.approvedOn) throw new Refusal({ code: "pool-project-not-approved", name: project.name });
      if (project.onSlateOf.includes(sessionId)) throw new Refusal({ code: "pool-project-on-slate", name: project.name });
      if (names.has(project.name)) throw new Refusal({ code: "candidate-on-slate", name: project.name });
      return project;
    });
    await sessions.appendCandidates(
      tx,
      sessionId,
      chosen.map((project) => ({
        name: project.name,
        content: project.content,
        investmentCents: project.investmentCents,
        fundingSource: project.fundingSource,
        plannedCompletion: project.plannedCompletion,
        responsibleUnit: project.responsibleUnit,
        poolProjectId: project.id,
      })),
    );
    await audit({ source: "pool", count: chosen.length, names: chosen.map((project) => project.name) });
    return chosen.length;
  });
}
