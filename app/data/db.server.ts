/**
 * The one Prisma client. SQLite settings chosen for a ballot that a tablet saw confirmed to
 * survive a power cut: WAL with synchronous=FULL (every commit is fsynced), foreign keys on,
 * and a busy timeout so that a second process (a migration, a script) waits instead of failing.
 * secure_delete zeroes what a delete removes (a secret round's sealed ballots, decision 006), and
 * temporary tables and sorts stay in memory, out of files nobody cleans.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { databasePath, env } from "~/utils/env.server";

export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "secure_delete = ON", "temp_store = MEMORY", "busy_timeout = 5000"];

/** The driver adapter opens the connection itself; this applies our pragmas to it. */
class DurableSqlite extends PrismaBetterSqlite3 {
  async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(SQLITE_PRAGMAS.map((pragma) => `PRAGMA ${pragma};`).join("\n"));
    return adapter;
  }
}

/**
 * The database file, created readable by this account only (0600) before SQLite opens it: SQLite
 * gives its -wal and -shm files the main file's permissions. A file made by an older version is
 * narrowed to 0600 too. Only its owner — the account the server runs as — reads ballots or the log.
 */
export function preparePrivateDatabaseFile(databaseUrl: string): void {
  const file = databasePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, "a", 0o600));
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
}

export function createPrismaClient(databaseUrl: string): PrismaClient {
  preparePrivateDatabaseFile(databaseUrl);
  return new PrismaClient({ adapter: new DurableSqlite({ url: databaseUrl, timeout: 5000 }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL));
