import { beforeAll, describe, expect, it } from "vitest";
import { countyWithTownships } from "~/data/register.server";
import { addDeputies, townshipByCode } from "~/data/deputies.server";
import * as sessions from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
import { describeRound } from "~/domain/notice-text";
import type { Choice, RoundResult } from "~/domain/tally";
import type { CandidateInput } from "~/schemas/candidate";
import { addCandidates, chooseTellers, confirmRound, createSession, markAttendance, prepareRound, publishRound } from "./congress-session.server";
import { noticeCsv, noticeView, publishedNotices, receiptView } from "./public-views.server";
import { newBallotKey } from "./receipt.server";
import { castBallot, issueSignInCode, passFromToken, signInWithCode, type DeputyPass } from "./voting.server";
import { closeAndCount, openRoundForVoting, tablet } from "../../tests/factories/session";

const clerk = { actor: "clerk:test", device: "vitest" };

function project(name: string, investment: number): CandidateInput {
  return {
    name,
    content: `${name}的建设内容`,
    investment,
    fundingSource: "县级财政补助",
    plannedCompletion: "2026-12",
    responsibleUnit: "镇人民政府",
  };
}

/**
 * A township with deputies, a session with some present, a slate, and one round taken from
 * prepared to open with the given ballots cast (one per present deputy, in roster order).
 */
async function holdRound(options: {
  townshipId: number;
  deputies: string[];
  absent: number; // the last `absent` deputies stay away
  slate: CandidateInput[];
  places: number;
  form: "per-project" | "choose-n";
  secret: boolean;
  ballots: Array<(ids: string[]) => Partial<Record<string, Choice>>>;
}) {
  await inTransaction((tx) => addDeputies(tx, options.townshipId, options.deputies));
  const sessionId = await createSession(clerk, options.townshipId, {
    title: "第十八届人民代表大会第五次会议",
    meetingDate: new Date("2026-01-15T09:00:00+08:00"),
    place: "镇政府大会议室",
  });
  const roster = await sessions.roster(sessionId);
  const present = roster.slice(0, roster.length - options.absent);
  for (const row of present) await markAttendance(clerk, sessionId, row.deputyId, "present");
  await addCandidates(clerk, sessionId, options.slate, "form");
  const slate = await sessions.candidates(sessionId);
  const ids = slate.map((candidate) => String(candidate.id));
  const roundId = await prepareRound(clerk, sessionId, {
    candidateIds: slate.map((candidate) => candidate.id),
    places: options.places,
    form: options.form,
    secret: options.secret,
    liveResults: false,
  });
  await openRoundForVoting(sessionId, roundId, options.secret);

  const receipts: string[] = [];
  const passes: DeputyPass[] = [];
  for (const [index, row] of present.entries()) {
    const code = await issueSignInCode(clerk, sessionId, row.deputyId);
    const { token } = await signInWithCode("vitest", code);
    const pass = (await passFromToken(token))!;
    passes.push(pass);
    const ballot = options.ballots[index];
    if (!ballot) continue;
    const { receipt } = await castBallot(pass, "vitest", { roundId, ballotKey: newBallotKey(), choices: ballot(ids) });
    receipts.push(receipt);
  }
  return { sessionId, roundId, ids, present, passes, receipts };
}

async function confirmAndPublish(sessionId: number, roundId: number, chiefId: number, tellerId: number) {
  await closeAndCount(sessionId, roundId);
  await chooseTellers(clerk, sessionId, chiefId, [tellerId]);
  await confirmRound(await tablet(sessionId, chiefId), "t", roundId);
  return publishRound(clerk, sessionId, roundId);
}

const RECORDED_DEPUTIES = ["欧阳明月", "司马青山", "诸葛长风", "上官云霞", "东方晓岚", "慕容秋实", "令狐春晖", "皇甫夏雨", "独孤冬雪"];
const SECRET_DEPUTIES = ["公孙白露", "长孙清秋", "宇文惊蛰", "尉迟谷雨", "澹台芒种", "端木小满", "轩辕立夏"];

let townships: Array<{ id: number; name: string }>;

beforeAll(async () => {
  const county = await countyWithTownships("430121");
  const found = await Promise.all(county!.townships.slice(0, 3).map((township) => townshipByCode(township.code)));
  townships = found.map((township) => ({ id: township!.id, name: township!.name }));
});

