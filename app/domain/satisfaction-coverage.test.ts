import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProjectImplementation, ProjectRatingSummary } from "./implementation-coverage";
import { SATISFACTION_GRADES, type SatisfactionGrade } from "./satisfaction";
import { dissatisfiedProjects, noticeHref, satisfactionByArea, satisfactionTotals } from "./satisfaction-coverage";

function rating(grade: SatisfactionGrade, counts: Partial<ProjectRatingSummary> = {}): ProjectRatingSummary {
  return { grade, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, notRated: 0, basis: "all", of: 7, sessionId: 11, noticeNo: 3, ...counts };
}

function project(id: number, township: string, projectRating: ProjectRatingSummary | null): ProjectImplementation {
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
    rating: projectRating,
  };
}

// 430121102: 满意, 不满意 (5 of 7), not rated. 430121104: 基本满意, 不满意 (4 of 7). 430181001: not rated.
const ROWS: ProjectImplementation[] = [
  project(1, "430121102", rating("satisfied", { satisfied: 6, basicallySatisfied: 1 })),
  project(2, "430121102", rating("dissatisfied", { satisfied: 1, basicallySatisfied: 1, dissatisfied: 5, sessionId: 21, noticeNo: 2 })),
  project(3, "430121102", null),
  project(4, "430121104", rating("basically-satisfied", { satisfied: 3, basicallySatisfied: 2, dissatisfied: 2 })),
  project(5, "430121104", rating("dissatisfied", { satisfied: 2, basicallySatisfied: 1, dissatisfied: 4, sessionId: 22, noticeNo: 1 })),
  project(6, "430181001", null),
];

describe("the area's satisfaction totals", () => {
  it("count nothing rated in an area without projects", () => {
    expect(satisfactionTotals("430111", "雨花区", [])).toEqual({
      code: "430111",
      name: "雨花区",
      selected: 0,
      rated: 0,
      satisfied: 0,
      basicallySatisfied: 0,
      dissatisfied: 0,
      unrated: 0,
    });
  });

  it("count projects by grade, not votes, and the projects not rated yet", () => {
    expect(satisfactionTotals("4301", "长沙市", ROWS)).toEqual({
      code: "4301",
      name: "长沙市",
      selected: 6,
      rated: 4,
      satisfied: 1,
      basicallySatisfied: 1,
      dissatisfied: 2,
      unrated: 2,
    });
    // Before the next year's session, every project is still to be rated.
    expect(satisfactionTotals("430181", "浏阳市", [ROWS[5]!])).toMatchObject({ selected: 1, rated: 0, unrated: 1 });
  });

  it("group by county or by township, areas without projects counting zero", () => {
    const counties = satisfactionByArea(
      [
        { code: "430121", name: "长沙县" },
        { code: "430181", name: "浏阳市" },
        { code: "430111", name: "雨花区" },
      ],
      ROWS,
      (row) => row.countyCode,
    );
    expect(counties.map((row) => [row.code, row.selected, row.rated, row.satisfied, row.basicallySatisfied, row.dissatisfied, row.unrated])).toEqual([
      ["430121", 5, 4, 1, 1, 2, 1],
      ["430181", 1, 0, 0, 0, 0, 1],
      ["430111", 0, 0, 0, 0, 0, 0],
    ]);
  });
});

describe("the projects rated 不满意", () => {
  it("list them with their counts and notice, most 不满意 ratings first", () => {
    const list = dissatisfiedProjects(ROWS);
    expect(list.map((row) => [row.townshipCode, row.project, row.dissatisfied, noticeHref(row)])).toEqual([
      ["430121102", "第2号民生实事项目", 5, "/notices/21/2"],
      ["430121104", "第5号民生实事项目", 4, "/notices/22/1"],
    ]);
    expect(list[0]).toEqual({
      candidateId: 2,
      townshipCode: "430121102",
      townshipName: "乡镇102",
      countyCode: "430121",
      project: "第2号民生实事项目",
      satisfied: 1,
      basicallySatisfied: 1,
      dissatisfied: 5,
      notRated: 0,
      of: 7,
      sessionId: 21,
      noticeNo: 2,
    });
  });

  it("are none while nothing is rated, or nothing rated 不满意", () => {
    expect(dissatisfiedProjects([])).toEqual([]);
    expect(dissatisfiedProjects([ROWS[0]!, ROWS[2]!, ROWS[3]!])).toEqual([]);
  });
});

describe("properties", () => {
  const row = fc
    .record({
      id: fc.integer({ min: 1, max: 10_000 }),
      township: fc.constantFrom("430121102", "430121104", "430181001", "430203001"),
      grade: fc.option(fc.constantFrom(...SATISFACTION_GRADES)),
      dissatisfied: fc.integer({ min: 0, max: 50 }),
    })
    .map(({ id, township, grade, dissatisfied }) => project(id, township, grade === null ? null : rating(grade, { dissatisfied })));

  it("rated is the sum of the three grades, no more than selected, and the areas add up to the whole", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const whole = satisfactionTotals("43", "湖南省", rows);
        expect(whole.rated).toBe(whole.satisfied + whole.basicallySatisfied + whole.dissatisfied);
        expect(whole.rated).toBeLessThanOrEqual(whole.selected);
        expect(whole.rated + whole.unrated).toBe(whole.selected);
        expect(whole.selected).toBe(rows.length);
        expect(dissatisfiedProjects(rows)).toHaveLength(whole.dissatisfied);
        const cities = satisfactionByArea(
          [
            { code: "4301", name: "长沙市" },
            { code: "4302", name: "株洲市" },
          ],
          rows,
          (r) => r.cityCode,
        );
        for (const key of ["selected", "rated", "satisfied", "basicallySatisfied", "dissatisfied", "unrated"] as const) {
          expect(cities.reduce((sum, city) => sum + city[key], 0)).toBe(whole[key]);
        }
        const list = dissatisfiedProjects(rows);
        for (let i = 1; i < list.length; i++) expect(list[i - 1]!.dissatisfied).toBeGreaterThanOrEqual(list[i]!.dissatisfied);
      }),
    );
  });
});
