import { describe, expect, it } from "vitest";

import { passThresholdFor, quorumFor } from "./quorum";

describe("quorum (Art. 14) and pass threshold (Art. 25)", () => {
  it.each([
    // seated, quorum (三分之二以上), threshold (过半数)
    [1, 1, 1],
    [2, 2, 2],
    [3, 2, 2],
    [44, 30, 23],
    [45, 30, 23],
    [46, 31, 24],
    [70, 47, 36],
    [160, 107, 81],
  ])("seated %i: quorum %i, threshold %i", (seated, quorum, threshold) => {
    expect(quorumFor(seated)).toBe(quorum);
    expect(passThresholdFor(seated)).toBe(threshold);
  });

  it("includes two thirds exactly (以上 includes the bound)", () => {
    for (let seated = 3; seated <= 159; seated += 3) expect(quorumFor(seated)).toBe((2 * seated) / 3);
  });

  it("requires strictly more than half (过半数)", () => {
    for (let seated = 2; seated <= 160; seated += 2) expect(passThresholdFor(seated)).toBe(seated / 2 + 1);
  });

  it.each([0, -3, 2.5, Number.NaN])("rejects seated = %s with a RangeError", (seated) => {
    expect(() => quorumFor(seated)).toThrow(RangeError);
    expect(() => passThresholdFor(seated)).toThrow(/^seated /);
  });
});
