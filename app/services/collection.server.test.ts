/** The collection's use cases on a real database: the public form's limits, moderation, screening, approval, the slate from the pool, the funnel. */
import { beforeAll, describe, expect, it } from "vitest";
import { addDeputies, activeDeputies, townshipByCode } from "~/data/deputies.server";
import * as campaigns from "~/data/campaigns.server";
import { countyWithTownships } from "~/data/register.server";
import * as sessions from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
import { prisma } from "~/data/sqlite.server";
import { isoDay } from "~/utils/format";
import type { CampaignInput, PublicProposalInput } from "~/schemas/collection";
import { candidateInput, closeAndCount, openRoundForVoting, tablet } from "../../tests/factories/session";
import { newBallotKey } from "./receipt.server";
import { campaignConsoleView, publicCampaignView, slatePoolView } from "./collection-views.server";
import {
  addCandidatesFromPool,
  approveCandidates,
  createCampaign,
  declineProposal,
  deputyOfLink,
  enterProposal,
  issueProposalLinks,
  mergeProposal,
  moderateProposal,
  poolProposal,
  submitDeputyProposal,
  submitProposal,
  updateCampaign,
} from "./collection.server";
import { chooseTellers, confirmRound, createSession, markAttendance, prepareRound, publishRound } from "./congress-session.server";
import { castBallot } from "./voting.server";
import { refusalOf } from "../../tests/factories/refusal";

const clerk = { actor: "clerk:test", device: "127.0.0.1 vitest" };
const day = (offset: number) => isoDay(new Date(Date.now() + offset * 86_400_000));
const openNow = (overrides: Partial<CampaignInput> = {}): CampaignInput => ({
  title: "某镇2026年民生实事项目征集",
  callText: "面向全镇群众公开征集2026年民生实事项目建议。",
  opensOn: day(-10),
  closesOn: day(10),
  channels: ["online", "liaison-station"],
  ...overrides,
});
const idea = (i: number, overrides: Partial<PublicProposalInput> = {}): PublicProposalInput => ({
  title: `修建第${i}组通组公路`,
  place: `某村第${i}组`,
  reason: "雨天泥泞，学生上学不便。",
  cost: undefined,
  village: "某村",
  contact: "13800000000",
  website: undefined,
  ...overrides,
});
const resident = (address: string) => ({ device: `${address} phone` });

let townships: Array<{ id: number; code: string }>;
beforeAll(async () => {
  const county = await countyWithTownships("430181");
  townships = await Promise.all(county!.townships.slice(0, 4).map(async (row) => ({ id: (await townshipByCode(row.code))!.id, code: row.code })));
  expect(townships.length).toBe(4);
});

describe("a campaign", () => {
  it("refuses days that end before they begin or run over half a year, and a second campaign for the year", async () => {
    const township = townships[0]!;
    expect(await refusalOf(createCampaign(clerk, township.id, 2026, openNow({ opensOn: "2026-02-01", closesOn: "2026-01-31" })))).toMatchObject({
      code: "campaign-days",
    });
    expect(await refusalOf(createCampaign(clerk, township.id, 2026, openNow({ opensOn: "2026-01-01", closesOn: "2026-07-03" })))).toMatchObject({
      code: "campaign-days",
      days: 184,
    });
    await createCampaign(clerk, township.id, 2026, openNow({ opensOn: "2026-01-01", closesOn: "2026-07-02" }));
    expect(await refusalOf(createCampaign(clerk, township.id, 2026, openNow()))).toEqual({ code: "campaign-exists", year: 2026 });
    expect(await prisma.campaign.count({ where: { townshipId: township.id } })).toBe(1);
  });
});

describe("the public form", () => {
  let campaignId: number;
  beforeAll(async () => {
    campaignId = await createCampaign(clerk, townships[1]!.id, 2027, openNow());
  });

  it("stores a proposal as pending, numbered, and the same text again is refused however it is spaced", async () => {
    const sent = await submitProposal(resident("10.0.0.1"), campaignId, idea(1));
    expect(sent).toEqual({ received: true, number: 1 });
    const again = idea(1, { title: " 修建 第1组，通组公路！", reason: "雨天泥泞 学生上学不便" });
    expect(await refusalOf(submitProposal(resident("10.0.0.2"), campaignId, again))).toEqual({ code: "proposal-duplicate", number: 1 });
    const stored = await campaigns.proposalsOf(prisma, campaignId);
    expect(stored.map((proposal) => [proposal.number, proposal.status, proposal.source])).toEqual([[1, "pending", "resident"]]);
  });

  it("answers a filled honeypot as received and stores nothing", async () => {
    const before = await prisma.proposal.count({ where: { campaignId } });
    expect(await submitProposal(resident("10.0.0.3"), campaignId, idea(99, { website: "http://spam.example" }))).toEqual({ received: true, number: null });
    expect(await prisma.proposal.count({ where: { campaignId } })).toBe(before);
  });

  it("refuses proposals before the campaign opens and after it closes", async () => {
    const upcoming = await createCampaign(clerk, townships[2]!.id, 2028, openNow({ opensOn: day(3), closesOn: day(20) }));
    expect(await refusalOf(submitProposal(resident("10.0.1.1"), upcoming, idea(1)))).toMatchObject({ code: "campaign-not-open", phase: "upcoming" });
    await updateCampaign(clerk, upcoming, openNow({ opensOn: day(-20), closesOn: day(-1) }));
    expect(await refusalOf(submitProposal(resident("10.0.1.1"), upcoming, idea(1)))).toMatchObject({ code: "campaign-not-open", phase: "closed" });
    expect(await prisma.proposal.count({ where: { campaignId: upcoming } })).toBe(0);
  });
});

