/**
 * The ballot box on PostgreSQL, through the services the tablets call: group commit under
 * concurrency stores every ballot once and keeps the audit chain whole; a secret round's counted
 * ballots cannot be joined to their voters by the transaction ids PostgreSQL keeps on every row.
 */
import { describe, expect, it } from "vitest";
import { firstBrokenAuditEntry } from "~/data/audit-verify.server";
import { isStorageFailure, prisma } from "~/data/sqlite.server";
import { newBallotKey } from "~/services/receipt.server";
import { Refusal } from "~/services/refusal";
import { castBallot, checkInOnTablet } from "~/services/voting.server";
import { checkIn, closeAndCount, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../factories/session";

describe("the ballot box on PostgreSQL", () => {
  it("160 deputies voting at once store exactly 160 ballots, counted; 100 submissions of one deputy store one", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(160);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 5, { places: 3 });
    await openRoundForVoting(sessionId, roundId, false);
    const passes = await Promise.all(deputyIds.map((id) => tablet(sessionId, id)));

    const repeated = await Promise.allSettled(
      Array.from({ length: 100 }, () => castBallot(passes[0]!, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes" } })),
    );
    expect(repeated.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    for (const attempt of repeated.filter((a) => a.status === "rejected")) expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(Refusal);

    const receipts = await Promise.all(
      passes.slice(1).map((pass, i) =>
        castBallot(pass, "tablet", {
          roundId,
          ballotKey: newBallotKey(),
          choices: { [candidateIds[(i + 1) % 5]!]: "yes", [candidateIds[(i + 2) % 5]!]: "no" },
        }),
      ),
    );
    expect(new Set(receipts.map((r) => r.receipt)).size).toBe(159);
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(160);
    await closeAndCount(sessionId, roundId);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: roundId } });
    expect(JSON.parse(round.resultJson!).cast).toBe(160);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });

  it("checks a deputy in from the tablet once", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    const pass = await tablet(sessionId, deputyIds[0]!);
    await Promise.all([checkInOnTablet(pass, "tablet"), checkInOnTablet(pass, "tablet")]);
    expect(await prisma.attendance.count({ where: { sessionId, status: "present" } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { sessionId, action: "attendance.set" } })).toBe(1);
  });

  it("a secret round's counted ballots share no transaction id with any deputy's voted mark or cast entry", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(30);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 4, { places: 2, secret: true });
    await openRoundForVoting(sessionId, roundId, true);
    // One at a time: each ballot is its own batch, so each voted mark has a transaction of its own.
    for (const [i, deputyId] of deputyIds.entries()) {
      const pass = await tablet(sessionId, deputyId);
      await castBallot(pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[i % 4]!]: "yes" } });
    }
    const sealedXids = await prisma.$queryRaw<Array<{ x: string }>>`SELECT xmin::text AS x FROM "SealedBallot" WHERE "roundId" = ${roundId}`;
    expect(sealedXids).toHaveLength(30);
    await closeAndCount(sessionId, roundId);

    expect(await prisma.sealedBallot.count({ where: { roundId } })).toBe(0);
    const ballots = await prisma.$queryRaw<
      Array<{ x: string; deputyId: number | null }>
    >`SELECT xmin::text AS x, "deputyId" FROM "Ballot" WHERE "roundId" = ${roundId}`;
    expect(ballots).toHaveLength(30);
    expect(ballots.every((ballot) => ballot.deputyId === null)).toBe(true);
    const marks = await prisma.$queryRaw<Array<{ x: string }>>`SELECT xmin::text AS x FROM "BallotIssue" WHERE "roundId" = ${roundId}`;
    const casts = await prisma.$queryRaw<
      Array<{ x: string }>
    >`SELECT xmin::text AS x FROM "AuditEntry" WHERE "roundId" = ${roundId} AND action = 'ballot.cast'`;
    const voterXids = new Set([...marks, ...casts].map((row) => row.x));
    expect(voterXids.size).toBe(30);
    // The attacker's join: a ballot row whose transaction is one of a voter's.
    expect(ballots.filter((ballot) => voterXids.has(ballot.x))).toEqual([]);
    // All counted ballots were written by the count, in one transaction.
    expect(new Set(ballots.map((ballot) => ballot.x)).size).toBe(1);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });
});

describe("closing a round while ballots arrive, on PostgreSQL", () => {
  it("counts every ballot the box acknowledged, and refuses the rest as too late", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(120);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
    await openRoundForVoting(sessionId, roundId, false);
    const passes = await Promise.all(deputyIds.map((id) => tablet(sessionId, id)));
    let acknowledged = 0;
    const cast = async (i: number) => {
      try {
        await castBallot(passes[i]!, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[i % 3]!]: "yes" } });
        acknowledged += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(Refusal);
      }
    };
    // Forty have voted; the other eighty tap 确认投票 as the clerk closes the round.
    for (let i = 0; i < 40; i += 1) await cast(i);
    const late = Array.from({ length: 80 }, (_, i) => cast(40 + i));
    await closeAndCount(sessionId, roundId);
    await Promise.all(late);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: roundId } });
    console.log(`close during a vote on PostgreSQL: ${acknowledged} of 120 acknowledged, all counted`);
    expect(acknowledged).toBeGreaterThanOrEqual(40);
    expect(JSON.parse(round.resultJson!).cast).toBe(acknowledged);
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(acknowledged);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });
});

describe("the ballot box's connection", () => {
  it("is opened again after the server ended it, and the next ballots are stored", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1 });
    await openRoundForVoting(sessionId, roundId, false);
    const passes = await Promise.all(deputyIds.map((id) => tablet(sessionId, id)));
    const vote = (i: number) => castBallot(passes[i]!, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes" } });
    await vote(0);
    // An administrator (or a failover) ends every other connection to the database.
    await prisma.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await vote(1);
    await vote(2);
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(3);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });
});

describe("a read-only PostgreSQL database", () => {
  it("stores nothing, and the box's failure is a storage failure (the tablet's 503), not a refusal", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1 });
    await openRoundForVoting(sessionId, roundId, false);
    const pass = await tablet(sessionId, deputyIds[0]!);
    const [{ db }] = (await prisma.$queryRaw<Array<{ db: string }>>`SELECT current_database() AS db`) as [{ db: string }];
    // As a standby or a full disk would: every new connection is read-only; the box's is new.
    await prisma.$executeRawUnsafe(`ALTER DATABASE "${db}" SET default_transaction_read_only = on`);
    await prisma.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const failure = await castBallot(pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes" } }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isStorageFailure(failure)).toBe(true);
    await prisma.$executeRawUnsafe(`ALTER DATABASE "${db}" SET default_transaction_read_only = off`);
    await prisma.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(0);
    await castBallot(pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes" } });
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(1);
  });
});
