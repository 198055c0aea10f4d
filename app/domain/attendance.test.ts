import { describe, expect, it } from "vitest";
import { quorumShortfall, summariseAttendance } from "./attendance";

const roster = (present: number, leave: number, absent: number) => [
  ...Array(present).fill("present"),
  ...Array(leave).fill("leave"),
  ...Array(absent).fill("absent"),
];

describe("summariseAttendance", () => {
  it("meets the quorum at exactly two thirds of seated and not one below", () => {
    expect(summariseAttendance(45, roster(30, 5, 10))).toMatchObject({ present: 30, leave: 5, absent: 10, quorum: 30, quorumMet: true, shortBy: 0 });
    const below = summariseAttendance(45, roster(29, 5, 11));
    expect(below).toMatchObject({ quorumMet: false, shortBy: 1 });
  });

  it("rounds two thirds up: 7 seated need 5", () => {
    expect(summariseAttendance(7, roster(4, 0, 3)).quorumMet).toBe(false);
    expect(summariseAttendance(7, roster(5, 0, 2)).quorumMet).toBe(true);
  });

  it("states a shortfall as a code with its numbers one below the quorum, and none at it", () => {
    expect(quorumShortfall(summariseAttendance(45, roster(29, 5, 11)))).toEqual({ code: "quorum-not-met", present: 29, seated: 45, quorum: 30, shortBy: 1 });
    expect(quorumShortfall(summariseAttendance(45, roster(30, 5, 10)))).toBeNull();
    expect(quorumShortfall(summariseAttendance(1, roster(0, 0, 1)))).toEqual({ code: "quorum-not-met", present: 0, seated: 1, quorum: 1, shortBy: 1 });
    expect(quorumShortfall(summariseAttendance(1, roster(1, 0, 0)))).toBeNull();
  });
});
