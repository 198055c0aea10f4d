/** Implementation tracking on a real database: plans, reports, milestones reached and overdue, inspections, the mid-year report, the public page. */
import { beforeAll, describe, expect, it } from "vitest";
import { addDeputies, townshipByCode } from "~/data/deputies.server";
import { countyWithTownships } from "~/data/register.server";
import * as sessions from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
import type { PlanFormInput } from "~/schemas/implementation";
import { isoDay } from "~/utils/format";
import { candidateInput, closeAndCount, openRoundForVoting, tablet } from "../../tests/factories/session";
import { addCandidates, chooseTellers, confirmRound, createSession, markAttendance, prepareRound, publishRound } from "./congress-session.server";
import { implementationView, publicProgressView } from "./implementation-views.server";
import { createPlan, recordInspection, recordMidYear, reportProgress } from "./implementation.server";
import { newBallotKey } from "./receipt.server";
import { castBallot } from "./voting.server";
import { refusalOf } from "../../tests/factories/refusal";

const clerk = { actor: "clerk:test", device: "127.0.0.1 vitest" };
const DEPUTIES = ["实一", "实二", "实三", "实四", "实五"];
const day = (offset: number) => isoDay(new Date(Date.now() + offset * 86_400_000));

let townshipId: number;
let code: string;
let selected: number;
let notSelected: number;
let deputyIds: number[];
const VOTED_ON = "2026-01-15";

beforeAll(async () => {
  const county = await countyWithTownships("430182");
  code = county!.townships[0]!.code;
  townshipId = (await townshipByCode(code))!.id;
  await inTransaction((tx) => addDeputies(tx, townshipId, DEPUTIES));
  const sessionId = await createSession(clerk, townshipId, {
    title: "第十八届人民代表大会第六次会议",
    meetingDate: new Date(`${VOTED_ON}T09:00:00+08:00`),
    place: "镇政府",
  });
  const roster = await sessions.roster(sessionId);
  deputyIds = roster.map((row) => row.deputyId);
  for (const row of roster) await markAttendance(clerk, sessionId, row.deputyId, "present");
  await addCandidates(clerk, sessionId, [candidateInput(1, { name: "村道硬化工程" }), candidateInput(2, { name: "集镇公厕改造" })], "form");
  const slate = await sessions.candidates(sessionId);
  [selected, notSelected] = slate.map((candidate) => candidate.id) as [number, number];
  const roundId = await prepareRound(clerk, sessionId, {
    candidateIds: [selected, notSelected],
    places: 1,
    form: "per-project",
    secret: false,
    liveResults: false,
  });
  await openRoundForVoting(sessionId, roundId, false);
  for (const row of roster) {
    await castBallot(await tablet(sessionId, row.deputyId), "vitest", {
      roundId,
      ballotKey: newBallotKey(),
      choices: { [selected]: "yes", [notSelected]: "no" },
    });
  }
  await closeAndCount(sessionId, roundId);
  await chooseTellers(clerk, sessionId, roster[0]!.deputyId, [roster[1]!.deputyId]);
  await confirmRound(await tablet(sessionId, roster[0]!.deputyId), "t", roundId);
  await publishRound(clerk, sessionId, roundId);
});

const plan = (overrides: Partial<PlanFormInput> = {}): PlanFormInput => ({
  responsibleUnit: "镇交通站",
  budgetCents: 12_000,
  plannedStart: "2026-02-01",
  plannedCompletion: "2026-11-30",
  milestones: [
    { kind: "approval", name: null, plannedOn: "2026-02-01" },
    { kind: "tender", name: null, plannedOn: "2026-03-01" },
    { kind: "completion", name: null, plannedOn: "2026-10-31" },
    { kind: "acceptance", name: null, plannedOn: day(30) },
  ],
  ...overrides,
});

