import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { milestoneState, projectProgress, refusePlan, refuseReport, type PlanInput } from "./implementation";

describe("milestoneState", () => {
  it.each([
    [{ plannedOn: "2026-03-01", reachedOn: null }, "2026-03-01", { state: "pending" }],
    [{ plannedOn: "2026-03-01", reachedOn: null }, "2026-03-02", { state: "overdue", daysLate: 1 }],
    [{ plannedOn: "2026-02-28", reachedOn: null }, "2026-03-01", { state: "overdue", daysLate: 1 }],
    [{ plannedOn: "2028-02-28", reachedOn: null }, "2028-03-01", { state: "overdue", daysLate: 2 }],
    [{ plannedOn: "2026-03-01", reachedOn: "2026-03-01" }, "2026-09-01", { state: "on-time", reachedOn: "2026-03-01" }],
    [{ plannedOn: "2026-03-01", reachedOn: "2026-02-20" }, "2026-09-01", { state: "on-time", reachedOn: "2026-02-20" }],
    [{ plannedOn: "2026-03-01", reachedOn: "2026-03-16" }, "2026-09-01", { state: "late", reachedOn: "2026-03-16", daysLate: 15 }],
    [{ plannedOn: "2026-12-31", reachedOn: null }, "2027-01-01", { state: "overdue", daysLate: 1 }],
  ] as const)("%o on %s is %o", (milestone, today, state) => {
    expect(milestoneState(milestone, today)).toEqual(state);
  });

  it("counts the days late as the calendar does, however far apart", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), (a, b) => {
        const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const state = milestoneState({ plannedOn: day(a), reachedOn: null }, day(b));
        expect(state).toEqual(b > a ? { state: "overdue", daysLate: b - a } : { state: "pending" });
      }),
    );
  });
});

describe("refusePlan", () => {
  const plan: PlanInput = {
    budgetCents: 12_000,
    plannedStart: "2026-02-01",
    plannedCompletion: "2026-11-30",
    milestones: [
      { kind: "approval", name: null, plannedOn: "2026-02-01" },
      { kind: "completion", name: null, plannedOn: "2026-11-30" },
    ],
  };
  it("takes a plan from the notice's day on", () => {
    expect(refusePlan(plan, "2026-01-20")).toBeNull();
    expect(refusePlan({ ...plan, plannedStart: "2026-01-20", milestones: [{ kind: "start", name: null, plannedOn: "2026-01-20" }] }, "2026-01-20")).toBeNull();
  });
  it("refuses days before the notice, an end before the start, no milestone, an unnamed custom milestone", () => {
    expect(refusePlan({ ...plan, plannedStart: "2026-01-19" }, "2026-01-20")).toEqual({
      code: "plan-before-vote",
      day: "2026-01-19",
      votedOn: "2026-01-20",
    });
    expect(refusePlan({ ...plan, milestones: [{ kind: "tender", name: null, plannedOn: "2026-01-01" }] }, "2026-01-20")).toMatchObject({
      code: "plan-before-vote",
    });
    expect(refusePlan({ ...plan, plannedCompletion: "2026-01-31" }, "2026-01-20")).toEqual({
      code: "plan-ends-before-start",
      start: "2026-02-01",
      completion: "2026-01-31",
    });
    expect(refusePlan({ ...plan, milestones: [] }, "2026-01-20")).toEqual({ code: "plan-without-milestones" });
    expect(refusePlan({ ...plan, milestones: [...plan.milestones, { kind: "custom", name: null, plannedOn: "2026-05-01" }] }, "2026-01-20")).toEqual({
      code: "milestone-unnamed",
      position: 3,
    });
  });
});

describe("refuseReport", () => {
  const context = { votedOn: "2026-01-20", today: "2026-06-30", lastProgress: 40 };
  it("takes a report between the notice and today whose progress does not go back", () => {
    expect(refuseReport({ reportedOn: "2026-01-20", progress: 40, spentCents: 0 }, context)).toBeNull();
    expect(refuseReport({ reportedOn: "2026-06-30", progress: 100, spentCents: 0 }, context)).toBeNull();
    expect(refuseReport({ reportedOn: "2026-03-01", progress: 0, spentCents: 0 }, { ...context, lastProgress: null })).toBeNull();
  });
  it("refuses a day before the notice or after today, a progress outside 0–100 or below the last", () => {
    expect(refuseReport({ reportedOn: "2026-01-19", progress: 50, spentCents: 0 }, context)).toMatchObject({ code: "report-before-vote" });
    expect(refuseReport({ reportedOn: "2026-07-01", progress: 50, spentCents: 0 }, context)).toEqual({ code: "report-in-future", day: "2026-07-01" });
    expect(refuseReport({ reportedOn: "2026-05-01", progress: 101, spentCents: 0 }, context)).toEqual({ code: "progress-out-of-range", progress: 101 });
    expect(refuseReport({ reportedOn: "2026-05-01", progress: -1, spentCents: 0 }, { ...context, lastProgress: null })).toMatchObject({
      code: "progress-out-of-range",
    });
    expect(refuseReport({ reportedOn: "2026-05-01", progress: 39, spentCents: 0 }, context)).toEqual({ code: "progress-went-back", progress: 39, last: 40 });
  });
});

describe("projectProgress", () => {
  const milestones = [
    { plannedOn: "2026-03-01", reachedOn: "2026-03-01" },
    { plannedOn: "2026-05-01", reachedOn: null },
    { plannedOn: "2026-06-01", reachedOn: null },
    { plannedOn: "2026-12-01", reachedOn: null },
  ];
  it("takes the latest report, and counts the overdue milestones and the most days late", () => {
    const reports = [
      { reportedOn: "2026-06-20", progress: 60, spentCents: 7_000 },
      { reportedOn: "2026-04-01", progress: 20, spentCents: 2_000 },
    ];
    expect(projectProgress(milestones, reports, "2026-06-30")).toEqual({ state: "in-progress", progress: 60, spentCents: 7_000, overdue: 2, mostDaysLate: 60 });
  });
  it("is not started without a report or a milestone reached, completed at 100 %", () => {
    expect(projectProgress([{ plannedOn: "2026-09-01", reachedOn: null }], [], "2026-06-30")).toEqual({
      state: "not-started",
      progress: 0,
      spentCents: 0,
      overdue: 0,
      mostDaysLate: 0,
    });
    expect(projectProgress(milestones, [{ reportedOn: "2026-11-01", progress: 100, spentCents: 12_000 }], "2026-11-02").state).toBe("completed");
  });
});
