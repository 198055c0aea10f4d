import { describe, expect, it } from "vitest";
import { activeDeputies, addDeputies, townshipByCode } from "~/data/deputies.server";
import { inTransaction } from "~/data/transaction.server";
import { consoleMessages as c } from "~/messages/console";
import {
  addCandidates,
  chooseTellers,
  closeRound,
  countSealedRound,
  confirmRound,
  createSession,
  markAttendance,
  openRound,
  prepareRound,
} from "./congress-session.server";
import {
  actorLabel,
  describeAuditEntry,
  formatSignInCode,
  namesAlreadyOnRoster,
  nextStep,
  rollCsv,
  rollForDownload,
  roundNextStep,
  roundView,
  sessionView,
  shortDevice,
  type NextStepState,
} from "./console-views.server";
import { newBallotKey } from "./receipt.server";
import type { Actor } from "./refusal";
import { castBallot, issueSignInCode, passFromToken, signInWithCode } from "./voting.server";
import { keyCardFor, tablet } from "../../tests/factories/session";

const clerk: Actor = { actor: "clerk:console-test", device: "127.0.0.1 vitest" };

// ---------------------------------------------------------------------------------------------
// Pure parts

const ready: NextStepState = {
  candidates: 5,
  attendance: { present: 30, quorumMet: true, shortBy: 0 },
  hasChief: true,
  rounds: [],
  counts: null,
};

describe("nextStep", () => {
  it("asks for the slate, then the quorum, then the tellers, then a first round", () => {
    expect(nextStep({ ...ready, candidates: 0 }).text).toBe(c.next.noCandidates);
    expect(nextStep({ ...ready, attendance: { present: 28, quorumMet: false, shortBy: 2 } }).text).toBe(
      "实到 28 名，尚差 2 名达到法定人数。请继续为到会代表签到。",
    );
    expect(nextStep({ ...ready, hasChief: false }).text).toBe(c.next.noChief);
    expect(nextStep(ready)).toEqual({ text: c.next.noRound });
  });

  it("follows a round through its statuses, pointing at the round", () => {
    const round = { id: 7, number: 1, runoffOfId: null, result: null };
    expect(nextStep({ ...ready, rounds: [{ ...round, status: "prepared" }] })).toEqual({ text: c.next.prepared(1), roundId: 7, roundNumber: 1 });
    expect(nextStep({ ...ready, rounds: [{ ...round, status: "open" }], counts: { issued: 40, voted: 30 } }).text).toBe(
      "第1轮投票中：已投 30 / 40。全部投完后点击“截止投票”。",
    );
    expect(nextStep({ ...ready, rounds: [{ ...round, status: "closed" }] }).text).toBe(c.next.closed(1));
    expect(nextStep({ ...ready, rounds: [{ ...round, status: "confirmed", result: { runoff: [], vacancies: 0 } }] }).text).toBe(c.next.confirmed(1));
    expect(nextStep({ ...ready, rounds: [{ ...round, status: "published", result: { runoff: [], vacancies: 0 } }] }).text).toBe(c.next.done(1));
    expect(nextStep({ ...ready, rounds: [{ ...round, status: "published", result: { runoff: [], vacancies: 2 } }] }).text).toBe(c.next.vacancies(1, 2));
  });

  it("an open round wins even when attendance has since fallen below the quorum", () => {
    const state: NextStepState = {
      ...ready,
      attendance: { present: 10, quorumMet: false, shortBy: 17 },
      rounds: [{ id: 1, number: 1, status: "open", runoffOfId: null, result: null }],
      counts: { issued: 30, voted: 3 },
    };
    expect(nextStep(state).roundId).toBe(1);
  });

  it("asks for a run-off until one is prepared, and ignores voided rounds", () => {
    const tied = { id: 1, number: 1, status: "published" as const, runoffOfId: null, result: { runoff: ["2", "3"], vacancies: 0 } };
    expect(nextStep({ ...ready, rounds: [tied] }).text).toBe(c.next.runoff(1));
    const voidedRunoff = { id: 2, number: 2, status: "voided" as const, runoffOfId: 1, result: null };
    expect(nextStep({ ...ready, rounds: [tied, voidedRunoff] }).text).toBe(c.next.runoff(1));
    const runoff = { id: 3, number: 3, status: "prepared" as const, runoffOfId: 1, result: null };
    expect(nextStep({ ...ready, rounds: [tied, voidedRunoff, runoff] })).toEqual({ text: c.next.runoffPrepared(3), roundId: 3, roundNumber: 3 });
  });
});

