/**
 * The ballot box's PostgreSQL storage (decision 020): one connection of its own; each batch one
 * transaction, each item a savepoint. The commit returns once PostgreSQL has flushed it to its
 * write-ahead log (synchronous_commit, on by default), and only then does anyone hear that their
 * ballot is stored.
 *
 * A batch first takes the writers' lock shared (no Prisma unit of work runs meanwhile:
 * transaction.server.ts), then the advisory lock of every audit chain its items may append to, in
 * ascending order, before it reads or locks any row; so the chains' heads it reads stay the heads
 * until it commits, and two batches — of this box or of another app process's — never wait for each
 * other in a circle: each waits only for chains it has not got yet, holding none above them, and
 * rows of different congresses are different rows. Batches of different congresses run side by side.
 */
import { randomInt } from "node:crypto";
import pg from "pg";
import { env } from "~/utils/env.server";
import { AUDIT_CHAIN_LOCK, GENESIS_HASH, PROVINCE_CHAIN, WRITERS_LOCK, auditRow, type AuditInput } from "./audit-chain.server";
import type { BoxBallot, BoxCheckIn, BoxOutcome, BoxSignIn, BoxStorage, ItemResult, SignInOutcome, Work } from "./ballot-box.server";

/** The chains a batch locked, with their heads as it appends, and the chain of each of its sessions. */
interface BatchChains {
  ofSession: Map<number, number>;
  heads: Map<number, string>;
}

/** Connections for the tablets' reads (passes, round rules: most are answered from the box's caches). */
const READ_POOL_SIZE = 4;

/** A deadlock or a serialization failure: nothing was written, the batch may simply run again. */
const RETRYABLE = new Set(["40P01", "40001"]);

