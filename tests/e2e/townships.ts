/**
 * Each test's own townships, so that tests run in parallel and a second run against the same server
 * and database finds none of the first run's rosters, sessions or notices where it works.
 *
 * A township is free when the e2e database holds no deputy, session or clerk account for it and no
 * test has claimed it. Claims are rows of a small SQLite file beside the e2e database (removed with
 * it when the web server starts afresh); one IMMEDIATE transaction on it spans reading what is used and
 * writing the claim, so two workers asking at once never get the same township.
 */
import Database from "better-sqlite3";
import { database } from "../../playwright.config";
import { appRows } from "./app-database";

/** A township of the register, as a test needs to know it. */
export interface Township {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  cityName: string;
  /** The Election Law quota the register estimates (代表名额估算). */
  deputyQuota: number;
}

/** A county whose townships no test has touched: for tests that count what a county holds. */
export interface County {
  code: string;
  name: string;
  cityName: string;
  /** Its townships by code. */
  townships: Township[];
}

const FREE_TOWNSHIPS = `
  SELECT t.code, t.name, t.level, t."countyCode", c.name AS "countyName", ci.name AS "cityName", t."deputyQuota",
         NOT EXISTS (SELECT 1 FROM "Deputy" d WHERE d."townshipId" = t.id)
         AND NOT EXISTS (SELECT 1 FROM "CongressSession" s WHERE s."townshipId" = t.id)
         AND NOT EXISTS (SELECT 1 FROM "User" u WHERE u."townshipId" = t.id) AS unused
  FROM "Township" t JOIN "County" c ON c.code = t."countyCode" JOIN "City" ci ON ci.code = c."cityCode"
  WHERE t."retiredAt" IS NULL
  ORDER BY t.code`;

/** `unused` is 0/1 on SQLite, a boolean on PostgreSQL. */
type RegisterRow = Township & { level: "township" | "county"; unused: number | boolean };

async function withClaims<T>(
  claim: (register: RegisterRow[], claimed: Set<string>, record: (code: string, kind: "township" | "county") => void) => T,
): Promise<T> {
  const claims = new Database(`${database}.claims`);
  try {
    claims.pragma("busy_timeout = 10000");
    claims.exec("CREATE TABLE IF NOT EXISTS claim (code TEXT PRIMARY KEY, kind TEXT NOT NULL)");
    const insert = claims.prepare("INSERT INTO claim (code, kind) VALUES (?, ?)");
    claims.exec("BEGIN IMMEDIATE");
    try {
      const claimed = new Set((claims.prepare("SELECT code FROM claim").all() as Array<{ code: string }>).map((row) => row.code));
      const rows = await appRows<RegisterRow>(FREE_TOWNSHIPS);
      const result = claim(rows, claimed, (code, kind) => insert.run(code, kind));
      claims.exec("COMMIT");
      return result;
    } catch (error) {
      claims.exec("ROLLBACK");
      throw error;
    }
  } finally {
    claims.close();
  }
}

function township({ unused: _, level: __, ...row }: RegisterRow): Township {
  return row;
}

/** A township nobody has used, outside any county a test has claimed whole. */
export function claimTownship(): Promise<Township> {
  return withClaims((register, claimed, record) => {
    const free = register.find((row) => row.level === "township" && row.unused && !claimed.has(row.code) && !claimed.has(row.countyCode));
    if (!free) throw new Error(`No unused township left in ${database}: restart the e2e web server for a fresh database.`);
    record(free.code, "township");
    return township(free);
  });
}

/** A county with at least `townships` townships, none of them used or claimed. */
export function claimCounty(townships: number): Promise<County> {
  return withClaims((register, claimed, record) => {
    const byCounty = new Map<string, RegisterRow[]>();
    for (const row of register) if (row.level === "township") byCounty.set(row.countyCode, [...(byCounty.get(row.countyCode) ?? []), row]);
    // The county's own congress must be untouched too: a test that counts the county sees it not held.
    const congressUsed = new Set(register.filter((row) => row.level === "county" && !row.unused).map((row) => row.code));
    for (const [code, rows] of byCounty) {
      if (rows.length < townships || claimed.has(code) || congressUsed.has(code) || rows.some((row) => !row.unused || claimed.has(row.code))) continue;
      record(code, "county");
      return { code, name: rows[0]!.countyName, cityName: rows[0]!.cityName, townships: rows.map(township) };
    }
    throw new Error(`No untouched county with ${townships} townships left in ${database}: restart the e2e web server for a fresh database.`);
  });
}

/**
 * A county congress (县级人大, decision 019) nobody has used, in a county no test has claimed whole;
 * as a Township its code is the county's code and its quota the county congress's.
 */
export function claimCountyCongress(): Promise<Township> {
  return withClaims((register, claimed, record) => {
    const free = register.find((row) => row.level === "county" && row.unused && !claimed.has(row.code));
    if (!free) throw new Error(`No unused county congress left in ${database}: restart the e2e web server for a fresh database.`);
    record(free.code, "township");
    return township(free);
  });
}
