import { describe, expect, it } from "vitest";
import { awaitsRunoff, refuseRunoff, runoffPlan, runoffRoundOf } from "./runoff";
import { tallyRound } from "./tally";

describe("runoffPlan", () => {
  it("puts the projects tied across the last place to a run-off for the places left", () => {
    // 5 seated, pass threshold 3: a gets 4, b and c 3 each, for 2 places → a selected, b and c tie for 1.
    const result = tallyRound({
      seated: 5,
      present: 5,
      places: 2,
      candidates: ["a", "b", "c"],
      form: "per-project",
      ballots: [
        { a: "yes", b: "yes" },
        { a: "yes", c: "yes" },
        { a: "yes", b: "yes" },
        { a: "yes", c: "yes" },
        { b: "yes", c: "yes" },
      ],
    });
    expect(result).toMatchObject({ selected: ["a"], runoff: ["b", "c"], vacancies: 0 });
    expect(runoffPlan({ places: 2 }, result)).toEqual({ candidates: ["b", "c"], places: 1 });
  });

  it("none without a tie, and all places go to the run-off when the tie is at the top", () => {
    expect(runoffPlan({ places: 3 }, { runoff: [], selected: ["1", "2", "3"] })).toBeNull();
    expect(runoffPlan({ places: 2 }, { runoff: ["1", "2", "3"], selected: [] })).toEqual({ candidates: ["1", "2", "3"], places: 2 });
  });
});

describe("runoffRoundOf", () => {
  const rounds = [
    { id: 1, runoffOfId: null, status: "published" as const },
    { id: 2, runoffOfId: 1, status: "voided" as const },
    { id: 3, runoffOfId: 1, status: "prepared" as const },
  ];
  it("finds the run-off held for a round, never a voided one", () => {
    expect(runoffRoundOf(rounds, 1)?.id).toBe(3);
    expect(runoffRoundOf(rounds.slice(0, 2), 1)).toBeNull();
    expect(runoffRoundOf(rounds, 3)).toBeNull();
  });
});

describe("awaitsRunoff", () => {
  it("only while a tie has no run-off round", () => {
    expect(awaitsRunoff({ runoff: ["1", "2"] }, null)).toBe(true);
    expect(awaitsRunoff({ runoff: ["1", "2"] }, { id: 3 })).toBe(false);
    expect(awaitsRunoff({ runoff: [] }, null)).toBe(false);
    expect(awaitsRunoff(null, null)).toBe(false);
  });
});

describe("refuseRunoff", () => {
  const plan = { candidates: ["1", "2"], places: 1 };
  it("waits for the tellers' confirmation", () => {
    for (const status of ["prepared", "open", "sealed", "closed", "voided"] as const) {
      expect(refuseRunoff({ status }, plan, null)).toEqual({ code: "runoff-before-confirmation" });
    }
    expect(refuseRunoff({ status: "confirmed" }, plan, null)).toBeNull();
    expect(refuseRunoff({ status: "published" }, plan, null)).toBeNull();
  });
  it("needs a tie, and only one run-off at a time", () => {
    expect(refuseRunoff({ status: "confirmed" }, null, null)).toEqual({ code: "runoff-not-needed" });
    expect(refuseRunoff({ status: "published" }, plan, { number: 2 })).toEqual({ code: "runoff-exists", number: 2 });
  });
});
