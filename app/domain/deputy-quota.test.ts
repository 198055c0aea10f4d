import { describe, it, expect } from "vitest";
import { countyDeputyQuota, deputyQuota } from "./deputy-quota";

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

describe("countyDeputyQuota (Election Law 2020, Art. 12: 140 + 1 per 5,000 residents, at most 450)", () => {
  it.each([
    [0, 140],
    [4999, 140],
    [5000, 141],
    [49_999, 149],
    [50_000, 150],
    [700_000, 280],
    [1_544_999, 448],
    [1_545_000, 449],
    [1_549_999, 449],
    [1_550_000, 450],
    [1_550_001, 450],
    [10_000_000, 450],
  ])("population %i → %i deputies", (population, quota) => {
    expect(countyDeputyQuota(population)).toBe(quota);
  });

  it("never goes below 140 under 50,000 residents (the law allows fewer but sets no number), and never above 450", () => {
    for (let population = 0; population <= 2_000_000; population += 997) {
      const n = countyDeputyQuota(population);
      expect(n).toBeGreaterThanOrEqual(140);
      expect(n).toBeLessThanOrEqual(450);
      expect(countyDeputyQuota(population + 5000)).toBeGreaterThanOrEqual(n); // never fewer for more residents
    }
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %s with a RangeError", (population) => {
    expect(() => countyDeputyQuota(population)).toThrow(RangeError);
  });
});
