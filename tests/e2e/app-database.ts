/**
 * The e2e database the web server uses, read and written the way a test setup step needs (the
 * township claims, a staff login): SQLite or PostgreSQL, whichever playwright.config.ts started
 * the server on (E2E_DATABASE_URL). One SQL text serves both: quoted names, `?` placeholders.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl } from "../../playwright.config";

export async function appRows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  if (databaseUrl.startsWith("postgres")) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(databaseUrl.slice("file:".length), { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const statement = db.prepare(sql);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
  } finally {
    db.close();
  }
}