export function postgresBoxStorage(): BoxStorage {
  // One connection, opened on first use and opened again after the server ended it (a restart, a
  // failover): the batch that met the broken connection fails and its callers hear so; the next one
  // runs on a new connection.
  interface Open {
    client: pg.Client;
    ready: Promise<unknown>;
    broken: boolean;
  }
  let open: Open | null = null;
  function connection(): Open {
    if (!open || open.broken) {
      const client = new pg.Client({ connectionString: env().DATABASE_URL });
      const opened: Open = { client, ready: client.connect(), broken: false };
      client.on("error", () => void (opened.broken = true));
      opened.ready.catch(() => void (opened.broken = true));
      open = opened;
    }
    return open;
  }
  const q = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const { client, ready } = connection();
    await ready;
    return client.query<R>(text, values);
  };
  // The tablets' reads (a pass, a round's rules) go to a small pool of their own, never to the batch's
  // connection: there they would wait behind a batch, see its uncommitted rows, and fail with it.
  let readers: pg.Pool | null = null;
  const read = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => {
    if (!readers) {
      readers = new pg.Pool({ connectionString: env().DATABASE_URL, max: READ_POOL_SIZE, application_name: "ballot-box-reads" });
      // An idle connection the server ended is dropped; the next read opens another.
      readers.on("error", () => {});
    }
    return readers.query<R>(text, values);
  };

  async function append(chains: BatchChains, entry: AuditInput, now: Date) {
    const chain = entry.sessionId == null ? PROVINCE_CHAIN : (chains.ofSession.get(entry.sessionId) ?? PROVINCE_CHAIN);
    const head = chains.heads.get(chain);
    // Only a chain this batch locked may be appended to: any other head could be moving.
    if (head === undefined) throw new Error(`the batch did not lock audit chain ${chain}`);
    const row = auditRow(chain, head, entry, now);
    await q(
      `INSERT INTO "AuditEntry" ("chain", at, actor, device, action, outcome, "sessionId", "roundId", detail, "prevHash", hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [chain, row.at, row.actor, row.device, row.action, row.outcome, row.sessionId, row.roundId, row.detail, row.prevHash, row.hash],
    );
    chains.heads.set(chain, row.hash);
  }

  function audit<A extends string>(chains: BatchChains, now: Date, entry: Omit<AuditInput<A> & { outcome: "accepted" }, "outcome">) {
    return append(chains, { ...entry, outcome: "accepted" } as AuditInput<A>, now);
  }

  /**
   * The chains a batch's items may append to, from their sessions (a sign-in's from its code's
   * pass), looked up before any lock. A session's congress never changes: once looked up it is kept,
   * and a batch of known sessions asks nothing.
   */
  const chainOfSession = new Map<number, number>();
  async function chainsOfBatch(batch: Work[]): Promise<{ ofSession: Map<number, number>; chains: number[] }> {
    const sessions = new Set<number>();
    const codes: string[] = [];
    let provinceChain = false;
    for (const work of batch) {
      if (work.kind === "sign-in") codes.push(work.signIn.codeHash);
      else {
        const sessionId = work.kind === "ballot" ? work.ballot.sessionId : work.kind === "check-in" ? work.checkIn.sessionId : work.refusal.sessionId;
        if (sessionId == null) provinceChain = true;
        else sessions.add(sessionId);
      }
    }
    const unknown = [...sessions].filter((id) => !chainOfSession.has(id));
    if (unknown.length > 0 || codes.length > 0) {
      const { rows } = await q<{ id: number; chain: number }>(
        `SELECT id, "townshipId" AS chain FROM "CongressSession"
         WHERE id = ANY($1::int[]) OR id IN (SELECT "sessionId" FROM "DeputyPass" WHERE "codeHash" = ANY($2::text[]))`,
        [unknown, codes],
      );
      for (const row of rows) {
        chainOfSession.set(row.id, row.chain);
        sessions.add(row.id); // the sessions of the sign-ins' passes among them
      }
    }
    const ofSession = new Map<number, number>();
    for (const id of sessions) {
      const chain = chainOfSession.get(id);
      if (chain === undefined) provinceChain = true; // a session that is not there logs on chain 0, as appendAudit would
      else ofSession.set(id, chain);
    }
    const chains = new Set(ofSession.values());
    if (provinceChain) chains.add(PROVINCE_CHAIN);
    return { ofSession, chains: [...chains].sort((a, b) => a - b) };
  }

  /** Redeems a one-time code once: unused, unrevoked, unexpired. */
  async function redeemOne(signIn: BoxSignIn, chains: BatchChains, now: Date): Promise<SignInOutcome> {
    const { rows } = await q<{ sessionId: number; deputyId: number }>(
      `UPDATE "DeputyPass" SET "usedAt" = $1, "tokenHash" = $2 WHERE "codeHash" = $3 AND "usedAt" IS NULL AND "revokedAt" IS NULL AND "expiresAt" > $1
       RETURNING "sessionId", "deputyId"`,
      [now, signIn.tokenHash, signIn.codeHash],
    );
    const pass = rows[0];
    if (!pass) return null;
    await audit(chains, now, { actor: `deputy:${pass.deputyId}`, device: signIn.device, action: "deputy.sign-in", sessionId: pass.sessionId });
    return pass;
  }

  /** Marks the deputy present; true when this changed anything (a second tap changes nothing). */
  async function checkInOne(checkIn: BoxCheckIn, chains: BatchChains, now: Date): Promise<boolean> {
    const { rowCount } = await q(
      `UPDATE "Attendance" SET status = 'present', "checkedInAt" = $1, "checkedInBy" = 'tablet' WHERE "sessionId" = $2 AND "deputyId" = $3 AND status <> 'present'`,
      [now, checkIn.sessionId, checkIn.deputyId],
    );
    if (!rowCount) return false;
    const detail = { deputyId: checkIn.deputyId, status: "present", by: "tablet" } as const;
    await audit(chains, now, { actor: `deputy:${checkIn.deputyId}`, device: checkIn.device, action: "attendance.set", sessionId: checkIn.sessionId, detail });
    return true;
  }

  /** One ballot, inside the batch's transaction (the same steps as the SQLite storage's storeOne). */
  async function storeOne(ballot: BoxBallot, chains: BatchChains, now: Date): Promise<BoxOutcome> {
    // FOR SHARE: a close committing meanwhile waits for this batch, or this ballot sees it closed.
    const { rows } = await q<{ status: string; sealKey: string | null }>(`SELECT status, "sealKey" FROM "Round" WHERE id = $1 FOR SHARE`, [ballot.roundId]);
    const round = rows[0];
    if (!round || round.status !== "open") return { kind: "round-not-open", status: round?.status ?? "missing" };
    if (ballot.contents.kind === "sealed" && ballot.contents.sealKey !== round.sealKey) return { kind: "round-not-open", status: "prepared" };
    const marked = await q(`UPDATE "BallotIssue" SET "votedAt" = $1 WHERE "roundId" = $2 AND "deputyId" = $3 AND "votedAt" IS NULL`, [
      now,
      ballot.roundId,
      ballot.deputyId,
    ]);
    if (!marked.rowCount) {
      const issued = await q(`SELECT 1 FROM "BallotIssue" WHERE "roundId" = $1 AND "deputyId" = $2`, [ballot.roundId, ballot.deputyId]);
      return issued.rowCount ? { kind: "already-voted" } : { kind: "not-issued" };
    }
    const { contents } = ballot;
    if (contents.kind === "recorded") {
      await q(`INSERT INTO "Ballot" (id, "roundId", "deputyId", choices, valid) VALUES ($1, $2, $3, $4, $5)`, [
        randomInt(1, 2 ** 48),
        ballot.roundId,
        ballot.deputyId,
        JSON.stringify(contents.choices),
        contents.valid,
      ]);
      await q(`INSERT INTO "BallotReceipt" ("roundId", receipt, "deputyId") VALUES ($1, $2, $3)`, [ballot.roundId, ballot.receipt, ballot.deputyId]);
    } else {
      await q(`INSERT INTO "SealedBallot" (id, "roundId", sealed) VALUES ($1, $2, $3)`, [randomInt(1, 2 ** 48), ballot.roundId, contents.sealed]);
      await q(`INSERT INTO "BallotReceipt" ("roundId", receipt, "deputyId") VALUES ($1, $2, NULL)`, [ballot.roundId, ballot.receipt]);
    }
    const detail = contents.kind === "recorded" ? { ballot: contents.digest } : {};
    await audit(chains, now, { actor: `deputy:${ballot.deputyId}`, device: ballot.device, action: "ballot.cast", sessionId: ballot.sessionId, roundId: ballot.roundId, detail });
    return { kind: "recorded" };
  }

  function doOne(work: Work, chains: BatchChains, now: Date): Promise<unknown> {
    switch (work.kind) {
      case "ballot":
        return storeOne(work.ballot, chains, now);
      case "sign-in":
        return redeemOne(work.signIn, chains, now);
      case "check-in":
        return checkInOne(work.checkIn, chains, now);
      case "refusal":
        return append(chains, { ...work.refusal, outcome: "refused" }, now);
    }
  }

  return {
    async commit(batch) {
      await q("BEGIN");
      try {
        const { ofSession, chains: locked } = await chainsOfBatch(batch);
        await q("SELECT pg_advisory_xact_lock_shared($1)", [WRITERS_LOCK]);
        for (const chain of locked) await q("SELECT pg_advisory_xact_lock($1::int, $2::int)", [AUDIT_CHAIN_LOCK, chain]);
        const { rows: heads } = await q<{ chain: number; hash: string | null }>(
          `SELECT c AS chain, (SELECT hash FROM "AuditEntry" WHERE "chain" = c ORDER BY id DESC LIMIT 1) AS hash FROM unnest($1::int[]) AS c`,
          [locked],
        );
        const chains: BatchChains = { ofSession, heads: new Map(heads.map((head) => [head.chain, head.hash ?? GENESIS_HASH])) };
        const now = new Date();
        const results: ItemResult[] = [];
        for (const work of batch) {
          const before = new Map(chains.heads);
          // A savepoint per item: one item's failure leaves the others standing.
          await q("SAVEPOINT item");
          try {
            results.push({ ok: true, outcome: await doOne(work, chains, now) });
            await q("RELEASE SAVEPOINT item");
          } catch (error) {
            await q("ROLLBACK TO SAVEPOINT item");
            chains.heads = before;
            results.push({ ok: false, error });
          }
        }
        await q("COMMIT");
        return results;
      } catch (error) {
        await q("ROLLBACK").catch(() => {});
        if (RETRYABLE.has(String((error as { code?: unknown }).code))) return "busy";
        throw error;
      }
    },
    async passByTokenHash(tokenHash) {
      const { rows } = await read<{ sessionId: number; deputyId: number; expiresAt: Date }>(
        `SELECT "sessionId", "deputyId", "expiresAt" FROM "DeputyPass" WHERE "tokenHash" = $1 AND "revokedAt" IS NULL`,
        [tokenHash],
      );
      return rows[0];
    },
    async roundMeta(roundId) {
      const { rows } = await read<{ sessionId: number; places: number; form: string; secret: boolean; status: string; sealKey: string | null; medium: string }>(
        `SELECT "sessionId", places, form, secret, status, "sealKey", medium FROM "Round" WHERE id = $1`,
        [roundId],
      );
      return rows[0];
    },
    async roundCandidates(roundId) {
      const { rows } = await read<{ candidateId: number }>(`SELECT "candidateId" FROM "RoundCandidate" WHERE "roundId" = $1 ORDER BY position`, [roundId]);
      return rows.map((row) => String(row.candidateId));
    },
    /**
     * PostgreSQL recycles its write-ahead log by itself; what a secret round's count deleted stays
     * in dead tuples until VACUUM (decision 020 names this). Nothing to fold here.
     */
    truncateWal: async () => true,
    async close() {
      const last = open;
      const pool = readers;
      open = null;
      readers = null;
      await pool?.end().catch(() => {});
      if (!last) return;
      await last.ready.catch(() => {});
      await last.client.end().catch(() => {});
    },
  };
}
