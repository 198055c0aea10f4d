import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { AUDIT_CHAIN_LOCK, WRITERS_LOCK } from "./audit-chain.server";
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
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, scope?: ChainScope): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(writerFirst(work, scope), { maxWait: 30_000, timeout: 30_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isBusy(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 2));
    }
  }
}

/**
 * A unit of work that appends to one audit chain only and locks no row a ballot-box batch reads
 * (a refusal: data/audit.server.ts recordRefusal): `chain` names it, read inside the transaction
 * before any lock.
 */
export interface ChainScope {
  chain: (tx: Tx) => Promise<number>;
}

/** The chain a scoped unit of work locked at its start (undefined: not scoped, or not PostgreSQL). */
export function scopedChain(tx: Tx): number | undefined {
  return scopedChains.get(tx);
}
const scopedChains = new WeakMap<Tx, number>();

/**
 * On PostgreSQL a unit of work first takes the writers' advisory lock exclusive: Prisma's writers
 * go one at a time, as on SQLite, and while one runs no ballot-box batch does (a batch holds the
 * same lock shared, ballot-box-postgres.server.ts). That is what keeps the two kinds apart without
 * a deadlock. A unit learns which audit chains it appends to only as it goes (appendAudit takes a
 * chain's lock then, after the rows it has already locked), whereas a batch takes its chains' locks
 * first and then reads rounds FOR SHARE: a close that has updated its round and then waits for its
 * chain, and a batch that holds that chain and waits to read the round, would deadlock until
 * PostgreSQL aborted one. With the writers' lock between them the close never meets a batch, and
 * batches of different chains (different congresses, different app processes) run side by side.
 *
 * A scoped unit knows its one chain before it starts, so it takes the locks as a batch does — the
 * writers' lock shared, then its chain's — and runs beside the batches of other chains; appendAudit
 * refuses to let it append anywhere else.
 */
function writerFirst<T>(work: (tx: Tx) => Promise<T>, scope: ChainScope | undefined): (tx: Tx) => Promise<T> {
  if (appEngine() !== "postgresql") return work;
  return async (tx) => {
    if (scope) {
      const chain = await scope.chain(tx);
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${WRITERS_LOCK})`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int, ${chain}::int)`;
      scopedChains.set(tx, chain);
    } else {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${WRITERS_LOCK})`;
    }
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
