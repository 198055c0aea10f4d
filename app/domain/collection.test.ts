import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addFunnels,
  campaignPhase,
  funnelOf,
  MAX_CAMPAIGN_DAYS,
  proposalFingerprint,
  proposalsPerSelected,
  refuseApproval,
  refuseCampaignDays,
  refuseScreeningStep,
  refuseSubmission,
  type ProposalStatus,
  type ScreeningStep,
} from "./collection";

describe("campaignPhase and refuseSubmission", () => {
  const campaign = { opensOn: "2026-11-01", closesOn: "2026-11-30" };
  it.each([
    ["2026-10-31", "upcoming"],
    ["2026-11-01", "open"],
    ["2026-11-30", "open"],
    ["2026-12-01", "closed"],
  ] as const)("on %s the campaign is %s (both days included)", (today, phase) => {
    expect(campaignPhase(campaign, today)).toBe(phase);
    expect(refuseSubmission(campaign, today)).toEqual(phase === "open" ? null : { code: "campaign-not-open", phase, ...campaign });
  });
});

describe("refuseCampaignDays", () => {
  it("takes one day up to half a year, and no more", () => {
    expect(refuseCampaignDays("2026-01-01", "2026-01-01")).toBeNull();
    expect(refuseCampaignDays("2026-01-02", "2026-01-01")).toMatchObject({ code: "campaign-days", days: 0 });
    // 2026-01-01 … 2026-07-02 is 183 days; one more is refused.
    expect(refuseCampaignDays("2026-01-01", "2026-07-02")).toBeNull();
    expect(refuseCampaignDays("2026-01-01", "2026-07-03")).toEqual({
      code: "campaign-days",
      opensOn: "2026-01-01",
      closesOn: "2026-07-03",
      days: 184,
      max: MAX_CAMPAIGN_DAYS,
    });
    // Across a leap day.
    expect(refuseCampaignDays("2028-02-28", "2028-03-01")).toBeNull();
  });
});

describe("proposalFingerprint", () => {
  const base = { title: "修建张家组通组公路", place: "李家村张家组", reason: "雨天泥泞，学生上学不便。" };
  it("is the same text whatever the spacing, punctuation, width or case", () => {
    const variants = [
      { title: " 修建 张家组 通组公路 ", place: "李家村 张家组", reason: "雨天泥泞 学生上学不便" },
      { title: "修建张家组通组公路！！", place: "李家村、张家组", reason: "雨天泥泞,学生上学不便." },
      { title: "修建张家组通组公路\u200b", place: "李家村张家组", reason: "雨天泥泞\n学生上学不便～" },
    ];
    for (const variant of variants) expect(proposalFingerprint(variant)).toBe(proposalFingerprint(base));
    expect(proposalFingerprint({ ...base, title: "ＡＢＣ１２３" })).toBe(proposalFingerprint({ ...base, title: "abc123" }));
  });
  it("tells different words, and the same words in different fields, apart", () => {
    expect(proposalFingerprint({ ...base, place: "李家村王家组" })).not.toBe(proposalFingerprint(base));
    expect(proposalFingerprint({ title: "ab", place: "c", reason: "d" })).not.toBe(proposalFingerprint({ title: "a", place: "bc", reason: "d" }));
  });
});

describe("refuseScreeningStep", () => {
  const STATUSES: ProposalStatus[] = ["pending", "removed", "admitted", "pooled", "declined"];
  const ALLOWED: Record<ScreeningStep, ProposalStatus[]> = {
    admit: ["pending"],
    remove: ["pending"],
    pool: ["admitted", "pooled", "declined"],
    merge: ["admitted", "pooled", "declined"],
    decline: ["admitted", "pooled", "declined"],
  };
  it("allows each step from exactly its statuses, and nothing once the list is approved", () => {
    for (const [step, allowed] of Object.entries(ALLOWED) as Array<[ScreeningStep, ProposalStatus[]]>) {
      for (const status of STATUSES) {
        expect(refuseScreeningStep(step, status, false), `${step} from ${status}`).toEqual(
          allowed.includes(status) ? null : { code: "proposal-step-not-allowed", step, status },
        );
        expect(refuseScreeningStep(step, status, true)).toEqual({ code: "campaign-approved" });
      }
    }
  });
});

