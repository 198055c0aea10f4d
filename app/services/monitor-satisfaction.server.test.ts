/**
 * 满意度测评 as the monitor shows it: a township of 长沙县 selects three projects in 2025; at its 2026
 * session the deputies rate them on paper (totals) — one 满意, one 基本满意, one 不满意 — through
 * the services. The 2025 monitor views of the county, its city and the province show the
 * distribution and the project rated 不满意, before and after the rating is published, and the
 * exports carry the same rows.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ImplementationSection } from "~/components/monitor/MonitorSections";
import { addDeputies, townshipByCode } from "~/data/deputies.server";
import * as sessions from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
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
} from "./congress-session.server";
import { exportList, monitorTables, tableCsv } from "./monitor-exports.server";
import { monitorArea } from "./monitor-views.server";
import { countPaperRound, enterTotals, startEntry } from "./paper-ballots.server";
import { newBallotKey } from "./receipt.server";
import { castBallot } from "./voting.server";

const TOWNSHIP = "430121111";
const YEARS = [2025, 2026];
const view = async (code: string, by: string | null = null) => (await monitorArea(code, 2025, YEARS, null, null, by))!;
const section = (v: Awaited<ReturnType<typeof view>>) => renderToStaticMarkup(createElement(ImplementationSection, { view: v }));

let townshipId: number;
let townshipName: string;
let deputyIds: number[];
let road: number;
let water: number;
let market: number;

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

beforeAll(async () => {
  const township = (await townshipByCode(TOWNSHIP))!;
  townshipId = township.id;
  townshipName = township.name;
  await inTransaction((tx) => addDeputies(tx, townshipId, ["测一", "测二", "测三", "测四", "测五"]));
  // 2025: three projects, all selected on a recorded tablet round.
  const last = await session(2025);
  deputyIds = last.deputyIds;
  await addCandidates(
    clerk,
    last.id,
    ["村道硬化", "安全饮水", "农贸市场"].map((name, i) => candidateInput(i + 1, { name })),
    "form",
  );
  [road, water, market] = (await sessions.candidates(last.id)).map((candidate) => candidate.id) as [number, number, number];
  const roundId = await prepareRound(clerk, last.id, {
    candidateIds: [road, water, market],
    places: 3,
    form: "per-project",
    secret: false,
    liveResults: false,
  });
  await openRoundForVoting(last.id, roundId, false);
  for (const deputyId of deputyIds) {
    await castBallot(await tablet(last.id, deputyId), "t", { roundId, ballotKey: newBallotKey(), choices: { [road]: "yes", [water]: "yes", [market]: "yes" } });
  }
  await closeAndCount(last.id, roundId);
  await confirmRound(await tablet(last.id, deputyIds[0]!), "t", roundId);
  await publishRound(clerk, last.id, roundId);
});

describe("the monitor's satisfaction figures", () => {
  it("show the projects not rated yet, then the distribution and the project rated 不满意 once the rating is published", async () => {
    // Before the 2026 session rates them: three selected, none rated.
    const before = await view("430121");
    expect(before.implementation.totals.satisfaction).toMatchObject({ selected: 3, rated: 0, unrated: 3 });
    expect(before.implementation.dissatisfied).toEqual([]);
    expect(section(before)).toContain("2025年的选中项目还没有测评结果：满意度测评在下一年度（2026年）的乡镇人民代表大会会议上进行");

    // 2026: the three rated on paper, counted from totals. 5 seated, 过半数 of all deputies is 3.
    // road: 满意 4 → 满意; water: 满意 1 + 基本满意 2 → 基本满意; market: 满意 1 + 基本满意 1 → 不满意.
    const now = await session(2026);
    const roundId = await prepareRating(clerk, now.id, { candidateIds: [road, water, market], medium: "paper", entryMethod: "totals" });
    await openRound(clerk, now.id, roundId, { papersIssued: 5 });
    await closeRound(clerk, now.id, roundId, { papersReturned: 5 });
    await startEntry(clerk, now.id, roundId, 1, now.deputyIds[0]!);
    await enterTotals(clerk, now.id, roundId, {
      invalid: 0,
      projects: {
        [road]: { yes: 4, no: 0, abstain: 1, notVoted: 0 },
        [water]: { yes: 1, no: 2, abstain: 2, notVoted: 0 },
        [market]: { yes: 1, no: 3, abstain: 1, notVoted: 0 },
      },
    });
    await countPaperRound(clerk, now.id, roundId);
    // Counted but not published: still unrated.
    expect((await view("430121")).implementation.totals.satisfaction.rated).toBe(0);
    await confirmRound(await tablet(now.id, now.deputyIds[0]!), "t", roundId);
    const noticeNo = await publishRound(clerk, now.id, roundId);

    // The publication moves the monitor's figures (round.publish is in the coverage reader's change feed).
    const county = await view("430121");
    const rated = { selected: 3, rated: 3, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, unrated: 0 };
    expect(county.implementation.totals.satisfaction).toEqual({ code: "430121", name: "长沙县", ...rated });
    expect(county.implementation.children.map((row) => [row.code, row.satisfaction])).toEqual([[TOWNSHIP, { code: TOWNSHIP, name: townshipName, ...rated }]]);
    const anomaly = {
      candidateId: market,
      townshipCode: TOWNSHIP,
      townshipName,
      countyCode: "430121",
      countyName: "长沙县",
      project: "农贸市场",
      satisfied: 1,
      basicallySatisfied: 1,
      dissatisfied: 3,
      notRated: 0,
      of: 5,
      sessionId: now.id,
      noticeNo,
    };
    expect(county.implementation.dissatisfied).toEqual([anomaly]);
    // A rating is no vote of 2026: the 2026 view has no selected project to rate, and counts no published township.
    expect((await monitorArea("430121", 2026, YEARS, null, null))!.implementation.totals.satisfaction.selected).toBe(0);

    // The city by county, the province by city and by county: the same figures.
    const city = await view("4301");
    expect(city.implementation.totals.satisfaction).toMatchObject({ code: "4301", ...rated });
    expect(city.implementation.children.find((row) => row.code === "430121")!.satisfaction).toMatchObject(rated);
    expect(city.implementation.children.filter((row) => row.code !== "430121").every((row) => row.satisfaction.rated === 0)).toBe(true);
    expect(city.implementation.dissatisfied).toEqual([anomaly]);
    const province = await view("43");
    expect(province.implementation.totals.satisfaction).toMatchObject({ code: "43", ...rated });
    expect(province.implementation.children.find((row) => row.code === "4301")!.satisfaction).toMatchObject(rated);
    expect(province.implementation.dissatisfied).toEqual([anomaly]);
    expect((await view("43", "county")).implementation.children.find((row) => row.code === "430121")!.satisfaction).toMatchObject(rated);

    // The page's section: the totals line, the 不满意 project with its notice, the bars.
    for (const v of [county, city, province]) {
      const html = section(v);
      expect(html).toContain("已测评 3 个，满意 1 个、基本满意 1 个、不满意 1 个，尚未测评 0 个。");
      expect(html).toContain("测评为不满意的项目（1个）");
      expect(html).toContain(`<a href="/notices/${now.id}/${noticeNo}">第${noticeNo}号公告</a>`);
      expect(html).toContain("满意 1 项，基本满意 1 项，不满意 1 项。");
    }

    // The exports: the rating columns in the implementation tables, and the 不满意 projects with their notice.
    for (const v of [county, city, province]) expect(monitorTables(v).map((table) => table.id)).toEqual(exportList(v).map((table) => table.id));
    const csv = (v: typeof county, id: string) => tableCsv(monitorTables(v).find((table) => table.id === id)!);
    const townships = csv(county, "implementation-townships");
    expect(townships.split("\r\n")[0]).toMatch(/,投资完成率,已测评,满意,基本满意,不满意,尚未测评$/);
    expect(townships).toMatch(new RegExp(`\\r\\n${TOWNSHIP},${townshipName},长沙县,3,0,0,0,3,.*,3,1,1,1,0(\\r\\n|$)`));
    expect(csv(city, "implementation")).toMatch(/\r\n430121,长沙县,3,.*,3,1,1,1,0\r\n/);
    expect(csv(province, "implementation")).toMatch(/\r\n43,湖南省,3,.*,3,1,1,1,0(\r\n|$)/);
    for (const v of [county, city, province]) {
      const dissatisfied = csv(v, "implementation-dissatisfied");
      expect(dissatisfied.split("\r\n")[0]).toBe("\uFEFF区划代码,乡镇,县市区,项目,满意,基本满意,不满意,未评,测评基数,测评公告");
      expect(dissatisfied).toContain(`\r\n${TOWNSHIP},${townshipName},长沙县,农贸市场,1,1,3,0,5,/notices/${now.id}/${noticeNo}`);
    }
  });
});
