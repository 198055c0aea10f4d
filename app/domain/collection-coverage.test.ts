import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addFunnels, funnelOf, SOURCES, type ProposalSource, type ProposalStatus } from "./collection";
import { collectionByArea, collectionFunnel, collectionTotals, townshipCollectionLines, type TownshipCollection } from "./collection-coverage";
import type { RegisterTownship } from "./coverage";

function township(id: number, code: string, countyCode = code.slice(0, 6)): RegisterTownship {
  return { id, code, name: `T${id}`, countyCode, cityCode: countyCode.slice(0, 4) };
}

function campaign(
  of: RegisterTownship,
  counts: Partial<Omit<TownshipCollection, "townshipId" | "code" | "name" | "countyCode" | "cityCode">> = {},
): TownshipCollection {
  return {
    townshipId: of.id,
    code: of.code,
    name: of.name,
    countyCode: of.countyCode,
    cityCode: of.cityCode,
    approved: false,
    received: { resident: 0, deputy: 0, government: 0, village: 0 },
    pending: 0,
    removed: 0,
    unscreened: 0,
    declined: 0,
    pooled: 0,
    candidates: 0,
    selected: 0,
    ...counts,
  };
}

const a = township(1, "430121102");
const b = township(2, "430121104");
const c = township(3, "430124101");
const d = township(4, "430203101");

describe("a township's funnel", () => {
  it("counts as received what was taken in, from every source", () => {
    const row = campaign(a, {
      received: { resident: 30, deputy: 12, government: 3, village: 5 },
      pending: 4,
      removed: 2,
      unscreened: 1,
      declined: 9,
      pooled: 14,
      candidates: 10,
      selected: 8,
    });
    expect(collectionFunnel(row)).toEqual({ received: 50, pending: 4, removed: 2, unscreened: 1, declined: 9, pooled: 14, candidates: 10, selected: 8 });
  });
});

