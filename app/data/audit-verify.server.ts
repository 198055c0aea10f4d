/**
 * 审计核验 (`npm run audit:verify`): the audit chain recomputed with its key, and the database held
 * against it — what the chain says was cast, counted and published must be what the tables hold.
 * A printed notice's anchor (entry and hash) proves the history before it was not rewritten since.
 */
import { auditDetail } from "./audit-detail";
import { KEYED_FROM, GENESIS_HASH, auditHash, unkeyedAuditHash } from "./audit-chain.server";
import { acceptedDetail } from "./audit.server";
import { ballotDigest, countDigest } from "./ballots.server";
import { parseMarks } from "./paper-entries.server";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

/** Recomputes the chain; returns the id of the first entry that does not verify, or null. */
export async function firstBrokenAuditEntry(): Promise<number | null> {
  let prevHash = GENESIS_HASH;
  let keyed = false;
  let first: number | null = null;
  for (let cursor = 0; ; ) {
    const batch = await prisma.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 2000 });
    if (batch.length === 0) break;
    for (const entry of batch) {
      first ??= entry.id;
      const startsKeyed: boolean = !keyed && entry.action === KEYED_FROM;
      const expected = keyed || startsKeyed ? auditHash(prevHash, entry) : unkeyedAuditHash(prevHash, entry);
      if (entry.prevHash !== prevHash || expected !== entry.hash) return entry.id;
      keyed ||= startsKeyed;
      prevHash = entry.hash;
      cursor = entry.id;
    }
  }
  // A chain with no keyed entry at all was recomputed by someone without the key.
  return keyed || first === null ? null : first;
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