describe("from proposals to the notice", () => {
  const DEPUTIES = ["甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七"];
  let townshipId: number;
  let campaignId: number;

  beforeAll(async () => {
    townshipId = townships[3]!.id;
    await inTransaction((tx) => addDeputies(tx, townshipId, DEPUTIES));
    campaignId = await createCampaign(clerk, townshipId, 2026, openNow());
  });

  it("moderates, screens, merges, declines, approves, builds the slate, and the funnel follows the vote", async () => {
    // Four from the public, one from a deputy, one from a village committee.
    for (const i of [1, 2, 3, 4]) await submitProposal(resident(`10.1.0.${i}`), campaignId, idea(i));
    const deputy = (await activeDeputies(townshipId))[0]!;
    const n5 = await enterProposal(clerk, campaignId, { ...idea(5), source: "deputy", deputyId: deputy.id, proposer: null, contact: null, village: null });
    const n6 = await enterProposal(clerk, campaignId, {
      ...idea(6),
      source: "village",
      proposer: "某村村委会",
      deputyId: undefined,
      contact: null,
      village: null,
    });
    expect([n5, n6]).toEqual([5, 6]);

    await moderateProposal(clerk, campaignId, 1, "admit");
    await moderateProposal(clerk, campaignId, 2, "admit");
    await moderateProposal(clerk, campaignId, 3, "admit");
    await moderateProposal(clerk, campaignId, 4, "remove");
    expect(await refusalOf(moderateProposal(clerk, campaignId, 4, "admit"))).toEqual({ code: "proposal-step-not-allowed", step: "admit", status: "removed" });
    expect(await refusalOf(declineProposal(clerk, campaignId, 4, "duplicate", null))).toMatchObject({ code: "proposal-step-not-allowed" });

    const road = await poolProposal(clerk, campaignId, 1, candidateInput(1, { name: "通组公路硬化工程" }));
    await mergeProposal(clerk, campaignId, 2, road.id);
    const water = await poolProposal(clerk, campaignId, 5, candidateInput(2, { name: "安全饮水巩固提升" }));
    // Screened once into a project of its own, then declined: the empty project leaves the pool.
    const lamp = await poolProposal(clerk, campaignId, 6, candidateInput(3, { name: "村道路灯" }));
    await declineProposal(clerk, campaignId, 6, "already-planned", "已列入县交通局计划");
    expect((await campaigns.poolOf(prisma, campaignId)).map((project) => project.id)).not.toContain(lamp.id);

    // Approval: refused while open and while a proposal waits.
    expect(await refusalOf(approveCandidates(clerk, campaignId, { approvedOn: day(0), approvalDocNo: "镇党委〔2026〕1号", projectIds: [road.id] }))).toEqual({
      code: "campaign-still-open",
    });
    await updateCampaign(clerk, campaignId, openNow({ closesOn: day(-1) }));
    expect(await refusalOf(approveCandidates(clerk, campaignId, { approvedOn: day(0), approvalDocNo: "镇党委〔2026〕1号", projectIds: [road.id] }))).toEqual({
      code: "proposals-unscreened",
      count: 1,
    });
    await declineProposal(clerk, campaignId, 3, "too-costly", null);

    // The slate refuses the pool before approval.
    const sessionId = await createSession(clerk, townshipId, {
      title: "第十八届人民代表大会第六次会议",
      meetingDate: new Date("2026-01-15T09:00:00+08:00"),
      place: "镇政府大会议室",
    });
    expect((await slatePoolView(townshipId, 2026, sessionId)).projects).toEqual([]);
    expect(await refusalOf(addCandidatesFromPool(clerk, sessionId, [road.id]))).toEqual({ code: "pool-project-not-approved", name: "通组公路硬化工程" });

    expect(await approveCandidates(clerk, campaignId, { approvedOn: day(0), approvalDocNo: "镇党委〔2026〕1号", projectIds: [road.id, water.id] })).toBe(2);
    expect(await refusalOf(declineProposal(clerk, campaignId, 1, "duplicate", null))).toEqual({ code: "campaign-approved" });
    expect(
      await refusalOf(
        enterProposal(clerk, campaignId, { ...idea(7), source: "government", proposer: "镇政府", deputyId: undefined, contact: null, village: null }),
      ),
    ).toEqual({
      code: "campaign-approved",
    });

    expect((await slatePoolView(townshipId, 2026, sessionId)).projects.map((project) => project.name)).toEqual(["通组公路硬化工程", "安全饮水巩固提升"]);
    expect(await addCandidatesFromPool(clerk, sessionId, [road.id, water.id])).toBe(2);
    expect(await refusalOf(addCandidatesFromPool(clerk, sessionId, [road.id]))).toEqual({ code: "pool-project-on-slate", name: "通组公路硬化工程" });
    expect(await refusalOf(approveCandidates(clerk, campaignId, { approvedOn: day(0), approvalDocNo: "x2", projectIds: [road.id] }))).toEqual({
      code: "approval-on-slate",
      count: 2,
    });
    const slate = await sessions.candidates(sessionId);
    expect(slate.map((candidate) => candidate.poolProjectId)).toEqual([road.id, water.id]);

    let view = await campaignConsoleView(townshipId, 2026);
    expect(view.funnel).toMatchObject({ received: 5, pending: 0, removed: 1, unscreened: 0, declined: 2, pooled: 2, candidates: 2, selected: 0 });
    expect((await publicCampaignView(townships[3]!.code, 2026))!.results!.voted).toBe(false);

    // The vote: 7 seated, all present; one place: the road passes, water does not.
    const roster = await sessions.roster(sessionId);
    for (const row of roster) await markAttendance(clerk, sessionId, row.deputyId, "present");
    const [roadId, waterId] = slate.map((candidate) => String(candidate.id));
    const roundId = await prepareRound(clerk, sessionId, {
      candidateIds: slate.map((c) => c.id),
      places: 1,
      form: "per-project",
      secret: false,
      liveResults: false,
    });
    await openRoundForVoting(sessionId, roundId, false);
    for (const row of roster) {
      const pass = await tablet(sessionId, row.deputyId);
      await castBallot(pass, "vitest", { roundId, ballotKey: newBallotKey(), choices: { [roadId!]: "yes", [waterId!]: "no" } });
    }
    await closeAndCount(sessionId, roundId);
    await chooseTellers(clerk, sessionId, roster[0]!.deputyId, [roster[1]!.deputyId]);
    await confirmRound(await tablet(sessionId, roster[0]!.deputyId), "t", roundId);
    await publishRound(clerk, sessionId, roundId);

    view = await campaignConsoleView(townshipId, 2026);
    expect(view.funnel).toMatchObject({ received: 5, pooled: 2, candidates: 2, selected: 1 });

    const page = (await publicCampaignView(townships[3]!.code, 2026))!;
    expect(page.phase).toBe("closed");
    expect(page.results!.voted).toBe(true);
    expect(
      page.results!.outcomes.map((row) => [row.number, row.outcome.kind, row.outcome.kind === "pooled" ? row.outcome.selected : row.outcome.reason]),
    ).toEqual([
      [1, "pooled", true],
      [2, "pooled", true],
      [3, "declined", "too-costly"],
      [5, "pooled", false],
      [6, "declined", "already-planned"],
    ]);
    // Never who proposed, nor how to reach them, nor what was removed.
    const json = JSON.stringify(page);
    for (const secret of ["13800000000", "某村村委会", deputy.name, "修建第4组通组公路"]) expect(json).not.toContain(secret);
  });
});

