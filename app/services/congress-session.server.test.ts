import { afterAll, describe, expect, it } from "vitest";
import { firstBrokenAuditEntry } from "~/data/audit-verify.server";
import { roster } from "~/data/sessions.server";
import type { RoundResult } from "~/domain/tally";
import { consoleMessages as c } from "~/messages/console";
import { checkIn, clerk, keyCardFor, sessionWithDeputies, slateAndRound, tablet } from "../../tests/factories/session";
import {
  chooseTellers,
  closeRound,
  confirmRound,
  countSealedRound,
  issueRoundKey,
  openRound,
  prepareRound,
  prepareRunoff,
  publishRound,
  verifyRoundKey,
  voidRound,
} from "./congress-session.server";
import { newBallotKey } from "./receipt.server";
import { Refusal } from "./refusal";
import { castBallot } from "./voting.server";
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

async function refusalsLogged(action: string): Promise<number> {
  return (await one<{ n: number }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = ? AND outcome = 'refused'`, action))!.n;
}

describe("opening a round", () => {
  it("is refused one deputy short of two thirds, with the reason, and allowed at exactly two thirds", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(7); // quorum: ceil(14/3) = 5
    await checkIn(sessionId, deputyIds.slice(0, 4));
    const { roundId } = await slateAndRound(sessionId, 3, { places: 2 });
    const before = await refusalsLogged("round.open");
    const refusal = await refusalOf(openRound(clerk, sessionId, roundId));
    expect(refusal.message).toBe("实到代表4名，未达到全体代表7名的三分之二以上（至少5名），还差1名，不能开始表决。");
    expect(await refusalsLogged("round.open")).toBe(before + 1);

    await checkIn(sessionId, deputyIds.slice(4, 5));
    await openRound(clerk, sessionId, roundId);
    expect(await one('SELECT status, seated, present FROM "Round" WHERE id = ?', roundId)).toEqual({ status: "open", seated: 7, present: 5 });
    expect(await one('SELECT count(*) AS n FROM "BallotIssue" WHERE "roundId" = ?', roundId)).toEqual({ n: 5 });
  });

  it("refuses a secret round with live results on the big screen", async () => {
    const { sessionId } = await sessionWithDeputies(3);
    const refusal = await refusalOf(slateAndRound(sessionId, 2, { places: 1, secret: true, liveResults: true }));
    expect(refusal.message).toContain("无记名表决时");
  });
});

describe("a whole session: competitive round with a tie, run-off, tellers, publication", () => {
  it("runs 5 candidates for 3 places to a tie, settles it in a run-off, and publishes numbered notices", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(5); // pass threshold: 3
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 5, { places: 3 });
    const [a, b, c, d, e] = candidateIds.map(String) as [string, string, string, string, string];
    await openRound(clerk, sessionId, roundId);
    const passes = await Promise.all(deputyIds.map((id) => tablet(sessionId, id)));
    // A: 5 yes, B: 4 yes, C and D: 3 yes each (tie across the 3rd place), E: 0.
    const ballots = [
      { [a]: "yes", [b]: "yes", [c]: "yes" },
      { [a]: "yes", [b]: "yes", [d]: "yes" },
      { [a]: "yes", [b]: "yes", [c]: "yes" },
      { [a]: "yes", [b]: "yes", [d]: "yes" },
      { [a]: "yes", [c]: "yes", [d]: "yes", [e]: "no" },
    ] as const;
    for (const [i, choices] of ballots.entries()) await castBallot(passes[i]!, "t", { roundId, ballotKey: newBallotKey(), choices });

    await closeRound(clerk, sessionId, roundId);
    expect((await refusalOf(confirmRound(passes[0]!, "t", roundId))).message).toContain("尚未推选总监票人");
    await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!]);
    // Only the chief teller's own tablet confirms: not a teller's, not another deputy's.
    expect((await refusalOf(confirmRound(passes[1]!, "t", roundId))).status).toBe(403);
    expect((await refusalOf(confirmRound(passes[2]!, "t", roundId))).message).toBe(
      "须由总监票人本人确认计票结果：在本人的平板上，或在会务电脑上输入本人签到卡上的签到码。",
    );
    await confirmRound(passes[0]!, "t", roundId);
    expect((await refusalOf(confirmRound(passes[0]!, "t", roundId))).message).toBe("监票人已确认过本轮结果，不能重复确认。");
    expect((await refusalOf(voidRound(clerk, sessionId, roundId, "重新表决"))).message).toContain("结果已确认，不能作废");
    expect(await publishRound(clerk, sessionId, roundId)).toBe(1);

    const result = JSON.parse((await one<{ resultJson: string }>('SELECT "resultJson" FROM "Round" WHERE id = ?', roundId))!.resultJson) as RoundResult;
    expect(result.selected).toEqual([a, b]);
    expect(result.runoff).toEqual([c, d]);
    expect(result.vacancies).toBe(0);

    const runoffId = await prepareRunoff(clerk, sessionId, roundId);
    expect((await refusalOf(prepareRunoff(clerk, sessionId, roundId))).message).toContain("已为本轮安排了再次票决");
    await openRound(clerk, sessionId, runoffId);
    const runoffPasses = passes;
    for (const [i, pass] of runoffPasses.entries()) {
      await castBallot(pass, "t", { roundId: runoffId, ballotKey: newBallotKey(), choices: { [i < 4 ? c : d]: "yes" } });
    }
    await closeRound(clerk, sessionId, runoffId);
    await confirmRound(passes[0]!, "t", runoffId);
    expect(await publishRound(clerk, sessionId, runoffId)).toBe(2);

    const runoffRow = (await one<{ resultJson: string; places: number }>('SELECT "resultJson", places FROM "Round" WHERE id = ?', runoffId))!;
    expect((JSON.parse(runoffRow.resultJson) as RoundResult).selected).toEqual([c]);
    expect(runoffRow.places).toBe(1);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });

  it("chooses tellers only among deputies present", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(4);
    await checkIn(sessionId, deputyIds.slice(0, 2));
    expect((await refusalOf(chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[3]!]))).message).toBe("监票人须从已签到的代表中推选。");
    await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!]);
    const roles = (await roster(sessionId)).map((row) => row.tellerRole);
    expect(roles).toEqual(["chief", "teller", "none", "none"]);
  });

  it("voids a round with its reason; it stays on record and a re-vote is a new round", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1 });
    await openRound(clerk, sessionId, roundId);
    await voidRound(clerk, sessionId, roundId, "表决器故障，重新表决");
    expect((await refusalOf(openRound(clerk, sessionId, roundId))).message).toBe("本轮表决已作废，不能再次开始。");
    const again = await prepareRound(clerk, sessionId, { candidateIds, places: 1, form: "per-project", secret: false, liveResults: false });
    expect(again).not.toBe(roundId);
    expect(await one('SELECT status, "voidReason" FROM "Round" WHERE id = ?', roundId)).toEqual({ status: "voided", voidReason: "表决器故障，重新表决" });
  });
});

describe("secret (无记名) rounds", () => {
  it("open only with a key card read back, and refuse a card with a typo or of another round", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(5);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1, secret: true });
    const another = (secret: boolean) => prepareRound(clerk, sessionId, { candidateIds, places: 1, form: "per-project", secret, liveResults: false });
    expect((await refusalOf(openRound(clerk, sessionId, roundId))).message).toContain("制发计票密钥卡");
    expect((await refusalOf(issueRoundKey(clerk, sessionId, roundId))).message).toBe(c.roundKey.needsChief);
    await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!]);
    const first = await issueRoundKey(clerk, sessionId, roundId);
    expect(first.chief).toMatch(/^代表/);
    expect((await refusalOf(openRound(clerk, sessionId, roundId))).message).toContain("核对计票密钥卡");

    // A mistyped character, a card issued for another round, the card this one replaced: refused.
    const typo = first.code.replace(/^(.)/, (ch) => (ch === "2" ? "3" : "2"));
    expect((await refusalOf(verifyRoundKey(clerk, sessionId, roundId, typo))).message).toMatch(/密钥有误|不是本轮的/);
    const otherCard = await issueRoundKey(clerk, sessionId, await another(true));
    const wrong = await refusalOf(verifyRoundKey(clerk, sessionId, roundId, otherCard.code));
    expect(wrong.message).toBe(c.roundKey.errors.notThisRound(first.fingerprint));
    // Replacing the card is done only when confirmed: the printed one stops working.
    expect((await refusalOf(issueRoundKey(clerk, sessionId, roundId))).message).toBe(c.confirmations.unconfirmed["key-issue"]);
    await verifyRoundKey(clerk, sessionId, roundId, first.code); // still this round's card
    const second = await issueRoundKey(clerk, sessionId, roundId, { replace: true });
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect((await refusalOf(verifyRoundKey(clerk, sessionId, roundId, first.code))).status).toBe(403);
    await verifyRoundKey(clerk, sessionId, roundId, second.code.toLowerCase().replace(/-/g, " "));
    await openRound(clerk, sessionId, roundId);
    // Once open, the key is fixed.
    expect((await refusalOf(issueRoundKey(clerk, sessionId, roundId))).message).toContain("开始投票前");
    expect(await refusalsLogged("round.key-verify")).toBeGreaterThanOrEqual(3);

    // A recorded round has no key card.
    expect((await refusalOf(issueRoundKey(clerk, sessionId, await another(false)))).status).toBe(400);
  });

  it("keep every choice sealed while open, stay sealed after closing, and count only with the card", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(24);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2, secret: true });
    const code = await keyCardFor(sessionId, roundId);
    await openRound(clerk, sessionId, roundId);
    const cast = deputyIds.map((_, i) => ({
      [candidateIds[i % 3]!]: "yes" as const,
      [candidateIds[(i + 1) % 3]!]: i % 4 === 0 ? ("yes" as const) : ("no" as const),
    }));
    for (const [i, deputyId] of deputyIds.entries()) {
      const pass = await tablet(sessionId, deputyId);
      await castBallot(pass, "t", { roundId, ballotKey: newBallotKey(), choices: cast[i]! });
    }
    expect(await one('SELECT count(*) AS n FROM "Ballot" WHERE "roundId" = ?', roundId)).toEqual({ n: 0 });
    const sealed = await query<{ sealed: Buffer }>('SELECT sealed FROM "SealedBallot" WHERE "roundId" = ?', roundId);
    expect(sealed).toHaveLength(24);
    expect(new Set(sealed.map((row) => row.sealed.length)).size).toBe(1);
    expect(await one('SELECT count(*) AS n FROM "BallotReceipt" WHERE "roundId" = ? AND "deputyId" IS NULL', roundId)).toEqual({ n: 24 });

    expect(await closeRound(clerk, sessionId, roundId)).toBe("sealed");
    const chief = await tablet(sessionId, deputyIds[0]!);
    expect((await refusalOf(confirmRound(chief, "t", roundId))).message).toContain("开箱计票");
    expect((await refusalOf(countSealedRound(clerk, sessionId, roundId, "2222-2222"))).message).toBe(c.roundKey.errors.format);
    await countSealedRound(clerk, sessionId, roundId, code);
    expect(await one('SELECT count(*) AS n FROM "SealedBallot" WHERE "roundId" = ?', roundId)).toEqual({ n: 0 });
    const rows = await query<{ deputyId: number | null; choices: string }>('SELECT "deputyId", choices FROM "Ballot" WHERE "roundId" = ?', roundId);
    expect(rows).toHaveLength(24);
    expect(rows.every((row) => row.deputyId === null)).toBe(true);
    const canonical = (choices: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(choices).sort()));
    expect(rows.map((row) => row.choices).sort()).toEqual(cast.map(canonical).sort());
    const log = await query<{ detail: string }>('SELECT detail FROM "AuditEntry" WHERE "roundId" = ?', roundId);
    for (const entry of log) expect(entry.detail).not.toMatch(/"(yes|no|abstain)"|choices|receipt/);
    expect((await refusalOf(countSealedRound(clerk, sessionId, roundId, code))).message).toContain("已计票");
    await confirmRound(chief, "t", roundId);
  });

  it("voided before counting, destroy the sealed ballots: a card kept somewhere opens nothing later", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(4);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 2, { places: 1, secret: true });
    await keyCardFor(sessionId, roundId);
    await openRound(clerk, sessionId, roundId);
    for (const deputyId of deputyIds)
      await castBallot(await tablet(sessionId, deputyId), "t", { roundId, ballotKey: newBallotKey(), choices: { [candidateIds[0]!]: "yes" } });
    await closeRound(clerk, sessionId, roundId);
    await voidRound(clerk, sessionId, roundId, "计票密钥卡遗失");
    expect(await one('SELECT count(*) AS n FROM "SealedBallot" WHERE "roundId" = ?', roundId)).toEqual({ n: 0 });
    expect(await one('SELECT count(*) AS n FROM "BallotIssue" WHERE "roundId" = ? AND "votedAt" IS NOT NULL', roundId)).toEqual({ n: 4 });
    const entry = (await one<{ detail: string }>(`SELECT detail FROM "AuditEntry" WHERE "roundId" = ? AND action = 'round.void'`, roundId))!;
    expect(JSON.parse(entry.detail)).toMatchObject({ from: "sealed", sealedDestroyed: 4 });
  });
});

// Last in the file: the factory hands out townships in turn, and this one takes the first again (7 deputies).
describe("a refused opening in the audit log", () => {
  it("logs a refusal for want of quorum with its code and numbers, which the monitor counts by", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(7);
    await checkIn(sessionId, deputyIds.slice(0, 3));
    const { roundId } = await slateAndRound(sessionId, 2, { places: 1 });
    await refusalOf(openRound(clerk, sessionId, roundId));
    const row = (await one<{ detail: string }>(
      `SELECT detail FROM "AuditEntry" WHERE action = 'round.open' AND outcome = 'refused' AND "roundId" = ?`,
      roundId,
    ))!;
    expect(JSON.parse(row.detail)).toEqual({
      reason: "实到代表3名，未达到全体代表7名的三分之二以上（至少5名），还差2名，不能开始表决。",
      code: "quorum-not-met",
      present: 3,
      seated: 7,
      quorum: 5,
      shortBy: 2,
    });
  });
});
