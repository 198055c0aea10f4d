import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idParam } from "./params";

describe("idParam", () => {
  it("reads plain positive decimal ids", () => {
    expect([idParam("1"), idParam("42"), idParam("9007199254740991")]).toEqual([1, 42, 9007199254740991]);
  });
  it("refuses what Number() would quietly turn into a record", () => {
    for (const value of ["", " 7", "7 ", "0x10", "1e3", "0", "-1", "07", "1.0", "+1", "9007199254740992", "１２", null, undefined])
      expect(idParam(value)).toBeNull();
  });
  it("reads back every safe positive integer it is given in decimal", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => idParam(String(id)) === id));
  });
});
