/**
 * The ballot box's SQLite storage: prepared statements on a better-sqlite3 connection of its own,
 * each batch one transaction (one fsync; with synchronous=FULL a ballot answered as stored survives
 * a power cut), each item a savepoint.
 *
 * Writes from the Prisma connection interleave safely: this connection takes the write lock with
 * BEGIN IMMEDIATE and never holds it across an await; when the Prisma side holds it, the batch
 * answers "busy" and the queue tries again a moment later (the event loop must stay free for Prisma
 * to finish).
 */
import { randomInt } from "node:crypto";
import { GENESIS_HASH, PROVINCE_CHAIN, auditRow, type AuditInput } from "./audit-chain.server";
import type { BoxBallot, BoxCheckIn, BoxOutcome, BoxSignIn, BoxStorage, ItemResult, SignInOutcome, Work } from "./ballot-box.server";
import { openConnection } from "./sqlite.server";

export function sqliteBoxStorage(): BoxStorage {
  const db = openConnection("ballot-box");
  const statements = {
    roundStatus: db.prepare<[number], { status: string; sealKey: string | null }>("SELECT status, sealKey FROM Round WHERE id = ?"),
    markVoted: db.prepare<[string, number, number]>("UPDATE BallotIssue SET votedAt = ? WHERE roundId = ? AND deputyId = ? AND votedAt IS NULL"),
    issued: db.prepare<[number, number], { votedAt: string | null }>("SELECT votedAt FROM BallotIssue WHERE roundId = ? AND deputyId = ?"),
    insertBallot: db.prepare<[number, number, number, string, number]>("INSERT INTO Ballot (id, roundId, deputyId, choices, valid) VALUES (?, ?, ?, ?, ?)"),
    insertSealed: db.prepare<[number, number, Buffer]>("INSERT INTO SealedBallot (id, roundId, sealed) VALUES (?, ?, ?)"),
    insertReceipt: db.prepare<[number, string, number | null]>("INSERT INTO BallotReceipt (roundId, receipt, deputyId) VALUES (?, ?, ?)"),
    sessionChain: db.prepare<[number], { townshipId: number }>("SELECT townshipId FROM CongressSession WHERE id = ?"),
    chainHead: db.prepare<[number], { hash: string }>("SELECT hash FROM AuditEntry WHERE chain = ? ORDER BY id DESC LIMIT 1"),
    insertAudit: db.prepare(
      "INSERT INTO AuditEntry (chain, at, actor, device, action, outcome, sessionId, roundId, detail, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    passByToken: db.prepare<[string], { sessionId: number; deputyId: number; expiresAt: string }>(
      "SELECT sessionId, deputyId, expiresAt FROM DeputyPass WHERE tokenHash = ? AND revokedAt IS NULL",
    ),
    roundMeta: db.prepare<[number], { sessionId: number; places: number; form: string; secret: number; status: string; sealKey: string | null; medium: string }>(
      "SELECT sessionId, places, form, secret, status, sealKey, medium FROM Round WHERE id = ?",
    ),
    redeemPass: db.prepare<[string, string, string, string]>(
      "UPDATE DeputyPass SET usedAt = ?, tokenHash = ? WHERE codeHash = ? AND usedAt IS NULL AND revokedAt IS NULL AND expiresAt > ?",
    ),
    passByCode: db.prepare<[string], { sessionId: number; deputyId: number }>("SELECT sessionId, deputyId FROM DeputyPass WHERE codeHash = ?"),
    checkIn: db.prepare<[string, number, number]>(
      "UPDATE Attendance SET status = 'present', checkedInAt = ?, checkedInBy = 'tablet' WHERE sessionId = ? AND deputyId = ? AND status <> 'present'",
    ),
    roundCandidates: db.prepare<[number], { candidateId: number }>("SELECT candidateId FROM RoundCandidate WHERE roundId = ? ORDER BY position"),
  };

  function audit<A extends string>(now: Date, entry: Omit<AuditInput<A> & { outcome: "accepted" }, "outcome">) {
    append({ ...entry, outcome: "accepted" } as AuditInput<A>, now);
  }

  /**
   * Appends to the entry's chain (its session's congress, or 0: audit.server.ts auditChainOf). One
   * writer holds the database, so the head read here stays the head; it is read afresh for each
   * entry (an indexed lookup), which also makes an item rolled back to its savepoint leave no trace.
   */
  function append(entry: AuditInput, now: Date) {
    const chain = entry.sessionId == null ? PROVINCE_CHAIN : (statements.sessionChain.get(entry.sessionId)?.townshipId ?? PROVINCE_CHAIN);
    const row = auditRow(chain, statements.chainHead.get(chain)?.hash ?? GENESIS_HASH, entry, now);
    statements.insertAudit.run(chain, sqliteDateTime(row.at), row.actor, row.device, row.action, row.outcome, row.sessionId, row.roundId, row.detail, row.prevHash, row.hash);
  }

  /** Redeems a one-time code once: unused, unrevoked, unexpired. */
  function redeemOne(signIn: BoxSignIn, now: Date): SignInOutcome {
    const nowValue = sqliteDateTime(now);
    if (statements.redeemPass.run(nowValue, signIn.tokenHash, signIn.codeHash, nowValue).changes === 0) return null;
    const pass = statements.passByCode.get(signIn.codeHash)!;
    audit(now, { actor: `deputy:${pass.deputyId}`, device: signIn.device, action: "deputy.sign-in", sessionId: pass.sessionId });
    return pass;
  }

  /** Marks the deputy present; true when this changed anything (a second tap changes nothing). */
  function checkInOne(checkIn: BoxCheckIn, now: Date): boolean {
    if (statements.checkIn.run(sqliteDateTime(now), checkIn.sessionId, checkIn.deputyId).changes === 0) return false;
    const detail = { deputyId: checkIn.deputyId, status: "present", by: "tablet" } as const;
    audit(now, { actor: `deputy:${checkIn.deputyId}`, device: checkIn.device, action: "attendance.set", sessionId: checkIn.sessionId, detail });
    return true;
  }

  /** One ballot, inside the batch's transaction. */
  function storeOne(ballot: BoxBallot, now: Date): BoxOutcome {
    const round = statements.roundStatus.get(ballot.roundId);
    if (!round || round.status !== "open") return { kind: "round-not-open", status: round?.status ?? "missing" };
    // Sealed to a key card that was issued again before the round opened: it could never be opened.
    if (ballot.contents.kind === "sealed" && ballot.contents.sealKey !== round.sealKey) return { kind: "round-not-open", status: "prepared" };
    const nowValue = sqliteDateTime(now);
    if (statements.markVoted.run(nowValue, ballot.roundId, ballot.deputyId).changes === 0) {
      return statements.issued.get(ballot.roundId, ballot.deputyId) ? { kind: "already-voted" } : { kind: "not-issued" };
    }
    const { contents } = ballot;
    if (contents.kind === "recorded") {
      statements.insertBallot.run(randomInt(1, 2 ** 48), ballot.roundId, ballot.deputyId, JSON.stringify(contents.choices), contents.valid ? 1 : 0);
      statements.insertReceipt.run(ballot.roundId, ballot.receipt, ballot.deputyId);
    } else {
      // Sealed: nothing here opens without the chief teller's key card. What storage order says
      // about who cast which sealed ballot goes when the count rewrites the round (decision 006).
      statements.insertSealed.run(randomInt(1, 2 ** 48), ballot.roundId, contents.sealed);
      statements.insertReceipt.run(ballot.roundId, ballot.receipt, null);
    }
    // The log says that this deputy voted — in a recorded round with the digest of what was cast
    // (the tally is held against it), in a secret round with nothing that names the ballot.
    const detail = contents.kind === "recorded" ? { ballot: contents.digest } : {};
    audit(now, { actor: `deputy:${ballot.deputyId}`, device: ballot.device, action: "ballot.cast", sessionId: ballot.sessionId, roundId: ballot.roundId, detail });
    return { kind: "recorded" };
  }

  const doOne = db.transaction((work: Work, now: Date) => {
    switch (work.kind) {
      case "ballot":
        return storeOne(work.ballot, now);
      case "sign-in":
        return redeemOne(work.signIn, now);
      case "check-in":
        return checkInOne(work.checkIn, now);
      case "refusal":
        return append({ ...work.refusal, outcome: "refused" }, now);
    }
  });

  const commitBatch = db.transaction((batch: Work[]): ItemResult[] => {
    const now = new Date();
    return batch.map((work) => {
      try {
        // A nested transaction is a savepoint: one item's failure leaves the others standing.
        return { ok: true as const, outcome: doOne(work, now) };
      } catch (error) {
        return { ok: false as const, error };
      }
    });
  });

  return {
    commit(batch) {
      try {
        return commitBatch.immediate(batch);
      } catch (error) {
        if (isBusy(error)) return "busy";
        throw error;
      }
    },
    passByTokenHash(tokenHash) {
      const pass = statements.passByToken.get(tokenHash);
      return pass && { sessionId: pass.sessionId, deputyId: pass.deputyId, expiresAt: new Date(pass.expiresAt) };
    },
    roundMeta(roundId) {
      const row = statements.roundMeta.get(roundId);
      return row && { ...row, secret: row.secret === 1 };
    },
    roundCandidates: (roundId) => statements.roundCandidates.all(roundId).map((c) => String(c.candidateId)),
    /** Retried until no reader holds an older snapshot. */
    async truncateWal(withinMs) {
      const deadline = Date.now() + withinMs;
      for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
        try {
          const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number }>;
          if (result?.busy === 0) return true;
        } catch (error) {
          if (!isBusy(error)) throw error;
        }
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    close() {
      db.close();
    },
  };
}

/** DateTime as the Prisma SQLite adapter writes it, so both sides read each other's values. */
function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && "code" in error && String((error as { code: unknown }).code).startsWith("SQLITE_BUSY");
}