describe("roundNextStep", () => {
  const base = {
    number: 2,
    attendance: { present: 30, quorumMet: true, shortBy: 0 },
    hasChief: true,
    counts: { issued: 30, voted: 12 },
    result: null,
    runoffRound: null,
  };
  it("names the one thing to do in each status", () => {
    expect(roundNextStep({ ...base, status: "prepared", attendance: { present: 20, quorumMet: false, shortBy: 7 } }).text).toContain("尚差 7 名");
    expect(roundNextStep({ ...base, status: "open" }).text).toBe("第2轮投票中：已投 12 / 30。全部投完后点击“截止投票”。");
    expect(roundNextStep({ ...base, status: "closed", hasChief: false }).text).toBe(c.round.confirmNeedsChief);
    expect(roundNextStep({ ...base, status: "confirmed", result: { runoff: ["1", "2"], vacancies: 0, roundValid: true } }).text).toBe(c.next.runoff(2));
    expect(
      roundNextStep({ ...base, status: "published", result: { runoff: ["1", "2"], vacancies: 0, roundValid: true }, runoffRound: { id: 9, number: 3 } }),
    ).toEqual({ text: c.round.runoffExists(3), roundId: 9, roundNumber: 3 });
    expect(roundNextStep({ ...base, status: "voided" }).text).toBe(c.next.voided(2));
  });
});

describe("audit lines", () => {
  const names = {
    deputies: new Map([
      [12, "王芳"],
      [13, "李明"],
    ]),
    candidates: new Map([[5, "村道硬化工程"]]),
    rounds: new Map([[40, 2]]),
  };
  const entry = {
    id: 1,
    at: new Date(),
    actor: "clerk:xiaoli",
    device: "10.0.0.7 Mozilla/5.0 (Windows NT 10.0) Chrome/126.0.0.0 Safari/537.36",
    roundId: null,
  };

  it("says who did what in the clerk's words", () => {
    const line = describeAuditEntry(
      { ...entry, action: "attendance.set", outcome: "accepted", detail: JSON.stringify({ deputyId: 12, status: "present", by: "tablet" }) },
      names,
    );
    expect(line.action).toBe("签到登记：王芳 → 已签到（平板签到）");
    expect(line.actor).toBe("会务文书（乡镇、县级人大） xiaoli");
    expect(line.outcome).toBe("成功");
    expect(line.device).toBe("10.0.0.7 · Chrome 126 / Windows");
  });

  it("counts sign-in codes issued in a batch", () => {
    const one = describeAuditEntry({ ...entry, action: "pass.issue", outcome: "accepted", detail: JSON.stringify({ deputyIds: [12] }) }, names);
    expect(one.action).toBe("发签到码：王芳");
    const many = describeAuditEntry({ ...entry, action: "pass.issue", outcome: "accepted", detail: JSON.stringify({ deputyIds: [1, 2, 3, 4, 5] }) }, names);
    expect(many.action).toBe("发签到码：5 名代表");
  });

  it("shows a refusal with its reason, and the round it concerns", () => {
    const line = describeAuditEntry({ ...entry, roundId: 40, action: "round.open", outcome: "refused", detail: JSON.stringify({ reason: "还差2名" }) }, names);
    expect(line).toMatchObject({ action: "开始投票：第2轮", outcome: "被拒绝：还差2名", refused: true });
  });

  it("names deputies acting from tablets and survives unknown detail", () => {
    expect(actorLabel("deputy:13", names.deputies)).toBe("代表 李明");
    expect(actorLabel("admin:admin", names.deputies)).toBe("省级管理员 admin");
    const line = describeAuditEntry({ ...entry, actor: "deputy:13", roundId: 40, action: "ballot.cast", outcome: "accepted", detail: "not json" }, names);
    expect(line.action).toBe("投票：第2轮");
  });

  it("shortens devices", () => {
    expect(shortDevice("unknown Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1")).toBe("Safari 17 / iPad");
    expect(shortDevice("192.168.1.20 Mozilla/5.0 (Windows NT 10.0) Chrome/120.0 Safari/537.36 Edg/120.0")).toBe("192.168.1.20 · Edge 120 / Windows");
    expect(shortDevice("script")).toBe("script");
  });
});

