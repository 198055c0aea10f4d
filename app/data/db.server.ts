/**
 * The one Prisma client. SQLite settings chosen for a ballot that a tablet saw confirmed to
 * survive a power cut: WAL with synchronous=FULL (every commit is fsynced), foreign keys on,
 * and a busy timeout so that a second process (a migration, a script) waits instead of failing.
 * secure_delete zeroes what a delete removes (a secret round's sealed ballots, decision 006), and
 * temporary tables and sorts stay in memory, out of files nobody cleans.
 */
import { mkdirSync } from "node:fs";
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

export function createPrismaClient(databaseUrl: string): PrismaClient {
  mkdirSync(path.dirname(databasePath(databaseUrl)), { recursive: true });
  return new PrismaClient({ adapter: new DurableSqlite({ url: databaseUrl, timeout: 5000 }) });
}

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient(env().DATABASE_URL));