describe("a deputy's own link (代表提交链接)", () => {
  it("takes the deputy's proposal straight into screening, under their name; a new sheet voids the old links; a key of another campaign is no link", async () => {
    const township = townships[2]!;
    await inTransaction((tx) => addDeputies(tx, township.id, ["链一", "链二"]));
    const campaignId = await createCampaign(clerk, township.id, 2026, openNow());
    const other = await createCampaign(clerk, townships[1]!.id, 2026, openNow());
    const first = await issueProposalLinks(clerk, campaignId);
    const mine = first.find((link) => link.name === "链一")!;
    expect(await deputyOfLink(campaignId, mine.key)).toMatchObject({ name: "链一" });
    expect(await deputyOfLink(other, mine.key)).toBeNull();

    const sent = await submitDeputyProposal({ device: "phone" }, campaignId, mine.key, idea(77));
    const stored = (await campaigns.proposalsOf(prisma, campaignId)).find((proposal) => proposal.number === sent.number)!;
    expect(stored).toMatchObject({ source: "deputy", status: "admitted", proposer: "链一", deputyId: mine.deputyId });
    expect(await refusalOf(submitDeputyProposal({ device: "phone" }, other, mine.key, idea(78)))).toEqual({ code: "proposal-link-invalid" });

    // The keys are nowhere in the database, only their hashes.
    const rows = await prisma.proposalLink.findMany({ where: { campaignId } });
    expect(rows).toHaveLength(first.length);
    for (const link of first) expect(JSON.stringify(rows)).not.toContain(link.key);

    await issueProposalLinks(clerk, campaignId);
    expect(await deputyOfLink(campaignId, mine.key)).toBeNull();
    expect(await refusalOf(submitDeputyProposal({ device: "phone" }, campaignId, mine.key, idea(79)))).toEqual({ code: "proposal-link-invalid" });
  });
});