describe("small helpers", () => {
  it("formats sign-in codes and finds names already on the roster", () => {
    expect(formatSignInCode("K7MQ4XZ2")).toBe("K7MQ-4XZ2");
    expect(namesAlreadyOnRoster([{ name: "王芳" }, { name: "李明" }], ["张伟", "王芳"])).toEqual(["王芳"]);
  });

  it("writes the roll as CSV Excel opens: BOM, CRLF, quoted where needed", () => {
    const csv = rollCsv({
      candidates: [
        { id: 1, position: 1, name: "道路, 一期" },
        { id: 2, position: 2, name: "饮水" },
      ],
      rows: [
        { seatNo: 1, name: "王芳", voted: true, valid: true, cells: ["yes", null] },
        { seatNo: 2, name: "李明", voted: true, valid: false, cells: ["yes", "yes"] },
        { seatNo: 3, name: "=cmd|' /C calc'!A0", voted: true, valid: true, cells: ["no", "yes"] },
        { seatNo: 4, name: "张伟", voted: false, valid: false, cells: [null, null] },
      ],
    });
    // A name the clerk typed as a formula stays text in a spreadsheet.
    expect(csv).toContain("\r\n3,'=cmd|' /C calc'!A0,有效,反对,赞成\r\n");
    expect(csv.startsWith('\uFEFF序号,代表,选票,"1. 道路, 一期",2. 饮水\r\n')).toBe(true);
    expect(csv).toContain("\r\n1,王芳,有效,赞成,—\r\n");
    expect(csv).toContain("\r\n2,李明,无效票,赞成,赞成\r\n");
    expect(csv.endsWith("\r\n4,张伟,未投票,,\r\n")).toBe(true);
  });

  it("puts the row and the column in front of an import message without repeating the column", () => {
    expect(c.slate.rowError(3, "估算投资（万元）", "估算投资（万元）须为不小于0的数字")).toBe("第3行 估算投资（万元）：须为不小于0的数字");
    expect(c.slate.rowError(0, undefined, "文件中没有候选项目")).toBe("文件中没有候选项目");
  });
});

// ---------------------------------------------------------------------------------------------
// Against a real database

// Each session in its own township: a session's roster is every active deputy of the township.
const TOWNSHIPS = ["430121102", "430121104", "430121105", "430121106", "430121107", "430121108", "430121109", "430121110"];
let nextTownship = 0;

async function session(seated: number) {
  const township = (await townshipByCode(TOWNSHIPS[nextTownship++]!))!;
  const names = Array.from({ length: seated }, (_, i) => `控制台代表${Date.now() % 100000}-${i + 1}`);
  await inTransaction((tx) => addDeputies(tx, township.id, names));
  const deputies = (await activeDeputies(township.id)).filter((deputy) => names.includes(deputy.name));
  const sessionId = await createSession(clerk, township.id, {
    title: "黄兴镇第十八届人民代表大会第六次会议",
    meetingDate: new Date("2026-01-15T09:00:00+08:00"),
    place: "镇政府大会议室",
  });
  return { sessionId, deputyIds: deputies.map((deputy) => deputy.id) };
}

const candidate = (i: number) => ({
  name: `控制台测试项目${i}`,
  content: "村组道路硬化",
  investment: 100 + i,
  fundingSource: "县级财政补助",
  plannedCompletion: "2026-12",
  responsibleUnit: "镇建设办",
});

async function vote(sessionId: number, deputyId: number, roundId: number, choices: Record<string, "yes" | "no" | "abstain">) {
  const code = await issueSignInCode(clerk, sessionId, deputyId);
  const { token } = await signInWithCode("tablet", code);
  await castBallot((await passFromToken(token))!, "tablet", { roundId, ballotKey: newBallotKey(), choices });
}

async function roundWithVotes(secret: boolean) {
  const { sessionId, deputyIds } = await session(6);
  for (const id of deputyIds.slice(0, 5)) await markAttendance(clerk, sessionId, id, "present");
  await markAttendance(clerk, sessionId, deputyIds[5]!, "leave");
  await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!]);
  await addCandidates(clerk, sessionId, [candidate(1), candidate(2), candidate(3)], "form");
  const view = (await sessionView(sessionId))!;
  const candidateIds = view.candidates.map((row) => row.id);
  const roundId = await prepareRound(clerk, sessionId, { candidateIds, places: 2, form: "per-project", secret, liveResults: false });
  const keyCode = secret ? await keyCardFor(sessionId, roundId) : null;
  await openRound(clerk, sessionId, roundId);
  const [a, b, c3] = candidateIds.map(String) as [string, string, string];
  await vote(sessionId, deputyIds[0]!, roundId, { [a]: "yes", [b]: "yes", [c3]: "no" });
  await vote(sessionId, deputyIds[1]!, roundId, { [a]: "yes", [b]: "yes", [c3]: "yes" }); // three yes for two places: void
  await vote(sessionId, deputyIds[2]!, roundId, { [a]: "yes", [c3]: "abstain" });
  await vote(sessionId, deputyIds[3]!, roundId, { [a]: "yes", [b]: "yes" });
  return { sessionId, roundId, deputyIds, candidateIds, keyCode };
}