describe("refuseApproval", () => {
  const ready = { phase: "closed" as const, unscreened: 0, approvedProjects: 3, onSlate: 0 };
  it("needs a closed campaign, everything screened, one project at least, and no project on a slate yet", () => {
    expect(refuseApproval(ready)).toBeNull();
    expect(refuseApproval({ ...ready, phase: "open" })).toEqual({ code: "campaign-still-open" });
    expect(refuseApproval({ ...ready, unscreened: 1 })).toEqual({ code: "proposals-unscreened", count: 1 });
    expect(refuseApproval({ ...ready, approvedProjects: 0 })).toEqual({ code: "no-approved-projects" });
    expect(refuseApproval({ ...ready, onSlate: 1 })).toEqual({ code: "approval-on-slate", count: 1 });
  });
});

describe("funnelOf", () => {
  it("counts the published example: 37 proposals → 12 candidates → 10 selected", () => {
    const proposals = [
      ...Array.from({ length: 30 }, () => ({ status: "pooled" as const })),
      ...Array.from({ length: 7 }, () => ({ status: "declined" as const })),
      { status: "removed" as const },
      { status: "pending" as const },
    ];
    const projects = Array.from({ length: 14 }, (_, i) => ({ approved: i < 12, selected: i < 10 }));
    const funnel = funnelOf(proposals, projects);
    expect(funnel).toEqual({ received: 37, pending: 1, removed: 1, unscreened: 0, declined: 7, pooled: 14, candidates: 12, selected: 10 });
    expect(proposalsPerSelected(funnel)).toBeCloseTo(3.7);
    expect(proposalsPerSelected({ ...funnel, selected: 0 })).toBeNull();
  });

  it("never counts a selected project that was not approved", () => {
    expect(funnelOf([{ status: "pooled" }], [{ approved: false, selected: true }]).selected).toBe(0);
  });

  // Pooled proposals weigh more, so that projects (and selections) are common.
  const statuses = fc.oneof(
    { arbitrary: fc.constantFrom<ProposalStatus>("pending", "removed", "admitted", "declined"), weight: 1 },
    { arbitrary: fc.constant<ProposalStatus>("pooled"), weight: 2 },
  );
  const world = fc.array(statuses, { maxLength: 60 }).chain((list) => {
    const pooled = list.filter((status) => status === "pooled").length;
    // Each project holds one or more pooled proposals: at most as many projects as pooled proposals.
    return fc.tuple(fc.constant(list), fc.array(fc.record({ approved: fc.boolean(), selected: fc.boolean() }), { maxLength: pooled }));
  });

  it("shrinks at every step: received ≥ pooled ≥ candidates ≥ selected, and its parts add up", () => {
    let reachedSelection = 0;
    fc.assert(
      fc.property(world, ([list, projects]) => {
        const funnel = funnelOf(
          list.map((status) => ({ status })),
          projects,
        );
        if (funnel.selected > 0) reachedSelection++;
        expect(funnel.received).toBeGreaterThanOrEqual(funnel.pooled);
        expect(funnel.pooled).toBeGreaterThanOrEqual(funnel.candidates);
        expect(funnel.candidates).toBeGreaterThanOrEqual(funnel.selected);
        expect(funnel.received + funnel.pending + funnel.removed).toBe(list.length);
        expect(funnel.unscreened + funnel.declined).toBeLessThanOrEqual(funnel.received);
      }),
      { numRuns: 300 },
    );
    // The generator reaches the interesting case, not only empty funnels.
    expect(reachedSelection).toBeGreaterThan(40);
  });

  it("adds funnels field by field", () => {
    fc.assert(
      fc.property(fc.array(world, { maxLength: 6 }), (worlds) => {
        const funnels = worlds.map(([list, projects]) =>
          funnelOf(
            list.map((status) => ({ status })),
            projects,
          ),
        );
        const all = funnelOf(
          worlds.flatMap(([list]) => list.map((status) => ({ status }))),
          worlds.flatMap(([, projects]) => projects),
        );
        expect(addFunnels(funnels)).toEqual(all);
      }),
    );
  });
});