describe("noticeView of a published recorded round", () => {
  // 9 seated, 8 present (quorum 6, pass threshold 5), 3 projects for 2 places.
  const yes = (ids: string[]) => ({ [ids[0]!]: "yes", [ids[1]!]: "yes", [ids[2]!]: "no" }) as const;
  const split = (ids: string[]) => ({ [ids[0]!]: "yes", [ids[1]!]: "no", [ids[2]!]: "abstain" }) as const;
  const partial = (ids: string[]) => ({ [ids[0]!]: "yes" }) as const;
  const overVoted = (ids: string[]) => ({ [ids[0]!]: "yes", [ids[1]!]: "yes", [ids[2]!]: "yes" }) as const; // void: 3 yes for 2 places

  let held: Awaited<ReturnType<typeof holdRound>>;
  let noticeNo: number;

  beforeAll(async () => {
    held = await holdRound({
      townshipId: townships[0]!.id,
      deputies: RECORDED_DEPUTIES,
      absent: 1,
      slate: [project("新塘村道路硬化工程", 120), project("镇中心小学食堂改造", 85.5), project('=HYPERLINK("x"),敬老院扩建', 1234.5)],
      places: 2,
      form: "per-project",
      secret: false,
      ballots: [yes, yes, yes, yes, split, split, partial, overVoted],
    });
    noticeNo = await confirmAndPublish(held.sessionId, held.roundId, held.present[0]!.deputyId, held.present[1]!.deputyId);
  });

  it("has one row per project with its votes and outcome, in ballot order", async () => {
    const view = (await noticeView(held.sessionId, noticeNo))!;
    expect(view).not.toBeNull();
    expect(view.noticeNo).toBe(1);
    expect(view.township.name).toBe(townships[0]!.name);
    expect(view.round).toMatchObject({ number: 1, secret: false, places: 2, seated: 9, present: 8, issued: 8 });
    expect(view.result).toMatchObject({ cast: 8, valid: 7, invalid: 1, passThreshold: 5 });
    expect(view.projects.map((p) => [p.name, p.yes, p.no, p.abstain, p.notVoted, p.outcomeLabel])).toEqual([
      ["新塘村道路硬化工程", 7, 0, 0, 0, "当选"],
      ["镇中心小学食堂改造", 4, 2, 0, 1, "未通过"],
      ['=HYPERLINK("x"),敬老院扩建', 0, 4, 2, 1, "未通过"],
    ]);
    expect(view.selected.map((p) => p.name)).toEqual(["新塘村道路硬化工程"]);
    expect(view.selected[0]).toMatchObject({ investmentCents: 12000, responsibleUnit: "镇人民政府", plannedCompletion: "2026-12" });
  });

  it("lists every ballot's receipt, sorted, and nothing else", async () => {
    const view = (await noticeView(held.sessionId, noticeNo))!;
    expect(view.receipts).toEqual([...held.receipts].sort());
    expect(view.receipts).toHaveLength(8);
  });

  it("takes its sentences from describeRound, with the ballots issued", async () => {
    const view = (await noticeView(held.sessionId, noticeNo))!;
    const names = Object.fromEntries(view.projects.map((p) => [p.id, p.name]));
    expect(view.text).toEqual(describeRound(view.result, names, { seated: 9, present: 8, places: 2, issued: 8 }));
    expect(view.text.ballots).toBe("共发出选票8张，收回选票8张，其中有效票7张，无效票1张。");
    expect(view.text.outcome).toBe("新塘村道路硬化工程当选。尚有1个名额空缺。");
  });

  it("exports the same rows as a clean CSV table with a BOM, defusing formula-like names", async () => {
    const view = (await noticeView(held.sessionId, noticeNo))!;
    const csv = noticeCsv(view);
    expect(csv.startsWith("\uFEFF序号,项目名称,赞成,反对,弃权,未表决,结果,估算投资（万元）")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe("1,新塘村道路硬化工程,7,0,0,0,当选,120.00,县级财政补助,2026-12,镇人民政府");
    expect(lines[3]).toBe('3,"\'=HYPERLINK(""x""),敬老院扩建",0,4,2,1,未通过,1234.50,县级财政补助,2026-12,镇人民政府');
  });

  it("answers null for a notice number that was not issued, or another session's number", async () => {
    expect(await noticeView(held.sessionId, 2)).toBeNull();
    expect(await noticeView(held.sessionId, 0)).toBeNull();
    expect(await noticeView(held.sessionId + 1000, 1)).toBeNull();
  });

  it("gives a deputy of a recorded round their own receipt and choices", async () => {
    const view = (await receiptView(held.passes[4]!, held.roundId, null))!;
    expect(view.receipt).toBe(held.receipts[4]);
    expect(view.choices!.map((row) => row.choice)).toEqual(["yes", "no", "abstain"]);
    const outsider = { sessionId: held.sessionId + 1000, deputyId: held.passes[4]!.deputyId };
    expect(await receiptView(outsider, held.roundId, null)).toBeNull();
  });
});

describe("a round not yet published", () => {
  it("has no notice", async () => {
    const held = await holdRound({
      townshipId: townships[2]!.id,
      deputies: ["甲一", "乙二", "丙三"],
      absent: 0,
      slate: [project("村级卫生室建设", 30), project("路灯安装工程", 20)],
      places: 1,
      form: "per-project",
      secret: false,
      ballots: [(ids) => ({ [ids[0]!]: "yes" }), (ids) => ({ [ids[0]!]: "yes" })],
    });
    await closeAndCount(held.sessionId, held.roundId);
    await chooseTellers(clerk, held.sessionId, held.present[0]!.deputyId, [held.present[1]!.deputyId]);
    await confirmRound(await tablet(held.sessionId, held.present[0]!.deputyId), "t", held.roundId);
    expect(await noticeView(held.sessionId, 1)).toBeNull();
    expect((await publishedNotices()).some((item) => item.sessionId === held.sessionId)).toBe(false);
  });
});

describe("noticeView of a published secret choose-N round", () => {
  let held: Awaited<ReturnType<typeof holdRound>>;
  let noticeNo: number;

  beforeAll(async () => {
    // 7 seated, all present (pass threshold 4), 4 projects for 2 places, ticks only.
    const tick =
      (...at: number[]) =>
      (ids: string[]) =>
        Object.fromEntries(at.map((i) => [ids[i], "yes" as const]));
    held = await holdRound({
      townshipId: townships[1]!.id,
      deputies: SECRET_DEPUTIES,
      absent: 0,
      slate: [project("自来水管网延伸", 300), project("农贸市场提质", 150), project("中学运动场改造", 90), project("河道清淤", 60)],
      places: 2,
      form: "choose-n",
      secret: true,
      ballots: [tick(0, 1), tick(0, 1), tick(0, 2), tick(0, 1), tick(1, 3), tick(1), tick(2, 3)],
    });
    noticeNo = await confirmAndPublish(held.sessionId, held.roundId, held.present[0]!.deputyId, held.present[1]!.deputyId);
  });

  it("counts ticks as yes and selects by yes votes", async () => {
    const view = (await noticeView(held.sessionId, noticeNo))!;
    expect(view.round).toMatchObject({ secret: true, form: "choose-n", seated: 7, present: 7, issued: 7 });
    expect(view.projects.map((p) => [p.yes, p.outcome])).toEqual([
      [4, "selected"],
      [5, "selected"],
      [2, "failed"],
      [2, "failed"],
    ]);
    expect(view.selected.map((p) => p.name)).toEqual(["农贸市场提质", "自来水管网延伸"]);
  });

  it("contains no deputy name anywhere but the tellers' signature, only counts and receipt codes", async () => {
    const view = (await noticeView(held.sessionId, noticeNo))!;
    expect(view.tellers).toMatch(/^总监票人/);
    const everything = JSON.stringify({ ...view, tellers: null }) + noticeCsv(view);
    for (const name of [...SECRET_DEPUTIES, ...RECORDED_DEPUTIES]) expect(everything).not.toContain(name);
    expect(everything).not.toMatch(/deputyId/);
    expect(view.receipts).toEqual([...held.receipts].sort());
  });

  it("shows a secret round's receipt only to a deputy who voted, and never their choices", async () => {
    const mine = await receiptView(held.passes[2]!, held.roundId, held.receipts[2]!.toLowerCase());
    expect(mine).toMatchObject({ receipt: held.receipts[2], choices: null });
    expect(await receiptView(held.passes[2]!, held.roundId, "2222-2222-22")).toBeNull();
    expect(await receiptView(held.passes[2]!, held.roundId, "not a receipt")).toBeNull();
  });

  it("lists published notices newest first", async () => {
    const list = await publishedNotices();
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list[0]).toMatchObject({ sessionId: held.sessionId, noticeNo, township: townships[1]!.name, selected: 2, places: 2 });
    const times = list.map((item) => item.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

it("keeps a RoundResult intact through the notice (no field dropped)", async () => {
  const list = await publishedNotices();
  for (const item of list) {
    const view = (await noticeView(item.sessionId, item.noticeNo))!;
    const keys: Array<keyof RoundResult> = [
      "quorum",
      "quorumMet",
      "passThreshold",
      "cast",
      "valid",
      "invalid",
      "roundValid",
      "projects",
      "selected",
      "runoff",
      "vacancies",
    ];
    for (const key of keys) expect(view.result).toHaveProperty(key);
  }
});
