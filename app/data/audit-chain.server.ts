/**
 * 审计日志: append-only hash chains, one per congress (issue 17). Each entry's hash covers its own
 * fields, its chain and the previous entry *of its chain*, so an entry changed, removed or moved to
 * another chain later breaks its chain from there on (`npm run audit:verify`,
 * data/audit-verify.server.ts). Entries are written inside the transaction of the change they record.
 *
 * The chain of an entry is the congress (Township row id; a county congress is a Township row too)
 * whose session it belongs to, or 0 for entries of no congress: accounts, the register, staff
 * sign-ins, the system. Chain 0 is also the one chain of the log as it was before there were chains:
 * a migrated database keeps every old entry there, unchanged, and chain 0 goes on from its head.
 * Chains let writers of different congresses append side by side on PostgreSQL (decision 020).
 *
 * The hash is an HMAC whose key is kept out of the database (AUDIT_KEY_FILE): knowing the formula
 * is not enough to rewrite the log and recompute the chain. A log begun before the key existed
 * keeps its plain SHA-256 entries on chain 0 up to an `audit.keyed` entry, written once at start,
 * from which on every entry is keyed; that entry's key covers everything before it. Every other
 * chain is keyed from its first entry: chains came after the key, and no code writes an unkeyed
 * entry any more, so a plain SHA-256 entry there was written by someone without the key.
 */
import { createHash, createHmac } from "node:crypto";
import { auditKeyFile, privateSecretFile } from "~/utils/env.server";
import type { AcceptedDetail } from "./audit-detail";

export const GENESIS_HASH = "0".repeat(64);
/** The entry from which on the chain is keyed. */
export const KEYED_FROM = "audit.keyed";
/** The chain of entries that belong to no congress, and of every entry from before there were chains. */
export const PROVINCE_CHAIN = 0;
/**
 * On PostgreSQL (decision 020): the first key of a chain's advisory lock,
 * `pg_advisory_xact_lock(AUDIT_CHAIN_LOCK, chain)`, which orders that chain's appends.
 */
export const AUDIT_CHAIN_LOCK = 20_261_203;
/**
 * On PostgreSQL: the writers' advisory lock, `pg_advisory_xact_lock(WRITERS_LOCK)` (the one-key
 * form, a key space apart from the chains' two-key locks). A Prisma unit of work takes it exclusive,
 * a ballot-box batch shared (transaction.server.ts says why).
 */
export const WRITERS_LOCK = 20_261_203;

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
  chain: number;
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

/**
 * What is hashed. The chain is part of it, so an entry cannot be moved to another chain — except on
 * chain 0, whose entries from before there were chains were hashed without one and must still
 * verify. That is still sound: a chain-0 form has nine elements and every other chain's ten, so no
 * entry hashed on one chain verifies on another, chain 0 included.
 */
function canonicalEntry(prevHash: string, entry: ChainFields): string {
  const fields = [prevHash, entry.at.toISOString(), entry.actor, entry.device, entry.action, entry.outcome, entry.sessionId, entry.roundId, entry.detail];
  return JSON.stringify(entry.chain === PROVINCE_CHAIN ? fields : [...fields, entry.chain]);
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

/**
 * The one builder of audit rows, for the Prisma side (`appendAudit`) and the ballot box alike:
 * `prevHash` is the head of `chain` (auditChainOf), read under the chain's lock on PostgreSQL.
 */
export function auditRow<A extends string>(chain: number, prevHash: string, input: AuditInput<A>, at: Date = new Date()): AuditRow {
  const fields: ChainFields = {
    chain,
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
