/**
 * 备份与恢复 (PostgreSQL, decision 020). A backup is `pg_dump --format=custom`: one consistent
 * snapshot of the database (every transaction committed before it started, none after) taken while
 * the server runs, without blocking its writes; it is checked by listing it with `pg_restore`. A
 * restore loads the backup into a new database of the same server, refuses it if it records
 * migrations this code does not have, and only then, with no one connected to the database, renames
 * the old database to `<name>_before_restore_<time>` and the new one to the database's name.
 *
 * What a backup holds is what the database holds (backup.server.ts says what that means for a
 * secret round). The client tools are Debian's (the newest installed, which reads older servers).
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { databaseName, withDatabase } from "~/utils/database-url";
import { postgresBinDir } from "~/utils/postgres-bin.server";
import type { BackupReport } from "./backup.server";

/** A PostgreSQL client tool: from the newest installed server's bin directory, else from PATH. */
function tool(name: "pg_dump" | "pg_restore"): string {
  const dir = postgresBinDir(name);
  return dir ? path.join(dir, name) : name;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function onMaintenanceDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Throws unless `file` is a whole pg_dump archive. */
function checkedArchive(file: string): void {
  execFileSync(tool("pg_restore"), ["--list", file], { stdio: ["ignore", "ignore", "pipe"] });
}

/** Writes a consistent backup of the database at `url` to `to` (which must not exist), and checks it. */
export function backupPostgres(url: string, to: string): BackupReport {
  if (existsSync(to)) throw new Error(`${to} exists already: a backup never overwrites a file`);
  mkdirSync(path.dirname(to), { recursive: true });
  const started = performance.now();
  execFileSync(tool("pg_dump"), ["--format=custom", "--no-owner", "--no-privileges", `--file=${to}`, url], { stdio: ["ignore", "ignore", "pipe"] });
  chmodSync(to, 0o600);
  checkedArchive(to);
  return { file: to, bytes: statSync(to).size, ms: performance.now() - started };
}

/** The backup records migrations this code does not have (written by a newer version). */
export class BackupNewerThanCode extends Error {
  constructor(readonly migrations: string[]) {
    super(`the backup was written by a newer version of this program (migrations unknown here: ${migrations.join(", ")})`);
  }
}

/**
 * Restores the backup `from` as the database at `url`, with the server stopped (refused while anyone
 * is connected to it). `unknownMigrations` says which migrations of a database this code lacks.
 * Returns the name the replaced database is kept under, or null when there was none.
 */
export async function restorePostgres(from: string, url: string, unknownMigrations: (url: string) => Promise<string[]>): Promise<string | null> {
  checkedArchive(from);
  const name = databaseName(url);
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const incoming = `${name}_restoring_${stamp}`;
  await onMaintenanceDatabase(url, (client) => client.query(`CREATE DATABASE ${quoted(incoming)}`));
  const dropIncoming = () => onMaintenanceDatabase(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(incoming)} WITH (FORCE)`));
  try {
    execFileSync(tool("pg_restore"), ["--no-owner", "--no-privileges", "--exit-on-error", `--dbname=${withDatabase(url, incoming)}`, from], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    const unknown = await unknownMigrations(withDatabase(url, incoming));
    if (unknown.length > 0) throw new BackupNewerThanCode(unknown);
  } catch (error) {
    await dropIncoming();
    throw error;
  }
  return onMaintenanceDatabase(url, async (client) => {
    const exists = (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1;
    let keptAs: string | null = null;
    if (exists) {
      const connected = await client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
      if (connected.rows[0].n > 0) {
        await client.query(`DROP DATABASE IF EXISTS ${quoted(incoming)} WITH (FORCE)`);
        throw new Error(`${name}: ${connected.rows[0].n} connection(s) open — stop the server before restoring`);
      }
      keptAs = `${name}_before_restore_${stamp}`;
      await client.query(`ALTER DATABASE ${quoted(name)} RENAME TO ${quoted(keptAs)}`);
    }
    await client.query(`ALTER DATABASE ${quoted(incoming)} RENAME TO ${quoted(name)}`);
    return keptAs;
  });
}
