/**
 * 县级人大票决 on a real database (decision 019): a county congress holds the same vote as a
 * township congress — its own roster, session, slate, secret tablet round, tellers and notice — and
 * is counted in the county-level coverage (of 122), never in the township figures (of all 乡镇).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDeputies, townshipByCode } from "~/data/deputies.server";
import * as sessions from "~/data/sessions.server";
import { prisma } from "~/data/sqlite.server";
import { inTransaction } from "~/data/transaction.server";
import { candidateInput, clerk, closeAndCount, openRoundForVoting, tablet } from "../../tests/factories/session";
import { refusalOf } from "../../tests/factories/refusal";
import { createAccount, setCongressSeated } from "./accounts.server";
import { addCandidates, checkInDeputies, chooseTellers, confirmRound, createSession, openRound, prepareRound, publishRound } from "./congress-session.server";
import { chooseYear, coverageOverview, monitorArea } from "./monitor-views.server";
import { noticeView, publishedNotices } from "./public-views.server";
import { newBallotKey } from "./receipt.server";
import { castBallot } from "./voting.server";

const LIUYANG = "430181"; // 浏阳市, a 县级市 of 长沙市
/** 浏阳市's 乡镇 in the statistical register (its 街道 hold no township congress). */
const LIUYANG_TOWNSHIPS = 28;
const SEATED = 301; // quorum 201, majority of all deputies 151
/** Yes votes per project, in slate order. */
const YES = [285, 270, 255, 240, 225, 210, 200, 190, 180, 170, 165, 160, 155, 152, 100];
const admin = { actor: "admin:test", device: "127.0.0.1 vitest" };

let congressId: number;
let sessionId: number;
let noticeNo: number;
let candidateIds: number[];

beforeAll(async () => {
  const congress = (await townshipByCode(LIUYANG))!;
  congressId = congress.id;
  const names = Array.from({ length: SEATED }, (_, i) => `浏阳代表${i + 1}号`);
  await inTransaction((tx) => addDeputies(tx, congressId, names));
});

