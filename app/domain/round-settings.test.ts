import { describe, expect, it } from "vitest";
import { refuseRoundSettings, settledRoundSettings, showsResult, showsRunningTally, type RoundSettings } from "./round-settings";

const slate = new Set([1, 2, 3]);
const settings: RoundSettings = { candidateIds: [1, 2, 3], places: 2, secret: false, liveResults: true, medium: "tablet", entryMethod: null };

describe("paper rounds (纸质选票)", () => {
  it("keep their entry method, per-ballot unless said, and show no running tally", () => {
    expect(settledRoundSettings({ ...settings, medium: "paper", entryMethod: null })).toMatchObject({
      medium: "paper",
      entryMethod: "per-ballot",
      liveResults: false,
    });
    expect(settledRoundSettings({ ...settings, medium: "paper", entryMethod: "totals" })).toMatchObject({ entryMethod: "totals" });
    expect(settledRoundSettings({ candidateIds: [1], places: 1, secret: false, liveResults: false })).toMatchObject({ medium: "tablet", entryMethod: null });
    expect(settledRoundSettings({ ...settings, entryMethod: "totals" })).toMatchObject({ medium: "tablet", entryMethod: null });
  });
  it("are entered per ballot when recorded: totals would lose the roll of votes", () => {
    const paper = { ...settings, medium: "paper" as const, liveResults: false };
    expect(refuseRoundSettings({ ...paper, secret: false, entryMethod: "totals" }, slate)).toEqual({ code: "paper-totals-recorded" });
    expect(refuseRoundSettings({ ...paper, secret: false, entryMethod: "per-ballot" }, slate)).toBeNull();
    expect(refuseRoundSettings({ ...paper, secret: true, entryMethod: "totals" }, slate)).toBeNull();
  });
});

describe("refuseRoundSettings", () => {
  it("takes projects of the slate only", () => {
    expect(refuseRoundSettings(settings, slate)).toBeNull();
    expect(refuseRoundSettings({ ...settings, candidateIds: [1, 4] }, slate)).toEqual({ code: "candidates-not-on-slate" });
  });
  it("allows as many places as projects (an equal slate), not one more", () => {
    expect(refuseRoundSettings({ ...settings, places: 3 }, slate)).toBeNull();
    expect(refuseRoundSettings({ ...settings, places: 4 }, slate)).toEqual({ code: "places-exceed-candidates", places: 4, candidates: 3 });
  });
  it("refuses a running tally for a secret round", () => {
    expect(refuseRoundSettings({ ...settings, secret: true, liveResults: true }, slate)).toEqual({ code: "secret-live-results" });
    expect(refuseRoundSettings({ ...settings, secret: true, liveResults: false }, slate)).toBeNull();
  });
});

describe("what the hall's screen shows", () => {
  it("a running tally only for a recorded round set to show it", () => {
    expect(showsRunningTally({ secret: false, liveResults: true })).toBe(true);
    expect(showsRunningTally({ secret: false, liveResults: false })).toBe(false);
    expect(showsRunningTally({ secret: true, liveResults: true })).toBe(false);
  });
  it("any round's result once it is no longer open", () => {
    expect(showsResult({ status: "open", secret: true, liveResults: false })).toBe(false);
    expect(showsResult({ status: "open", secret: false, liveResults: true })).toBe(true);
    for (const status of ["sealed", "closed", "confirmed", "published", "voided", "prepared"] as const) {
      expect(showsResult({ status, secret: true, liveResults: false })).toBe(true);
    }
  });
});
