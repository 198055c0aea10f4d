/**
 * The collection (征集) as the monitor shows it: a campaign's proposals entered, screened, merged and
 * declined, the candidate list approved, the slate taken from the pool and voted on, all through the
 * services; a second township's campaign still open, with a proposal from the public form. Then the
 * figures are read back for the township, its county, its city and the province, and from the exports.
 */
import { describe, expect, it } from "vitest";
import { townshipByCode } from "~/data/deputies.server";
import { candidates } from "~/data/sessions.server";
import type { ClerkProposalInput } from "~/schemas/collection";
import { isoDay } from "~/utils/format";
import { candidateInput, checkIn, clerk, sessionWithDeputies, tablet } from "../../tests/factories/session";
import {
  addCandidatesFromPool,
  approveCandidates,
  createCampaign,
  declineProposal,
  enterProposal,
  mergeProposal,
  poolProposal,
  submitProposal,
} from "./collection.server";
import { chooseTellers, closeRound, confirmRound, openRound, prepareRound, publishRound } from "./congress-session.server";
import { exportList, monitorTables, tableCsv } from "./monitor-exports.server";
import { monitorArea } from "./monitor-views.server";
import { newBallotKey } from "./receipt.server";
import { castBallot } from "./voting.server";

const CAMPAIGN = {
  title: "2026年民生实事项目征集",
  callText: "欢迎广大群众和代表提出2026年民生实事项目建议。",
  channels: ["online", "deputies"] as Array<"online" | "deputies">,
};

function proposal(i: number, source: ClerkProposalInput["source"], extra: Partial<ClerkProposalInput> = {}): ClerkProposalInput {
  return {
    title: `第${i}号建议：修建村组道路`,
    place: `第${i}村民小组`,
    reason: `群众出行不便，第${i}条建议的理由。`,
    source,
    proposer: source === "government" ? "镇农业综合服务中心" : source === "village" ? "某村村民委员会" : null,
    village: null,
    contact: null,
    ...extra,
  };
}

const day = (offsetDays: number) => isoDay(new Date(Date.now() + offsetDays * 86_400_000));

