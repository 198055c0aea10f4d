import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { implementationByArea, implementationTotals, overdueProjects, projectStanding, type ProjectImplementation } from "./implementation-coverage";

const TODAY = "2026-09-30";

function project(id: number, township: string, extra: Partial<ProjectImplementation> = {}): ProjectImplementation {
  return {
    candidateId: id,
    townshipId: Number(township.slice(-3)),
    townshipCode: township,
    townshipName: `乡镇${township.slice(-3)}`,
    countyCode: township.slice(0, 6),
    cityCode: township.slice(0, 4),
    project: `第${id}号民生实事项目`,
    investmentCents: 10_000,
    plan: null,
    lastReport: null,
    milestones: [],
    rating: null,
    ...extra,
  };
}

const plan = (budgetCents: number) => ({ budgetCents });
const m = (plannedOn: string, reachedOn: string | null = null) => ({ plannedOn, reachedOn });

// 430121102: finished on time; late on a milestone (overdue 10 days); no plan.
// 430121104: under way, a milestone reached 5 days late but nothing overdue.
// 430181001: not started, its first milestone overdue 30 days.
const ROWS: ProjectImplementation[] = [
  project(1, "430121102", {
    plan: plan(12_000),
    lastReport: { progress: 100, spentCents: 11_500 },
    milestones: [m("2026-03-01", "2026-02-28"), m("2026-08-01", "2026-08-01")],
  }),
  project(2, "430121102", {
    plan: plan(20_000),
    lastReport: { progress: 40, spentCents: 6_000 },
    milestones: [m("2026-04-01", "2026-04-01"), m("2026-09-20")],
  }),
  project(3, "430121102", { investmentCents: 5_000 }),
  project(4, "430121104", { plan: plan(8_000), lastReport: { progress: 20, spentCents: 1_000 }, milestones: [m("2026-05-01", "2026-05-06"), m("2026-12-01")] }),
  project(5, "430181001", { plan: plan(30_000), milestones: [m("2026-08-31"), m("2026-09-15")] }),
];

describe("a project's standing", () => {
  it("plans the budget when there is a plan, else the candidate's estimate", () => {
    expect(projectStanding(ROWS[0]!, TODAY)).toEqual({
      state: "completed",
      progress: 100,
      plannedCents: 12_000,
      spentCents: 11_500,
      overdueMilestones: 0,
      daysLate: 0,
    });
    expect(projectStanding(ROWS[2]!, TODAY)).toEqual({
      state: "not-started",
      progress: 0,
      plannedCents: 5_000,
      spentCents: 0,
      overdueMilestones: 0,
      daysLate: 0,
    });
  });

  it("counts a milestone reached late as late, not overdue; one past its day and not reached as overdue", () => {
    expect(projectStanding(ROWS[3]!, TODAY)).toMatchObject({ state: "in-progress", overdueMilestones: 0, daysLate: 0 });
    expect(projectStanding(ROWS[1]!, TODAY)).toMatchObject({ state: "in-progress", overdueMilestones: 1, daysLate: 10 });
    expect(projectStanding(ROWS[4]!, TODAY)).toMatchObject({ state: "not-started", overdueMilestones: 2, daysLate: 30 });
    // A milestone planned for today is not yet overdue.
    expect(projectStanding(project(9, "430121102", { plan: plan(1), milestones: [m(TODAY)] }), TODAY).overdueMilestones).toBe(0);
  });
});

