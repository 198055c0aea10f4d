import { describe, expect, it } from "vitest";
import { limitsYesMarks, reviewBallot } from "./ballot";
import { tallyRound } from "./tally";

const candidates = ["a", "b", "c", "d", "e"];

describe("reviewBallot", () => {
  it("counts marks and leaves unmarked projects as not voted", () => {
    const review = reviewBallot({ form: "per-project", places: 3, candidates }, { a: "yes", b: "no", c: "abstain" });
    expect(review).toMatchObject({ marked: 3, unmarked: 2, yes: 1, no: 1, abstain: 1, void: false });
  });

  it("is void at one yes more than places in a competitive round, not at exactly places", () => {
    const rules = { form: "per-project" as const, places: 3, candidates };
    expect(reviewBallot(rules, { a: "yes", b: "yes", c: "yes" }).void).toBe(false);
    const over = reviewBallot(rules, { a: "yes", b: "yes", c: "yes", d: "yes" });
    expect(over).toMatchObject({ yes: 4, void: true });
  });

  it("does not limit yes marks on an equal slate with per-project ballots", () => {
    const rules = { form: "per-project" as const, places: 5, candidates };
    expect(limitsYesMarks(rules)).toBe(false);
    expect(reviewBallot(rules, Object.fromEntries(candidates.map((id) => [id, "yes" as const]))).void).toBe(false);
  });

  it("agrees with the tally on which ballots are void", () => {
    const rules = { form: "choose-n" as const, places: 2, candidates };
    const ballots = [
      { a: "yes" as const, b: "yes" as const },
      { a: "yes" as const, b: "yes" as const, c: "yes" as const },
    ];
    const result = tallyRound({ seated: 3, present: 3, places: 2, candidates, form: "choose-n", ballots });
    expect(ballots.map((ballot) => reviewBallot(rules, ballot).void)).toEqual([false, true]);
    expect(result.invalid).toBe(1);
  });
});
