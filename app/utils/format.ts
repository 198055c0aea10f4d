/** Numbers and dates as Chinese readers expect them: 1,522 and 2026年1月15日 (Beijing time). */
const integer = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dateParts = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric", day: "numeric" });

export function formatInteger(value: number): string {
  return integer.format(value);
}

export function formatPercent(ratio: number): string {
  return percent.format(ratio);
}

export function formatDate(date: Date | string): string {
  const parts = Object.fromEntries(dateParts.formatToParts(new Date(date)).map((part) => [part.type, part.value]));
  return `${parts.year}年${parts.month}月${parts.day}日`;
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
