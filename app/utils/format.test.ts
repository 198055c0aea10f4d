import { describe, expect, it } from "vitest";
import { formatDate, formatInteger, formatPercent } from "./format";

describe("format", () => {
  it("writes integers with thousands separators", () => {
    expect(formatInteger(1522)).toBe("1,522");
    expect(formatInteger(106039)).toBe("106,039");
  });
  it("writes dates in Beijing time as 2026年1月15日", () => {
    expect(formatDate("2026-01-15T03:00:00Z")).toBe("2026年1月15日");
    expect(formatDate("2026-01-14T17:00:00Z")).toBe("2026年1月15日");
  });
  it("writes ratios as percentages with one decimal", () => {
    expect(formatPercent(0.9987)).toBe("99.9%");
  });
});
