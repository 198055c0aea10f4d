import { describe, expect, it } from "vitest";
import { ROUND_STATUS_LABEL, refuseOpeningWithoutKey, refuseRoundAction, statusAfterClose, type RoundAction, type RoundStatus } from "./round-lifecycle";

const STATUSES = Object.keys(ROUND_STATUS_LABEL) as RoundStatus[];
const ACTIONS: RoundAction[] = ["edit", "key", "open", "vote", "close", "count", "confirm", "publish", "void"];

/** The whole transition table, written out: status → the actions it allows. */
const ALLOWED: Record<RoundStatus, RoundAction[]> = {
  prepared: ["edit", "key", "open", "void"],
  open: ["vote", "close", "void"],
  sealed: ["count", "void"],
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
        else expect(refusal).toMatch(/[\u4e00-\u9fff]/);
      });
    }
  }

  it("tells the clerk what to do next when a step comes too early", () => {
    expect(refuseRoundAction("open", "count")).toBe("本轮表决仍在投票中，请先截止投票，再开箱计票。");
    expect(refuseRoundAction("sealed", "confirm")).toBe("本轮选票尚未开箱计票，请总监票人先用计票密钥卡开箱计票。");
    expect(refuseRoundAction("prepared", "vote")).toBe("本轮表决尚未开始，请等待主持人宣布开始投票。");
  });
});

describe("secret rounds and their key", () => {
  it("close to sealed; recorded rounds close to closed", () => {
    expect(statusAfterClose({ secret: true })).toBe("sealed");
    expect(statusAfterClose({ secret: false })).toBe("closed");
  });

  it("open only once the key card has been read back", () => {
    expect(refuseOpeningWithoutKey({ secret: false, sealKeyIssued: false, sealKeyVerified: false })).toBeNull();
    expect(refuseOpeningWithoutKey({ secret: true, sealKeyIssued: true, sealKeyVerified: true })).toBeNull();
    expect(refuseOpeningWithoutKey({ secret: true, sealKeyIssued: false, sealKeyVerified: false })).toContain("制发计票密钥卡");
    expect(refuseOpeningWithoutKey({ secret: true, sealKeyIssued: true, sealKeyVerified: false })).toContain("核对计票密钥卡");
  });
});
