/**
 * One audit chain per congress on PostgreSQL (issue 17): many transactions appending to 16 chains at
 * once leave 16 unbroken chains; two ballot boxes (two app processes: two storages, two connections,
 * one database) casting for the same townships in opposite orders neither deadlock nor fork a chain;
 * a refusal waits only for its own chain's writers, a unit of work for every batch; and the throughput of the box's storage on 1 chain against 16, printed as a ratio.
 */
import { describe, expect, it } from "vitest";
import pg from "pg";
import { AUDIT_CHAIN_LOCK, WRITERS_LOCK, type AuditInput } from "~/data/audit-chain.server";
import { appendAudit, recordRefusal } from "~/data/audit.server";
import { brokenAuditChains } from "~/data/audit-verify.server";
import { postgresBoxStorage } from "~/data/ballot-box-postgres.server";
import type { BoxBallot, BoxStorage, ItemResult, Work } from "~/data/ballot-box.server";
import { ballotDigest } from "~/data/ballots.server";
import { prisma } from "~/data/sqlite.server";
import { inTransaction } from "~/data/transaction.server";
import { newBallotKey, receiptFor } from "~/services/receipt.server";
import { checkIn, openRoundForVoting, sessionWithDeputies, slateAndRound } from "../factories/session";

/** Sessions in `count` townships of the register that no factory in this file uses. */
async function congresses(count: number, skip: number) {
  // Not the factory's townships (430121…), which the test of two boxes uses.
  const townships = await prisma.township.findMany({
    where: { level: "township", NOT: { code: { startsWith: "430121" } } },
    orderBy: { id: "asc" },
    skip,
    take: count,
    select: { id: true },
  });
  return Promise.all(
    townships.map(async ({ id }) => {
      const session = await prisma.congressSession.create({
        data: { townshipId: id, title: "审计链测试", year: 2026, meetingDate: new Date("2026-01-15T01:00:00Z"), place: "镇政府", seated: 0 },
      });
      return { townshipId: id, sessionId: session.id };
    }),
  );
}

/** Each chain links entry to entry, from the genesis hash; the number of entries per chain. */
async function chainLengths(): Promise<Map<number, number>> {
  const log = await prisma.auditEntry.findMany({ orderBy: { id: "asc" }, select: { chain: true, prevHash: true, hash: true } });
  const heads = new Map<number, string>();
  const lengths = new Map<number, number>();
  for (const entry of log) {
    expect(entry.prevHash).toBe(heads.get(entry.chain) ?? "0".repeat(64));
    heads.set(entry.chain, entry.hash);
    lengths.set(entry.chain, (lengths.get(entry.chain) ?? 0) + 1);
  }
  return lengths;
}

const refusal = (sessionId: number, i: number): Work => ({
  kind: "refusal",
  refusal: { actor: "deputy:1", device: "test", action: "ballot.cast", sessionId, detail: { reason: `box-${i}` } },
});

describe("audit chains on PostgreSQL", () => {
  it("keeps 16 unbroken chains when 320 transactions append at once, beside two ballot boxes appending to the same chains", async () => {
    const towns = await congresses(16, 40);
    const boxes = [postgresBoxStorage(), postgresBoxStorage()];
    const input = (sessionId: number, i: number): AuditInput => ({
      actor: "system",
      device: "test",
      action: "test.concurrent",
      outcome: "accepted",
      sessionId,
      detail: { i },
    });
    const expected = new Map(towns.map((town) => [town.townshipId, 320 / 16]));
    // Each batch holds refusals of four townships, the two boxes going round the townships in opposite directions.
    const batches = boxes.map((_, b) =>
      Array.from({ length: 20 }, (_, n) =>
        Array.from({ length: 4 }, (_, k) => {
          const town = towns[(b === 0 ? n + k : 63 - n - k) % 16]!;
          expected.set(town.townshipId, expected.get(town.townshipId)! + 1);
          return refusal(town.sessionId, n * 4 + k);
        }),
      ),
    );
    try {
      const fromBoxes = boxes.map(async (box, b) => {
        const results: Array<ItemResult[] | "busy"> = [];
        for (const batch of batches[b]!) results.push(await box.commit(batch));
        return results;
      });
      await Promise.all([...Array.from({ length: 320 }, (_, i) => inTransaction((tx) => appendAudit(tx, input(towns[i % 16]!.sessionId, i)))), ...fromBoxes]);
      for (const results of await Promise.all(fromBoxes)) {
        expect(results.filter((result) => result === "busy")).toEqual([]);
        expect((results as ItemResult[][]).flat().every((item) => item.ok)).toBe(true);
      }
    } finally {
      await Promise.all(boxes.map((box) => box.close()));
    }
    const lengths = await chainLengths();
    for (const town of towns) expect(lengths.get(town.townshipId)).toBe(expected.get(town.townshipId));
    expect(await brokenAuditChains()).toEqual([]);
  });
});

