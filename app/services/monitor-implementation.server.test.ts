/**
 * The implementation (实施) as the monitor shows it: two townships of 长沙县 publish their votes; the
 * clerks plan three of the four selected projects and report on two, all through the services. Then
 * the figures are read back for the county, its city and the province, today and twelve days on
 * (when a milestone planned for day five has passed unreached), and from the exports.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { plansOf } from "~/data/implementation.server";
import { prisma } from "~/data/sqlite.server";
import type { PlanFormInput } from "~/schemas/implementation";
import { isoDay } from "~/utils/format";
import { checkIn, clerk, sessionWithDeputies, slateAndRound, tablet } from "../../tests/factories/session";
import { chooseTellers, closeRound, confirmRound, openRound, publishRound } from "./congress-session.server";
import { createPlan, reportProgress } from "./implementation.server";
import { exportList, monitorTables, tableCsv } from "./monitor-exports.server";
import { monitorArea } from "./monitor-views.server";
import { newBallotKey } from "./receipt.server";
import { castBallot } from "./voting.server";

const DAY = 86_400_000;
const day = (offsetDays: number) => isoDay(new Date(Date.now() + offsetDays * DAY));

/** A session whose every candidate is selected: `count` candidates, as many places, every vote yes. */
async function publishedVote(count: number) {
  const s = await sessionWithDeputies(3);
  await checkIn(s.sessionId, s.deputyIds);
  await chooseTellers(clerk, s.sessionId, s.deputyIds[0]!, [s.deputyIds[1]!]);
  const { roundId, candidateIds } = await slateAndRound(s.sessionId, count, { places: count });
  await openRound(clerk, s.sessionId, roundId);
  const choices = Object.fromEntries(candidateIds.map((id) => [String(id), "yes" as const]));
  for (const id of s.deputyIds) await castBallot(await tablet(s.sessionId, id), "t", { roundId, ballotKey: newBallotKey(), choices });
  await closeRound(clerk, s.sessionId, roundId);
  await confirmRound(await tablet(s.sessionId, s.deputyIds[0]!), "t", roundId);
  await publishRound(clerk, s.sessionId, roundId);
  return { townshipId: s.townshipId, candidateIds };
}

