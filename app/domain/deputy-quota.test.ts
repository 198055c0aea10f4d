import { describe, it, expect } from "vitest";
import { deputyQuota } from "./deputy-quota";

describe("deputyQuota (Election Law 2020, Art. 12: 45 + 1 per 1,500 residents, at most 160)", () => {
  it.each([
    [0, 45],
    [1, 45],
    [1499, 45],
    [1500, 46],
    [2999, 46],
    [3000, 47],
    [37_500, 70],
    [172_499, 159],
    [172_500, 160],
    [172_501, 160],
    [1_000_000, 160],
  ])("population %i → %i deputies", (population, quota) => {
    expect(deputyQuota(population)).toBe(quota);
  });

  it("never goes below 45 under 2,000 residents (the law allows fewer but sets no number)", () => {
    for (let population = 0; population < 2000; population++) {
      expect(deputyQuota(population)).toBeGreaterThanOrEqual(45);
    }
    expect(deputyQuota(1999)).toBe(46);
  });

  it("counts only full blocks of 1,500 for fractional populations", () => {
    expect(deputyQuota(1499.99)).toBe(45);
    expect(deputyQuota(1500.5)).toBe(46);
  });

  it.each([-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])("rejects %s with a RangeError", (population) => {
    expect(() => deputyQuota(population)).toThrow(RangeError);
  });
});
