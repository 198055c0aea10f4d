/**
 * One audit chain per congress (issue 17): entries of different townships, written interleaved by
 * the services and the ballot box, form one chain each; a change to an entry, or an entry moved to
 * another chain, breaks its chain alone; and a log from before there were chains, migrated, is
 * chain 0 and still verifies.
 */
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { chooseTellers, closeRound, confirmRound, markAttendance, publishRound } from "~/services/congress-session.server";
import { noticeView } from "~/services/public-views.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot } from "~/services/voting.server";
import { auditKeyFile, privateSecretFile } from "~/utils/env.server";
import { clerk, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../../tests/factories/session";
import { GENESIS_HASH } from "./audit-chain.server";
import { appendAudit } from "./audit.server";
import { anchorHolds, brokenAuditChains, firstBrokenAuditEntry } from "./audit-verify.server";
import { createPrismaClient, openConnection, prisma } from "./sqlite.server";

type Entry = { id: number; chain: number; sessionId: number | null; prevHash: string; hash: string };

function withDb<T>(work: (db: Database.Database) => T): T {
  const db = openConnection("maintenance");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

const entries = () => prisma.auditEntry.findMany({ orderBy: { id: "asc" }, select: { id: true, chain: true, sessionId: true, prevHash: true, hash: true } });

/** Each chain's entries link to the one before them on the same chain, the first to the genesis hash. */
function linksPerChain(log: Entry[]): Map<number, number> {
  const heads = new Map<number, string>();
  const lengths = new Map<number, number>();
  for (const entry of log) {
    expect(entry.prevHash, `entry ${entry.id} of chain ${entry.chain}`).toBe(heads.get(entry.chain) ?? GENESIS_HASH);
    heads.set(entry.chain, entry.hash);
    lengths.set(entry.chain, (lengths.get(entry.chain) ?? 0) + 1);
  }
  return lengths;
}

/** Two townships whose sessions were written to in turn: attendance by the clerk, ballots through the box, a notice. */
async function twoTownships() {
  const a = await sessionWithDeputies(3);
  const b = await sessionWithDeputies(3);
  for (let i = 0; i < 3; i += 1) {
    await markAttendance(clerk, a.sessionId, a.deputyIds[i]!, "present");
    await markAttendance(clerk, b.sessionId, b.deputyIds[i]!, "present");
  }
  const roundA = await slateAndRound(a.sessionId, 2, { places: 1 });
  const roundB = await slateAndRound(b.sessionId, 2, { places: 1 });
  await openRoundForVoting(a.sessionId, roundA.roundId, false);
  await openRoundForVoting(b.sessionId, roundB.roundId, false);
  for (let i = 0; i < 3; i += 1) {
    for (const [town, round] of [
      [a, roundA],
      [b, roundB],
    ] as const) {
      await castBallot(await tablet(town.sessionId, town.deputyIds[i]!), "t", { roundId: round.roundId, ballotKey: newBallotKey(), choices: { [round.candidateIds[0]!]: "yes" } });
    }
  }
  await closeRound(clerk, a.sessionId, roundA.roundId);
  await chooseTellers(clerk, a.sessionId, a.deputyIds[0]!, [a.deputyIds[1]!]);
  await confirmRound(await tablet(a.sessionId, a.deputyIds[0]!), "t", roundA.roundId);
  const noticeNo = await publishRound(clerk, a.sessionId, roundA.roundId);
  return { a, b, notice: (await noticeView(a.sessionId, noticeNo))!.integrity! };
}

describe("one audit chain per congress", async () => {
  const { a, b, notice } = await twoTownships();
  const chainOf = async (sessionId: number) => (await entries()).filter((entry) => entry.sessionId === sessionId);

  it("two townships' entries, interleaved, form two chains that each verify", async () => {
    const log = await entries();
    const ofA = await chainOf(a.sessionId);
    const ofB = await chainOf(b.sessionId);
    expect(ofA.every((entry) => entry.chain === a.townshipId)).toBe(true);
    expect(ofB.every((entry) => entry.chain === b.townshipId)).toBe(true);
    // Interleaved in the log: B's first entry comes before A's last.
    expect(ofB[0]!.id).toBeLessThan(ofA.at(-1)!.id);
    // Entries of no congress (the register, the key's start) stay on chain 0.
    expect(log.filter((entry) => entry.sessionId === null).every((entry) => entry.chain === 0)).toBe(true);
    const lengths = linksPerChain(log);
    expect(lengths.get(a.townshipId)).toBe(ofA.length);
    expect(lengths.get(b.townshipId)).toBe(ofB.length);
    expect(await brokenAuditChains()).toEqual([]);
  });

  it("anchors a township's notice on its own chain", async () => {
    const anchor = await prisma.auditEntry.findUniqueOrThrow({ where: { id: notice.anchorEntryId } });
    expect(anchor.chain).toBe(a.townshipId);
    expect(await anchorHolds(notice.anchorEntryId, notice.anchorHash)).toBe(true);
  });

  it("an entry changed breaks its own chain only, from that entry on", async () => {
    const victim = (await chainOf(a.sessionId))[2]!;
    const detail = (await prisma.auditEntry.findUniqueOrThrow({ where: { id: victim.id } })).detail;
    withDb((db) => db.prepare("UPDATE AuditEntry SET detail = '{\"status\":\"leave\"}' WHERE id = ?").run(victim.id));
    expect(await brokenAuditChains()).toEqual([{ chain: a.townshipId, entryId: victim.id }]);
    expect(await firstBrokenAuditEntry()).toBe(victim.id);
    withDb((db) => db.prepare("UPDATE AuditEntry SET detail = ? WHERE id = ?").run(detail, victim.id));
    expect(await brokenAuditChains()).toEqual([]);
  });

  it("an entry moved to another chain is named, and so is a whole chain moved", async () => {
    // B's newest entry put on A's chain: B is merely shorter, A has an entry that does not belong.
    const last = (await chainOf(b.sessionId)).at(-1)!;
    withDb((db) => db.prepare("UPDATE AuditEntry SET chain = ? WHERE id = ?").run(a.townshipId, last.id));
    expect(await brokenAuditChains()).toEqual([{ chain: a.townshipId, entryId: last.id }]);
    withDb((db) => db.prepare("UPDATE AuditEntry SET chain = ? WHERE id = ?").run(b.townshipId, last.id));

    // All of B relabelled as a township that has no chain: every link is intact, only the hashes,
    // which cover the chain, say so.
    const unused = (await prisma.township.findFirstOrThrow({ where: { id: { notIn: [a.townshipId, b.townshipId] } }, select: { id: true } })).id;
    withDb((db) => db.prepare("UPDATE AuditEntry SET chain = ? WHERE chain = ?").run(unused, b.townshipId));
    expect(await brokenAuditChains()).toEqual([{ chain: unused, entryId: (await chainOf(b.sessionId))[0]!.id }]);
    // … and onto chain 0, whose entries are hashed without a chain.
    withDb((db) => db.prepare("UPDATE AuditEntry SET chain = 0 WHERE chain = ?").run(unused));
    expect((await brokenAuditChains()).map((broken) => broken.chain)).toEqual([0]);
    withDb((db) => db.prepare("UPDATE AuditEntry SET chain = ? WHERE sessionId = ?").run(b.townshipId, b.sessionId));
    expect(await brokenAuditChains()).toEqual([]);
  });
});

describe("a log from before there were chains", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "audit-chains-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The hash as the code before chains computed it: nine fields, plain SHA-256 before the key, HMAC after. */
  function oldHash(key: Buffer | null, prevHash: string, row: { at: string; actor: string; device: string; action: string; outcome: string; sessionId: number | null; roundId: number | null; detail: string }) {
    const canonical = JSON.stringify([prevHash, new Date(row.at).toISOString(), row.actor, row.device, row.action, row.outcome, row.sessionId, row.roundId, row.detail]);
    return (key ? createHmac("sha256", key) : createHash("sha256")).update(canonical).digest("hex");
  }

  it("is chain 0 once migrated, still verifies, and chain 0 goes on from its head", async () => {
    const file = path.join(scratch, "old.db");
    const migrations = path.resolve("prisma/migrations");
    const steps = readdirSync(migrations)
      .filter((name) => /^\d{14}_/.test(name))
      .sort();
    const chainsStep = steps.find((name) => name.endsWith("_audit_chains"))!;
    const db = new Database(file);
    for (const step of steps.filter((name) => name < chainsStep)) db.exec(readFileSync(path.join(migrations, step, "migration.sql"), "utf8"));

    // The old log: two plain entries, the key's start, then keyed entries of two sessions' congresses.
    const key = Buffer.from(privateSecretFile(auditKeyFile()), "base64url");
    const insert = db.prepare("INSERT INTO AuditEntry (at, actor, device, action, outcome, sessionId, roundId, detail, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    let prevHash = GENESIS_HASH;
    let keyed = false;
    for (const [i, action, sessionId] of [
      [0, "register.add", null],
      [1, "account.create", null],
      [2, "audit.keyed", null],
      [3, "session.create", 7],
      [4, "attendance.set", 8],
      [5, "attendance.set", 7],
    ] as const) {
      keyed ||= action === "audit.keyed";
      const row = { at: `2026-01-15T0${i}:00:00.000+00:00`, actor: "system", device: "old", action, outcome: "accepted", sessionId, roundId: null, detail: "{}" };
      const hash = oldHash(keyed ? key : null, prevHash, row);
      insert.run(row.at, row.actor, row.device, row.action, row.outcome, row.sessionId, row.roundId, row.detail, prevHash, hash);
      prevHash = hash;
    }
    db.exec(readFileSync(path.join(migrations, chainsStep, "migration.sql"), "utf8"));
    expect(db.prepare("SELECT DISTINCT chain FROM AuditEntry").all()).toEqual([{ chain: 0 }]);
    db.close();

    const client = createPrismaClient(`file:${file}`);
    try {
      expect(await brokenAuditChains(client)).toEqual([]);
      await client.$transaction((tx) => appendAudit(tx, { actor: "system", device: "new", action: "test.after-chains", outcome: "accepted", detail: {} }));
      const newest = await client.auditEntry.findFirstOrThrow({ orderBy: { id: "desc" } });
      expect(newest).toMatchObject({ chain: 0, prevHash });
      expect(await brokenAuditChains(client)).toEqual([]);
      // The old entries are still held to their hashes.
      await client.auditEntry.update({ where: { id: 2 }, data: { actor: "someone else" } });
      expect(await brokenAuditChains(client)).toEqual([{ chain: 0, entryId: 2 }]);
    } finally {
      await client.$disconnect();
    }
  });
});