describe("sessionView", () => {
  it("shows attendance, tellers, the slate and who has voted in the current round — names only", async () => {
    const { sessionId, deputyIds, candidateIds } = await roundWithVotes(true);
    const view = (await sessionView(sessionId))!;
    expect(view.attendance).toMatchObject({ seated: 6, present: 5, leave: 1, absent: 0, quorumMet: true });
    expect(view.chief?.deputyId).toBe(deputyIds[0]);
    expect(view.tellers.map((teller) => teller.deputyId)).toEqual([deputyIds[1]]);
    expect(view.candidates.map((row) => row.id)).toEqual(candidateIds);
    expect(view.candidates.every((row) => row.inRound)).toBe(true);
    expect(view.current).toMatchObject({ number: 1, status: "open", issued: 5, voted: 4 });
    expect(view.roster.map((row) => row.voted)).toEqual([true, true, true, true, false, null]);
    expect(view.roster[0]!.pass).toBe("used");
    expect(view.next.text).toBe(c.next.open(1, 4, 5));
    expect(view.rounds[0]).toMatchObject({ number: 1, statusLabel: "投票中", secret: true, places: 2, candidates: 3 });
    expect(view.audit[0]!.action).toMatch(/^投票：第1轮/);
    // Nothing in the console's data for a secret round carries a choice.
    expect(JSON.stringify(view)).not.toMatch(/"(yes|no|abstain)"(?!:)/);
  });
});

describe("roundView", () => {
  it("a recorded round, after closing: tally, notice sentences, and the roll with the void ballot marked", async () => {
    const { sessionId, roundId, deputyIds, candidateIds } = await roundWithVotes(false);
    expect((await roundView(sessionId, roundId))!.roll).toBeNull(); // not before close
    await closeRound(clerk, sessionId, roundId);
    const view = (await roundView(sessionId, roundId))!;
    expect(view.counts).toEqual({ issued: 5, voted: 4 });
    expect(view.result).toMatchObject({ cast: 4, valid: 3, invalid: 1 });
    expect(view.text!.ballots).toBe("共发出选票5张，收回选票4张，其中有效票3张，无效票1张。");
    // seated 6 → 4 yes needed; only project 1 has 3… none passes: both places vacant.
    expect(view.tally!.map((row) => [row.name, row.yes, row.outcomeLabel])).toEqual([
      ["控制台测试项目1", 3, "未通过"],
      ["控制台测试项目2", 2, "未通过"],
      ["控制台测试项目3", 0, "未通过"],
    ]);
    expect(view.result!.vacancies).toBe(2);
    expect(view.roll!.candidates.map((row) => row.id)).toEqual(candidateIds);
    expect(view.roll!.rows.map((row) => [row.name.endsWith("-1"), row.voted, row.valid])).toEqual([
      [true, true, true],
      [false, true, false],
      [false, true, true],
      [false, true, true],
      [false, false, false],
    ]);
    expect(view.roll!.rows[2]!.cells).toEqual(["yes", null, "abstain"]);
    expect(view.next.text).toBe(c.next.closed(1));
    await confirmRound(await tablet(sessionId, deputyIds[0]!), "t", roundId);
    const download = await rollForDownload(sessionId, roundId);
    expect(download.found && download.roll && rollCsv(download.roll).split("\r\n")).toHaveLength(7); // header, 5 rows, final CRLF
  });

  it("a secret round never has a roll; it lists who voted, by name", async () => {
    const { sessionId, roundId, keyCode } = await roundWithVotes(true);
    await closeRound(clerk, sessionId, roundId);
    const sealed = (await roundView(sessionId, roundId))!;
    expect(sealed.round).toMatchObject({ status: "sealed", sealKey: { state: "verified" } });
    expect(sealed.tally).toBeNull();
    expect(sealed.next.text).toBe(c.next.sealed(1));
    await countSealedRound(clerk, sessionId, roundId, keyCode!);
    const view = (await roundView(sessionId, roundId))!;
    expect(view.roll).toBeNull();
    expect(view.hasRoll).toBe(false);
    expect(view.voters.voted).toHaveLength(4);
    expect(view.voters.notVoted).toHaveLength(1);
    expect(view.tally).toHaveLength(3);
    const download = await rollForDownload(sessionId, roundId);
    expect(download).toMatchObject({ found: true, roll: null });
    // Counts per project, yes; a choice as a value anywhere, never.
    expect(JSON.stringify(view)).not.toMatch(/"(yes|no|abstain)"(?!:)/);
  });

  it("is null for a round of another session", async () => {
    const { roundId } = await roundWithVotes(false);
    const other = await session(1);
    expect(await roundView(other.sessionId, roundId)).toBeNull();
    expect((await rollForDownload(other.sessionId, roundId)).found).toBe(false);
  });
});
