import { afterAll, describe, expect, it } from "vitest";
import { checkIn, clerk, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../../tests/factories/session";
import { closeRound, openRound } from "./congress-session.server";
import { newBallotKey, receiptFor } from "./receipt.server";
import { Refusal } from "./refusal";
import { castBallot, passFromToken, revokeTablet, signInWithCode, issueSignInCode, tabletState } from "./voting.server";
import { closeReadOnlyDb, query } from "../../tests/integration/helpers";

afterAll(closeReadOnlyDb);

/** The first row of a read-only query on the test's database (either engine; identifiers quoted). */
async function one<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return (await query<T>(sql, ...params))[0];
}

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

describe("casting ballots", () => {
  it("100 concurrent submissions from the same deputy store exactly one ballot", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(5);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
    await openRound(clerk, sessionId, roundId);
    const pass = await tablet(sessionId, deputyIds[0]!);
    const choices = { [candidateIds[0]!]: "yes" as const };

    // Half retry the same ballot (same key, as a double tap or a resend does); half are other tabs.
    const sameKey = newBallotKey();
    const attempts = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => castBallot(pass, "tablet", { roundId, ballotKey: i % 2 ? sameKey : newBallotKey(), choices })),
    );
    expect(await one('SELECT count(*) AS n FROM "Ballot" WHERE "roundId" = ?', roundId)).toEqual({ n: 1 });
    const succeeded = attempts.filter((a) => a.status === "fulfilled").map((a) => (a as PromiseFulfilledResult<{ receipt: string }>).value.receipt);
    expect(new Set(succeeded).size).toBe(1);
    for (const failure of attempts.filter((a) => a.status === "rejected")) {
      expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(Refusal);
      expect((failure as PromiseRejectedResult).reason.message).toContain("不能重复投票");
    }
  });

  it("160 deputies voting at once store exactly 160 ballots, and the tally counts them all", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(160);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 5, { places: 3 });
    await openRound(clerk, sessionId, roundId);
    const passes = await Promise.all(deputyIds.map((id) => tablet(sessionId, id)));
    const receipts = await Promise.all(
      passes.map((pass, i) =>
        castBallot(pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[i % 5]!]: "yes", [candidateIds[(i + 1) % 5]!]: "no" } }),
      ),
    );
    expect(new Set(receipts.map((r) => r.receipt)).size).toBe(160);
    await closeRound(clerk, sessionId, roundId);
    expect(await one('SELECT count(*) AS n FROM "Ballot" WHERE "roundId" = ?', roundId)).toEqual({ n: 160 });
    const { resultJson } = (await one<{ resultJson: string }>('SELECT "resultJson" FROM "Round" WHERE id = ?', roundId))!;
    const result = JSON.parse(resultJson);
    expect(result.cast).toBe(160);
    expect(result.projects.map((p: { yes: number }) => p.yes)).toEqual([32, 32, 32, 32, 32]);
  });

  it("a retry with the same ballot key gets the original receipt; a second ballot is refused", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1, secret: true });
    await openRoundForVoting(sessionId, roundId, true);
    const pass = await tablet(sessionId, deputyIds[0]!);
    const key = newBallotKey();
    const first = await castBallot(pass, "tablet", { roundId, ballotKey: key, choices: { [candidateIds[0]!]: "yes" } });
    expect(first).toEqual({ receipt: receiptFor(key), repeated: false });
    expect(await castBallot(pass, "tablet", { roundId, ballotKey: key, choices: { [candidateIds[0]!]: "yes" } })).toEqual({
      receipt: first.receipt,
      repeated: true,
    });
    const second = await refusalOf(castBallot(pass, "tablet", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[1]!]: "yes" } }));
    expect(second.message).toBe("您已在本轮投过票，不能重复投票。");
  });

  it("refuses a ballot in a round that is not open, in another session's round, or from a deputy who was absent at opening", async () => {
    const a = await sessionWithDeputies(4);
    await checkIn(a.sessionId, a.deputyIds.slice(0, 3));
    const { roundId, candidateIds } = await slateAndRound(a.sessionId, 2, { places: 1 });
    const pass = await tablet(a.sessionId, a.deputyIds[0]!);
    const choices = { [candidateIds[0]!]: "yes" as const };
    expect((await refusalOf(castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices }))).message).toBe("本轮表决尚未开始。");

    await openRound(clerk, a.sessionId, roundId);
    const late = await tablet(a.sessionId, a.deputyIds[3]!);
    expect((await refusalOf(castBallot(late, "t", { roundId, ballotKey: newBallotKey(), choices }))).message).toContain("没有领到本轮选票");
    expect((await refusalOf(castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices: { "999999": "yes" } }))).status).toBe(400);

    const b = await sessionWithDeputies(3);
    const other = await tablet(b.sessionId, b.deputyIds[0]!);
    expect((await refusalOf(castBallot(other, "t", { roundId, ballotKey: newBallotKey(), choices }))).status).toBe(403);

    const { receipt } = await castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices });
    const again = await refusalOf(castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[1]!]: "yes" } }));
    expect(again.message).toBe(`您已在本轮投过票（回执 ${receipt}），不能重复投票。`);

    await closeRound(clerk, a.sessionId, roundId);
    expect((await refusalOf(castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices }))).message).toBe("本轮表决已经截止，不能再投票。");

    // Each refusal is logged with its code and numbers beside the sentence the tablet showed.
    const rows = await query<{ detail: string }>(
      `SELECT detail FROM "AuditEntry" WHERE action = 'ballot.cast' AND outcome = 'refused' AND "roundId" = ? ORDER BY id`,
      roundId,
    );
    const details = rows.map((row) => JSON.parse(row.detail) as { code: string; reason: string });
    expect(details.map(({ reason: _, ...refusal }) => refusal)).toEqual([
      { code: "ballot-round-not-open", started: false },
      { code: "ballot-not-issued" },
      { code: "ballot-names-unknown-project" },
      { code: "round-of-another-session" },
      { code: "already-voted", receipt },
      { code: "ballot-round-not-open", started: true },
    ]);
    expect(details[4]!.reason).toBe(again.message);
  });

  it("a sign-in code works once", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    const code = await issueSignInCode(clerk, sessionId, deputyIds[0]!);
    await signInWithCode("tablet", code);
    expect((await refusalOf(signInWithCode("tablet", code))).status).toBe(403);
  });

  it("the tablet sees only its own deputy and the open round", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    await checkIn(sessionId, deputyIds);
    const { roundId } = await slateAndRound(sessionId, 3, { places: 2 });
    const pass = await tablet(sessionId, deputyIds[1]!);
    expect((await tabletState(pass))?.round).toBeNull();
    await openRound(clerk, sessionId, roundId);
    const state = await tabletState(pass);
    expect(state?.deputy.id).toBe(deputyIds[1]);
    expect(state?.round).toMatchObject({ id: roundId, issued: true, voted: false, places: 2 });
  });
});

