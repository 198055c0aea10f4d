import { describe, expect, it } from "vitest";
import { currentRound } from "./current-round";
import type { RoundStatus } from "./round-lifecycle";

const rounds = (...statuses: RoundStatus[]) => statuses.map((status, i) => ({ number: i + 1, status }));

describe("currentRound", () => {
  it("is the open round while one is open", () => {
    expect(currentRound(rounds("published", "open", "prepared"))?.number).toBe(2);
  });
  it("else the latest opened round that was not voided", () => {
    expect(currentRound(rounds("published", "closed", "voided", "prepared"))?.number).toBe(2);
    expect(currentRound(rounds("confirmed", "sealed"))?.number).toBe(2);
  });
  it("is none before a round opened, or when every opened round was voided", () => {
    expect(currentRound(rounds())).toBeNull();
    expect(currentRound(rounds("prepared"))).toBeNull();
    expect(currentRound(rounds("voided", "prepared"))).toBeNull();
  });
});
