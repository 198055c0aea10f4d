/**
 * The coverage reader's statements (data/coverage.server.ts), one SQL text per engine: the same
 * names, the same parameters in the same order, the same columns. Each engine's rows come back as its
 * driver gives them; coverage.server.ts reads them with the helpers below, which take both forms:
 * - a flag is 0/1 (SQLite) or a boolean (PostgreSQL);
 * - an instant is ISO text (SQLite, as Prisma stores it) or a Date (PostgreSQL's timestamptz);
 * - a JSON array built by the statement is text (SQLite) or already parsed (PostgreSQL's json);
 * - a count or a sum is a number on both (PostgreSQL's statements cast their bigints to integer).
 */
export type CoverageStatement =
  | "cities"
  | "counties"
  | "register"
  | "summaries"
  | "rounds"
  | "years"
  | "campaignYears"
  | "campaignYearsOfTownship"
  | "collection"
  | "implementation"
  | "changes"
  | "lastAuditId"
  | "settledAuditId"
  | "township"
  | "sessionsOfTownship"
  | "roundsOfTownship"
  | "publishedResults"
  | "candidateNames"
  | "search";

export type CoverageRow = Record<string, unknown>;

/** The statements on one engine's connection(s), read only. */
export interface CoverageQueries {
  all(statement: CoverageStatement, params: readonly unknown[]): Promise<CoverageRow[]>;
  close(): Promise<void>;
}

/** How many audit entries the change feed reads per statement (it pages by id). */
export const CHANGES_PAGE = 5000;

export function flag(value: unknown): boolean {
  return value === true || value === 1;
}

/** A flag that may be absent (a JSON field): null stays null. */
export function optionalFlag(value: unknown): boolean | null {
  return value === null || value === undefined ? null : flag(value);
}

export function instant(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

/** An instant as ISO text, or null (what the views pass on to the pages). */
export function instantText(value: unknown): string | null {
  return value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : (value as string);
}

export function jsonArray<T>(value: unknown): T[] {
  return (typeof value === "string" ? JSON.parse(value) : value) as T[];
}