describe("checking in on a tablet", () => {
  it("marks the deputy present once, and the console's quorum counts it", async () => {
    const { attendanceStatuses } = await import("~/data/sessions.server");
    const { checkInOnTablet } = await import("./voting.server");
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    const pass = await tablet(sessionId, deputyIds[2]!);
    await Promise.all([checkInOnTablet(pass, "tablet"), checkInOnTablet(pass, "tablet")]);
    expect(await attendanceStatuses(sessionId)).toEqual(["absent", "absent", "present"]);
    expect(await one(`SELECT count(*) AS n FROM "AuditEntry" WHERE "sessionId" = ? AND action = 'attendance.set'`, sessionId)).toEqual({ n: 1 });
  });
  it("a new card signs out the tablet signed in with the old one; 注销平板 ends a card and its tablet", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(5); // the 9th session of this file: the 1st township again
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1 });
    await openRound(clerk, sessionId, roundId);
    const choices = { [candidateIds[0]!]: "yes" as const };
    // The first card was signed in on a tablet that someone else now holds; the clerk issues a new one.
    const { token: oldToken } = await signInWithCode("old tablet", await issueSignInCode(clerk, sessionId, deputyIds[0]!));
    expect(await passFromToken(oldToken)).not.toBeNull();
    const { token: newToken } = await signInWithCode("new tablet", await issueSignInCode(clerk, sessionId, deputyIds[0]!));
    expect(await passFromToken(oldToken)).toBeNull(); // every request of the old tablet is now signed out
    const newPass = (await passFromToken(newToken))!;
    expect((await castBallot(newPass, "new tablet", { roundId, ballotKey: newBallotKey(), choices })).repeated).toBe(false);

    await revokeTablet(clerk, sessionId, deputyIds[0]!);
    expect(await passFromToken(newToken)).toBeNull();
    expect((await refusalOf(revokeTablet(clerk, sessionId, deputyIds[0]!))).message).toContain("没有有效的签到码");
    expect((await refusalOf(revokeTablet(clerk, sessionId, 999_999))).status).toBe(404);
  });
});
