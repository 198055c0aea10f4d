import { describe, expect, it } from "vitest";
import { formatDate, formatInteger, formatPercent, formatTime, formatWan, formatWanPlain, formatWanWhole, formatWanWithUnit, isoDay, wanYuan } from "./format";

describe("format", () => {
  it("writes integers with thousands separators", () => {
    expect(formatInteger(1522)).toBe("1,522");
    expect(formatInteger(106039)).toBe("106,039");
  });
  it("writes dates in Beijing time as 2026年1月15日", () => {
    expect(formatDate("2026-01-15T03:00:00Z")).toBe("2026年1月15日");
    expect(formatDate("2026-01-14T17:00:00Z")).toBe("2026年1月15日");
  });
  it("writes times and date-input days in Beijing time", () => {
    expect(formatTime("2026-01-15T01:03:12Z")).toBe("1月15日 09:03:12");
    expect(formatTime("2026-01-14T16:00:00Z")).toBe("1月15日 00:00:00");
    expect(isoDay(new Date("2026-01-14T16:30:00Z"))).toBe("2026-01-15");
  });
  it("writes ratios as percentages with one decimal", () => {
    expect(formatPercent(0.9987)).toBe("99.9%");
  });
});

describe("万元 amounts, stored in hundredths of 万元", () => {
  it.each([
    // cents, page, with unit, whole, spreadsheet CSV, spreadsheet cell
    [0, "0.00", "0.00万元", "0", "0.00", 0],
    [1, "0.01", "0.01万元", "0", "0.01", 0.01],
    [50, "0.50", "0.50万元", "1", "0.50", 0.5],
    [49, "0.49", "0.49万元", "0", "0.49", 0.49],
    [12_000, "120.00", "120.00万元", "120", "120.00", 120],
    [123_450, "1,234.50", "1,234.50万元", "1,235", "1234.50", 1234.5],
    [99_999_999, "999,999.99", "999,999.99万元", "1,000,000", "999999.99", 999_999.99],
    [1_000_000_000, "10,000,000.00", "10,000,000.00万元", "10,000,000", "10000000.00", 10_000_000],
  ])("%d hundredths: %s", (cents, page, withUnit, whole, plain, number) => {
    expect(formatWan(cents)).toBe(page);
    expect(formatWanWithUnit(cents)).toBe(withUnit);
    expect(formatWanWhole(cents)).toBe(whole);
    expect(formatWanPlain(cents)).toBe(plain);
    expect(wanYuan(cents)).toBe(number);
  });

  it("shows a dash, not 0.00, where there is no amount (a township that held no vote)", () => {
    expect(formatWan(null)).toBe("—");
  });
});
