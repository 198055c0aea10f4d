/**
 * 票箱 — the tablets' hot path: storing ballots as they are submitted, and the two writes before
 * a ballot (redeeming a sign-in code, checking in). Refusals are logged here too: this connection
 * takes the write lock before it reads the chain's head, so a refusal is never starved.
 *
 * Prisma costs several milliseconds per ballot here; this module talks to SQLite directly with
 * prepared statements on a connection of its own, and commits the ballots that arrive together in
 * one transaction (group commit): one fsync for the batch, every submitter answered only after
 * the commit returned. With synchronous=FULL a ballot answered as stored survives a power cut.
 *
 * Writes from the Prisma connection interleave safely: this connection takes the write lock with
 * BEGIN IMMEDIATE and never holds it across an await; when the Prisma side holds it, the batch
 * waits a moment and tries again (the event loop must stay free for Prisma to finish).
 */
import { randomInt } from "node:crypto";
import type { BallotForm, Choice } from "~/domain/tally";
import { GENESIS_HASH, auditRow, type AuditInput } from "./audit-chain.server";
import { heldConnection, openConnection } from "./sqlite.server";
import { ballotForm, roundMedium } from "./stored-values";

export type BoxOutcome =
  | { kind: "recorded" }
  | { kind: "round-not-open"; status: string }
  | { kind: "not-issued" }
  | { kind: "already-voted" };

/**
 * What a ballot holds: a recorded (记名) ballot's choices, stored with the deputy; a secret (无记名)
 * ballot only sealed with the round's key (services/round-key.server.ts), stored with nobody.
 */
export type BoxContents =
  | { kind: "recorded"; choices: Partial<Record<string, Choice>>; valid: boolean; digest: string }
  | { kind: "sealed"; sealed: Buffer; sealKey: string };

export interface BoxBallot {
  roundId: number;
  sessionId: number;
  deputyId: number;
  contents: BoxContents;
  receipt: string;
  device: string;
}

export interface BoxSignIn {
  codeHash: string;
  tokenHash: string;
  device: string;
}

export type SignInOutcome = { sessionId: number; deputyId: number } | null;

export interface BoxCheckIn {
  sessionId: number;
  deputyId: number;
  device: string;
}

/** A refused step's audit entry (data/audit.server.ts recordRefusal). */
export type BoxRefusal = Omit<AuditInput & { outcome: "refused" }, "outcome">;

/** The tablet's writes — redeeming a sign-in code, checking in, casting a ballot — and refusals. */
type Work =
  | { kind: "ballot"; ballot: BoxBallot }
  | { kind: "sign-in"; signIn: BoxSignIn }
  | { kind: "check-in"; checkIn: BoxCheckIn }
  | { kind: "refusal"; refusal: BoxRefusal };

interface Pending {
  work: Work;
  resolve: (outcome: never) => void;
  reject: (error: unknown) => void;
}

const RETRY_MS = 2;
const MAX_BATCH = 500;

