/**
 * 票箱 — the tablets' hot path: storing ballots as they are submitted, and the two writes before
 * a ballot (redeeming a sign-in code, checking in). Refusals are logged here too on SQLite: its
 * connection takes the write lock before it reads the chain's head, so a refusal is never starved.
 *
 * Prisma costs several milliseconds per ballot here; the box talks to the database directly on a
 * connection of its own, and commits the work that arrives together in one transaction (group
 * commit): one flush to disk for the batch, every submitter answered only after the commit
 * returned. This module is the queue and the batching, the same for both engines; a storage
 * (ballot-box-sqlite.server.ts, ballot-box-postgres.server.ts) commits a batch on its engine.
 */
import type { BallotForm, Choice } from "~/domain/tally";
import type { AuditInput } from "./audit-chain.server";
import { postgresBoxStorage } from "./ballot-box-postgres.server";
import { sqliteBoxStorage } from "./ballot-box-sqlite.server";
import { appEngine, heldConnection } from "./sqlite.server";
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
export type Work =
  | { kind: "ballot"; ballot: BoxBallot }
  | { kind: "sign-in"; signIn: BoxSignIn }
  | { kind: "check-in"; checkIn: BoxCheckIn }
  | { kind: "refusal"; refusal: BoxRefusal };

interface Pending {
  work: Work;
  resolve: (outcome: never) => void;
  reject: (error: unknown) => void;
}

/** What a storage answers for each item of a batch: its outcome, or the error that undid it alone. */
export type ItemResult = { ok: true; outcome: unknown } | { ok: false; error: unknown };

/** A deputy's tablet pass, as the box reads it. */
export interface PassRow {
  sessionId: number;
  deputyId: number;
  expiresAt: Date;
}

/** A round's ballot settings, as stored. */
export interface RoundMetaRow {
  sessionId: number;
  places: number;
  form: string;
  secret: boolean;
  status: string;
  sealKey: string | null;
  medium: string;
}

type MaybePromise<T> = T | Promise<T>;

/** One engine's side of the box: commits a batch in one transaction, each item undone alone on failure. */
export interface BoxStorage {
  /**
   * Commits the batch; resolves only once it is durable. "busy" when another writer holds the lock
   * and nothing was written: the queue tries the whole batch again a moment later.
   */
  commit(batch: Work[]): MaybePromise<ItemResult[] | "busy">;
  passByTokenHash(tokenHash: string): MaybePromise<PassRow | undefined>;
  roundMeta(roundId: number): MaybePromise<RoundMetaRow | undefined>;
  roundCandidates(roundId: number): MaybePromise<string[]>;
  /** Removes what a secret round's count replaced from the engine's log files (decision 006). */
  truncateWal(withinMs: number): Promise<boolean>;
  close(): MaybePromise<void>;
}

const RETRY_MS = 2;
const MAX_BATCH = 500;

function createBallotBox(storage: BoxStorage) {
  const queue: Pending[] = [];
  let scheduled = false;
  let committing = false;

  async function flush() {
    scheduled = false;
    const batch = queue.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    committing = true;
    let results: ItemResult[] | "busy";
    try {
      results = await storage.commit(batch.map(({ work }) => work));
    } catch (error) {
      committing = false;
      for (const pending of batch) pending.reject(error);
      schedule();
      return;
    }
    committing = false;
    if (results === "busy") {
      // Another writer holds the lock across an await: let it finish.
      queue.unshift(...batch);
      setTimeout(() => void flush(), RETRY_MS);
      scheduled = true;
      return;
    }
    // Committed (durable): only now does anyone hear that their ballot is stored.
    results.forEach((result, i) => (result.ok ? batch[i]!.resolve(result.outcome as never) : batch[i]!.reject(result.error)));
    schedule();
  }

  function schedule() {
    if (scheduled || committing || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => void flush());
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
    passByTokenHash: (tokenHash: string) => storage.passByTokenHash(tokenHash),
    /**
     * A round's ballot settings, candidates and sealing key: fixed once the round has opened, so
     * cached from then on (before, the key card may still be issued again).
     */
    async roundBallotRules(roundId: number): Promise<RoundBallotRules | null> {
      const cached = roundCache.get(roundId);
      if (cached) return cached;
      const row = await storage.roundMeta(roundId);
      if (!row) return null;
      const rules = {
        sessionId: row.sessionId,
        places: row.places,
        form: ballotForm(row.form),
        secret: row.secret,
        sealKey: row.sealKey,
        paper: roundMedium(row.medium) === "paper",
        candidates: await storage.roundCandidates(roundId),
      };
      if (row.status !== "prepared") roundCache.set(roundId, rules);
      return rules;
    },
    /**
     * Folds the write-ahead log into the database file and truncates it, so that the pages a
     * secret round's count replaced are gone from the files (decision 006); resolves false if that
     * could not happen within `withinMs`.
     */
    truncateWal: (withinMs = 10_000) => storage.truncateWal(withinMs),
    close: () => storage.close(),
  };
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
  return heldConnection("ballot-box", () => createBallotBox(appEngine() === "postgresql" ? postgresBoxStorage() : sqliteBoxStorage()));
}