function plan(budget: number, milestones: PlanFormInput["milestones"]): PlanFormInput {
  return { responsibleUnit: "镇农业综合服务中心", budgetCents: budget * 100, plannedStart: day(0), plannedCompletion: day(60), milestones };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the monitor's implementation figures", () => {
  it("count the projects finished, under way, not started and late, and the investment planned and spent, at every level", async () => {
    expect((await monitorArea("430121", 2026, [2026], null, null))!.implementation.totals).toMatchObject({ selected: 0, planned: 0, overdue: 0 });

    // 黄兴镇 selects three projects (estimates 101, 102 and 103 万元); 江背镇 one (101 万元).
    const a = await publishedVote(3);
    const b = await publishedVote(1);
    const [a1, a2] = a.candidateIds as [number, number, number];
    const b1 = b.candidateIds[0]!;
    const selectedOnly = (await monitorArea("430121", 2026, [2026], null, null))!.implementation;
    expect(selectedOnly.totals).toMatchObject({ selected: 4, planned: 0, notStarted: 4, plannedCents: (101 + 102 + 103 + 101) * 100, spentCents: 0 });

    // a1: approved today and finished; a2: approved today, its tender due in five days; a3: no plan; b1: starts in a month.
    await createPlan(clerk, a.townshipId, 2026, a1, plan(150, [{ kind: "approval", name: null, plannedOn: day(0) }]));
    await createPlan(
      clerk,
      a.townshipId,
      2026,
      a2,
      plan(200, [
        { kind: "approval", name: null, plannedOn: day(0) },
        { kind: "tender", name: null, plannedOn: day(5) },
      ]),
    );
    await createPlan(clerk, b.townshipId, 2026, b1, plan(100, [{ kind: "start", name: null, plannedOn: day(30) }]));
    const plans = await plansOf(prisma, [a1, a2]);
    const approvalOf = (id: number) => plans.get(id)!.milestones[0]!.id;
    await reportProgress(clerk, a.townshipId, 2026, a1, {
      reportedOn: day(0),
      progress: 60,
      spent: 80,
      milestoneId: approvalOf(a1),
      text: "已立项，主体施工中。",
    });
    await reportProgress(clerk, a.townshipId, 2026, a1, { reportedOn: day(0), progress: 100, spent: 140, text: "已完工。" });
    await reportProgress(clerk, a.townshipId, 2026, a2, { reportedOn: day(0), progress: 30, spent: 50, milestoneId: approvalOf(a2), text: "已立项。" });

    // Today: nothing is late yet.
    const county = (await monitorArea("430121", 2026, [2026], null, null))!.implementation;
    const expected = {
      code: "430121",
      selected: 4,
      planned: 3,
      completed: 1,
      inProgress: 1,
      notStarted: 2,
      plannedCents: (150 + 200 + 103 + 100) * 100,
      spentCents: (140 + 50) * 100,
    };
    expect(county.totals).toMatchObject({ ...expected, overdue: 0, mostDaysLate: 0 });
    expect(county.overdue).toEqual([]);

    // Twelve days on, the tender of a2 is seven days overdue: the day is part of what the monitor remembers.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 12 * DAY);
    const later = (await monitorArea("430121", 2026, [2026], null, null))!;
    expect(later.implementation.today).toBe(day(0));
    expect(later.implementation.totals).toMatchObject({ ...expected, overdue: 1, mostDaysLate: 7 });
    expect(later.implementation.overdue).toEqual([
      expect.objectContaining({
        townshipCode: "430121102",
        townshipName: "黄兴镇",
        countyName: "长沙县",
        project: "第2号民生实事项目",
        state: "in-progress",
        progress: 30,
        overdueMilestones: 1,
        daysLate: 7,
      }),
    ]);
    // The county lists its townships with projects.
    expect(
      later.implementation.children.map((row) => [row.code, row.selected, row.completed, row.inProgress, row.notStarted, row.overdue, row.spentCents]),
    ).toEqual([
      ["430121102", 3, 1, 1, 1, 1, 19_000],
      ["430121104", 1, 0, 0, 1, 0, 0],
    ]);

    // The city by county, the province by city and by county: the same figures.
    const city = (await monitorArea("4301", 2026, [2026], null, null))!;
    expect(city.implementation.totals).toMatchObject({ ...expected, code: "4301", overdue: 1, mostDaysLate: 7 });
    expect(city.implementation.children.find((row) => row.code === "430121")).toMatchObject({ ...expected, overdue: 1 });
    expect(city.implementation.children.filter((row) => row.code !== "430121").every((row) => row.selected === 0)).toBe(true);
    expect(city.implementation.overdue).toHaveLength(1);
    const province = (await monitorArea("43", 2026, [2026], null, null))!;
    expect(province.implementation.totals).toMatchObject({ ...expected, code: "43", overdue: 1 });
    expect(province.implementation.children.find((row) => row.code === "4301")).toMatchObject({ selected: 4, overdue: 1 });
    expect((await monitorArea("43", 2026, [2026], null, null, "county"))!.implementation.children.find((row) => row.code === "430121")).toMatchObject({
      selected: 4,
    });
    expect((await monitorArea("430121", 2025, [2025, 2026], null, null))!.implementation.totals.selected).toBe(0);

    // The exports: the tables the page offers, with the same figures.
    for (const view of [later, city, province]) {
      expect(monitorTables(view).map((table) => table.id)).toEqual(exportList(view).map((table) => table.id));
    }
    const townships = tableCsv(monitorTables(later).find((table) => table.id === "implementation-townships")!);
    expect(
      townships.startsWith(
        "\uFEFF区划代码,乡镇,县市区,选中项目,已制定计划,已完成,实施中,未开工,逾期项目,最长逾期（天）,计划投资（万元）,已完成投资（万元）,投资完成率,已测评,满意,基本满意,不满意,尚未测评\r\n",
      ),
    ).toBe(true);
    expect(townships).toContain("\r\n430121102,黄兴镇,长沙县,3,2,1,1,1,1,7,453.00,190.00,41.9%,0,0,0,0,3\r\n");
    expect(townships).toContain("\r\n430121104,江背镇,长沙县,1,1,0,0,1,0,0,100.00,0.00,0.0%");
    const overdue = tableCsv(monitorTables(later).find((table) => table.id === "implementation-overdue")!);
    expect(overdue).toContain("\r\n430121102,黄兴镇,长沙县,第2号民生实事项目,实施中,30.0%,1,7");
    const cityTable = tableCsv(monitorTables(city).find((table) => table.id === "implementation")!);
    expect(cityTable).toContain("\r\n430121,长沙县,4,3,1,1,2,1,7,553.00,190.00,34.4%,0,0,0,0,4\r\n");
    expect(cityTable).toContain("\r\n4301,长沙市,4,3,1,1,2,1,7,553.00,190.00,34.4%");
  });
});
