/**
 * What storage alone costs on PostgreSQL: the rows one ballot writes (the issued ballot marked used,
 * the ballot, its receipt, its audit entry), written with raw `pg` on one connection with the app's
 * durability (synchronous_commit on: a commit returns once its write-ahead log is flushed) and
 * batched as the PostgreSQL ballot box batches (app/data/ballot-box-postgres.server.ts): each
 * commit takes the writers' lock shared and its chain's lock first, each ballot is a savepoint. The same rows and
 * statements as the SQLite ceiling (storage-ceiling.ts), on a database holding open rounds with
 * unused ballots.
 */
import { createHash, randomInt } from "node:crypto";
import pg from "pg";
import { AUDIT_CHAIN_LOCK, WRITERS_LOCK } from "~/data/audit-chain.server";
import type { StorageCeiling } from "./storage-ceiling.ts";

export async function postgresStorageCeiling(url: string, count: number): Promise<StorageCeiling> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: settings } = await client.query<{ synchronous_commit: string; fsync: string }>(
      `SELECT current_setting('synchronous_commit') AS synchronous_commit, current_setting('fsync') AS fsync`,
    );
    if (settings[0]?.synchronous_commit !== "on" || settings[0]?.fsync !== "on") {
      throw new Error(`storage ceiling: the server must commit durably (synchronous_commit ${settings[0]?.synchronous_commit}, fsync ${settings[0]?.fsync})`);
    }
    const { rows: issues } = await client.query<{ roundId: number; deputyId: number }>(
      `SELECT "roundId", "deputyId" FROM "BallotIssue" WHERE "votedAt" IS NULL LIMIT $1`,
      [count],
    );
    let prev = "0".repeat(64);
    const writeOne = async (issue: { roundId: number; deputyId: number }, i: number) => {
      const now = new Date();
      await client.query("SAVEPOINT item");
      await client.query(`UPDATE "BallotIssue" SET "votedAt" = $1 WHERE "roundId" = $2 AND "deputyId" = $3 AND "votedAt" IS NULL`, [
        now,
        issue.roundId,
        issue.deputyId,
      ]);
      await client.query(`INSERT INTO "Ballot" (id, "roundId", "deputyId", choices, valid) VALUES ($1, $2, $3, $4, true)`, [
        randomInt(1, 2 ** 48),
        issue.roundId,
        issue.deputyId,
        '{"1":"yes","2":"yes","3":"yes","4":"no"}',
      ]);
      await client.query(`INSERT INTO "BallotReceipt" ("roundId", receipt, "deputyId") VALUES ($1, $2, $3)`, [
        issue.roundId,
        `R${i}-${randomInt(1e9)}`,
        issue.deputyId,
      ]);
      const hash = createHash("sha256")
        .update(prev + now.toISOString() + issue.deputyId)
        .digest("hex");
      await client.query(
        `INSERT INTO "AuditEntry" (at, actor, device, action, outcome, "sessionId", "roundId", detail, "prevHash", hash) VALUES ($1, $2, 'bench', 'ballot.cast', 'accepted', NULL, $3, '{}', $4, $5)`,
        [now, `deputy:${issue.deputyId}`, issue.roundId, prev, hash],
      );
      await client.query("RELEASE SAVEPOINT item");
      prev = hash;
    };
    const commit = async (group: typeof issues, offset: number) => {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock_shared($1)", [WRITERS_LOCK]);
      await client.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [AUDIT_CHAIN_LOCK, 0]);
      for (const [i, issue] of group.entries()) await writeOne(issue, offset + i);
      await client.query("COMMIT");
    };
    const half = Math.floor(issues.length / 2);
    let t0 = performance.now();
    for (let i = 0; i < half; i += 1) await commit([issues[i]!], i);
    const perCommit = half / ((performance.now() - t0) / 1000);
    const rest = issues.slice(half);
    t0 = performance.now();
    for (let i = 0; i < rest.length; i += 50) await commit(rest.slice(i, i + 50), half + i);
    const grouped = rest.length / ((performance.now() - t0) / 1000);
    return { perCommit, grouped };
  } finally {
    await client.end();
  }
}