describe("a county congress's vote", () => {
  it("is a congress of level county with its county's code, name and quota", async () => {
    const congress = (await townshipByCode(LIUYANG))!;
    expect(congress).toMatchObject({ level: "county", name: "浏阳市", county: { code: LIUYANG } });
    expect(congress.deputyQuota).toBeGreaterThanOrEqual(140);
    expect(congress.deputyQuota).toBeLessThanOrEqual(450);
    // The roster decides the seated number once it is entered.
    expect(congress.seatedDeputies).toBe(SEATED);
  });

  it("records the seated number an administrator gives until the roster is entered, then refuses", async () => {
    const ningxiang = (await townshipByCode("430182"))!;
    await setCongressSeated(admin, "430182", 287);
    expect((await townshipByCode("430182"))!.seatedDeputies).toBe(287);
    await setCongressSeated(admin, "430182", ningxiang.seatedDeputies);
    expect(await refusalOf(setCongressSeated(admin, LIUYANG, 300))).toEqual({ code: "congress-seated-by-roster", countyCode: LIUYANG, seated: SEATED });
    // A management zone has no county congress; a township's code is no county congress's.
    expect(await refusalOf(setCongressSeated(admin, "430371", 200))).toEqual({ code: "township-code-unknown", townshipCode: "430371" });
    expect(await refusalOf(setCongressSeated(admin, "430121102".slice(0, 6) + "9", 200))).toEqual({ code: "township-code-unknown", townshipCode: "4301219" });
  });

  it("gives a clerk account bound to the county congress, none for a management zone", async () => {
    const user = await createAccount({
      username: "liuyang-clerk",
      displayName: "浏阳市人大常委会工作人员",
      password: "liuyang-clerk-1234",
      role: "clerk",
      townshipCode: LIUYANG,
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).townshipId).toBe(congressId);
    const zone = createAccount({ username: "zone-clerk", displayName: "管理区", password: "zone-clerk-12345", role: "clerk", townshipCode: "430371" });
    expect(await refusalOf(zone)).toEqual({ code: "township-code-unknown", townshipCode: "430371" });
  });

  it("holds a secret round of 15 projects for 12 places on the tablets, to a notice of the session's presidium", async () => {
    const title = "浏阳市第十七届人民代表大会第五次会议";
    sessionId = await createSession(clerk, congressId, { title, meetingDate: new Date("2026-01-08T09:00:00+08:00"), place: "浏阳市人民会堂" });
    const roster = await sessions.roster(sessionId);
    expect(roster).toHaveLength(SEATED);
    const present = roster.slice(0, 290).map((row) => row.deputyId);
    await checkInDeputies(clerk, sessionId, present);
    await chooseTellers(clerk, sessionId, present[0]!, [present[1]!, present[2]!]);
    await addCandidates(
      clerk,
      sessionId,
      Array.from({ length: 15 }, (_, i) => candidateInput(i + 1, { responsibleUnit: "浏阳市交通运输局" })),
      "form",
    );
    candidateIds = (await sessions.candidates(sessionId)).map((candidate) => candidate.id);
    const roundId = await prepareRound(clerk, sessionId, { candidateIds, places: 12, form: "per-project", secret: true, liveResults: false });
    await openRoundForVoting(sessionId, roundId, true);
    // Each ballot approves at most 12 (more would void it): project k's yes votes go to the next
    // YES[k] deputies in turn. The first 12 reach 151 (过半数 of 301) and are selected; the 13th and
    // 14th pass but rank below the places; the 15th fails.
    const yesOf = new Map<number, string[]>();
    let next = 0;
    for (const [k, yes] of YES.entries()) {
      for (let n = 0; n < yes; n += 1, next += 1) {
        const voter = present[next % present.length]!;
        yesOf.set(voter, [...(yesOf.get(voter) ?? []), String(candidateIds[k])]);
      }
    }
    for (const deputyId of present) {
      const choices = Object.fromEntries(candidateIds.map((id) => [String(id), yesOf.get(deputyId)?.includes(String(id)) ? "yes" : "no"] as const));
      await castBallot(await tablet(sessionId, deputyId), "t", { roundId, ballotKey: newBallotKey(), choices });
    }
    await closeAndCount(sessionId, roundId);
    await confirmRound(await tablet(sessionId, present[0]!), "t", roundId);
    noticeNo = await publishRound(clerk, sessionId, roundId);

    const view = (await noticeView(sessionId, noticeNo))!;
    expect(view.presidium).toBe(`${title}主席团`);
    expect(view.township.name).toBe("浏阳市");
    expect(view.text.lines[0]).toBe("本次会议应到代表301名，实到代表290名，达到法定人数（三分之二以上，即201名）。");
    expect(view.text.rule).toBe("项目须获得全体代表过半数（151票以上）赞成方可通过。");
    const outcomes = view.projects.map((project) => project.outcome);
    expect(outcomes).toEqual([...Array(12).fill("selected"), "not-selected", "not-selected", "failed"]);
    expect(view.projects.map((project) => project.yes)).toEqual(YES);
    expect(view.text.ballots).toBe("共发出选票290张，收回选票290张，其中有效票290张，无效票0张。");
    expect((await publishedNotices()).find((notice) => notice.sessionId === sessionId)?.presidium).toBe(`${title}主席团`);
  });

  it("counts in the county-level coverage, never among the townships", async () => {
    const { year, years } = await chooseYear("2026");
    const overview = await coverageOverview(year);
    expect(overview.register.count).toBe(1522);
    expect(overview.congressRegister.count).toBe(122);
    expect(overview.congresses.published).toBe(1);
    const county = overview.counties.find((row) => row.code === LIUYANG)!;
    expect(county.congress).toBe("published");
    expect(county.register).toBe(LIUYANG_TOWNSHIPS); // 浏阳市's 乡镇, not its congress
    expect(overview.counties.find((row) => row.code === "430182")!.congress).toBe("not-held");
    // 长沙市 has 9 county-level units, of which 芙蓉区 and other districts of only 街道 still have congresses.
    expect(overview.cities.find((row) => row.code === "4301")!.congresses).toMatchObject({ register: 9, published: 1 });

    const city = (await monitorArea("4301", year, years, null, null))!;
    expect(city.register.count).toBe(city.townships.length);
    expect(city.townships.some((row) => row.code === LIUYANG)).toBe(false);
    expect(city.congresses.totals).toMatchObject({ register: 9, published: 1 });
    expect(city.congresses.rows.find((row) => row.code === LIUYANG)).toMatchObject({
      state: "published",
      notices: [{ sessionId, noticeNo }],
      projectsSelected: 12,
    });
    expect(city.countyFigures.find((figure) => figure.code === LIUYANG)!.congressVoted).toBe(true);
    expect(city.anomalies.every((anomaly) => anomaly.townshipCode !== LIUYANG)).toBe(true);

    // The county's own monitor page shows its townships and its own vote, with what it decided.
    const own = (await monitorArea(LIUYANG, year, years, null, null))!;
    expect(own.townships).toHaveLength(LIUYANG_TOWNSHIPS);
    expect(own.congresses.rows).toHaveLength(1);
    expect(own.congresses.rows[0]!.selected.map((project) => project.yes)).toEqual(YES.slice(0, 12));
  });

  it("lists a county congress's opening refused for want of quorum among the anomalies, named as the congress", async () => {
    const ningxiang = (await townshipByCode("430182"))!;
    await inTransaction((tx) =>
      addDeputies(
        tx,
        ningxiang.id,
        Array.from({ length: 150 }, (_, i) => `宁乡代表${i + 1}号`),
      ),
    );
    const id = await createSession(clerk, ningxiang.id, {
      title: "宁乡市第十七届人民代表大会第五次会议",
      meetingDate: new Date("2026-01-09T09:00:00+08:00"),
      place: "宁乡市人民会堂",
    });
    const roster = await sessions.roster(id);
    await checkInDeputies(
      clerk,
      id,
      roster.slice(0, 99).map((row) => row.deputyId),
    ); // quorum of 150 is 100
    await addCandidates(clerk, id, [candidateInput(1), candidateInput(2)], "form");
    const ids = (await sessions.candidates(id)).map((candidate) => candidate.id);
    const roundId = await prepareRound(clerk, id, { candidateIds: ids, places: 1, form: "per-project", secret: false, liveResults: false });
    expect(await refusalOf(openRound(clerk, id, roundId))).toMatchObject({ code: "quorum-not-met" });
    const { year, years } = await chooseYear("2026");
    const city = (await monitorArea("4301", year, years, null, null))!;
    const refused = city.anomalies.filter((anomaly) => anomaly.townshipCode === "430182");
    expect(refused.map((anomaly) => anomaly.kind).sort()).toEqual(["opening-refused", "quorum-failed"]);
    expect(refused[0]!.townshipName).toBe("宁乡市人民代表大会");
  });
});
