/**
 * The owner of every connection to the database file: the Prisma client, the ballot box's and the
 * coverage reader's better-sqlite3 connections, and the last one, `closeDatabase()`'s checkpoint.
 * Each is opened here with one list of settings (decision 003) and closed here, by one function
 * that the server, the scripts and the test setup all call.
 *
 * SQLite settings chosen for a ballot that a tablet saw confirmed to survive a power cut: WAL with
 * synchronous=FULL (every commit is fsynced), foreign keys on, and a busy timeout so that a second
 * process (a migration, a script) waits instead of failing. secure_delete zeroes what a delete
 * removes (a secret round's sealed ballots, decision 006), and temporary tables and sorts stay in
 * memory, out of files nobody cleans.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgresql/client";
import { databaseEngine } from "~/utils/database-url";
import { databasePath, env } from "~/utils/env.server";

/** What every connection sets, in this order (the busy timeout follows, by purpose). */
export const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "secure_delete = ON", "temp_store = MEMORY"];

/** How long a connection waits for another's write lock before SQLite answers SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The one exception (decision 003): the ballot box does not wait at all. better-sqlite3 is
 * synchronous, so a busy wait on it would stop the event loop — and with it the Prisma transaction
 * in this same process that holds the lock — for the whole timeout. It retries its batch instead.
 */
export const BALLOT_BOX_BUSY_TIMEOUT_MS = 0;

/**
 * Why a better-sqlite3 connection is opened:
 * - `ballot-box`: the tablets' writes (data/ballot-box.server.ts), busy timeout 0;
 * - `coverage-reader`: the monitoring views' reads (data/coverage.server.ts), read only;
 * - `checkpoint`: the last connection, folding the write-ahead log into the file at shutdown;
 * - `inspection`: a tool or a test reading the file as it is, read only;
 * - `maintenance`: a tool or a test changing rows directly (a benchmark's fill, a tampering test).
 * Held on PostgreSQL only (`pg`, closed by closeDatabase() like the others): `session-bus`, the
 * LISTEN/NOTIFY connection between app processes; `rate-limits`, the shared rate-limit counters' pool.
 */
export type ConnectionPurpose = "ballot-box" | "coverage-reader" | "checkpoint" | "inspection" | "maintenance" | "session-bus" | "rate-limits";

const READ_ONLY: ReadonlySet<ConnectionPurpose> = new Set(["coverage-reader", "inspection"]);

/** A better-sqlite3 connection, as `openConnection` gives it. */
export type Connection = Database.Database;

/** The engine of the app's database (DATABASE_URL): SQLite unless it names a PostgreSQL server. */
export function appEngine() {
  return databaseEngine(env().DATABASE_URL);
}

/** The app's database file (DATABASE_URL). */
export function appDatabaseFile(): string {
  return databasePath(env().DATABASE_URL);
}

/** A better-sqlite3 connection with the app's settings; `file` is the app's database unless given. */
export function openConnection(purpose: ConnectionPurpose, file = appDatabaseFile()): Connection {
  const busyTimeout = purpose === "ballot-box" ? BALLOT_BOX_BUSY_TIMEOUT_MS : BUSY_TIMEOUT_MS;
  const db = new Database(file, { fileMustExist: purpose !== "ballot-box", timeout: busyTimeout });
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  db.pragma(`busy_timeout = ${busyTimeout}`);
  // Set last: query_only forbids the journal-mode change above on a file not yet in WAL mode.
  if (READ_ONLY.has(purpose)) db.pragma("query_only = ON");
  return db;
}

/** The driver adapter opens the connection itself; this applies our pragmas to it. */
class DurableSqlite extends PrismaBetterSqlite3 {
  async connect() {
    const adapter = await super.connect();
    await adapter.executeScript([...SQLITE_PRAGMAS, `busy_timeout = ${BUSY_TIMEOUT_MS}`].map((pragma) => `PRAGMA ${pragma};`).join("\n"));
    return adapter;
  }
}

