/** The words numbers and dates are written with (app/utils/format.ts, charts, cards): 1,234.50万元, 2026年1月15日. */
export const formatMessages = {
  wanYuan: (amount: string) => `${amount}万元`,
  date: (year: string, month: string, day: string) => `${year}年${month}月${day}日`,
  /** A Beijing day as stored ("2027-01-05") → 2027年1月5日. */
  isoDay: (value: string) => `${Number(value.slice(0, 4))}年${Number(value.slice(5, 7))}月${Number(value.slice(8, 10))}日`,
  /** 1月15日 09:03:12 */
  time: (month: string, day: string, clock: string) => `${month}月${day}日 ${clock}`,
  month: (month: number) => `${month}月`,
  seatNo: (seatNo: number) => `${seatNo}号`,
  percentagePoints: (points: string) => `${points}个百分点`,
} as const;
