import { describe, expect, it } from "vitest";
import { auditDetail } from "./audit-detail";

describe("auditDetail", () => {
  it("reads the fields an action describes, as stored", () => {
    expect(auditDetail("attendance.set", '{"deputyId":7,"status":"present","by":"tablet"}')).toEqual({ deputyId: 7, status: "present", by: "tablet" });
    expect(auditDetail("ballot.cast", '{"ballot":"ab12"}').ballot).toBe("ab12");
  });

  it("keeps a refusal's reason and code, and whatever well-formed fields it has", () => {
    expect(auditDetail("round.open", '{"code":"quorum-not-met","reason":"不足三分之二","present":3}')).toEqual({ code: "quorum-not-met", reason: "不足三分之二", present: 3 });
  });

  it("drops a field of the wrong shape but keeps the others", () => {
    expect(auditDetail("tellers.set", '{"chiefId":"x","tellerIds":[1,2]}')).toEqual({ tellerIds: [1, 2] });
  });

  it("reads an entry from before a field existed (a ballot cast before digests were logged) as without it", () => {
    expect(auditDetail("ballot.cast", "{}")).toEqual({});
  });

  it("reads a detail that is not a JSON object as empty", () => {
    expect(auditDetail("slate.remove", "not json")).toEqual({});
    expect(auditDetail("slate.remove", "[1,2]")).toEqual({});
    expect(auditDetail("slate.remove", "null")).toEqual({});
  });

  it("reads an action it does not describe as the object stored", () => {
    expect(auditDetail("roster.add", '{"townshipId":3,"count":2}')).toEqual({ townshipId: 3, count: 2 });
  });
});
