import { describe, expect, it } from "vitest";

import fc from "fast-check";
import {
  basisCount,
  gradeSatisfaction,
  RATING_MARKS,
  ratedYearOf,
  ratingCounts,
  refuseRatingProjects,
  SATISFACTION_GRADES,
  type RatingBasis,
  type SatisfactionGrade,
} from "./satisfaction";
import { tallyRound, tallyTotals, type BallotMarks, type Choice, type MarkCounts } from "./tally";

const counts = (satisfied: number, basicallySatisfied = 0, dissatisfied = 0) => ({
  satisfied,
  basicallySatisfied,
  dissatisfied,
});

describe("gradeSatisfaction (满意度测评)", () => {
  it.each([1, 2, 3, 44, 45, 46, 70, 160])("grades at the majority of all %i seated deputies", (seated) => {
    const half = Math.floor(seated / 2) + 1; // 过半数 of all seated deputies
    // 满意 needs more than half of ALL deputies voting 满意.
    expect(gradeSatisfaction(counts(half), seated)).toBe("satisfied");
    if (half + 1 <= seated) expect(gradeSatisfaction(counts(half + 1), seated)).toBe("satisfied");
    if (half - 1 >= 0) {
      // One 满意 short: the 基本满意 votes decide between 基本满意 and 不满意.
      expect(gradeSatisfaction(counts(half - 1, 0, 0), seated)).toBe<SatisfactionGrade>("dissatisfied");
      if (half <= seated) expect(gradeSatisfaction(counts(half - 1, 1), seated)).toBe("basically-satisfied");
      if (half + 1 <= seated) expect(gradeSatisfaction(counts(half - 1, 2), seated)).toBe("basically-satisfied");
    }
    expect(gradeSatisfaction(counts(0, half), seated)).toBe("basically-satisfied");
    if (half - 1 >= 0) {
      expect(gradeSatisfaction(counts(0, half - 1, seated - half + 1), seated)).toBe("dissatisfied");
    }
  });

  it("counts against all seated deputies, so abstentions and absences weigh against", () => {
    // 20 of 25 ballots say 满意, but 45 are seated: 20 is not more than half of 45.
    expect(gradeSatisfaction(counts(20, 3, 2), 45)).toBe("basically-satisfied");
    expect(gradeSatisfaction(counts(20, 2, 3), 45)).toBe("dissatisfied");
    expect(gradeSatisfaction(counts(23, 0, 0), 45)).toBe("satisfied");
    expect(gradeSatisfaction(counts(22, 22, 0), 44)).toBe("basically-satisfied");
    expect(gradeSatisfaction(counts(23, 0, 21), 44)).toBe("satisfied");
  });

  it.each<[string, Parameters<typeof gradeSatisfaction>, RegExp]>([
    ["negative", [counts(-1), 45], /^satisfied must be a non-negative integer, got -1$/],
    ["fractional", [counts(1, 2.5), 45], /^basicallySatisfied /],
    ["NaN", [counts(1, 0, Number.NaN), 45], /^dissatisfied /],
    ["a negative basis", [counts(0), -1], /^the basis must be a non-negative integer, got -1$/],
    ["a fractional basis", [counts(0), 4.5], /^the basis must be a non-negative integer/],
    ["more votes than the basis", [counts(30, 10, 6), 45], /^counts must not total more than the basis \(45\), got 46$/],
  ])("rejects nonsense with a RangeError: %s", (_, args, message) => {
    expect(() => gradeSatisfaction(...args)).toThrow(RangeError);
    expect(() => gradeSatisfaction(...args)).toThrow(message);
  });
});

describe("the basis of the grade", () => {
  it("counts all seated deputies, those present when the round opened, or the valid ballots", () => {
    const round = { seated: 45, present: 40, valid: 37 };
    expect(RATING_BASES_COUNTED.map((basis) => basisCount(basis, round))).toEqual([45, 40, 37]);
  });

  it.each<[RatingBasis, number, number, SatisfactionGrade, SatisfactionGrade]>([
    // basis, its count, 满意 votes at exactly half (不满意 when 0 基本满意), one more (满意)
    ["all", 44, 22, "dissatisfied", "satisfied"],
    ["present", 40, 20, "dissatisfied", "satisfied"],
    ["valid", 37, 18, "dissatisfied", "satisfied"],
  ])("%s: exactly half is not more than half", (_, of, half, atHalf, overHalf) => {
    expect(gradeSatisfaction(counts(half), of)).toBe(atHalf);
    expect(gradeSatisfaction(counts(half + 1), of)).toBe(overHalf);
    expect(gradeSatisfaction(counts(half, 1), of)).toBe("basically-satisfied");
  });

  it("grades nothing satisfied when no valid ballot was cast and the basis is the valid ballots", () => {
    expect(gradeSatisfaction(counts(0), 0)).toBe("dissatisfied");
  });

  it("gives a better grade, never a worse one, when one more deputy says 满意 (property)", () => {
    fc.assert(
      // A basis with room for one more vote: a + b + c < of.
      fc.property(fc.nat(150), fc.nat(150), fc.nat(150), fc.nat(150), (a, b, c, room) => {
        const of = a + b + c + 1 + room;
        const rank = (grade: SatisfactionGrade) => SATISFACTION_GRADES.indexOf(grade);
        const before = gradeSatisfaction(counts(a, b, c), of);
        expect(rank(gradeSatisfaction(counts(a + 1, b, c), of))).toBeLessThanOrEqual(rank(before));
        if (b > 0) expect(rank(gradeSatisfaction(counts(a + 1, b - 1, c), of))).toBeLessThanOrEqual(rank(before));
      }),
    );
  });
});

