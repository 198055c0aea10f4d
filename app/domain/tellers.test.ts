import { describe, expect, it } from "vitest";
import { chiefTellerOf, refuseConfirmation, refuseTellers } from "./tellers";

describe("refuseTellers", () => {
  const present = new Set([1, 2, 3]);
  it("takes distinct deputies who are present", () => {
    expect(refuseTellers(1, [2, 3], present)).toBeNull();
    expect(refuseTellers(1, [1, 2], present)).toEqual({ code: "teller-chosen-twice" });
    expect(refuseTellers(1, [2, 2], present)).toEqual({ code: "teller-chosen-twice" });
    expect(refuseTellers(1, [4], present)).toEqual({ code: "teller-not-present" });
    expect(refuseTellers(4, [2], present)).toEqual({ code: "teller-not-present" });
  });
});

describe("the chief teller", () => {
  const roster = [
    { deputyId: 1, tellerRole: "teller" },
    { deputyId: 2, tellerRole: "chief" },
    { deputyId: 3, tellerRole: "none" },
  ];
  it("is found on the roster, or is not chosen yet", () => {
    expect(chiefTellerOf(roster)?.deputyId).toBe(2);
    expect(chiefTellerOf(roster.filter((row) => row.tellerRole !== "chief"))).toBeNull();
  });
  it("alone confirms the count", () => {
    expect(refuseConfirmation({ deputyId: 2 }, 2)).toBeNull();
    expect(refuseConfirmation({ deputyId: 2 }, 1)).toEqual({ code: "not-chief-teller" });
    expect(refuseConfirmation(null, 2)).toEqual({ code: "no-chief-teller" });
  });
});
