/**
 * The benchmark's database on one engine (decision 020): where it lives, what the server needs to
 * reach it, its size, and the storage ceiling measured on the rows the run left. SQLite: a fresh
 * file in the work directory. PostgreSQL: a throwaway server of its own (initdb defaults, fsync and
 * synchronous_commit on), stopped and deleted afterwards.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { postgresBinDir } from "~/utils/postgres-bin.server";
import { startPostgresCluster, type PostgresCluster } from "../../../prisma/engine/throwaway-postgres.ts";
import { postgresStorageCeiling } from "./storage-ceiling-postgres.ts";
import { storageCeiling, type StorageCeiling } from "./storage-ceiling.ts";

export type BenchEngine = "sqlite" | "postgresql";

export const ENGINE_NAMES: Record<BenchEngine, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

export interface BenchDatabase {
  engine: BenchEngine;
  url: string;
  /** What the server's environment adds to reach it (PostgreSQL: where its secrets are kept). */
  env: Record<string, string>;
  /** Keeps a copy holding every issued ballot and none cast, for the storage ceiling (call before the ballots). */
  keepCopyForCeiling(): Promise<void>;
  sizeBytes(): Promise<number>;
  /** Raw driver writes of the rows `count` ballots write, with the app's durability; after the server stopped. */
  storageCeiling(count: number): Promise<StorageCeiling>;
  close(): Promise<void>;
}

/** The PostgreSQL server binaries' version ("15.10"), or null when they are not installed. */
export function postgresVersion(): string | null {
  const binDir = postgresBinDir("postgres");
  if (!binDir || !postgresBinDir()) return null;
  const out = execFileSync(path.join(binDir, "postgres"), ["--version"], { encoding: "utf8" });
  return /(\d+(\.\d+)*)/.exec(out)?.[1] ?? out.trim();
}

export async function openBenchDatabase(engine: BenchEngine, workDir: string): Promise<BenchDatabase> {
  return engine === "sqlite" ? sqliteBenchDatabase(workDir) : postgresBenchDatabase(workDir);
}

function sqliteBenchDatabase(workDir: string): BenchDatabase {
  const file = path.join(workDir, "bench.db");
  const copy = path.join(workDir, "ceiling.db");
  return {
    engine: "sqlite",
    url: `file:${file}`,
    env: {},
    async keepCopyForCeiling() {
      const db = new Database(file, { readonly: true });
      try {
        db.prepare("VACUUM INTO ?").run(copy);
      } finally {
        db.close();
      }
    },
    async sizeBytes() {
      return ["", "-wal"].reduce((sum, suffix) => sum + statSafe(file + suffix), 0);
    },
    async storageCeiling(count) {
      return storageCeiling(copy, count);
    },
    async close() {},
  };
}

/**
 * On PostgreSQL the copy is not taken while the server runs (CREATE DATABASE … TEMPLATE needs the
 * source without connections, a dump would take the time the SQLite copy does not): the ceiling
 * runs on the run's own database once the server has stopped, after the open rounds' cast ballots
 * are deleted again and their issued ballots marked unused — the rows the SQLite copy holds.
 */
async function postgresBenchDatabase(workDir: string): Promise<BenchDatabase> {
  const cluster: PostgresCluster = await startPostgresCluster();
  const url = cluster.databaseUrl("bench");
  await query(cluster.url, `CREATE DATABASE bench`);
  const dataDir = path.join(workDir, "postgres-secrets");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return {
    engine: "postgresql",
    url,
    env: { DATA_DIR: dataDir },
    async keepCopyForCeiling() {},
    async sizeBytes() {
      const [row] = await query<{ size: string }>(url, `SELECT pg_database_size(current_database()) AS size`);
      return Number(row!.size);
    },
    async storageCeiling(count) {
      await query(
        url,
        `WITH open_rounds AS (SELECT id FROM "Round" WHERE status = 'open'),
           b AS (DELETE FROM "Ballot" WHERE "roundId" IN (SELECT id FROM open_rounds)),
           s AS (DELETE FROM "SealedBallot" WHERE "roundId" IN (SELECT id FROM open_rounds)),
           r AS (DELETE FROM "BallotReceipt" WHERE "roundId" IN (SELECT id FROM open_rounds))
         UPDATE "BallotIssue" SET "votedAt" = NULL WHERE "roundId" IN (SELECT id FROM open_rounds)`,
      );
      await query(url, `VACUUM ANALYZE`);
      return postgresStorageCeiling(url, count);
    },
    async close() {
      cluster.stop();
    },
  };
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

function statSafe(file: string) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
