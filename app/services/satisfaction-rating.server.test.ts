/**
 * 满意度测评 on a real database: last year's selected projects are rated at this year's session by
 * secret ballot on tablets (sealed, counted with the chief teller's card) or on paper (totals), each
 * project once; the grade follows the session's basis, the notice states it, and a rating is no vote.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { publishedRoundsOf } from "~/data/coverage.server";
import { addDeputies, townshipByCode } from "~/data/deputies.server";
import { ratingsOf } from "~/data/ratings.server";
import * as sessions from "~/data/sessions.server";
import { prisma } from "~/data/sqlite.server";
import { inTransaction } from "~/data/transaction.server";
import { describeRound } from "~/domain/notice-text";
import { RatingSettingsSchema } from "~/schemas/session";
import { candidateInput, clerk, closeAndCount, openRoundForVoting, tablet } from "../../tests/factories/session";
import {
  addCandidates,
  chooseTellers,
  closeRound,
  confirmRound,
  createSession,
  markAttendance,
  openRound,
  prepareRating,
  prepareRound,
  publishRound,
  voidRound,
} from "./congress-session.server";
import { countPaperRound, enterTotals, startEntry } from "./paper-ballots.server";
import { newBallotKey } from "./receipt.server";
import { castBallot } from "./voting.server";
import { refusalOf } from "../../tests/factories/refusal";

const NAMES = ["测一", "测二", "测三", "测四", "测五", "测六", "测七"];

let townshipId: number;
let road: number;
let water: number;
let market: number;
let lost: number;
let sessionId: number;
let deputyIds: number[];

async function session(year: number) {
  const id = await createSession(clerk, townshipId, {
    title: `第十八届人民代表大会第${year - 2020}次会议`,
    meetingDate: new Date(`${year}-01-15T09:00:00+08:00`),
    place: "镇政府",
  });
  const roster = await sessions.roster(id);
  for (const row of roster) await markAttendance(clerk, id, row.deputyId, "present");
  await chooseTellers(clerk, id, roster[0]!.deputyId, [roster[1]!.deputyId]);
  return { id, deputyIds: roster.map((row) => row.deputyId) };
}

async function confirmAndPublish(id: number, roundId: number) {
  await confirmRound(await tablet(id, deputyIds[0]!), "t", roundId);
  return publishRound(clerk, id, roundId);
}

beforeAll(async () => {
  townshipId = (await townshipByCode("430121111"))!.id;
  await inTransaction((tx) => addDeputies(tx, townshipId, NAMES));
  // 2025: three of four projects selected, on a recorded tablet round.
  const last = await session(2025);
  deputyIds = last.deputyIds;
  const names = ["村道硬化", "安全饮水", "农贸市场", "路灯"];
  await addCandidates(
    clerk,
    last.id,
    names.map((name, i) => candidateInput(i + 1, { name })),
    "form",
  );
  [road, water, market, lost] = (await sessions.candidates(last.id)).map((candidate) => candidate.id) as [number, number, number, number];
  const roundId = await prepareRound(clerk, last.id, {
    candidateIds: [road, water, market, lost],
    places: 3,
    form: "per-project",
    secret: false,
    liveResults: false,
  });
  await openRoundForVoting(last.id, roundId, false);
  for (const [i, deputyId] of deputyIds.entries()) {
    const choices = { [road]: "yes", [water]: "yes", [market]: "yes", [lost]: i < 2 ? "yes" : "no" } as const;
    await castBallot(await tablet(last.id, deputyId), "t", { roundId, ballotKey: newBallotKey(), choices });
  }
  await closeAndCount(last.id, roundId);
  await confirmAndPublish(last.id, roundId);
  sessionId = (await session(2026)).id;
  await addCandidates(clerk, sessionId, [candidateInput(1, { name: "今年的项目" })], "form");
});

describe("preparing a rating round", () => {
  it("refuses a project that was not selected last year, and one of this year's slate", async () => {
    const thisYear = (await sessions.candidates(sessionId))[0]!.id;
    expect(await refusalOf(prepareRating(clerk, sessionId, { candidateIds: [road, lost] }))).toEqual({ code: "rating-project-not-rateable", year: 2025 });
    expect(await refusalOf(prepareRating(clerk, sessionId, { candidateIds: [thisYear] }))).toEqual({ code: "rating-project-not-rateable", year: 2025 });
  });

  it("refuses a project twice on one form, before anything is written", () => {
    expect(RatingSettingsSchema.safeParse({ candidateIds: [String(road), String(road)] }).success).toBe(false);
    expect(RatingSettingsSchema.safeParse({ candidateIds: [String(road), String(water)] }).success).toBe(true);
  });

  it("puts each project on one rating round: rating a project twice is refused until its round is voided", async () => {
    const first = await prepareRating(clerk, sessionId, { candidateIds: [road, water] });
    const round = await sessions.loadRound(first);
    expect(round).toMatchObject({ form: "rating", secret: true, places: 2, ratingBasis: "all", medium: "tablet" });
    expect(await refusalOf(prepareRating(clerk, sessionId, { candidateIds: [water] }))).toMatchObject({
      code: "rating-project-rated",
      name: "安全饮水",
      round: round!.number,
    });
    await voidRound(clerk, sessionId, first, "测试作废");
    const again = await prepareRating(clerk, sessionId, { candidateIds: [water] });
    expect((await sessions.loadRound(again))!.candidates.map(({ candidate }) => candidate.id)).toEqual([water]);
    await voidRound(clerk, sessionId, again, "测试作废");
  });
});

describe("a secret rating round on tablets", () => {
  let roundId: number;

  beforeAll(async () => {
    roundId = await prepareRating(clerk, sessionId, { candidateIds: [road, water] });
    await openRoundForVoting(sessionId, roundId, true);
    // 7 seated, all present: 过半数 of all deputies is 4.
    // road: 满意 4 → 满意. water: 满意 3 + 基本满意 1 → 基本满意 (4 > 3.5), 不满意 3.
    const marks: Array<Record<string, "yes" | "no" | "abstain">> = [
      { [road]: "yes", [water]: "yes" },
      { [road]: "yes", [water]: "yes" },
      { [road]: "yes", [water]: "yes" },
      { [road]: "yes", [water]: "abstain" },
      { [road]: "abstain", [water]: "no" },
      { [road]: "no", [water]: "no" },
      { [water]: "no" },
    ];
    for (const [i, choices] of marks.entries()) await castBallot(await tablet(sessionId, deputyIds[i]!), "t", { roundId, ballotKey: newBallotKey(), choices });
  });

  it("refuses a ballot naming a project that is not on the rating round", async () => {
    const cast = castBallot(await tablet(sessionId, deputyIds[0]!), "t", { roundId, ballotKey: newBallotKey(), choices: { [lost]: "yes" } });
    expect(await refusalOf(cast)).toEqual({ code: "ballot-names-unknown-project" });
  });

  it("grades each project against all seated deputies, and states the basis on the notice", async () => {
    await closeAndCount(sessionId, roundId);
    const round = (await sessions.loadRound(roundId))!;
    expect(round.result).toMatchObject({ cast: 7, valid: 7, selected: [], runoff: [], vacancies: 0, passThreshold: 4, rating: { basis: "all", of: 7 } });
    expect(round.result!.projects).toEqual([
      { id: String(road), yes: 4, no: 1, abstain: 1, notVoted: 1, passed: false, outcome: "rated", grade: "satisfied" },
      { id: String(water), yes: 3, no: 3, abstain: 1, notVoted: 0, passed: false, outcome: "rated", grade: "basically-satisfied" },
    ]);
    const text = describeRound(round.result!, { [road]: "村道硬化", [water]: "安全饮水" }, { seated: 7, present: 7, places: 2, issued: 7 });
    expect(text.rule).toBe("测评等次以全体代表（7名）为基数：满意票超过半数（4票以上）的为满意；满意与基本满意票合计超过半数的为基本满意；其余为不满意。");
    expect(text.projects[0]!.line).toBe("1. 村道硬化：满意4票，基本满意1票，不满意1票，未评1票，测评等次：满意。");
    expect(text.outcome).toBe("共测评项目2个，其中满意1个，基本满意1个，不满意0个。");
  });

  it("publishes the grades for the projects, and a rated project cannot be put to another rating round", async () => {
    const noticeNo = await confirmAndPublish(sessionId, roundId);
    expect(noticeNo).toBeGreaterThan(0);
    const ratings = await ratingsOf(prisma, [road, water, lost]);
    expect([...ratings.keys()].sort()).toEqual([road, water].sort());
    expect(ratings.get(road)).toMatchObject({
      grade: "satisfied",
      satisfied: 4,
      basicallySatisfied: 1,
      dissatisfied: 1,
      notRated: 1,
      basis: "all",
      of: 7,
      noticeNo,
    });
    expect(await refusalOf(prepareRating(clerk, sessionId, { candidateIds: [road] }))).toMatchObject({ code: "rating-project-rated" });
  });

  it("is no vote of the year: coverage does not count the township as having voted in 2026", async () => {
    expect(await publishedRoundsOf(prisma, townshipId, 2026)).toEqual([]);
    expect(await prisma.townshipYearSummary.findUnique({ where: { townshipId_year: { townshipId, year: 2026 } } })).toBeNull();
    expect(await publishedRoundsOf(prisma, townshipId, 2025)).toHaveLength(1);
  });
});

describe("a rating round on paper, counted from totals", () => {
  it("grades against the valid papers when the basis chosen is the valid ballots", async () => {
    const roundId = await prepareRating(clerk, sessionId, { candidateIds: [market], basis: "valid", medium: "paper", entryMethod: "totals" });
    expect((await sessions.loadRound(roundId))!).toMatchObject({ form: "rating", secret: true, medium: "paper", entryMethod: "totals", ratingBasis: "valid" });
    await openRound(clerk, sessionId, roundId, { papersIssued: 7 });
    await closeRound(clerk, sessionId, roundId, { papersReturned: 6 });
    await startEntry(clerk, sessionId, roundId, 1, deputyIds[0]!);
    // 6 returned, 1 void: 5 valid, 过半数 of the valid papers is 3 (of all 7 deputies it would be 4).
    await enterTotals(clerk, sessionId, roundId, { invalid: 1, projects: { [market]: { yes: 3, no: 1, abstain: 0, notVoted: 1 } } });
    await countPaperRound(clerk, sessionId, roundId);
    const round = (await sessions.loadRound(roundId))!;
    expect(round.result).toMatchObject({ cast: 6, valid: 5, passThreshold: 3, rating: { basis: "valid", of: 5 } });
    expect(round.result!.projects[0]).toMatchObject({ grade: "satisfied", yes: 3, notVoted: 1 });
  });

  it("has nothing to rate at a session whose year before selected nothing", async () => {
    const later = await session(2027);
    expect(await refusalOf(prepareRating(clerk, later.id, { candidateIds: [road] }))).toEqual({ code: "rating-project-not-rateable", year: 2026 });
  });
});
