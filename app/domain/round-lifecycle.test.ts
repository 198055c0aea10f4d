import { describe, expect, it } from "vitest";
import { ROUND_STATUSES, refuseOpeningWithoutKey, refuseRoundAction, statusAfterClose, type RoundAction, type RoundStatus } from "./round-lifecycle";

const STATUSES = ROUND_STATUSES;
const ACTIONS: RoundAction[] = ["edit", "key", "open", "vote", "close", "enter", "count", "confirm", "publish", "void"];

/** The whole transition table, written out: status → the actions it allows. */
const ALLOWED: Record<RoundStatus, RoundAction[]> = {
  prepared: ["edit", "key", "open", "void"],
  open: ["vote", "close", "void"],
  sealed: ["count", "void"],
  entering: ["enter", "count", "void"],
  closed: ["confirm", "void"],
  confirmed: ["publish"],
  published: [],
  voided: [],
};

describe("refuseRoundAction", () => {
  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      const allowed = ALLOWED[status].includes(action);
      it(`${allowed ? "allows" : "refuses"} ${action} when ${status}`, () => {
        const refusal = refuseRoundAction(status, action);
        if (allowed) expect(refusal).toBeNull();
        else expect(refusal).toEqual({ code: "round-step-not-allowed", action, status });
      });
    }
  }
});

describe("secret rounds and their key", () => {
  it("close to sealed; recorded rounds close to closed", () => {
    expect(statusAfterClose({ secret: true, medium: "tablet" })).toBe("sealed");
    expect(statusAfterClose({ secret: false, medium: "tablet" })).toBe("closed");
  });

  it("paper rounds close to the tellers' entry, secret or recorded, and need no key", () => {
    expect(statusAfterClose({ secret: true, medium: "paper" })).toBe("entering");
    expect(statusAfterClose({ secret: false, medium: "paper" })).toBe("entering");
    expect(refuseOpeningWithoutKey({ secret: true, medium: "paper", sealKeyIssued: false, sealKeyVerified: false })).toBeNull();
  });

  it("open only once the key card has been read back", () => {
    expect(refuseOpeningWithoutKey({ secret: false, medium: "tablet", sealKeyIssued: false, sealKeyVerified: false })).toBeNull();
    expect(refuseOpeningWithoutKey({ secret: true, medium: "tablet", sealKeyIssued: true, sealKeyVerified: true })).toBeNull();
    expect(refuseOpeningWithoutKey({ secret: true, medium: "tablet", sealKeyIssued: false, sealKeyVerified: false })).toEqual({
      code: "round-key-not-verified",
      issued: false,
    });
    expect(refuseOpeningWithoutKey({ secret: true, medium: "tablet", sealKeyIssued: true, sealKeyVerified: false })).toEqual({
      code: "round-key-not-verified",
      issued: true,
    });
  });
});