describe("the monitor's collection figures", () => {
  it("count the campaigns, the proposals by source and the funnel at township, county, city and province level", async () => {
    const before = (await monitorArea("430121", 2026, [2026], null, null))!;
    expect(before.collection.totals).toMatchObject({ campaigns: 0, covered: 0, coverage: 0 });

    // 黄兴镇: a closed campaign, six proposals, four pool projects, three approved, two selected.
    const a = await sessionWithDeputies(5);
    const campaignA = await createCampaign(clerk, a.townshipId, 2026, { ...CAMPAIGN, opensOn: "2025-11-01", closesOn: "2025-11-30" });
    await enterProposal(clerk, campaignA, proposal(1, "deputy", { deputyId: a.deputyIds[0]! }));
    await enterProposal(clerk, campaignA, proposal(2, "deputy", { deputyId: a.deputyIds[1]! }));
    await enterProposal(clerk, campaignA, proposal(3, "resident"));
    await enterProposal(clerk, campaignA, proposal(4, "resident"));
    await enterProposal(clerk, campaignA, proposal(5, "government"));
    await enterProposal(clerk, campaignA, proposal(6, "village"));
    const p1 = await poolProposal(clerk, campaignA, 1, candidateInput(1));
    const p2 = await poolProposal(clerk, campaignA, 2, candidateInput(2));
    await mergeProposal(clerk, campaignA, 3, p1.id);
    const p3 = await poolProposal(clerk, campaignA, 4, candidateInput(3));
    await declineProposal(clerk, campaignA, 5, "too-costly", null);
    await poolProposal(clerk, campaignA, 6, candidateInput(4));
    await approveCandidates(clerk, campaignA, { approvedOn: "2025-12-05", approvalDocNo: "黄兴党发〔2025〕12号", projectIds: [p1.id, p2.id, p3.id] });

    const approvedOnly = (await monitorArea("430121", 2026, [2026], null, null))!;
    expect(approvedOnly.collection.totals.funnel).toMatchObject({ received: 6, pooled: 4, candidates: 3, selected: 0 });

    // The slate from the pool, two places: the first two projects pass with every vote.
    await addCandidatesFromPool(clerk, a.sessionId, [p1.id, p2.id, p3.id]);
    const slate = (await candidates(a.sessionId)).map((candidate) => candidate.id);
    expect(slate).toHaveLength(3);
    await checkIn(a.sessionId, a.deputyIds);
    await chooseTellers(clerk, a.sessionId, a.deputyIds[0]!, [a.deputyIds[1]!]);
    const roundId = await prepareRound(clerk, a.sessionId, { candidateIds: slate, places: 2, form: "per-project", secret: false, liveResults: false });
    await openRound(clerk, a.sessionId, roundId);
    const passes = await Promise.all(a.deputyIds.map((id) => tablet(a.sessionId, id)));
    const [s1, s2, s3] = slate.map(String) as [string, string, string];
    await Promise.all(passes.map((pass) => castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices: { [s1]: "yes", [s2]: "yes", [s3]: "no" } })));
    await closeRound(clerk, a.sessionId, roundId);
    await confirmRound(await tablet(a.sessionId, a.deputyIds[0]!), "t", roundId);

    // Counted but not published: nothing is selected yet.
    expect((await monitorArea("430121", 2026, [2026], null, null))!.collection.totals.funnel.selected).toBe(0);
    await publishRound(clerk, a.sessionId, roundId);

    // 江背镇: a campaign still open; one proposal entered by the clerk, one from the public form.
    const b = (await townshipByCode("430121104"))!;
    const campaignB = await createCampaign(clerk, b.id, 2026, { ...CAMPAIGN, opensOn: day(-3), closesOn: day(20) });
    await enterProposal(clerk, campaignB, proposal(7, "village"));
    const beforeSubmission = (await monitorArea("430121", 2026, [2026], null, null))!;
    expect(beforeSubmission.collection.totals.funnel.pending).toBe(0);
    await submitProposal({ device: "198.51.100.7 test phone" }, campaignB, {
      title: "村小学门口安装红绿灯",
      place: "江背镇中心小学门口",
      reason: "上学放学时段车辆多，孩子过马路不安全。",
      village: null,
      contact: null,
    });

    // The county: both townships, by township.
    const county = (await monitorArea("430121", 2026, [2026], null, null))!;
    const { totals } = county.collection;
    expect(totals).toMatchObject({ code: "430121", campaigns: 2, covered: 2, approved: 1, register: county.register.count });
    expect(totals.coverage).toBeCloseTo(2 / county.register.count, 10);
    expect(totals.received).toEqual({ resident: 2, deputy: 2, government: 1, village: 2 });
    // The public proposal waits for the clerk (the change feed saw it arrive): pending, not received.
    expect(totals.funnel).toEqual({ received: 7, pending: 1, removed: 0, unscreened: 1, declined: 1, pooled: 4, candidates: 3, selected: 2 });
    expect(county.collection.children).toEqual([]);
    const lines = Object.fromEntries(county.collection.townships.map((line) => [line.code, line]));
    expect(lines["430121102"]!.campaign).toEqual({
      approved: true,
      received: { resident: 2, deputy: 2, government: 1, village: 1 },
      funnel: { received: 6, pending: 0, removed: 0, unscreened: 0, declined: 1, pooled: 4, candidates: 3, selected: 2 },
    });
    expect(lines["430121104"]!.campaign).toMatchObject({ approved: false, funnel: { received: 1, pending: 1, unscreened: 1, pooled: 0 } });
    expect(lines["430121105"]!.campaign).toBeNull();
    expect(county.collection.townships).toHaveLength(county.register.count);

    // The city, by county; the province, by city and by county.
    const city = (await monitorArea("4301", 2026, [2026], null, null))!;
    expect(city.collection.totals.funnel).toEqual(totals.funnel);
    expect(city.collection.children.find((row) => row.code === "430121")).toMatchObject({ campaigns: 2, covered: 2, funnel: totals.funnel });
    expect(city.collection.children.filter((row) => row.code !== "430121").every((row) => row.campaigns === 0)).toBe(true);
    const province = (await monitorArea("43", 2026, [2026], null, null))!;
    expect(province.collection.totals).toMatchObject({ campaigns: 2, covered: 2, register: province.register.count, funnel: totals.funnel });
    expect(province.collection.children.find((row) => row.code === "4301")).toMatchObject({ campaigns: 2, received: totals.received });
    const byCounty = (await monitorArea("43", 2026, [2026], null, null, "county"))!;
    expect(byCounty.collection.children.find((row) => row.code === "430121")).toMatchObject({ campaigns: 2 });
    expect((await monitorArea("430121", 2025, [2025, 2026], null, null))!.collection.totals.campaigns).toBe(0);

    // The exports: the tables the page offers, with the same figures.
    for (const view of [county, city, province]) {
      expect(monitorTables(view).map((table) => table.id)).toEqual(exportList(view).map((table) => table.id));
    }
    const countyTable = monitorTables(county).find((table) => table.id === "collection-townships")!;
    const csv = tableCsv(countyTable);
    expect(
      csv.startsWith(
        "\uFEFF区划代码,乡镇,县市区,征集状态,收到建议·群众,收到建议·人大代表,收到建议·政府部门,收到建议·村（居）委会,收到建议,合并后入库,审定候选,票决选中",
      ),
    ).toBe(true);
    expect(csv).toContain("\r\n430121102,黄兴镇,长沙县,已审定,2,2,1,1,6,4,3,2,0,0,1,0\r\n");
    expect(csv).toContain("\r\n430121104,江背镇,长沙县,已开展，未审定,0,0,0,1,1,0,0,0,1,1,0,0\r\n");
    expect(csv).toContain("\r\n430121105,");
    const cityTable = tableCsv(monitorTables(city).find((table) => table.id === "collection")!);
    expect(cityTable).toContain("\r\n430121,长沙县,");
    expect(cityTable).toMatch(/\r\n4301,长沙市,\d+,2,2,[\d.]+%,1,2,2,1,2,7,4,3,2,1,1,1,0/);
  });
});
