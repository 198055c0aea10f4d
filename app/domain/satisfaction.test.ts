import { describe, expect, it } from "vitest";

import { gradeSatisfaction, type SatisfactionGrade } from "./satisfaction";

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
    ["seated 0", [counts(0), 0], /^seated must be at least 1/],
    ["seated fractional", [counts(0), 4.5], /^seated must be an integer/],
    ["more votes than deputies", [counts(30, 10, 6), 45], /^counts must not total more than seated \(45\), got 46$/],
  ])("rejects nonsense with a RangeError: %s", (_, args, message) => {
    expect(() => gradeSatisfaction(...args)).toThrow(RangeError);
    expect(() => gradeSatisfaction(...args)).toThrow(message);
  });
});
