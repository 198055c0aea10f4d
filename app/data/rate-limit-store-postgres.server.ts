/**
 * express-rate-limit's store on PostgreSQL, shared by every app process of one database (decision
 * 009, docs/deployment/README.md): with the memory store, N processes behind a proxy would each
 * count alone and let N times the limit through.
 *
 * One row per key in the UNLOGGED table "RateLimitCounter" (its migration): hits and the end of the
 * key's window, both read from the database's clock, so processes on machines whose clocks differ
 * agree. An increment is one upsert that starts a new window when the old one has ended. The
 * increments arriving in the same turn of the event loop go out as one statement (keys sorted, so two
 * processes' statements lock rows in the same order and cannot deadlock), each caller told its own
 * count: a storm of tablet posts costs one round trip per turn, not one per post.
 *
 * Why not @acpr/rate-limit-postgresql (npm): it runs its own migrations (postgres-migrations) into
 * a schema of its own when constructed, without awaiting them, needs the uuid-ossp extension
 * (CREATE EXTENSION, a superuser's right on a province server), and pins its own pg and pg-pool.
 */
import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from "express-rate-limit";
import pg from "pg";
import { env } from "~/utils/env.server";
import { heldConnection } from "./sqlite.server";

interface Waiting {
  resolve(info: IncrementResponse): void;
  reject(error: unknown): void;
}

interface CounterRow {
  key: string;
  hits: number;
  resetAt: Date;
}

const UPSERT = `
INSERT INTO "RateLimitCounter" AS c (key, hits, "resetAt")
SELECT k, n, now() + $3 * interval '1 millisecond' FROM unnest($1::text[], $2::int[]) AS t(k, n) ORDER BY k
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN c."resetAt" <= now() THEN EXCLUDED.hits ELSE c.hits + EXCLUDED.hits END,
  "resetAt" = CASE WHEN c."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE c."resetAt" END
RETURNING key, hits, "resetAt"`;

/** How often a store deletes the rows whose window ended (each process, for the keys of its own prefix). */
const SWEEP_MS = 60_000;

export class PostgresRateLimitStore implements Store {
  /** Counts here are seen by every process: express-rate-limit's double-count check knows it. */
  readonly localKeys = false;
  windowMs = 60_000;
  private waiting = new Map<string, Waiting[]>();
  private scheduled = false;
  private sweeper: ReturnType<typeof setInterval> | null = null;

  /** `prefix` keeps the keys of limiters with different windows apart in the one table. */
  constructor(
    private readonly pool: () => pg.Pool,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.sweeper ??= setInterval(() => void this.sweep().catch(() => {}), Math.max(SWEEP_MS, this.windowMs)).unref();
  }

  increment(key: string): Promise<IncrementResponse> {
    return new Promise((resolve, reject) => {
      const full = this.prefix + key;
      const list = this.waiting.get(full);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(full, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush() {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = new Map();
    const keys = [...batch.keys()].sort();
    try {
      const { rows } = await this.pool().query<CounterRow>(UPSERT, [keys, keys.map((key) => batch.get(key)!.length), this.windowMs]);
      for (const row of rows) {
        const callers = batch.get(row.key)!;
        // In arrival order: the first of n callers saw the count n − 1 below the stored one.
        callers.forEach((caller, i) => caller.resolve({ totalHits: row.hits - (callers.length - 1 - i), resetTime: row.resetAt }));
        batch.delete(row.key);
      }
      for (const callers of batch.values()) for (const caller of callers) caller.reject(new Error("rate-limit counter not returned"));
    } catch (error) {
      for (const callers of batch.values()) for (const caller of callers) caller.reject(error);
    }
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.pool().query<CounterRow>(`SELECT key, hits, "resetAt" FROM "RateLimitCounter" WHERE key = $1 AND "resetAt" > now()`, [
      this.prefix + key,
    ]);
    const row = rows[0];
    return row && { totalHits: row.hits, resetTime: row.resetAt };
  }

  async decrement(key: string): Promise<void> {
    await this.pool().query(`UPDATE "RateLimitCounter" SET hits = greatest(0, hits - 1) WHERE key = $1 AND "resetAt" > now()`, [this.prefix + key]);
  }

  async resetKey(key: string): Promise<void> {
    await this.pool().query(`DELETE FROM "RateLimitCounter" WHERE key = $1`, [this.prefix + key]);
  }

  async resetAll(): Promise<void> {
    await this.pool().query(`DELETE FROM "RateLimitCounter" WHERE starts_with(key, $1)`, [this.prefix]);
  }

  /** Deletes this prefix's rows whose window has ended. */
  async sweep(): Promise<number> {
    const { rowCount } = await this.pool().query(`DELETE FROM "RateLimitCounter" WHERE starts_with(key, $1) AND "resetAt" <= now()`, [this.prefix]);
    return rowCount ?? 0;
  }

  shutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}

/** The pool the stores of one process share: a few connections (each statement is one short upsert). */
export function rateLimitPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 30_000, application_name: "minsheng-rate-limits" });
  // An idle connection the server ended (a restart, a failover) is dropped by the pool; the next query opens another.
  pool.on("error", () => {});
  return pool;
}

/** A store on the app's database, its pool held (and closed by closeDatabase()) with the other connections. */
export function postgresRateLimitStore(prefix: string): PostgresRateLimitStore {
  return new PostgresRateLimitStore(
    () =>
      heldConnection("rate-limits", () => {
        const pool = rateLimitPool(env().DATABASE_URL);
        return { pool, close: () => pool.end() };
      }).pool,
    prefix,
  );
}
