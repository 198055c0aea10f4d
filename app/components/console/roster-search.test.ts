import { describe, expect, it } from "vitest";
import { rosterQueryMatcher } from "./roster-search";

const rows = [
  { seatNo: 1, name: "王建国" },
  { seatNo: 12, name: "李建国" },
  { seatNo: 21, name: "张秀英" },
  { seatNo: 112, name: "Li Na" },
];
const find = (query: string) => rows.filter(rosterQueryMatcher(query)).map((row) => row.seatNo);

describe("rosterQueryMatcher", () => {
  it("finds by seat number exactly, half- or full-width", () => {
    expect(find("12")).toEqual([12]);
    expect(find("１２")).toEqual([12]);
    expect(find(" 1 ")).toEqual([1]);
    expect(find("7")).toEqual([]);
  });

  it("finds by a part of the name, ignoring spaces and case", () => {
    expect(find("建国")).toEqual([1, 12]);
    expect(find("张 秀")).toEqual([21]);
    expect(find("lina")).toEqual([112]);
  });

  it("an empty query shows everyone", () => {
    expect(find("  ")).toEqual([1, 12, 21, 112]);
  });
});