const RATING_BASES_COUNTED: RatingBasis[] = ["all", "present", "valid"];

describe("a rating round's tally", () => {
  const ids = ["11", "12"];
  const setting = { seated: 7, present: 6, places: 2, candidates: ids, form: "rating" as const };
  const mark = (grade: keyof ReturnType<typeof ratingCounts>): Choice => RATING_MARKS.find(([name]) => name === grade)![1];
  const ballot = (a: keyof ReturnType<typeof ratingCounts>, b?: keyof ReturnType<typeof ratingCounts>): BallotMarks => ({
    "11": mark(a),
    ...(b ? { "12": mark(b) } : {}),
  });

  it("grades against all seated deputies by default, selects nothing and never goes to a run-off", () => {
    const ballots = [
      ballot("satisfied", "satisfied"),
      ballot("satisfied"),
      ballot("satisfied"),
      ballot("satisfied", "basicallySatisfied"),
      ballot("dissatisfied"),
      null,
    ];
    const result = tallyRound({ ...setting, ballots });
    expect(result).toMatchObject({ cast: 6, valid: 5, invalid: 1, passThreshold: 4, selected: [], runoff: [], vacancies: 0, rating: { basis: "all", of: 7 } });
    expect(result.projects.map((project) => project.grade)).toEqual(["satisfied", "dissatisfied"]);
    // The same ballots against the valid ones (5, 过半数 3): 满意 1 + 基本满意 1 is not more than half.
    const valid = tallyRound({ ...setting, ratingBasis: "valid", ballots });
    expect(valid.passThreshold).toBe(3);
    expect(valid.projects.map((project) => project.grade)).toEqual(["satisfied", "dissatisfied"]);
    expect(tallyRound({ ...setting, ratingBasis: "present", ballots }).rating).toEqual({ basis: "present", of: 6 });
  });

  it("grades nothing when the quorum was not met, or more papers came back than were issued", () => {
    expect(tallyRound({ ...setting, present: 4, ballots: [ballot("satisfied")] }).projects.every((p) => p.grade === undefined)).toBe(true);
    const over = tallyRound({ ...setting, issued: 1, ballots: [ballot("satisfied"), ballot("satisfied")] });
    expect(over.roundValid).toBe(false);
    expect(over.projects.every((p) => p.grade === undefined && p.outcome === "rated")).toBe(true);
  });

  it("asks every project: a rating round's places are its projects", () => {
    expect(() => tallyRound({ ...setting, places: 1, ballots: [] })).toThrow(/places must be candidates.length \(2\)/);
  });

  it("decides from totals exactly as from the ballots that have them (property)", () => {
    const choice = fc.constantFrom<Choice | undefined>("yes", "no", "abstain", undefined);
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.tuple(choice, choice), { nil: null }), { maxLength: 7 }),
        fc.constantFrom<RatingBasis>("all", "present", "valid"),
        (papers, ratingBasis) => {
          const ballots: BallotMarks[] = papers.map((paper) =>
            paper === null ? null : Object.fromEntries(ids.flatMap((id, i) => (paper[i] ? [[id, paper[i]]] : []))),
          );
          const input = { ...setting, present: 7, ratingBasis, ballots };
          const byBallots = tallyRound(input);
          const totals: Record<string, MarkCounts> = Object.fromEntries(
            byBallots.projects.map(({ id, yes, no, abstain, notVoted }) => [id, { yes, no, abstain, notVoted }]),
          );
          expect(tallyTotals({ ...input, cast: byBallots.cast, invalid: byBallots.invalid, totals })).toEqual(byBallots);
        },
      ),
    );
  });
});

describe("which projects a rating round may ask", () => {
  const lastYear = [
    { id: 1, name: "村道硬化", ratedIn: null },
    { id: 2, name: "安全饮水", ratedIn: { round: 3, session: "第七次会议" } },
  ];

  it("takes last year's selected projects not yet rated, each once", () => {
    expect(refuseRatingProjects([1], lastYear, 2025)).toBeNull();
    expect(refuseRatingProjects([1, 2], lastYear, 2025)).toEqual({ code: "rating-project-rated", name: "安全饮水", round: 3, session: "第七次会议" });
    expect(refuseRatingProjects([9], lastYear, 2025)).toEqual({ code: "rating-project-not-rateable", year: 2025 });
    expect(refuseRatingProjects([], [lastYear[1]!], 2025)).toEqual({ code: "rating-nothing-to-rate", year: 2025 });
    expect(refuseRatingProjects([], [], 2025)).toEqual({ code: "rating-nothing-to-rate", year: 2025 });
  });
});

describe("ratedYearOf", () => {
  it("a session rates the projects of the year before its own, across a year boundary too", () => {
    expect(ratedYearOf(2026)).toBe(2025);
    expect(ratedYearOf(2000)).toBe(1999);
  });
});
