/** Beijing days as the app stores them (YYYY-MM-DD): they compare as strings, and count as calendar days here. */

/** The day's number on the calendar (days since 1970-01-01): differences are whole days, leap years included. */
export function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
}
