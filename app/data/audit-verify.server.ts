/**
 * 审计核验 (`npm run audit:verify`): the audit chains recomputed with their key, and the database held
 * against them — what the chain says was cast, counted and published must be what the tables hold.
 * A printed notice's anchor (entry and hash) proves the history before it was not rewritten since.
 */
import { auditDetail } from "./audit-detail";
import { KEYED_FROM, GENESIS_HASH, PROVINCE_CHAIN, auditHash, unkeyedAuditHash } from "./audit-chain.server";
import { acceptedDetail } from "./audit.server";
import { ballotDigest, countDigest } from "./ballots.server";
import { parseMarks } from "./paper-entries.server";
import { prisma } from "./sqlite.server";
import type { Queryable, Tx } from "./transaction.server";

/** Where a chain first fails to verify: the chain (0, or a congress's Township id) and the entry. */
export interface BrokenChain {
  chain: number;
  entryId: number;
}

/**
 * Recomputes every chain, in one pass over the log in id order; returns for each chain that does not
 * verify its first entry that does not, by chain. Chain 0 may begin with plain SHA-256 entries (a log
 * from before the key) up to its `audit.keyed` entry, and a chain 0 with no keyed entry at all was
 * recomputed by someone without the key: its first entry is named. Every other chain is keyed from
 * its first entry (audit-chain.server.ts).
 */
export async function brokenAuditChains(db: Queryable = prisma): Promise<BrokenChain[]> {
  const chains = new Map<number, { prevHash: string; keyed: boolean; first: number; broken: boolean }>();
  const broken: BrokenChain[] = [];
  for (let cursor = 0; ; ) {
    const batch = await db.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 2000 });
    if (batch.length === 0) break;
    for (const entry of batch) {
      cursor = entry.id;
      let state = chains.get(entry.chain);
      if (!state) chains.set(entry.chain, (state = { prevHash: GENESIS_HASH, keyed: entry.chain !== PROVINCE_CHAIN, first: entry.id, broken: false }));
      if (state.broken) continue;
      const startsKeyed: boolean = !state.keyed && entry.action === KEYED_FROM;
      const expected = state.keyed || startsKeyed ? auditHash(state.prevHash, entry) : unkeyedAuditHash(state.prevHash, entry);
      if (entry.prevHash !== state.prevHash || expected !== entry.hash) {
        state.broken = true;
        broken.push({ chain: entry.chain, entryId: entry.id });
        continue;
      }
      state.keyed ||= startsKeyed;
      state.prevHash = entry.hash;
    }
  }
  for (const [chain, state] of chains) if (!state.broken && !state.keyed) broken.push({ chain, entryId: state.first });
  return broken.sort((a, b) => a.chain - b.chain);
}

/** The first entry, over all chains, that does not verify, or null when every chain does. */
export async function firstBrokenAuditEntry(db: Queryable = prisma): Promise<number | null> {
  const broken = await brokenAuditChains(db);
  return broken.length ? Math.min(...broken.map((b) => b.entryId)) : null;
}

/** How many chains the log holds (for the verifier's report). */
export async function auditChainCount(): Promise<number> {
  return (await prisma.auditEntry.groupBy({ by: ["chain"] })).length;
}

/** Whether the chain holds the entry a printed notice names, with the hash it printed (a prefix). */
export async function anchorHolds(entryId: number, hashPrefix: string): Promise<boolean> {
  const entry = await prisma.auditEntry.findUnique({ where: { id: entryId }, select: { hash: true } });
  const prefix = hashPrefix.replace(/\s/g, "").toLowerCase();
  return entry !== null && prefix.length >= 16 && entry.hash.startsWith(prefix);
}

export type AuditFinding =
  /** A recorded ballot that is not what its deputy's `ballot.cast` entry says was cast. */
  | { kind: "ballot-not-as-cast"; roundId: number; deputyId: number }
  /** A deputy marked as having voted with no `ballot.cast` entry. */
  | { kind: "vote-not-logged"; roundId: number; deputyId: number }
  /** A counted round whose ballots are not the set its count logged. */
  | { kind: "ballots-changed-since-count"; roundId: number }
  /** A published round without its `round.publish` entry, or whose anchor is not in the chain. */
  | { kind: "publication-not-logged"; roundId: number }
  | { kind: "anchor-missing"; roundId: number; entryId: number };

/** Recorded ballots of a round that are not what their deputy's `ballot.cast` entry says was cast. */
export async function ballotsNotAsCast(db: Tx | typeof prisma, roundId: number): Promise<number[]> {
  const casts = await db.auditEntry.findMany({ where: { roundId, action: "ballot.cast", outcome: "accepted" }, select: { actor: true, detail: true } });
  const castBy = new Map(casts.map((entry) => [entry.actor, auditDetail("ballot.cast", entry.detail).ballot]));
  const ballots = await db.ballot.findMany({ where: { roundId, deputyId: { not: null } }, select: { deputyId: true, choices: true } });
  // A ballot cast before ballots were logged with their digest has none to be held against.
  return ballots
    .filter((ballot) => {
      const logged = castBy.get(`deputy:${ballot.deputyId}`);
      return logged !== undefined && logged !== ballotDigest(parseMarks(ballot.choices));
    })
    .map((ballot) => ballot.deputyId!);
}

/**
 * Whether a counted round's ballots (or a totals round's totals) are what its count logged — at
 * the close of a recorded tablet round, at the count of a sealed or paper round (a round counted
 * before digests were logged: true).
 */
export async function ballotsAsCounted(db: Tx | typeof prisma, round: { id: number; secret: boolean; medium: string; entryMethod: string | null }): Promise<boolean> {
  const countedAt = round.secret || round.medium === "paper" ? "round.count" : "round.close";
  const logged = (await acceptedDetail(db, round.id, countedAt))?.ballotsDigest;
  return logged === undefined || logged === (await countDigest(db, round));
}

/** Every disagreement between the tables and what the chain says happened. */
export async function auditFindings(): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const casters = new Set(
    (await prisma.auditEntry.findMany({ where: { action: "ballot.cast", outcome: "accepted" }, select: { roundId: true, actor: true } })).map((entry) => `${entry.roundId}:${entry.actor}`),
  );
  for (const issue of await prisma.ballotIssue.findMany({ where: { votedAt: { not: null } }, select: { roundId: true, deputyId: true } })) {
    if (!casters.has(`${issue.roundId}:deputy:${issue.deputyId}`)) findings.push({ kind: "vote-not-logged", ...issue });
  }
  const published = new Set((await prisma.auditEntry.findMany({ where: { action: "round.publish", outcome: "accepted" }, select: { roundId: true } })).map((entry) => entry.roundId));
  const rounds = await prisma.round.findMany({ select: { id: true, secret: true, medium: true, entryMethod: true, status: true, resultJson: true, anchorEntryId: true, anchorHash: true } });
  for (const round of rounds) {
    if (!round.secret) for (const deputyId of await ballotsNotAsCast(prisma, round.id)) findings.push({ kind: "ballot-not-as-cast", roundId: round.id, deputyId });
    if (round.resultJson !== null && !(await ballotsAsCounted(prisma, round))) findings.push({ kind: "ballots-changed-since-count", roundId: round.id });
    if (round.status !== "published") continue;
    if (!published.has(round.id)) findings.push({ kind: "publication-not-logged", roundId: round.id });
    if (round.anchorEntryId !== null && !(await anchorHolds(round.anchorEntryId, round.anchorHash ?? ""))) {
      findings.push({ kind: "anchor-missing", roundId: round.id, entryId: round.anchorEntryId });
    }
  }
  return findings;
}
