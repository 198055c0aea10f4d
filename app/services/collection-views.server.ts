/** What the collection's pages show: the clerk's campaign console, the public campaign page, and the slate's pool. */
import { campaignPhase, funnelOf, type DeclineReason, type Funnel } from "~/domain/collection";
import * as campaigns from "~/data/campaigns.server";
import { activeDeputies, townshipByCode } from "~/data/deputies.server";
import { outsideTransaction as db } from "~/data/transaction.server";
import { qrSvg } from "~/utils/qr";
import { isoDay } from "~/utils/format";

function today(): string {
  return isoDay(new Date());
}

function funnelFrom(proposals: campaigns.ProposalRecord[], pool: campaigns.PoolProjectRecord[], selected: ReadonlySet<number>): Funnel {
  return funnelOf(
    proposals,
    pool.map((project) => ({ approved: project.approved, selected: selected.has(project.id) })),
  );
}

export type ConsoleProposal = Omit<campaigns.ProposalRecord, "projectId"> & { projectNumber: number | null };

/** The clerk's page of a township's campaign of a year (null campaign: none yet). */
export async function campaignConsoleView(townshipId: number, year: number) {
  const campaign = await campaigns.campaignOf(db, townshipId, year);
  const deputies = (await activeDeputies(townshipId)).map((deputy) => ({ id: deputy.id, name: deputy.name }));
  if (!campaign)
    return {
      campaign: null,
      phase: null,
      proposals: [] as ConsoleProposal[],
      pool: [] as campaigns.PoolProjectRecord[],
      funnel: null,
      deputies,
      today: today(),
    };
  const [proposals, pool, { selected }] = await Promise.all([
    campaigns.proposalsOf(db, campaign.id),
    campaigns.poolOf(db, campaign.id),
    campaigns.votedProjects(db, campaign.id),
  ]);
  const projectNumber = new Map(pool.map((project) => [project.id, project.number]));
  return {
    campaign,
    phase: campaignPhase(campaign, today()),
    proposals: proposals.map(({ projectId, ...proposal }) => ({
      ...proposal,
      projectNumber: projectId === null ? null : (projectNumber.get(projectId) ?? null),
    })),
    pool,
    funnel: funnelFrom(proposals, pool, selected),
    deputies,
    today: today(),
  };
}

/** One proposal and the pool, for its screening page. */
export async function screeningView(campaignId: number, number: number) {
  const campaign = await campaigns.campaignById(db, campaignId);
  if (!campaign) return null;
  const proposal = await campaigns.proposalByNumber(db, campaignId, number);
  if (!proposal) return null;
  const pool = await campaigns.poolOf(db, campaignId);
  return { campaign, proposal, pool, project: pool.find((project) => project.id === proposal.projectId) ?? null };
}

export type PublicOutcome =
  | { kind: "pooled"; project: string; mergedWith: number[]; candidate: boolean; selected: boolean | null }
  | { kind: "declined"; reason: DeclineReason; note: string | null };

export interface PublicCampaignView {
  township: { code: string; name: string; countyName: string; cityName: string };
  campaign: Pick<campaigns.CampaignRecord, "year" | "title" | "callText" | "opensOn" | "closesOn" | "channels" | "approvedOn" | "approvalDocNo">;
  phase: ReturnType<typeof campaignPhase>;
  /** After the campaign closes only. */
  results: null | {
    funnel: Funnel;
    voted: boolean;
    /** Each proposal taken in and screened, by number: what it asked and what became of it; never who asked. */
    outcomes: Array<{ number: number; title: string; place: string; outcome: PublicOutcome }>;
  };
}

