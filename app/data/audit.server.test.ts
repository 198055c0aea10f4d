/**
 * The audit chain against someone who can write to the database file (issue 19, finding 9): an
 * entry changed, the chain recomputed with the public formula, its tail deleted, the ballots
 * changed before and after the count — each is named by `npm run audit:verify` or refused.
 */
import { describe, expect, it } from "vitest";
import { chooseTellers, closeRound, confirmRound, countSealedRound, openRound, publishRound } from "~/services/congress-session.server";
import { noticeView } from "~/services/public-views.server";
import { newBallotKey } from "~/services/receipt.server";
import { Refusal } from "~/services/refusal";
import { castBallot } from "~/services/voting.server";
import { consoleMessages as c } from "~/messages/console";
import { checkIn, clerk, keyCardFor, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../../tests/factories/session";
import { GENESIS_HASH, unkeyedAuditHash } from "./audit-chain.server";
import { anchorHolds, auditFindings, firstBrokenAuditEntry } from "./audit-verify.server";
import { openConnection, type Connection } from "./sqlite.server";

type Row = { id: number; chain: number; at: string; actor: string; device: string; action: string; outcome: string; sessionId: number | null; roundId: number | null; detail: string; prevHash: string; hash: string };

function withDb<T>(work: (db: Connection) => T): T {
  const db = openConnection("maintenance");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** What someone with the formula but not the key does: recompute every chain's hashes from `fromId` on. */
function recomputeWithoutKey(db: Connection, fromId: number) {
  const rows = db.prepare("SELECT * FROM AuditEntry ORDER BY id").all() as Row[];
  const heads = new Map<number, string>();
  const update = db.prepare("UPDATE AuditEntry SET prevHash = ?, hash = ? WHERE id = ?");
  for (const row of rows) {
    const prevHash = heads.get(row.chain) ?? GENESIS_HASH;
    if (row.id >= fromId) {
      const hash = unkeyedAuditHash(prevHash, { ...row, at: new Date(row.at) });
      update.run(prevHash, hash, row.id);
      row.hash = hash;
    }
    heads.set(row.chain, row.hash);
  }
}

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

/** A recorded round in which every deputy voted. */
async function votedRound(deputies: number) {
  const { sessionId, deputyIds } = await sessionWithDeputies(deputies);
  await checkIn(sessionId, deputyIds);
  const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1 });
  await openRoundForVoting(sessionId, roundId, false);
  for (const deputyId of deputyIds) {
    await castBallot(await tablet(sessionId, deputyId), "t", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes", [candidateIds[1]!]: "no" } });
  }
  return { sessionId, roundId, deputyIds, candidateIds };
}

describe("what the chain says against what the tables hold", () => {
  it("names a deleted tail by the notice's printed anchor and the publication it no longer logs", async () => {
    const { sessionId, roundId, deputyIds } = await votedRound(5);
    await closeRound(clerk, sessionId, roundId);
    await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!]);
    await confirmRound(await tablet(sessionId, deputyIds[0]!), "t", roundId);
    const noticeNo = await publishRound(clerk, sessionId, roundId);
    const printed = (await noticeView(sessionId, noticeNo))!.integrity!;
    expect(await anchorHolds(printed.anchorEntryId, printed.anchorHash)).toBe(true);
    expect(await auditFindings()).toEqual([]);

    // The last 4 entries go: the publication, and the confirmation and the card before it.
    withDb((db) => db.prepare("DELETE FROM AuditEntry WHERE id IN (SELECT id FROM AuditEntry ORDER BY id DESC LIMIT 4)").run());
    expect(await firstBrokenAuditEntry()).toBeNull(); // a shorter chain is still a chain …
    expect(await auditFindings()).toContainEqual({ kind: "publication-not-logged", roundId }); // … but the tables say more happened
    expect(await anchorHolds(printed.anchorEntryId, printed.anchorHash)).toBe(false); // and the printed notice says so too
  });

  it("refuses to count recorded ballots changed before the close, and names each", async () => {
    const { sessionId, roundId, candidateIds } = await votedRound(5);
    withDb((db) => db.prepare("UPDATE Ballot SET choices = ? WHERE roundId = ?").run(JSON.stringify({ [candidateIds[0]!]: "no", [candidateIds[1]!]: "yes" }), roundId));
    expect((await refusalOf(closeRound(clerk, sessionId, roundId))).message).toBe(c.tampering.ballotsNotAsCast);
    const notAsCast = (await auditFindings()).filter((finding) => finding.kind === "ballot-not-as-cast" && finding.roundId === roundId);
    expect(notAsCast).toHaveLength(5);
  });

  it("refuses to confirm or publish ballots changed after the count, and names the round", async () => {
    const { sessionId, roundId, deputyIds, candidateIds } = await votedRound(5);
    await closeRound(clerk, sessionId, roundId);
    await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!]);
    withDb((db) => db.prepare("UPDATE Ballot SET choices = ? WHERE roundId = ?").run(JSON.stringify({ [candidateIds[1]!]: "yes" }), roundId));
    expect((await refusalOf(confirmRound(await tablet(sessionId, deputyIds[0]!), "t", roundId))).message).toBe(c.tampering.ballotsChanged);
    expect(await auditFindings()).toContainEqual({ kind: "ballots-changed-since-count", roundId });
  });

  it("refuses to count a secret round whose sealed ballots changed after the close", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(5);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1, secret: true });
    const code = await keyCardFor(sessionId, roundId);
    await openRound(clerk, sessionId, roundId);
    for (const deputyId of deputyIds) await castBallot(await tablet(sessionId, deputyId), "t", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes" } });
    await closeRound(clerk, sessionId, roundId);
    // One sealed ballot is swapped for another of the same round (a valid seal, other contents).
    withDb((db) => {
      const rows = db.prepare("SELECT id FROM SealedBallot WHERE roundId = ? ORDER BY id").all(roundId) as Array<{ id: number }>;
      db.prepare("DELETE FROM SealedBallot WHERE id = ?").run(rows[0]!.id);
    });
    expect((await refusalOf(countSealedRound(clerk, sessionId, roundId, code))).message).toBe(c.tampering.sealedChanged);
  });
});

// Last: it rewrites the chain of this file's database.
describe("the audit chain", () => {
  it("verifies an untouched log and names the first entry changed behind its back", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(4);
    await checkIn(sessionId, deputyIds);
    expect(await firstBrokenAuditEntry()).toBeNull();
    const victim = withDb((db) => {
      const entries = db.prepare("SELECT id FROM AuditEntry ORDER BY id").all() as Array<{ id: number }>;
      db.prepare("UPDATE AuditEntry SET detail = '{\"status\":\"leave\"}' WHERE id = ?").run(entries[2]!.id);
      return entries[2]!.id;
    });
    expect(await firstBrokenAuditEntry()).toBe(victim);
    // Mend it with the public formula, without the key: still named.
    withDb((db) => recomputeWithoutKey(db, victim));
    expect(await firstBrokenAuditEntry()).toBe(victim);
    // Rewrite the whole log without the key and drop the entry where the keyed chain begins: the first entry is named.
    withDb((db) => {
      db.prepare("DELETE FROM AuditEntry WHERE action = 'audit.keyed'").run();
      recomputeWithoutKey(db, 0);
    });
    const first = withDb((db) => (db.prepare("SELECT min(id) AS id FROM AuditEntry").get() as { id: number }).id);
    expect(await firstBrokenAuditEntry()).toBe(first);
  });
});
