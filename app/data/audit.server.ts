/** 审计日志: appending entries inside the transaction of the change they record, and reading them back (the chain itself: audit-chain.server.ts). */
import { auditDetail, type DescribedAction, type ReadDetail } from "./audit-detail";
import { AUDIT_CHAIN_LOCK, GENESIS_HASH, KEYED_FROM, auditRow, type AuditInput } from "./audit-chain.server";
import { ballotBox } from "./ballot-box.server";
import { appEngine, prisma } from "./sqlite.server";
import { inTransaction, type Queryable, type Tx } from "./transaction.server";

/**
 * Appends an entry to the chain in `tx`. On SQLite the transaction's write lock already orders the
 * appends. PostgreSQL runs transactions side by side, and read-the-head-then-insert would fork the
 * chain (193 of 200 links broken in 200 concurrent transactions, issue 17), so the head is read only
 * after taking the chain's transaction-scoped advisory lock: the appends queue, each reading the
 * head its predecessor committed (READ COMMITTED gives every statement a fresh snapshot).
 */
export async function appendAudit<A extends string>(tx: Tx, input: AuditInput<A>): Promise<void> {
  if (appEngine() === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  await tx.auditEntry.create({ data: auditRow(last?.hash ?? GENESIS_HASH, input) });
}

/** Starts the keyed chain once: a log without an `audit.keyed` entry gets one (at setup). */
export async function ensureKeyedChain(client: { $transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> }): Promise<void> {
  await client.$transaction(async (tx) => {
    if (await tx.auditEntry.findFirst({ where: { action: KEYED_FROM }, select: { id: true } })) return;
    await appendAudit(tx, { actor: "system", device: "setup", action: KEYED_FROM, outcome: "accepted", detail: {} });
  });
}

/** The newest entry: the head of the chain, printed on a notice as its anchor. */
export function chainHead(tx: Tx) {
  return tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true, hash: true } });
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
 * chain's advisory lock queues it (appendAudit), so Prisma's transaction is enough.
 */
export async function recordRefusal(input: Omit<AuditInput & { outcome: "refused" }, "outcome">): Promise<void> {
  if (appEngine() === "postgresql") await inTransaction((tx) => appendAudit(tx, { ...input, outcome: "refused" } as AuditInput));
  else await ballotBox().refuse(input);
}

export async function sessionAuditLog(sessionId: number, limit = 200) {
  return prisma.auditEntry.findMany({
    where: { sessionId },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, at: true, actor: true, device: true, action: true, outcome: true, roundId: true, detail: true },
  });
}

