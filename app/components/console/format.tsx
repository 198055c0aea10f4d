/** Console formatting helpers shared by server and client rendering. */
const money = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** investmentCents are hundredths of 万元: 123450 → "1,234.50" (the column header carries 万元). */
export function formatWanYuan(investmentCents: number): string {
  return money.format(investmentCents / 100);
}

const time = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
});

/** 1月15日 09:03:12, Beijing time: for the audit log and round timestamps. */
export function formatTime(value: Date | string): string {
  const parts = Object.fromEntries(time.formatToParts(new Date(value)).map((part) => [part.type, part.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** "2026-01-15" for a date input's default value (Beijing date). */
export function isoDay(value: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(value);
}
