/**
 * Two app processes on one PostgreSQL database each batch their own tablets' ballots (a ballot box
 * per process: its own queue, its own group commit, its own connection). Safe because what decides
 * is in the database: a ballot marks its deputy's issue `votedAt IS NULL` inside the batch's
 * transaction, so of two boxes storing the same deputy's ballot one commits it and the other finds
 * the mark taken. Here two copies of the app's modules in one test process stand for the two
 * processes (vi.resetModules: a second Prisma client, ballot box and connection), fed at once.
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { firstBrokenAuditEntry } from "~/data/audit-verify.server";
import { ballotBox } from "~/data/ballot-box.server";
import { closeDatabase, prisma } from "~/data/sqlite.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot } from "~/services/voting.server";
import { checkIn, closeAndCount, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../factories/session";

vi.resetModules();
const second = {
  voting: await import("~/services/voting.server"),
  box: await import("~/data/ballot-box.server"),
  database: await import("~/data/sqlite.server"),
};
const boxes = [castBallot, second.voting.castBallot] as const;

afterAll(async () => {
  await second.database.closeDatabase();
  await closeDatabase();
});

type Cast = Awaited<ReturnType<typeof castBallot>>;
type Outcome = { ok: true; cast: Cast } | { ok: false; refusal: string } | { ok: false; error: unknown };

/** What a tablet hears: a receipt, a refusal (4xx, with its code), or an error (a 5xx). */
async function attempt(run: () => Promise<Cast>): Promise<Outcome> {
  try {
    return { ok: true, cast: await run() };
  } catch (error) {
    if (error instanceof Error && error.name === "Refusal") return { ok: false, refusal: (error as unknown as { refusal: { code: string } }).refusal.code };
    return { ok: false, error };
  }
}

async function openRound(deputies: number) {
  const { sessionId, deputyIds } = await sessionWithDeputies(deputies);
  await checkIn(sessionId, deputyIds);
  const { roundId, candidateIds } = await slateAndRound(sessionId, 4, { places: 2 });
  await openRoundForVoting(sessionId, roundId, false);
  const passes = await Promise.all(deputyIds.map((id) => tablet(sessionId, id)));
  return { sessionId, roundId, candidateIds, passes };
}

describe("two ballot boxes (two app processes) on one PostgreSQL database", () => {
  it("are two queues on two connections", async () => {
    expect(second.box.ballotBox).not.toBe(ballotBox);
    expect(second.box.ballotBox()).not.toBe(ballotBox());
    expect(second.database.prisma).not.toBe(prisma);
  });

  it("one deputy's ballot sent to both with the same key: stored once, every attempt answered with its receipt", async () => {
    const { roundId, candidateIds, passes } = await openRound(3);
    const ballotKey = newBallotKey();
    const choices = { [candidateIds[0]!]: "yes" as const };
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(() => boxes[i % 2]!(passes[0]!, "tablet", { roundId, ballotKey, choices }))),
    );
    const casts = outcomes.filter((o): o is { ok: true; cast: Cast } => o.ok);
    expect(outcomes.filter((o) => !o.ok)).toEqual([]);
    expect(new Set(casts.map((o) => o.cast.receipt)).size).toBe(1);
    expect(casts.filter((o) => !o.cast.repeated)).toHaveLength(1);
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(1);
  });

  it("one deputy's ballots sent to both with different keys: one stored, the rest refused as already voted, none an error", async () => {
    const { roundId, candidateIds, passes } = await openRound(3);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        attempt(() => boxes[i % 2]!(passes[0]!, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[i % 4]!]: "yes" } })),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && "error" in o)).toEqual([]);
    expect(outcomes.filter((o) => !o.ok && "refusal" in o).map((o) => (o as { refusal: string }).refusal)).toEqual(Array(39).fill("already-voted"));
    const stored = await prisma.ballot.findMany({ where: { roundId } });
    expect(stored).toHaveLength(1);
  });

  it("200 deputies at once, each sending its ballot to one box, a retry to the other and a second ballot to both: exactly one ballot each, every acknowledged ballot stored and counted", async () => {
    const deputies = 200;
    const { sessionId, roundId, candidateIds, passes } = await openRound(deputies);
    const submissions = passes.flatMap((pass, i) => {
      const ballotKey = newBallotKey();
      const choices = { [candidateIds[i % 4]!]: "yes" as const, [candidateIds[(i + 1) % 4]!]: "no" as const };
      const other = { [candidateIds[(i + 2) % 4]!]: "yes" as const };
      return [
        { deputy: i, run: () => boxes[i % 2]!(pass, "tablet", { roundId, ballotKey, choices }) },
        { deputy: i, run: () => boxes[(i + 1) % 2]!(pass, "tablet", { roundId, ballotKey, choices }) },
        { deputy: i, run: () => boxes[0](pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: other }) },
        { deputy: i, run: () => boxes[1](pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: other }) },
      ];
    });
    // Shuffled, all at once: the two boxes' batches interleave on the database.
    for (let i = submissions.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [submissions[i], submissions[j]] = [submissions[j]!, submissions[i]!];
    }
    const started = Date.now();
    const outcomes = await Promise.all(submissions.map(async (s) => ({ deputy: s.deputy, outcome: await attempt(s.run) })));
    const ms = Date.now() - started;

    const errors = outcomes.filter(({ outcome }) => !outcome.ok && "error" in outcome);
    expect(errors).toEqual([]);
    const acknowledged = outcomes.filter(({ outcome }) => outcome.ok) as Array<{ deputy: number; outcome: { ok: true; cast: Cast } }>;
    const firsts = acknowledged.filter(({ outcome }) => !outcome.cast.repeated);
    // Exactly one stored ballot per deputy, whichever of its ballots won.
    expect(firsts).toHaveLength(deputies);
    expect(new Set(firsts.map(({ deputy }) => deputy)).size).toBe(deputies);
    const refused = outcomes.filter(({ outcome }) => !outcome.ok && "refusal" in outcome);
    expect(new Set(refused.map(({ outcome }) => (outcome as { refusal: string }).refusal))).toEqual(new Set(["already-voted"]));
    expect(acknowledged.length + refused.length).toBe(submissions.length);

    const ballots = await prisma.ballot.findMany({ where: { roundId }, select: { deputyId: true } });
    expect(ballots).toHaveLength(deputies);
    expect(new Set(ballots.map((b) => b.deputyId)).size).toBe(deputies);
    // Every receipt a tablet was given is stored, for its own deputy.
    const receipts = new Map((await prisma.ballotReceipt.findMany({ where: { roundId } })).map((r) => [r.receipt, r.deputyId]));
    expect(receipts.size).toBe(deputies);
    for (const { deputy, outcome } of acknowledged) expect(receipts.get(outcome.cast.receipt)).toBe(passes[deputy]!.deputyId);
    console.log(
      `two ballot boxes, ${deputies} deputies × 4 submissions (${submissions.length}) at once: ${ms} ms; ` +
        `${firsts.length} stored, ${acknowledged.length - firsts.length} retries answered with their receipt, ${refused.length} refused as already voted, 0 errors`,
    );

    await closeAndCount(sessionId, roundId);
    const round = await prisma.round.findUniqueOrThrow({ where: { id: roundId } });
    expect(JSON.parse(round.resultJson!).cast).toBe(deputies);
    expect(await firstBrokenAuditEntry()).toBeNull();
  }, 180_000);
});