describe("an area's collection", () => {
  const register = [a, b, c, d];
  const rows = [
    campaign(a, { approved: true, received: { resident: 20, deputy: 5, government: 1, village: 4 }, declined: 6, pooled: 12, candidates: 10, selected: 8 }),
    campaign(c, { received: { resident: 3, deputy: 2, government: 0, village: 0 }, pending: 7, unscreened: 5 }),
  ];

  it("counts campaigns, the register townships they cover, and adds up the funnels", () => {
    const totals = collectionTotals("4301", "长沙市", register, rows);
    expect(totals).toEqual({
      code: "4301",
      name: "长沙市",
      register: 4,
      campaigns: 2,
      covered: 2,
      coverage: 0.5,
      approved: 1,
      received: { resident: 23, deputy: 7, government: 1, village: 4 },
      funnel: { received: 35, pending: 7, removed: 0, unscreened: 5, declined: 6, pooled: 12, candidates: 10, selected: 8 },
    });
  });

  it("counts the campaign of a township retired since as held, but not as covering the register", () => {
    const totals = collectionTotals("430121", "长沙县", [b], [campaign(a, { received: { resident: 1, deputy: 0, government: 0, village: 0 } })]);
    expect(totals).toMatchObject({ register: 1, campaigns: 1, covered: 0, coverage: 0 });
    expect(totals.funnel.received).toBe(1);
  });

  it("has no coverage for an empty register, and zeros without campaigns", () => {
    const totals = collectionTotals("430102", "芙蓉区", [], []);
    expect(totals.coverage).toBeNull();
    expect(totals.funnel).toEqual(addFunnels([]));
    expect(totals.received).toEqual({ resident: 0, deputy: 0, government: 0, village: 0 });
  });

  it("groups by county and by city", () => {
    const counties = collectionByArea(
      [
        { code: "430121", name: "长沙县" },
        { code: "430124", name: "宁乡市" },
        { code: "430203", name: "芦淞区" },
      ],
      register,
      rows,
      (t) => t.countyCode,
    );
    expect(counties.map((row) => [row.code, row.register, row.campaigns, row.funnel.received, row.funnel.selected])).toEqual([
      ["430121", 2, 1, 30, 8],
      ["430124", 1, 1, 5, 0],
      ["430203", 1, 0, 0, 0],
    ]);
    const cities = collectionByArea(
      [
        { code: "4301", name: "长沙市" },
        { code: "4302", name: "株洲市" },
      ],
      register,
      rows,
      (t) => t.cityCode,
    );
    expect(cities.map((row) => [row.code, row.register, row.covered, row.coverage])).toEqual([
      ["4301", 3, 2, 2 / 3],
      ["4302", 1, 0, 0],
    ]);
  });

  it("lists every register township, then a campaign of a township no longer on the register", () => {
    const lines = townshipCollectionLines([a, b], [campaign(b, { approved: true }), campaign(c)]);
    expect(lines.map((line) => [line.code, line.inRegister, line.campaign?.approved ?? null])).toEqual([
      ["430121102", true, null],
      ["430121104", true, true],
      ["430124101", false, false],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const STATUSES: readonly ProposalStatus[] = ["pending", "removed", "admitted", "pooled", "declined"];
const proposalArb = fc.record({ status: fc.constantFrom(...STATUSES), source: fc.constantFrom<ProposalSource>(...SOURCES) });
const projectArb = fc.record({ approved: fc.boolean(), selected: fc.boolean() });
const campaignArb = fc.record({
  county: fc.constantFrom("430121", "430124", "430203", "430281"),
  approved: fc.boolean(),
  proposals: fc.array(proposalArb, { maxLength: 30 }),
  projects: fc.array(projectArb, { maxLength: 12 }),
});

/** What the data layer counts for a campaign, counted here from its proposals and projects. */
function counted(
  id: number,
  county: string,
  approved: boolean,
  proposals: Array<{ status: ProposalStatus; source: ProposalSource }>,
  projects: Array<{ approved: boolean; selected: boolean }>,
) {
  const received = { resident: 0, deputy: 0, government: 0, village: 0 };
  for (const p of proposals) if (p.status === "admitted" || p.status === "pooled" || p.status === "declined") received[p.source] += 1;
  const count = (status: ProposalStatus) => proposals.filter((p) => p.status === status).length;
  return campaign(township(id, `${county}${String(100 + id).padStart(3, "0")}`, county), {
    approved,
    received,
    pending: count("pending"),
    removed: count("removed"),
    unscreened: count("admitted"),
    declined: count("declined"),
    pooled: projects.length,
    candidates: projects.filter((p) => p.approved).length,
    selected: projects.filter((p) => p.approved && p.selected).length,
  });
}

describe("properties", () => {
  it("a township's counted funnel is funnelOf its proposals and projects; areas add up to the whole", () => {
    let sawSelected = false;
    let sawSeveralCounties = false;
    fc.assert(
      fc.property(fc.array(campaignArb, { maxLength: 20 }), (campaigns) => {
        const rows = campaigns.map((x, i) => counted(i + 1, x.county, x.approved, x.proposals, x.projects));
        campaigns.forEach((x, i) => expect(collectionFunnel(rows[i]!)).toEqual(funnelOf(x.proposals, x.projects)));
        const register = rows.map((row) => township(row.townshipId, row.code, row.countyCode));
        const whole = collectionTotals("43", "湖南省", register, rows);
        const counties = collectionByArea(
          ["430121", "430124", "430203", "430281"].map((code) => ({ code, name: code })),
          register,
          rows,
          (t) => t.countyCode,
        );
        expect(addFunnels(counties.map((row) => row.funnel))).toEqual(whole.funnel);
        expect(counties.reduce((sum, row) => sum + row.campaigns, 0)).toBe(whole.campaigns);
        expect(whole.funnel.received).toBe(SOURCES.reduce((sum, source) => sum + whole.received[source], 0));
        expect(whole.funnel.pooled).toBeGreaterThanOrEqual(whole.funnel.candidates);
        expect(whole.funnel.candidates).toBeGreaterThanOrEqual(whole.funnel.selected);
        expect(whole.covered).toBe(whole.register);
        if (whole.funnel.selected > 0) sawSelected = true;
        if (counties.filter((row) => row.campaigns > 0).length > 1) sawSeveralCounties = true;
      }),
    );
    // The generators reach the interesting cases: selected projects, campaigns in several counties.
    expect(sawSelected).toBe(true);
    expect(sawSeveralCounties).toBe(true);
  });
});
