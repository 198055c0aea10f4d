/**
 * The per-township-per-year summary is maintained at publication and must always equal a recount
 * from the ballots. A scripted mix of sessions (a tie and its run-off, a vacancy, a voided round and
 * its re-vote, an opening refused for want of quorum, a second session in the same year, a round
 * counted but never published) is run through the services; after every step that could change a
 * figure the summary is checked against the recount; then the monitoring views are read back.
 */
import { describe, expect, it } from "vitest";
import { createSession, publishRound } from "./congress-session.server";
import { closeRound, confirmRound, chooseTellers, openRound, prepareRound, prepareRunoff, voidRound } from "./congress-session.server";
import { verifyCoverageSummaries } from "./coverage-summary.server";
import { exportList, monitorTables, tableCsv, tablesXlsx } from "./monitor-exports.server";
import { coverageOverview, monitorArea, townshipPage } from "./monitor-views.server";
import { newBallotKey } from "./receipt.server";
import { Refusal } from "./refusal";
import { castBallot, type DeputyPass } from "./voting.server";
import { candidates } from "~/data/sessions.server";
import type { Choice } from "~/domain/tally";
import { checkIn, clerk, closeAndCount, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../../tests/factories/session";
import { openConnection } from "~/data/sqlite.server";

async function expectSummaryEqualsRecount() {
  const check = await verifyCoverageSummaries();
  expect(check.mismatches).toEqual([]);
  return check;
}

async function vote(sessionId: number, roundId: number, passes: DeputyPass[], ballots: Array<Partial<Record<string, Choice>>>) {
  await Promise.all(ballots.map((choices, i) => castBallot(passes[i]!, "t", { roundId, ballotKey: newBallotKey(), choices })));
}

async function countAndPublish(sessionId: number, roundId: number, chief: number) {
  await closeAndCount(sessionId, roundId);
  await confirmRound(await tablet(sessionId, chief), "t", roundId);
  return publishRound(clerk, sessionId, roundId);
}

describe("the coverage summary", () => {
  it("equals a recount from the ballots after every publication, and the views read it back", async () => {
    expect((await expectSummaryEqualsRecount()).townshipYears).toBe(0);

    // 黄兴镇 (430121102): 5 deputies, 4 candidates for 3 places; C and D tie for the last place.
    const a = await sessionWithDeputies(5);
    await checkIn(a.sessionId, a.deputyIds);
    await chooseTellers(clerk, a.sessionId, a.deputyIds[0]!, [a.deputyIds[1]!]);
    const ar = await slateAndRound(a.sessionId, 4, { places: 3 });
    const [c1, c2, c3, c4] = ar.candidateIds.map(String) as [string, string, string, string];
    await openRound(clerk, a.sessionId, ar.roundId);
    const aPasses = await Promise.all(a.deputyIds.map((id) => tablet(a.sessionId, id)));
    await vote(a.sessionId, ar.roundId, aPasses, [
      { [c1]: "yes", [c2]: "yes", [c3]: "yes" },
      { [c1]: "yes", [c2]: "yes", [c4]: "yes" },
      { [c1]: "yes", [c3]: "yes", [c4]: "yes" },
      { [c1]: "yes", [c2]: "yes", [c3]: "yes", [c4]: "no" },
      { [c1]: "yes", [c2]: "yes", [c4]: "yes" },
    ]);
    await countAndPublish(a.sessionId, ar.roundId, a.deputyIds[0]!);
    await expectSummaryEqualsRecount();
    const runoff = await prepareRunoff(clerk, a.sessionId, ar.roundId);
    await openRound(clerk, a.sessionId, runoff);
    await vote(a.sessionId, runoff, aPasses, [{ [c3]: "yes" }, { [c3]: "yes" }, { [c3]: "yes" }, { [c4]: "yes" }, { [c4]: "yes" }]);
    await countAndPublish(a.sessionId, runoff, a.deputyIds[0]!);
    await expectSummaryEqualsRecount();

    // 江背镇 (430121104): 6 deputies, 5 present; only one project reaches 4 yes: 2 places vacant.
    const b = await sessionWithDeputies(6);
    await checkIn(b.sessionId, b.deputyIds.slice(0, 5));
    await chooseTellers(clerk, b.sessionId, b.deputyIds[0]!, [b.deputyIds[1]!]);
    const br = await slateAndRound(b.sessionId, 3, { places: 3, secret: true });
    const [b1, b2] = br.candidateIds.map(String) as [string, string];
    await openRoundForVoting(b.sessionId, br.roundId, true);
    const bPasses = await Promise.all(b.deputyIds.slice(0, 5).map((id) => tablet(b.sessionId, id)));
    await vote(b.sessionId, br.roundId, bPasses, [
      { [b1]: "yes", [b2]: "yes" },
      { [b1]: "yes" },
      { [b1]: "yes" },
      { [b1]: "yes", [b2]: "no" },
      { [b2]: "abstain" },
    ]);
    await countAndPublish(b.sessionId, br.roundId, b.deputyIds[0]!);
    await expectSummaryEqualsRecount();

    // 金井镇 (430121105): the opening is refused for want of quorum, then a round is voided and
    // voted again; later in the year a second session publishes another notice.
    const c = await sessionWithDeputies(7);
    await checkIn(c.sessionId, c.deputyIds.slice(0, 4));
    const cr = await slateAndRound(c.sessionId, 2, { places: 1 });
    await expect(openRound(clerk, c.sessionId, cr.roundId)).rejects.toBeInstanceOf(Refusal);
    await checkIn(c.sessionId, c.deputyIds.slice(4, 6));
    await chooseTellers(clerk, c.sessionId, c.deputyIds[0]!, [c.deputyIds[1]!]);
    await openRound(clerk, c.sessionId, cr.roundId);
    await voidRound(clerk, c.sessionId, cr.roundId, "表决器故障，重新表决");
    const again = await prepareRound(clerk, c.sessionId, { candidateIds: cr.candidateIds, places: 1, form: "choose-n", secret: false, liveResults: false });
    await openRound(clerk, c.sessionId, again);
    const cPasses = await Promise.all(c.deputyIds.slice(0, 6).map((id) => tablet(c.sessionId, id)));
    const [k1, k2] = cr.candidateIds.map(String) as [string, string];
    await vote(c.sessionId, again, cPasses, [
      { [k1]: "yes" },
      { [k1]: "yes" },
      { [k1]: "yes" },
      { [k1]: "yes" },
      { [k2]: "yes" },
      { [k1]: "yes", [k2]: "yes" },
    ]);
    await countAndPublish(c.sessionId, again, c.deputyIds[0]!);
    await expectSummaryEqualsRecount();

    const second = await createSession(clerk, c.townshipId, {
      title: "金井镇第十八届人民代表大会第七次会议",
      meetingDate: new Date("2026-06-20T09:00:00+08:00"),
      place: "镇政府大会议室",
    });
    await checkIn(second, c.deputyIds);
    await chooseTellers(clerk, second, c.deputyIds[0]!, [c.deputyIds[1]!]);
    const sr = await slateAndRound(second, 2, { places: 2 });
    await openRound(clerk, second, sr.roundId);
    const sPasses = await Promise.all(c.deputyIds.map((id) => tablet(second, id)));
    const [s1, s2] = sr.candidateIds.map(String) as [string, string];
    await vote(
      second,
      sr.roundId,
      sPasses,
      c.deputyIds.map(() => ({ [s1]: "yes" as const, [s2]: "yes" as const })),
    );
    await countAndPublish(second, sr.roundId, c.deputyIds[0]!);
    const check = await expectSummaryEqualsRecount();
    expect(check).toMatchObject({ townshipYears: 3, rounds: 5 });

    // 安沙镇 (430121106): voted and counted, never published — held, not covered.
    const d = await sessionWithDeputies(3);
    await checkIn(d.sessionId, d.deputyIds);
    const dr = await slateAndRound(d.sessionId, 2, { places: 1 });
    await openRound(clerk, d.sessionId, dr.roundId);
    const dPasses = await Promise.all(d.deputyIds.map((id) => tablet(d.sessionId, id)));
    await vote(
      d.sessionId,
      dr.roundId,
      dPasses,
      d.deputyIds.map(() => ({ [String(dr.candidateIds[0])]: "yes" as const })),
    );
    await closeRound(clerk, d.sessionId, dr.roundId);
    await expectSummaryEqualsRecount();

    // The summary rows, literally.
    const db = openConnection("inspection");
    const rows = db
      .prepare(
        "SELECT townshipId, year, notices, projectsSelected, investmentCents, selectedYes, selectedSeated, turnoutPresent, turnoutSeated, runoffRounds, vacancies, invalidRounds FROM TownshipYearSummary ORDER BY townshipId",
      )
      .all();
    db.close();
    // Candidate i of the factory costs (100 + i) 万元 = (100 + i) × 100 hundredths. In 金井镇 the
    // first notice has 4 yes for its project: the sixth ballot ticked two for one place and is void.
    expect(rows).toEqual([
      {
        townshipId: a.townshipId,
        year: 2026,
        notices: 2,
        projectsSelected: 3,
        investmentCents: 10_100 + 10_200 + 10_300,
        selectedYes: 5 + 4 + 3,
        selectedSeated: 15,
        turnoutPresent: 5,
        turnoutSeated: 5,
        runoffRounds: 1,
        vacancies: 0,
        invalidRounds: 0,
      },
      {
        townshipId: b.townshipId,
        year: 2026,
        notices: 1,
        projectsSelected: 1,
        investmentCents: 10_100,
        selectedYes: 4,
        selectedSeated: 6,
        turnoutPresent: 5,
        turnoutSeated: 6,
        runoffRounds: 0,
        vacancies: 2,
        invalidRounds: 0,
      },
      {
        townshipId: c.townshipId,
        year: 2026,
        notices: 2,
        projectsSelected: 3,
        investmentCents: 10_100 + 10_100 + 10_200,
        selectedYes: 4 + 7 + 7,
        selectedSeated: 21,
        turnoutPresent: 6,
        turnoutSeated: 7,
        runoffRounds: 0,
        vacancies: 0,
        invalidRounds: 0,
      },
    ]);

    // The views: the county of these townships, the province, a township page.
    const county = (await monitorArea("430121", 2026, [2026], null, null))!;
    const states = Object.fromEntries(county.townships.map((t) => [t.code, t.state]));
    expect(states).toMatchObject({ "430121102": "published", "430121104": "published", "430121105": "published", "430121106": "held" });
    expect(county.totals).toMatchObject({ published: 3, held: 4, projectsSelected: 7 });
    expect(county.notHeld.map((t) => t.code)).toContain("430121106");
    expect(county.notHeld.map((t) => t.code)).not.toContain("430121102");
    expect(county.townships.find((t) => t.code === "430121102")!.selected.map((p) => p.yes)).toEqual([5, 4, 3]);
    const anomalies = county.anomalies.map((x) => [x.kind, x.townshipCode, x.roundNumber]);
    expect(anomalies).toEqual(
      expect.arrayContaining([
        ["runoff", "430121102", 2],
        ["vacancy", "430121104", 1],
        ["opening-refused", "430121105", 1],
        ["voided", "430121105", 1],
        ["unpublished", "430121106", 1],
      ]),
    );
    expect(county.anomalies.find((x) => x.kind === "voided")!.detail).toBe("表决器故障，重新表决");
    // Refused below quorum, then opened the same day once the deputies came: no quorum failure.
    expect(county.anomalies.find((x) => x.kind === "opening-refused")).toMatchObject({ count: 1, detail: "opened" });
    expect(county.anomalies.filter((x) => x.kind === "quorum-failed")).toEqual([]);

    const province = await coverageOverview(2026);
    expect(province.province).toMatchObject({ published: 3, register: province.register.count });
    expect(province.province.coverage).toBeCloseTo(3 / province.register.count, 10);
    expect(province.cities.find((city) => city.code === "4301")!.published).toBe(3);

    const page = (await townshipPage("430121105"))!;
    expect(page.years[0]!.sessions.map((s) => s.notices.map((n) => n.noticeNo))).toEqual([[1], [1]]);

    // Exports carry the same rows as the view, and list the same tables as the page offers.
    const tables = monitorTables(county);
    expect(tables.map((table) => table.id)).toEqual(exportList(county).map((table) => table.id));
    const townships = tables.find((table) => table.id === "townships")!;
    expect(townships.rows.map((row) => row[0])).toEqual(county.townships.map((t) => t.code));
    const csv = tableCsv(townships);
    expect(csv.startsWith("\uFEFF区划代码,乡镇,县市区,状态")).toBe(true);
    expect(csv).toContain("\r\n430121102,黄兴镇,长沙县,已公告,");
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tablesXlsx("t", tables)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(tables.map((table) => table.title));
    expect(workbook.getWorksheet("各乡镇票决情况")!.getRow(2).getCell(2).value).toBe(county.townships[0]!.name);
  });

  it("reports a summary row that disagrees with the ballots", async () => {
    const a = await sessionWithDeputies(3);
    await checkIn(a.sessionId, a.deputyIds);
    await chooseTellers(clerk, a.sessionId, a.deputyIds[0]!, [a.deputyIds[1]!]);
    const { roundId, candidateIds } = await slateAndRound(a.sessionId, 2, { places: 1 });
    await openRound(clerk, a.sessionId, roundId);
    const passes = await Promise.all(a.deputyIds.map((id) => tablet(a.sessionId, id)));
    await vote(
      a.sessionId,
      roundId,
      passes,
      a.deputyIds.map(() => ({ [String(candidateIds[0])]: "yes" as const })),
    );
    await countAndPublish(a.sessionId, roundId, a.deputyIds[0]!);
    expect((await verifyCoverageSummaries()).mismatches).toEqual([]);
    expect((await candidates(a.sessionId)).length).toBe(2);

    const db = openConnection("maintenance");
    db.prepare("UPDATE TownshipYearSummary SET projectsSelected = projectsSelected + 1 WHERE townshipId = ?").run(a.townshipId);
    db.prepare(
      "INSERT INTO TownshipYearSummary (townshipId, year, countyCode, cityCode, notices, firstMeetingDate, firstPublishedAt, lastPublishedAt, projectsSelected, investmentCents, selectedYes, selectedSeated, turnoutPresent, turnoutSeated, runoffRounds, vacancies, invalidRounds, updatedAt) VALUES (?, 2025, '430121', '4301', 1, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)",
    ).run(a.townshipId, "2025-01-01T00:00:00.000+00:00", "2025-01-01T00:00:00.000+00:00", "2025-01-01T00:00:00.000+00:00", "2025-01-01T00:00:00.000+00:00");
    db.close();
    const problems = (await verifyCoverageSummaries()).mismatches.map((x) => x.problem);
    expect(problems).toEqual(["projectsSelected: summary 2, recount 1", "summary row without any published round"]);
  });
});