/** The public page of a township's campaign of a year; null when there is none. */
export async function publicCampaignView(code: string, year: number): Promise<PublicCampaignView | null> {
  const township = await townshipByCode(code);
  if (!township) return null;
  const campaign = await campaigns.campaignOf(db, township.id, year);
  if (!campaign) return null;
  const phase = campaignPhase(campaign, today());
  const { year: y, title, callText, opensOn, closesOn, channels, approvedOn, approvalDocNo } = campaign;
  const view: PublicCampaignView = {
    township: { code: township.code, name: township.name, countyName: township.county.name, cityName: township.county.city.name },
    campaign: { year: y, title, callText, opensOn, closesOn, channels, approvedOn, approvalDocNo },
    phase,
    results: null,
  };
  if (phase !== "closed") return view;
  const [proposals, pool, { voted, selected }] = await Promise.all([
    campaigns.proposalsOf(db, campaign.id),
    campaigns.poolOf(db, campaign.id),
    campaigns.votedProjects(db, campaign.id),
  ]);
  const byId = new Map(pool.map((project) => [project.id, project]));
  const outcomes: NonNullable<PublicCampaignView["results"]>["outcomes"] = [];
  for (const proposal of proposals) {
    if (proposal.status === "declined" && proposal.declineReason) {
      outcomes.push({
        number: proposal.number,
        title: proposal.title,
        place: proposal.place,
        outcome: { kind: "declined", reason: proposal.declineReason, note: proposal.declineNote },
      });
    }
    const project = proposal.projectId === null ? undefined : byId.get(proposal.projectId);
    if (proposal.status === "pooled" && project) {
      outcomes.push({
        number: proposal.number,
        title: proposal.title,
        place: proposal.place,
        outcome: {
          kind: "pooled",
          project: project.name,
          mergedWith: project.proposalNumbers.filter((n) => n !== proposal.number),
          candidate: project.approved,
          selected: voted.has(project.id) ? selected.has(project.id) : null,
        },
      });
    }
  }
  view.results = {
    funnel: funnelFrom(proposals, pool, selected),
    voted: voted.size > 0,
    outcomes,
  };
  return view;
}

export interface SlatePool {
  campaign: { approvedOn: string | null; approvalDocNo: string | null } | null;
  projects: Array<{ id: number; number: number; name: string; investmentCents: number; responsibleUnit: string }>;
}

/** The pool's approved projects a session of the township's year may still take, for the slate section. */
export async function slatePoolView(townshipId: number, year: number, sessionId: number): Promise<SlatePool> {
  const campaign = await campaigns.campaignOf(db, townshipId, year);
  if (!campaign) return { campaign: null, projects: [] };
  const pool = await campaigns.poolOf(db, campaign.id);
  return {
    campaign: { approvedOn: campaign.approvedOn, approvalDocNo: campaign.approvalDocNo },
    projects: campaign.approvedOn
      ? pool
          .filter((project) => project.approved && !project.onSlateOf.includes(sessionId))
          .map(({ id, number, name, investmentCents, responsibleUnit }) => ({ id, number, name, investmentCents, responsibleUnit }))
      : [],
  };
}

/** What the public form needs of a township's campaign of a year (not its results); null when there is none. */
export async function campaignFormView(code: string, year: number) {
  const township = await townshipByCode(code);
  const campaign = township && (await campaigns.campaignOf(db, township.id, year));
  if (!township || !campaign) return null;
  return {
    township: { code: township.code, name: township.name },
    campaign: { id: campaign.id, year: campaign.year, opensOn: campaign.opensOn, closesOn: campaign.closesOn },
    phase: campaignPhase(campaign, today()),
  };
}

/** The id of a township's campaign of a year, for the public form's post. */
export async function campaignIdOf(code: string, year: number): Promise<number | null> {
  const township = await townshipByCode(code);
  if (!township) return null;
  return (await campaigns.campaignOf(db, township.id, year))?.id ?? null;
}

/** The A4 poster of a campaign: its call and a QR code of the public form's address (on `publicOrigin`). */
export async function posterView(code: string, year: number, publicOrigin: string) {
  const view = await publicCampaignView(code, year);
  if (!view) return null;
  const url = `${publicOrigin}/campaigns/${code}/${year}/propose`;
  return { township: view.township, campaign: view.campaign, url, qrSvg: qrSvg(url) };
}

/** The links page of a township's campaign of a year: how many links are out, and since when. */
export async function linksView(townshipId: number, year: number) {
  const campaign = await campaigns.campaignOf(db, townshipId, year);
  if (!campaign) return null;
  return { campaignId: campaign.id, approved: campaign.approvedOn !== null, issued: await campaigns.linksIssued(db, campaign.id) };
}

export interface LinkCard {
  name: string;
  url: string;
  qrSvg: string;
}

/** The printed sheet: each deputy's link to the form (on `publicOrigin`) and its QR code. */
export function linkSheet(publicOrigin: string, code: string, year: number, links: Array<{ name: string; key: string }>): LinkCard[] {
  return links.map(({ name, key }) => {
    const url = `${publicOrigin}/campaigns/${code}/${year}/propose?key=${encodeURIComponent(key)}`;
    return { name, url, qrSvg: qrSvg(url) };
  });
}
