/** Numbers and dates as Chinese readers expect them: 1,522 and 2026年1月15日 (Beijing time). */
import { formatMessages } from "~/messages/formats";
const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dateParts = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric" });

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatPercent(ratio: number): string {
  return percent.format(ratio);
}

/**
 * 估算投资 is stored in whole hundredths of 万元 (so that sums are exact); 123450 is 1,234.50 万元.
 * Pages show two decimals with thousands separators, headline totals whole 万元, spreadsheets a bare
 * number. A township without figures (not held) has no amount, shown as a dash.
 */
const wanAmount = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NO_AMOUNT = "—";

/** 万元 as a number, for a spreadsheet cell: 123450 → 1234.5. */
export function wanYuan(cents: number): number {
  return cents / 100;
}

/** "1,234.50" (the column header carries 万元); "—" when there is no amount. */
export function formatWan(cents: number | null): string {
  return cents === null ? NO_AMOUNT : wanAmount.format(cents / 100);
}

/** "1,234.50万元", where no column header names the unit. */
export function formatWanWithUnit(cents: number): string {
  return formatMessages.wanYuan(formatWan(cents));
}

/** "1,235": whole 万元, for headline totals. */
export function formatWanWhole(cents: number): string {
  return integer.format(Math.round(cents / 100));
}

/** "1234.50": two decimals and no separator, so that a spreadsheet opening the CSV reads a number. */
export function formatWanPlain(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Reads the named parts of a formatted date; each format below asks for every part it reads. */
function partsOf(format: Intl.DateTimeFormat, value: Date | string): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = format.formatToParts(new Date(value));
  return (type) => parts.find((part) => part.type === type)?.value ?? "";
}

export function formatDate(date: Date | string): string {
  const part = partsOf(dateParts, date);
  return formatMessages.date(part("year"), part("month"), part("day"));
}

const time = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  month: "numeric",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** 1月15日 09:03:12, Beijing time: for the audit log and round timestamps. */
export function formatTime(value: Date | string): string {
  const part = partsOf(time, value);
  return formatMessages.time(part("month"), part("day"), `${part("hour")}:${part("minute")}:${part("second")}`);
}

const isoDayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** "2026-01-15" for a date input's default value (Beijing date). */
export function isoDay(value: Date): string {
  return isoDayFormat.format(value);
}

const yearPart = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", year: "numeric" });

/** The calendar year in Beijing time: a session on 1 January 00:30 belongs to the new year. */
export function beijingYear(date: Date): number {
  return Number(yearPart.format(date));
}

/** A hash as printed on paper: its first 80 bits in groups of 4 — enough that no forgery matches by chance. */
export function formatDigest(hash: string): string {
  return hash.slice(0, 20).match(/.{4}/g)!.join(" ");
}