describe("the area's totals", () => {
  it("add up the projects of a county", () => {
    const county = ROWS.filter((row) => row.countyCode === "430121");
    expect(implementationTotals("430121", "长沙县", county, TODAY)).toEqual({
      code: "430121",
      name: "长沙县",
      selected: 4,
      planned: 3,
      completed: 1,
      inProgress: 2,
      notStarted: 1,
      overdue: 1,
      mostDaysLate: 10,
      plannedCents: 12_000 + 20_000 + 5_000 + 8_000,
      spentCents: 11_500 + 6_000 + 1_000,
    });
  });

  it("group by county or by township, areas without projects counting zero", () => {
    const counties = implementationByArea(
      [
        { code: "430121", name: "长沙县" },
        { code: "430181", name: "浏阳市" },
        { code: "430111", name: "雨花区" },
      ],
      ROWS,
      (row) => row.countyCode,
      TODAY,
    );
    expect(counties.map((row) => [row.code, row.selected, row.completed, row.overdue, row.mostDaysLate])).toEqual([
      ["430121", 4, 1, 1, 10],
      ["430181", 1, 0, 1, 30],
      ["430111", 0, 0, 0, 0],
    ]);
    const townships = implementationByArea(
      [
        { code: "430121102", name: "黄兴镇" },
        { code: "430121104", name: "江背镇" },
      ],
      ROWS,
      (row) => row.townshipCode,
      TODAY,
    );
    expect(townships.map((row) => [row.name, row.selected, row.planned, row.inProgress, row.spentCents])).toEqual([
      ["黄兴镇", 3, 2, 1, 17_500],
      ["江背镇", 1, 1, 1, 1_000],
    ]);
  });

  it("list the overdue projects, most days late first", () => {
    expect(overdueProjects(ROWS, TODAY).map((row) => [row.townshipCode, row.project, row.daysLate, row.overdueMilestones])).toEqual([
      ["430181001", "第5号民生实事项目", 30, 2],
      ["430121102", "第2号民生实事项目", 10, 1],
    ]);
    // Earlier in the year, nothing was due yet.
    expect(overdueProjects(ROWS, "2026-03-01")).toEqual([]);
  });
});

describe("properties", () => {
  const day = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
  const row = fc
    .record({
      id: fc.integer({ min: 1, max: 10_000 }),
      township: fc.constantFrom("430121102", "430121104", "430181001", "430203001"),
      investmentCents: fc.integer({ min: 0, max: 1_000_000 }),
      plan: fc.option(fc.record({ budgetCents: fc.integer({ min: 0, max: 1_000_000 }) })),
      lastReport: fc.option(fc.record({ progress: fc.integer({ min: 0, max: 100 }), spentCents: fc.integer({ min: 0, max: 1_000_000 }) })),
      milestones: fc.array(fc.record({ plannedOn: day, reachedOn: fc.option(day) }), { maxLength: 5 }),
    })
    .map(({ id, township, ...rest }) => project(id, township, rest));

  it("splits every project into exactly one state, and the areas add up to the whole", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), day, (rows, today) => {
        const whole = implementationTotals("43", "湖南省", rows, today);
        expect(whole.completed + whole.inProgress + whole.notStarted).toBe(rows.length);
        expect(whole.planned).toBeLessThanOrEqual(whole.selected);
        expect(whole.overdue).toBe(overdueProjects(rows, today).length);
        const cities = implementationByArea(
          [
            { code: "4301", name: "长沙市" },
            { code: "4302", name: "株洲市" },
          ],
          rows,
          (r) => r.cityCode,
          today,
        );
        for (const key of ["selected", "planned", "completed", "inProgress", "notStarted", "overdue", "plannedCents", "spentCents"] as const) {
          expect(cities.reduce((sum, city) => sum + city[key], 0)).toBe(whole[key]);
        }
        expect(Math.max(0, ...cities.map((city) => city.mostDaysLate))).toBe(whole.mostDaysLate);
      }),
    );
  });

  it("reaches the interesting cases: overdue, completed and not started projects", () => {
    const seen = { overdue: false, completed: false, notStarted: false };
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), day, (rows, today) => {
        const whole = implementationTotals("43", "湖南省", rows, today);
        seen.overdue ||= whole.overdue > 0;
        seen.completed ||= whole.completed > 0;
        seen.notStarted ||= whole.notStarted > 0;
      }),
    );
    expect(seen).toEqual({ overdue: true, completed: true, notStarted: true });
  });
});