/**
 * The database file, created readable by this account only (0600) before SQLite opens it: SQLite
 * gives its -wal and -shm files the main file's permissions. A file made by an older version is
 * narrowed to 0600 too. Only its owner — the account the server runs as — reads ballots or the log.
 */
export function preparePrivateDatabaseFile(databaseUrl: string): void {
  if (databaseEngine(databaseUrl) === "postgresql") return;
  const file = databasePath(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, "a", 0o600));
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) chmodSync(file + suffix, 0o600);
}

/**
 * A Prisma client for the database at `databaseUrl` (the app's own is `prisma`; setup makes others).
 * On PostgreSQL it is the client generated from prisma/postgresql/schema.prisma (decision 020): the
 * same models, so it is typed as the SQLite one; only Ballot.id and SealedBallot.id read back as
 * bigint there, and no code reads them.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  if (databaseEngine(databaseUrl) === "postgresql") {
    return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as PrismaClient;
  }
  preparePrivateDatabaseFile(databaseUrl);
  return new PrismaClient({ adapter: new DurableSqlite({ url: databaseUrl, timeout: BUSY_TIMEOUT_MS }) });
}

interface Closeable {
  close(): unknown;
}

/** Everything this process holds open on the app's database. */
interface OpenDatabase {
  prisma: PrismaClient;
  held: Map<ConnectionPurpose, Closeable>;
}

// The one copy of this module in the process (the server runs the build alone: decision 012).
let database: OpenDatabase | undefined;

function openDatabase(): OpenDatabase {
  database ??= { prisma: createPrismaClient(env().DATABASE_URL), held: new Map() };
  return database;
}

/**
 * The database cannot store anything now — the disk is full, the file or its file system is
 * read-only, or the disk fails — as opposed to a refusal or a defect: what was asked was not stored.
 * PostgreSQL's SQLSTATEs for the same: 53100 disk_full, 25006 read_only_sql_transaction (a read-only
 * database or a standby), 58030 io_error.
 */
export function isStorageFailure(error: unknown): boolean {
  const code = error instanceof Error && "code" in error ? String((error as { code: unknown }).code) : "";
  if (POSTGRES_STORAGE_FAILURES.has(code)) return true;
  return code === "SQLITE_FULL" || code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_IOERR") || code === "SQLITE_CANTOPEN";
}

const POSTGRES_STORAGE_FAILURES = new Set(["53100", "25006", "58030"]);

/** Reads the database on a connection of its own (a readiness probe): throws when it cannot be opened or read. */
export async function pingDatabase(): Promise<void> {
  if (databaseEngine(env().DATABASE_URL) === "postgresql") {
    const client = new pg.Client({ connectionString: env().DATABASE_URL, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query('SELECT count(*) FROM "_prisma_migrations"');
    } finally {
      await client.end();
    }
    return;
  }
  const db = openConnection("inspection");
  try {
    db.prepare("SELECT count(*) FROM _prisma_migrations").get();
  } finally {
    db.close();
  }
}

/** The app's Prisma client. */
export const prisma: PrismaClient = openDatabase().prisma;

/**
 * The connection-backed object kept for `purpose` (the ballot box, the coverage reader), opened on
 * first use by `open` and closed by `closeDatabase()`.
 */
export function heldConnection<T extends Closeable>(purpose: ConnectionPurpose, open: () => T): T {
  const { held } = openDatabase();
  let value = held.get(purpose) as T | undefined;
  if (!value) held.set(purpose, (value = open()));
  return value;
}

/**
 * Closes every connection this process holds to the database — the held ones, then Prisma's — then
 * checkpoints the write-ahead log into the database file on a connection of its own, the last one:
 * closing it lets SQLite delete the -wal file, so the file alone is the whole database (a copy or
 * backup taken after a stop needs nothing beside it).
 */
export async function closeDatabase(): Promise<void> {
  const open = database;
  database = undefined;
  if (!open) return;
  for (const connection of open.held.values()) await connection.close();
  await open.prisma.$disconnect();
  if (databaseEngine(env().DATABASE_URL) === "postgresql") return;
  const last = openConnection("checkpoint");
  try {
    last.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    last.close();
  }
}
