import { bench, describe } from "vitest";

import { tallyRound, type Choice, type RoundInput } from "./tally";

/** mulberry32: a tiny seeded generator, so every run benches the same ballots. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The largest township congress the Election Law allows (160 deputies), all present, on a
 * 30-for-10 per-project ballot. Each ballot is valid: at most 10 yes marks, the other
 * projects marked no, abstain or left unmarked.
 */
function largestRound(): RoundInput {
  const random = seeded(20240115);
  const seated = 160;
  const places = 10;
  const candidates = Array.from({ length: 30 }, (_, i) => `cand-${String(i + 1).padStart(2, "0")}`);
  const ballots = Array.from({ length: seated }, () => {
    const ballot: Partial<Record<string, Choice>> = {};
    let yes = 0;
    for (const id of candidates) {
      const r = random();
      if (r < 0.4 && yes < places) {
        ballot[id] = "yes";
        yes++;
      } else if (r < 0.75) ballot[id] = "no";
      else if (r < 0.9) ballot[id] = "abstain";
    }
    return ballot;
  });
  return { seated, present: seated, places, candidates, form: "per-project", ballots };
}

const round = largestRound();
if (tallyRound(round).invalid !== 0) throw new Error("bench ballots must all be valid");

describe("tallyRound", () => {
  bench("160 deputies × 30 candidates, per-project", () => {
    tallyRound(round);
  });
});