describe("who waits for whom", () => {
  it("a refusal waits for its own chain's writer only; a unit of work waits for every batch", async () => {
    const [a, b] = await congresses(2, 120);
    // As a ballot-box batch of congress B holds them: the writers' lock shared, B's chain.
    const batch = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await batch.connect();
    try {
      await batch.query("BEGIN");
      await batch.query("SELECT pg_advisory_xact_lock_shared($1)", [WRITERS_LOCK]);
      await batch.query("SELECT pg_advisory_xact_lock($1::int, $2::int)", [AUDIT_CHAIN_LOCK, b!.townshipId]);
      const refusalOf = (sessionId: number, reason: string) =>
        recordRefusal({ actor: "deputy:1", device: "test", action: "ballot.cast", sessionId, detail: { reason } });

      await refusalOf(a!.sessionId, "A-while-B-held"); // another chain: not held up
      const waiting = [
        refusalOf(b!.sessionId, "B-while-B-held"),
        inTransaction((tx) => appendAudit(tx, { actor: "system", device: "test", action: "test.exclusive", outcome: "accepted", detail: {} })),
      ];
      // Both wait on an advisory lock: the refusal for B's chain, the unit for the writers' lock.
      for (let waited = 0; ; waited += 1) {
        const [{ n }] = (await batch.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows as [
          { n: number },
        ];
        if (n === 2) break;
        expect(waited).toBeLessThan(500);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await prisma.auditEntry.count({ where: { detail: { contains: "B-while-B-held" } } })).toBe(0);
      await batch.query("COMMIT");
      await Promise.all(waiting);
    } finally {
      await batch.end();
    }
    const reasons = await prisma.auditEntry.findMany({
      where: { outcome: "refused", sessionId: { in: [a!.sessionId, b!.sessionId] } },
      orderBy: { id: "asc" },
      select: { chain: true, detail: true },
    });
    expect(reasons.map((entry) => [entry.chain, JSON.parse(entry.detail).reason])).toEqual([
      [a!.townshipId, "A-while-B-held"],
      [b!.townshipId, "B-while-B-held"],
    ]);
    expect(await brokenAuditChains()).toEqual([]);
  });

  it("a unit of work scoped to one chain may not append to another", async () => {
    const [a, b] = await congresses(2, 130);
    const input = (sessionId: number): AuditInput => ({ actor: "system", device: "test", action: "test.scoped", outcome: "accepted", sessionId, detail: {} });
    await expect(inTransaction((tx) => appendAudit(tx, input(b!.sessionId)), { chain: async () => a!.townshipId })).rejects.toThrow(/scoped to audit chain/);
    await inTransaction((tx) => appendAudit(tx, input(a!.sessionId)), { chain: async () => a!.townshipId });
    expect(await prisma.auditEntry.count({ where: { action: "test.scoped" } })).toBe(1);
  });
});

describe("two ballot boxes on one database", () => {
  it("casting for four townships in opposite orders, neither deadlocks and every chain verifies", async () => {
    const towns: Array<{ townshipId: number; sessionId: number; roundId: number; deputyIds: number[]; candidateId: string }> = [];
    for (let t = 0; t < 4; t += 1) {
      const { townshipId, sessionId, deputyIds } = await sessionWithDeputies(24);
      await checkIn(sessionId, deputyIds);
      const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1 });
      await openRoundForVoting(sessionId, roundId, false);
      towns.push({ townshipId, sessionId, roundId, deputyIds, candidateId: String(candidateIds[0]) });
    }
    const ballot = (town: (typeof towns)[number], deputyId: number): Work => {
      const choices = { [town.candidateId]: "yes" as const };
      const box: BoxBallot = {
        roundId: town.roundId,
        sessionId: town.sessionId,
        deputyId,
        contents: { kind: "recorded", choices, valid: true, digest: ballotDigest(choices) },
        receipt: receiptFor(newBallotKey()),
        device: "test",
      };
      return { kind: "ballot", ballot: box };
    };
    const boxes = [postgresBoxStorage(), postgresBoxStorage()];
    try {
      // Box 0 goes through the townships 0→3, box 1 through 3→0; each batch holds one ballot of every
      // township, box 0 the even deputies', box 1 the odd ones'. Twelve batches each.
      const run = async (box: BoxStorage, b: number) => {
        const order = b === 0 ? towns : [...towns].reverse();
        const results: Array<ItemResult[] | "busy"> = [];
        for (let n = 0; n < 12; n += 1) results.push(await box.commit(order.map((town) => ballot(town, town.deputyIds[2 * n + b]!))));
        return results;
      };
      const all = await Promise.all(boxes.map(run));
      for (const results of all) {
        expect(results.filter((result) => result === "busy")).toEqual([]);
        expect((results as ItemResult[][]).flat().map((item) => (item.ok ? item.outcome : item.error))).toEqual(Array(48).fill({ kind: "recorded" }));
      }
    } finally {
      await Promise.all(boxes.map((box) => box.close()));
    }
    for (const town of towns) expect(await prisma.ballot.count({ where: { roundId: town.roundId } })).toBe(24);
    const lengths = await chainLengths();
    for (const town of towns) expect(await prisma.auditEntry.count({ where: { chain: town.townshipId } })).toBe(lengths.get(town.townshipId));
    expect(await brokenAuditChains()).toEqual([]);
  });
});

