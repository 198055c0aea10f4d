import { describe, expect, it } from "vitest";
import { assignSeats } from "./seating";

describe("assignSeats", () => {
  it("numbers a roster without seat numbers 1, 2, 3 in roster order", () => {
    expect(
      assignSeats([
        { id: 7, seatNo: null },
        { id: 3, seatNo: null },
        { id: 9, seatNo: null },
      ]),
    ).toEqual([
      { id: 7, seatNo: 1 },
      { id: 3, seatNo: 2 },
      { id: 9, seatNo: 3 },
    ]);
  });

  it("keeps the roster's seat numbers and gives the others the numbers after the highest", () => {
    expect(
      assignSeats([
        { id: 1, seatNo: 12 },
        { id: 2, seatNo: null },
        { id: 3, seatNo: 5 },
        { id: 4, seatNo: null },
      ]),
    ).toEqual([
      { id: 1, seatNo: 12 },
      { id: 2, seatNo: 13 },
      { id: 3, seatNo: 5 },
      { id: 4, seatNo: 14 },
    ]);
  });

  it("never gives two deputies one seat, whatever the mix (1 to 160 deputies)", () => {
    for (let seated = 1; seated <= 160; seated++) {
      const roster = Array.from({ length: seated }, (_, i) => ({ id: i + 1, seatNo: i % 3 === 0 ? seated * 2 - i : null }));
      const seats = assignSeats(roster).map((row) => row.seatNo);
      expect(new Set(seats).size).toBe(seated);
      expect(Math.min(...seats)).toBeGreaterThanOrEqual(1);
    }
  });

  it("an empty roster has no seats", () => {
    expect(assignSeats([])).toEqual([]);
  });
});
