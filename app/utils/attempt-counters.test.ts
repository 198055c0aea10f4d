import { describe, expect, it } from "vitest";
import { Backoff, WindowCounts } from "./attempt-counters";

describe("WindowCounts", () => {
  it("counts per key in a window that opens with the key's first count", () => {
    const counts = new WindowCounts(60_000);
    expect(counts.add("a", 0)).toBe(1);
    expect(counts.add("a", 59_999)).toBe(2);
    expect(counts.add("b", 30_000)).toBe(1);
    expect(counts.count("a", 59_999)).toBe(2);
    expect(counts.msUntilReset("a", 50_000)).toBe(10_000);
    expect(counts.count("a", 60_000)).toBe(0);
    expect(counts.add("a", 60_000)).toBe(1);
    expect(counts.count("b", 60_000)).toBe(1);
  });

  it("takes a count back, never below zero", () => {
    const counts = new WindowCounts(60_000);
    counts.add("a", 0);
    expect(counts.add("a", 1, -1)).toBe(0);
    expect(counts.add("a", 2, -1)).toBe(0);
  });

  it("keeps at most maxKeys keys, forgetting the oldest", () => {
    const counts = new WindowCounts(60_000, 3);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) counts.add(key, i);
    expect(["a", "b", "c", "d"].map((key) => counts.count(key, 10))).toEqual([0, 1, 1, 1]);
  });
});

describe("Backoff", () => {
  const rule = { free: 5, firstWaitMs: 4_000, maxWaitMs: 900_000, forgetAfterMs: 86_400_000 };

  it("lets the first failures try at once, then doubles the wait after each further one, up to the most", () => {
    const backoff = new Backoff(rule);
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 14; i++) {
      now += backoff.waitMs("k", now); // each try as soon as it may
      backoff.fail("k", now);
      waits.push(backoff.waitMs("k", now));
    }
    expect(waits).toEqual([0, 0, 0, 0, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 512_000, 900_000, 900_000]);
  });

  it("is cleared by a success and forgets a key left alone for a day", () => {
    const backoff = new Backoff(rule);
    for (let i = 0; i < 6; i++) backoff.fail("k", 0);
    expect(backoff.waitMs("k", 1)).toBeGreaterThan(0);
    backoff.succeed("k");
    expect(backoff.waitMs("k", 1)).toBe(0);
    for (let i = 0; i < 6; i++) backoff.fail("j", 0);
    expect(backoff.waitMs("j", 86_400_000)).toBe(0);
  });

  it("keeps keys apart", () => {
    const backoff = new Backoff(rule);
    for (let i = 0; i < 8; i++) backoff.fail("attacker\nadmin", 0);
    expect(backoff.waitMs("attacker\nadmin", 1)).toBeGreaterThan(0);
    expect(backoff.waitMs("office\nadmin", 1)).toBe(0);
  });
});
