import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { AUDIT_CHAIN_LOCK } from "./audit-chain.server";
import { appEngine, prisma } from "./sqlite.server";

/** A database handle inside a transaction; repositories take one so services can group writes. */
export type Tx = Prisma.TransactionClient;

/** The client or a transaction: what a repository function that may run inside one takes. */
export type Queryable = Tx | PrismaClient;

/** The handle for reads outside any transaction, for a use case that passes one to a repository. */
export const outsideTransaction: Queryable = prisma;

const MAX_ATTEMPTS = 20;

/**
 * Runs `work` in one transaction: all of its writes land together or not at all.
 *
 * Prisma begins transactions DEFERRED: when the ballot box (its own connection) commits between
 * this transaction's first read and its first write, SQLite refuses the write (SQLITE_BUSY, the
 * snapshot is stale). Nothing was written, so the whole unit is run again on fresh data — which
 * is also what makes a round's close see every ballot committed before it. On PostgreSQL the same
 * holds for a serialization failure or a deadlock (40001, 40P01).
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(writerFirst(work), { maxWait: 30_000, timeout: 30_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 2));
    }
  }
}

/**
 * On PostgreSQL a unit of work first takes the writers' advisory lock (the audit chain's, which the
 * ballot box takes first too): writers go one at a time, as on SQLite. Without it, a close that has
 * updated its round and then waits to append to the chain, and a ballot batch that holds the chain
 * and waits to read that round FOR SHARE, would deadlock until PostgreSQL aborted one of them.
 */
function writerFirst<T>(work: (tx: Tx) => Promise<T>): (tx: Tx) => Promise<T> {
  if (appEngine() !== "postgresql") return work;
  return async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    return work(tx);
  };
}

/**
 * SQLITE_BUSY in any of the shapes Prisma wraps it in (as a cause, or in `meta.driverAdapterError`),
 * or PostgreSQL's write conflict (adapter-pg's kind for 40001 and 40P01).
 */
function isBusy(error: unknown): boolean {
  const adapterError = (error as { meta?: { driverAdapterError?: unknown } } | null)?.meta?.driverAdapterError;
  if (adapterError && isBusy(adapterError)) return true;
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if (/SQLITE_BUSY|database is locked|SocketTimeout/.test(String((cause as { message?: unknown }).message ?? cause))) return true;
    if (/SQLITE_BUSY|^40001$|^40P01$/.test(String((cause as { originalCode?: unknown }).originalCode ?? ""))) return true;
    if ((cause as { kind?: unknown }).kind === "TransactionWriteConflict") return true;
  }
  return false;
}
