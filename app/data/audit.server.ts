/**
 * 审计日志: an append-only hash chain. Each entry's hash covers its own fields and the previous
 * entry's hash, so an entry changed or removed later breaks the chain from there on
 * (`npm run audit:verify`). Entries are written inside the transaction of the change they record.
 */
import { createHash } from "node:crypto";
import { prisma } from "./db.server";
import type { Tx } from "./transaction.server";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  actor: string;
  device: string;
  action: string;
  outcome: "accepted" | "refused";
  sessionId?: number | null;
  roundId?: number | null;
  detail?: Record<string, unknown>;
}

interface ChainFields {
  at: Date;
  actor: string;
  device: string;
  action: string;
  outcome: string;
  sessionId: number | null;
  roundId: number | null;
  detail: string;
}

export function auditHash(prevHash: string, entry: ChainFields): string {
  const canonical = JSON.stringify([
    prevHash, entry.at.toISOString(), entry.actor, entry.device, entry.action, entry.outcome,
    entry.sessionId, entry.roundId, entry.detail,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  const last = await tx.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields: ChainFields = {
    at: new Date(),
    actor: input.actor,
    device: input.device.slice(0, 200),
    action: input.action,
    outcome: input.outcome,
    sessionId: input.sessionId ?? null,
    roundId: input.roundId ?? null,
    detail: JSON.stringify(input.detail ?? {}),
  };
  await tx.auditEntry.create({ data: { ...fields, prevHash, hash: auditHash(prevHash, fields) } });
}

/** Records a refused step in its own transaction (the refused change itself wrote nothing). */
export async function recordRefusal(input: Omit<AuditInput, "outcome">): Promise<void> {
  await prisma.$transaction((tx) => appendAudit(tx, { ...input, outcome: "refused" }));
}

export async function sessionAuditLog(sessionId: number, limit = 200) {
  return prisma.auditEntry.findMany({
    where: { sessionId },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, at: true, actor: true, device: true, action: true, outcome: true, roundId: true, detail: true },
  });
}

/** Recomputes the chain; returns the id of the first entry that does not verify, or null. */
export async function firstBrokenAuditEntry(): Promise<number | null> {
  let prevHash = GENESIS_HASH;
  let cursor = 0;
  for (;;) {
    const batch = await prisma.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 2000 });
    if (batch.length === 0) return null;
    for (const entry of batch) {
      if (entry.prevHash !== prevHash || auditHash(prevHash, entry) !== entry.hash) return entry.id;
      prevHash = entry.hash;
      cursor = entry.id;
    }
  }
}
