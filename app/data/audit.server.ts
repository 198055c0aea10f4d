/** 审计日志: appending entries inside the transaction of the change they record, and reading them back (the chain itself: audit-chain.server.ts). */
import { auditDetail, type DescribedAction, type ReadDetail } from "./audit-detail";
import { AUDIT_CHAIN_LOCK, GENESIS_HASH, KEYED_FROM, PROVINCE_CHAIN, auditRow, type AuditInput } from "./audit-chain.server";
import { ballotBox } from "./ballot-box.server";
import { appEngine, prisma } from "./sqlite.server";
import { inTransaction, scopedChain, type Queryable, type Tx } from "./transaction.server";

/**
 * The chain an entry of `sessionId` goes on: its congress, or 0 for an entry of no session (or of
 * a session that is not there). The ballot box's storages follow the same rule in their own SQL.
 */
export async function auditChainOf(db: Queryable, sessionId: number | null | undefined): Promise<number> {
  if (sessionId == null) return PROVINCE_CHAIN;
  const session = await db.congressSession.findUnique({ where: { id: sessionId }, select: { townshipId: true } });
  return session?.townshipId ?? PROVINCE_CHAIN;
}

/**
 * Appends an entry to its chain in `tx`. On SQLite the transaction's write lock already orders the
 * appends. PostgreSQL runs transactions side by side, and read-the-head-then-insert would fork the
 * chain (193 of 200 links broken in 200 concurrent transactions, issue 17), so the head is read only
 * after taking the chain's transaction-scoped advisory lock: the chain's appends queue, each reading
 * the head its predecessor committed (READ COMMITTED gives every statement a fresh snapshot). The
 * unit of work already holds the writers' lock (transaction.server.ts), which keeps the ballot
 * boxes out while it waits for a chain here after having locked rows.
 */
export async function appendAudit<A extends string>(tx: Tx, input: AuditInput<A>): Promise<void> {
  const chain = await auditChainOf(tx, input.sessionId);
  const scoped = scopedChain(tx);
  // A scoped unit holds the writers' lock shared: taking another chain's lock now could deadlock with a batch.
  if (scoped !== undefined && scoped !== chain) throw new Error(`a unit of work scoped to audit chain ${scoped} appended to chain ${chain}`);
  if (appEngine() === "postgresql" && scoped === undefined) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::int, ${chain}::int)`;
  const last = await tx.auditEntry.findFirst({ where: { chain }, orderBy: { id: "desc" }, select: { hash: true } });
  await tx.auditEntry.create({ data: auditRow(chain, last?.hash ?? GENESIS_HASH, input) });
}

/** Starts the keyed chain once: a log without an `audit.keyed` entry gets one on chain 0 (at setup). */
export async function ensureKeyedChain(client: { $transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> }): Promise<void> {
  await client.$transaction(async (tx) => {
    if (await tx.auditEntry.findFirst({ where: { action: KEYED_FROM, chain: PROVINCE_CHAIN }, select: { id: true } })) return;
    await appendAudit(tx, { actor: "system", device: "setup", action: KEYED_FROM, outcome: "accepted", detail: {} });
  });
}

/**
 * The newest entry of a session's chain: printed on the session's notices as their anchor. A
 * session begun before there were chains may have none on its own chain yet: then chain 0's head,
 * which its history is on.
 */
export async function chainHead(tx: Tx, sessionId: number) {
  const newest = (chain: number) => tx.auditEntry.findFirst({ where: { chain }, orderBy: { id: "desc" }, select: { id: true, hash: true } });
  return (await newest(await auditChainOf(tx, sessionId))) ?? newest(PROVINCE_CHAIN);
}

/** The detail of the newest accepted entry of an action on a round (what the chain says was done). */
export async function acceptedDetail<A extends DescribedAction>(db: Queryable, roundId: number, action: A): Promise<ReadDetail<A> | null> {
  const entry = await db.auditEntry.findFirst({ where: { roundId, action, outcome: "accepted" }, orderBy: { id: "desc" }, select: { detail: true } });
  return entry && auditDetail(action, entry.detail);
}

/**
 * Records a refused step (the refused change itself wrote nothing). On SQLite through the ballot
 * box: it takes the write lock before it reads the chain's head, so no commit can land between that
 * read and its write, and it waits for a lock held elsewhere however long it takes. Through Prisma,
 * whose SQLite transactions read first and lock later, a refusal could be starved under a steady
 * load of ballots — each retry finding the chain moved again — and be lost. On PostgreSQL the
 * chain's advisory lock queues it, so Prisma's transaction is enough; it writes its one entry and
 * nothing else, so it is scoped to its chain and waits only for that chain's writers, not for the
 * whole province's ballot boxes (transaction.server.ts).
 */
export async function recordRefusal(input: Omit<AuditInput & { outcome: "refused" }, "outcome">): Promise<void> {
  if (appEngine() === "postgresql") {
    await inTransaction((tx) => appendAudit(tx, { ...input, outcome: "refused" } as AuditInput), { chain: (tx) => auditChainOf(tx, input.sessionId) });
  } else await ballotBox().refuse(input);
}

export async function sessionAuditLog(sessionId: number, limit = 200) {
  return prisma.auditEntry.findMany({
    where: { sessionId },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, at: true, actor: true, device: true, action: true, outcome: true, roundId: true, detail: true },
  });
}

