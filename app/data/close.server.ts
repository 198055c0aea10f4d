/**
 * Closes every connection this process holds to the database — the coverage reader, Prisma's and
 * the ballot box's — then checkpoints the write-ahead log into the database file on a connection
 * of its own, the last one: closing it lets SQLite delete the -wal file, so the file alone is the
 * whole database (a copy or backup taken after a stop needs nothing beside it).
 */
import Database from "better-sqlite3";
import { databasePath, env } from "~/utils/env.server";
import { closeBallotBox } from "./ballot-box.server";
import { closeCoverageReader } from "./coverage.server";
import { prisma } from "./db.server";

export async function closeDatabase(): Promise<void> {
  closeCoverageReader();
  closeBallotBox();
  await prisma.$disconnect();
  const last = new Database(databasePath(env().DATABASE_URL), { fileMustExist: true, timeout: 5000 });
  try {
    last.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    last.close();
  }
}