function createBallotBox() {
  const db = openConnection("ballot-box");
  const statements = {
    roundStatus: db.prepare<[number], { status: string; sealKey: string | null }>("SELECT status, sealKey FROM Round WHERE id = ?"),
    markVoted: db.prepare<[string, number, number]>("UPDATE BallotIssue SET votedAt = ? WHERE roundId = ? AND deputyId = ? AND votedAt IS NULL"),
    issued: db.prepare<[number, number], { votedAt: string | null }>("SELECT votedAt FROM BallotIssue WHERE roundId = ? AND deputyId = ?"),
    insertBallot: db.prepare<[number, number, number, string, number]>("INSERT INTO Ballot (id, roundId, deputyId, choices, valid) VALUES (?, ?, ?, ?, ?)"),
    insertSealed: db.prepare<[number, number, Buffer]>("INSERT INTO SealedBallot (id, roundId, sealed) VALUES (?, ?, ?)"),
    insertReceipt: db.prepare<[number, string, number | null]>("INSERT INTO BallotReceipt (roundId, receipt, deputyId) VALUES (?, ?, ?)"),
    lastHash: db.prepare<[], { hash: string }>("SELECT hash FROM AuditEntry ORDER BY id DESC LIMIT 1"),
    insertAudit: db.prepare(
      "INSERT INTO AuditEntry (at, actor, device, action, outcome, sessionId, roundId, detail, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    roundCandidates: db.prepare<[number], { candidateId: number }>(
      "SELECT candidateId FROM RoundCandidate WHERE roundId = ? ORDER BY position",
    ),
  };

  const queue: Pending[] = [];
  let scheduled = false;

  function audit<A extends string>(chain: { hash: string }, now: Date, entry: Omit<AuditInput<A> & { outcome: "accepted" }, "outcome">) {
    append(chain, { ...entry, outcome: "accepted" } as AuditInput<A>, now);
  }

  function append(chain: { hash: string }, entry: AuditInput, now: Date) {
    const row = auditRow(chain.hash, entry, now);
    statements.insertAudit.run(sqliteDateTime(row.at), row.actor, row.device, row.action, row.outcome, row.sessionId, row.roundId, row.detail, row.prevHash, row.hash);
    chain.hash = row.hash;
  }

  /** Redeems a one-time code once: unused, unrevoked, unexpired. */
  function redeemOne(signIn: BoxSignIn, chain: { hash: string }, now: Date): SignInOutcome {
    const nowValue = sqliteDateTime(now);
    if (statements.redeemPass.run(nowValue, signIn.tokenHash, signIn.codeHash, nowValue).changes === 0) return null;
    const pass = statements.passByCode.get(signIn.codeHash)!;
    audit(chain, now, { actor: `deputy:${pass.deputyId}`, device: signIn.device, action: "deputy.sign-in", sessionId: pass.sessionId });
    return pass;
  }

  /** Marks the deputy present; true when this changed anything (a second tap changes nothing). */
  function checkInOne(checkIn: BoxCheckIn, chain: { hash: string }, now: Date): boolean {
    if (statements.checkIn.run(sqliteDateTime(now), checkIn.sessionId, checkIn.deputyId).changes === 0) return false;
    const detail = { deputyId: checkIn.deputyId, status: "present", by: "tablet" } as const;
    audit(chain, now, { actor: `deputy:${checkIn.deputyId}`, device: checkIn.device, action: "attendance.set", sessionId: checkIn.sessionId, detail });
    return true;
  }

  /** One ballot, inside the batch's transaction. */
  function storeOne(ballot: BoxBallot, chain: { hash: string }, now: Date): BoxOutcome {
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
    audit(chain, now, { actor: `deputy:${ballot.deputyId}`, device: ballot.device, action: "ballot.cast", sessionId: ballot.sessionId, roundId: ballot.roundId, detail });
    return { kind: "recorded" };
  }

  const doOne = db.transaction((work: Work, chain: { hash: string }, now: Date) => {
    switch (work.kind) {
      case "ballot":
        return storeOne(work.ballot, chain, now);
      case "sign-in":
        return redeemOne(work.signIn, chain, now);
      case "check-in":
        return checkInOne(work.checkIn, chain, now);
      case "refusal":
        return append(chain, { ...work.refusal, outcome: "refused" }, now);
    }
  });

  const commitBatch = db.transaction((batch: Pending[]) => {
    const chain = { hash: statements.lastHash.get()?.hash ?? GENESIS_HASH };
    const now = new Date();
    return batch.map(({ work }) => {
      const before = chain.hash;
      try {
        // A nested transaction is a savepoint: one item's failure leaves the others standing.
        return { ok: true as const, outcome: doOne(work, chain, now) };
      } catch (error) {
        chain.hash = before;
        return { ok: false as const, error };
      }
    });
  });

  function flush() {
    scheduled = false;
    const batch = queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    let results;
    try {
      results = commitBatch.immediate(batch);
    } catch (error) {
      if (isBusy(error)) {
        // The Prisma connection holds the write lock across an await: let it finish.
        queue.unshift(...batch);
        setTimeout(flush, RETRY_MS);
        scheduled = true;
        return;
      }
      for (const pending of batch) pending.reject(error);
      schedule();
      return;
    }
    // Committed (fsynced): only now does anyone hear that their ballot is stored.
    results.forEach((result, i) => (result.ok ? batch[i]!.resolve(result.outcome as never) : batch[i]!.reject(result.error)));
    schedule();
  }

  function schedule() {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  }

  const roundCache = new Map<number, RoundBallotRules>();

  function enqueue<T>(work: Work): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (outcome: never) => void, reject });
      schedule();
    });
  }

  return {
    submit: (ballot: BoxBallot) => enqueue<BoxOutcome>({ kind: "ballot", ballot }),
    redeem: (signIn: BoxSignIn) => enqueue<SignInOutcome>({ kind: "sign-in", signIn }),
    checkIn: (checkIn: BoxCheckIn) => enqueue<boolean>({ kind: "check-in", checkIn }),
    refuse: (refusal: BoxRefusal) => enqueue<void>({ kind: "refusal", refusal }),
    passByTokenHash(tokenHash: string) {
      const pass = statements.passByToken.get(tokenHash);
      return pass && { sessionId: pass.sessionId, deputyId: pass.deputyId, expiresAt: new Date(pass.expiresAt) };
    },
    /**
     * A round's ballot settings, candidates and sealing key: fixed once the round has opened, so
     * cached from then on (before, the key card may still be issued again).
     */
    roundBallotRules(roundId: number): RoundBallotRules | null {
      const cached = roundCache.get(roundId);
      if (cached) return cached;
      const row = statements.roundMeta.get(roundId);
      if (!row) return null;
      const candidates = statements.roundCandidates.all(roundId).map((c) => String(c.candidateId));
      const rules = {
        sessionId: row.sessionId,
        places: row.places,
        form: ballotForm(row.form),
        secret: row.secret === 1,
        sealKey: row.sealKey,
        paper: roundMedium(row.medium) === "paper",
        candidates,
      };
      if (row.status !== "prepared") roundCache.set(roundId, rules);
      return rules;
    },
    /**
     * Folds the write-ahead log into the database file and truncates it, so that the pages a
     * secret round's count replaced are gone from the files (decision 006). Retried until no
     * reader holds an older snapshot; resolves false if that never happened within `withinMs`.
     */
    async truncateWal(withinMs = 10_000): Promise<boolean> {
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

export interface RoundBallotRules {
  sessionId: number;
  places: number;
  form: BallotForm;
  secret: boolean;
  /** The round key's public part (secret rounds). */
  sealKey: string | null;
  /** A paper round: no tablet casts in it. */
  paper: boolean;
  candidates: string[];
}

export type BallotBox = ReturnType<typeof createBallotBox>;

/** The ballot box on the app's database (sqlite.server.ts holds it and closes it). */
export function ballotBox(): BallotBox {
  return heldConnection("ballot-box", createBallotBox);
}