describe("throughput of the PostgreSQL ballot box's storage, one ballot per transaction (measured, not asserted)", () => {
  it("on 1 chain against 16 chains, with 1, 2 and 4 boxes", async () => {
    const BALLOTS = 240;
    const towns = await congresses(16, 80);
    // A roster of BALLOTS deputies per township: each run opens new rounds, so one roster serves all.
    for (const town of towns) {
      await prisma.deputy.createMany({ data: Array.from({ length: BALLOTS }, (_, i) => ({ townshipId: town.townshipId, name: `测速代表${i + 1}` })) });
    }
    const deputiesOf = new Map<number, number[]>();
    for (const town of towns) {
      deputiesOf.set(
        town.townshipId,
        (await prisma.deputy.findMany({ where: { townshipId: town.townshipId }, orderBy: { id: "asc" }, select: { id: true } })).map((d) => d.id),
      );
    }
    let roundNumber = 0;
    async function openRounds(used: typeof towns, perTown: number) {
      roundNumber += 1;
      return Promise.all(
        used.map(async (town) => {
          const round = await prisma.round.create({
            data: { sessionId: town.sessionId, number: roundNumber, places: 1, form: "per-project", secret: false, status: "open" },
          });
          const deputyIds = deputiesOf.get(town.townshipId)!.slice(0, perTown);
          await prisma.ballotIssue.createMany({ data: deputyIds.map((deputyId) => ({ roundId: round.id, deputyId })) });
          return { ...town, roundId: round.id, deputyIds };
        }),
      );
    }

    /** Ballots per second through `boxCount` storages, each committing one ballot per transaction. */
    async function measure(chains: number, boxCount: number): Promise<number> {
      const rounds = await openRounds(towns.slice(0, chains), BALLOTS / chains);
      // Ballot i is of township i mod chains: box b casts ballots b, b + boxCount, … in turn.
      const works: Work[] = Array.from({ length: BALLOTS }, (_, i) => {
        const town = rounds[i % chains]!;
        const choices = { "1": "yes" as const };
        const deputyId = town.deputyIds[Math.floor(i / chains)]!;
        const ballot: BoxBallot = {
          roundId: town.roundId,
          sessionId: town.sessionId,
          deputyId,
          contents: { kind: "recorded", choices, valid: true, digest: ballotDigest(choices) },
          receipt: receiptFor(newBallotKey()),
          device: "bench",
        };
        return { kind: "ballot", ballot };
      });
      const boxes = Array.from({ length: boxCount }, () => postgresBoxStorage());
      try {
        await Promise.all(boxes.map((box) => box.passByTokenHash("warm-up")));
        const started = performance.now();
        const outcomes = await Promise.all(
          boxes.map(async (box, b) => {
            const stored: unknown[] = [];
            for (let i = b; i < BALLOTS; i += boxCount) {
              const result = await box.commit([works[i]!]);
              stored.push(result === "busy" ? "busy" : result[0]!.ok ? result[0]!.outcome : result[0]!.error);
            }
            return stored;
          }),
        );
        const seconds = (performance.now() - started) / 1000;
        expect(outcomes.flat()).toEqual(Array(BALLOTS).fill({ kind: "recorded" }));
        return BALLOTS / seconds;
      } finally {
        await Promise.all(boxes.map((box) => box.close()));
      }
    }

    // Each pair measured three times, alternately, and the best run kept: the machine is shared.
    const lines: string[] = [];
    for (const boxCount of [1, 2, 4]) {
      let one = 0;
      let sixteen = 0;
      for (let repeat = 0; repeat < 3; repeat += 1) {
        one = Math.max(one, await measure(1, boxCount));
        sixteen = Math.max(sixteen, await measure(16, boxCount));
      }
      lines.push(
        `  ${boxCount} box${boxCount > 1 ? "es" : "  "}: 1 chain ${one.toFixed(0).padStart(5)} ballots/s, 16 chains ${sixteen.toFixed(0).padStart(5)} ballots/s, ratio ${(sixteen / one).toFixed(2)}`,
      );
    }
    console.log(`PostgreSQL ballot box storage, ${BALLOTS} ballots per run (best of 3), one ballot per transaction:\n${lines.join("\n")}`);
    expect(await brokenAuditChains()).toEqual([]);
  }, 300_000);
});
