/**
 * 审计日志: an append-only hash chain. Each entry's hash covers its own fields and the previous
 * entry's hash, so an entry changed or removed later breaks the chain from there on
 * (`npm run audit:verify`, data/audit-verify.server.ts). Entries are written inside the
 * transaction of the change they record.
 *
 * The hash is an HMAC whose key is kept out of the database (AUDIT_KEY_FILE): knowing the formula
 * is not enough to rewrite the log and recompute the chain. A log begun before the key existed
 * keeps its plain SHA-256 entries up to an `audit.keyed` entry, written once at start, from which
 * on every entry is keyed; that entry's key covers everything before it.
 */
import { createHash, createHmac } from "node:crypto";
import { auditKeyFile, privateSecretFile } from "~/utils/env.server";
import type { AcceptedDetail } from "./audit-detail";

export const GENESIS_HASH = "0".repeat(64);
/** The entry from which on the chain is keyed. */
export const KEYED_FROM = "audit.keyed";
/** The advisory lock (an arbitrary constant key) that orders the chain's appends on PostgreSQL (decision 020). */
export const AUDIT_CHAIN_LOCK = 20_261_203;

/** One entry to append: an accepted change with the detail its action describes, or a refusal. */
export type AuditInput<A extends string = string> = {
  actor: string;
  device: string;
  action: A;
  sessionId?: number | null;
  roundId?: number | null;
} & ({ outcome: "accepted"; detail?: AcceptedDetail<A> } | { outcome: "refused"; detail?: Record<string, unknown> });

/** An entry's fields as the chain hashes them. */
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

/** An entry as stored: its fields, chained to the previous entry's hash. */
export interface AuditRow extends ChainFields {
  prevHash: string;
  hash: string;
}

function canonicalEntry(prevHash: string, entry: ChainFields): string {
  return JSON.stringify([prevHash, entry.at.toISOString(), entry.actor, entry.device, entry.action, entry.outcome, entry.sessionId, entry.roundId, entry.detail]);
}

const keys = new Map<string, Buffer>();
function auditKey(): Buffer {
  const file = auditKeyFile();
  let key = keys.get(file);
  if (!key) keys.set(file, (key = Buffer.from(privateSecretFile(file), "base64url")));
  return key;
}

/** An entry's hash: HMAC-SHA256 with the audit key over its fields and the previous hash. */
export function auditHash(prevHash: string, entry: ChainFields): string {
  return createHmac("sha256", auditKey()).update(canonicalEntry(prevHash, entry)).digest("hex");
}

/** How entries written before the key existed were hashed (plain SHA-256). */
export function unkeyedAuditHash(prevHash: string, entry: ChainFields): string {
  return createHash("sha256").update(canonicalEntry(prevHash, entry)).digest("hex");
}

/** The one builder of audit rows, for the Prisma side (`appendAudit`) and the ballot box alike. */
export function auditRow<A extends string>(prevHash: string, input: AuditInput<A>, at: Date = new Date()): AuditRow {
  const fields: ChainFields = {
    at,
    actor: input.actor,
    device: input.device.slice(0, 200),
    action: input.action,
    outcome: input.outcome,
    sessionId: input.sessionId ?? null,
    roundId: input.roundId ?? null,
    detail: JSON.stringify(input.detail ?? {}),
  };
  return { ...fields, prevHash, hash: auditHash(prevHash, fields) };
}
