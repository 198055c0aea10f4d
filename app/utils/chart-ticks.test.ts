import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countTicks } from "./chart-ticks";

describe("countTicks", () => {
  it("gives whole numbers only for small counts, where rounded fractions would repeat", () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(2)).toEqual([0, 1, 2]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("steps by round numbers past the tick count, topping at or above the largest value", () => {
    expect(countTicks(7)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(countTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(9)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(countTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(countTicks(11)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(countTicks(42)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(countTicks(160)).toEqual([0, 50, 100, 150, 200]);
    expect(countTicks(1522)).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it("a fractional largest value still gets a whole top", () => {
    expect(countTicks(0.4)).toEqual([0, 1]);
    expect(countTicks(2.5)).toEqual([0, 1, 2, 3]);
  });

  it("for any count: starts at 0, whole and evenly spaced, distinct labels, reaches the largest value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (max) => {
        const ticks = countTicks(max);
        expect(ticks[0]).toBe(0);
        expect(ticks.every(Number.isInteger)).toBe(true);
        expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(11);
        const step = ticks[1]! - ticks[0]!;
        expect(ticks.every((tick, i) => tick === i * step)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
