/**
 * 征集与初审 — the rules of a township's collection of project proposals (征集), their screening
 * (初审) and the approval of the candidate list (审定), before the slate goes to the congress.
 *
 * The law sets no procedure here; provincial rules do (e.g. Shaanxi 2025: an assessment and a
 * legality review, no projects that add burdens or debts). What the app holds to: a campaign takes
 * public proposals only between its days; nothing from the public is shown before the clerk admits
 * it; every admitted proposal is screened (pooled, merged into a pooled project, or declined with a
 * reason) before the candidate list is approved; approval freezes the screening; the slate takes
 * only approved projects. So the public funnel is exact: received ≥ pooled ≥ candidates ≥ selected.
 */
import { dayNumber } from "./days";
import type { RefusalReason } from "./refusals";

/** 征集渠道: how a campaign collects. */
export const CHANNELS = ["online", "liaison-station", "deputies", "village-committees", "wechat", "government"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who proposed: a resident (the public form), a deputy, the township government, a village committee. */
export const SOURCES = ["resident", "deputy", "government", "village"] as const;
export type ProposalSource = (typeof SOURCES)[number];

/** 不予采纳的理由. */
export const DECLINE_REASONS = ["out-of-scope", "too-costly", "already-planned", "legality-or-debt", "duplicate"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * pending: from the public, awaiting the clerk (待审核, shown nowhere); removed: not taken in
 * (spam, abuse, not a proposal: 不予受理, shown nowhere); admitted: taken in, awaiting screening
 * (待初审); pooled: in the pool (项目库), as a project of its own or merged into one; declined.
 */
export type ProposalStatus = "pending" | "removed" | "admitted" | "pooled" | "declined";

export type CampaignPhase = "upcoming" | "open" | "closed";

/** Days are Beijing days as YYYY-MM-DD, which compare as strings. */
export function campaignPhase(campaign: { opensOn: string; closesOn: string }, today: string): CampaignPhase {
  if (today < campaign.opensOn) return "upcoming";
  return today > campaign.closesOn ? "closed" : "open";
}

/** A collection runs a few weeks to two months in practice; longer than half a year is a typing mistake. */
export const MAX_CAMPAIGN_DAYS = 183;

export function refuseCampaignDays(opensOn: string, closesOn: string): RefusalReason | null {
  const days = dayNumber(closesOn) - dayNumber(opensOn) + 1;
  if (days < 1 || days > MAX_CAMPAIGN_DAYS) return { code: "campaign-days", opensOn, closesOn, days, max: MAX_CAMPAIGN_DAYS };
  return null;
}

/** The public form takes a proposal only while the campaign is open. */
export function refuseSubmission(campaign: { opensOn: string; closesOn: string }, today: string): RefusalReason | null {
  const phase = campaignPhase(campaign, today);
  if (phase === "open") return null;
  return { code: "campaign-not-open", phase, opensOn: campaign.opensOn, closesOn: campaign.closesOn };
}

/**
 * The same text is the same proposal: compared after Unicode compatibility folding (full-width
 * letters and digits), without case, spaces, punctuation or symbols — what a resident resubmitting,
 * or a script varying only its spacing, changes.
 */
export function proposalFingerprint(proposal: { title: string; place: string; reason: string }): string {
  const fold = (text: string) =>
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}\p{Cc}\p{Cf}]+/gu, "");
  return [proposal.title, proposal.place, proposal.reason].map(fold).join("|");
}

/** A clerk's step on one proposal. */
export type ScreeningStep = "admit" | "remove" | "pool" | "merge" | "decline";

const STEP_FROM: Record<ScreeningStep, readonly ProposalStatus[]> = {
  admit: ["pending"],
  remove: ["pending"],
  // Screening may be revised until the candidate list is approved.
  pool: ["admitted", "pooled", "declined"],
  merge: ["admitted", "pooled", "declined"],
  decline: ["admitted", "pooled", "declined"],
};

export function refuseScreeningStep(step: ScreeningStep, status: ProposalStatus, approved: boolean): RefusalReason | null {
  if (approved) return { code: "campaign-approved" };
  if (!STEP_FROM[step].includes(status)) return { code: "proposal-step-not-allowed", step, status };
  return null;
}

/**
 * 审定 is recorded once the campaign has closed and every proposal taken in has been screened, for a
 * list of at least one pooled project; it can be recorded again (the committee revised its list)
 * until a project of the list has gone on a slate.
 */
export function refuseApproval(input: { phase: CampaignPhase; unscreened: number; approvedProjects: number; onSlate: number }): RefusalReason | null {
  if (input.phase !== "closed") return { code: "campaign-still-open" };
  if (input.unscreened > 0) return { code: "proposals-unscreened", count: input.unscreened };
  if (input.approvedProjects === 0) return { code: "no-approved-projects" };
  if (input.onSlate > 0) return { code: "approval-on-slate", count: input.onSlate };
  return null;
}

/** 收到 N 条 → 合并后 M 项 → 候选 K 项 → 票决选中 S 项, and what is still open. */
export interface Funnel {
  /** Proposals taken in (admitted, pooled or declined): what the public page counts as received. */
  received: number;
  /** From the public, not yet looked at. */
  pending: number;
  /** Not taken in (spam, abuse). */
  removed: number;
  /** Taken in, not yet screened. */
  unscreened: number;
  declined: number;
  /** Projects of the pool (after merging). */
  pooled: number;
  /** Projects on the approved candidate list. */
  candidates: number;
  /** Projects selected by a published vote. */
  selected: number;
}

export interface FunnelProject {
  approved: boolean;
  selected: boolean;
}

export function funnelOf(proposals: ReadonlyArray<{ status: ProposalStatus }>, projects: ReadonlyArray<FunnelProject>): Funnel {
  const count = (status: ProposalStatus) => proposals.filter((proposal) => proposal.status === status).length;
  const unscreened = count("admitted");
  const declined = count("declined");
  return {
    received: unscreened + declined + count("pooled"),
    pending: count("pending"),
    removed: count("removed"),
    unscreened,
    declined,
    pooled: projects.length,
    candidates: projects.filter((project) => project.approved).length,
    // Only approved projects reach a slate, so a selected project is an approved one.
    selected: projects.filter((project) => project.approved && project.selected).length,
  };
}

/** Sums funnels (a county's townships, a city's counties). */
export function addFunnels(funnels: ReadonlyArray<Funnel>): Funnel {
  const total: Funnel = { received: 0, pending: 0, removed: 0, unscreened: 0, declined: 0, pooled: 0, candidates: 0, selected: 0 };
  for (const funnel of funnels) for (const key of Object.keys(total) as Array<keyof Funnel>) total[key] += funnel[key];
  return total;
}

/** How many received proposals stand behind each selected project (null when none was selected). */
export function proposalsPerSelected(funnel: Funnel): number | null {
  return funnel.selected === 0 ? null : funnel.received / funnel.selected;
}