describe("a selected project's plan and reports", () => {
  it("refuses a plan for a project the vote did not select, before the vote, or twice", async () => {
    expect(await refusalOf(createPlan(clerk, townshipId, 2026, notSelected, plan()))).toEqual({ code: "project-not-selected" });
    expect(await refusalOf(createPlan(clerk, townshipId, 2027, selected, plan()))).toEqual({ code: "project-not-selected" });
    expect(await refusalOf(createPlan(clerk, townshipId, 2026, selected, plan({ plannedStart: "2026-01-14" })))).toEqual({
      code: "plan-before-vote",
      day: "2026-01-14",
      votedOn: VOTED_ON,
    });
    await createPlan(clerk, townshipId, 2026, selected, plan());
    expect(await refusalOf(createPlan(clerk, townshipId, 2026, selected, plan()))).toEqual({ code: "plan-exists" });
  });

  it("takes reports, marks the milestone they reach, refuses a progress that goes back, a day in the future, a milestone of no plan", async () => {
    const view = await implementationView(townshipId, 2026);
    const line = view.projects.find((project) => project.candidateId === selected)!;
    const [approval, tender] = line.plan!.milestones;
    await reportProgress(clerk, townshipId, 2026, selected, { reportedOn: "2026-02-01", progress: 5, spent: 0, milestoneId: approval!.id, text: "已立项" });
    // The tender was planned for 1 March and reached on 20 March: late by 19 days.
    await reportProgress(clerk, townshipId, 2026, selected, { reportedOn: "2026-03-20", progress: 30, spent: 40, milestoneId: tender!.id, text: "完成招标" });
    expect(await refusalOf(reportProgress(clerk, townshipId, 2026, selected, { reportedOn: "2026-04-01", progress: 20, spent: 40, text: "倒退" }))).toEqual({
      code: "progress-went-back",
      progress: 20,
      last: 30,
    });
    expect(await refusalOf(reportProgress(clerk, townshipId, 2026, selected, { reportedOn: day(1), progress: 40, spent: 40, text: "明天" }))).toMatchObject({
      code: "report-in-future",
    });
    expect(
      await refusalOf(
        reportProgress(clerk, townshipId, 2026, selected, { reportedOn: "2026-04-01", progress: 40, spent: 40, milestoneId: 999_999, text: "x" }),
      ),
    ).toEqual({
      code: "milestone-not-of-plan",
    });
    expect(await refusalOf(reportProgress(clerk, townshipId, 2026, notSelected, { reportedOn: "2026-04-01", progress: 40, spent: 40, text: "x" }))).toEqual({
      code: "project-not-selected",
    });

    const after = (await implementationView(townshipId, 2026)).projects.find((project) => project.candidateId === selected)!;
    expect(after.plan!.milestones.map((milestone) => milestone.status.state)).toEqual(["on-time", "late", "overdue", "pending"]);
    expect(after.plan!.milestones[1]!.status).toEqual({ state: "late", reachedOn: "2026-03-20", daysLate: 19 });
    expect(after.progress).toMatchObject({ state: "in-progress", progress: 30, spentCents: 4_000, overdue: 1 });
  });

  it("records an inspection by deputies of the roster and the mid-year report, within the year", async () => {
    const planId = (await implementationView(townshipId, 2026)).projects.find((project) => project.candidateId === selected)!.plan!.id;
    const inspection = { heldOn: "2026-06-10", deputyIds: deputyIds.slice(0, 3), planIds: [planId], findings: "路基压实不足", followUp: "已返工" };
    expect(await refusalOf(recordInspection(clerk, townshipId, 2026, { ...inspection, deputyIds: [999_999] }))).toEqual({
      code: "inspection-deputies-unknown",
    });
    expect(await refusalOf(recordInspection(clerk, townshipId, 2026, { ...inspection, heldOn: "2026-01-01" }))).toMatchObject({ code: "report-before-vote" });
    await recordInspection(clerk, townshipId, 2026, inspection);
    await recordMidYear(clerk, townshipId, 2026, { heardOn: "2026-07-01", summary: "上半年完成投资40万元" });
    const view = await implementationView(townshipId, 2026);
    expect(view.inspections).toHaveLength(1);
    expect(view.midYear).toEqual({ heardOn: "2026-07-01", summary: "上半年完成投资40万元" });

    const page = (await publicProgressView(code, 2026))!;
    expect(page.projects.map((project) => [project.name, project.progress?.progress ?? null, project.plan?.inspections ?? null])).toEqual([
      ["村道硬化工程", 30, 1],
    ]);
    expect(page.projects[0]!.plan!.latest).toEqual({ reportedOn: "2026-03-20", text: "完成招标" });
  });
});
