/**
 * 覆盖情况 — the reads behind the coverage and monitoring views, and the writes of the
 * per-township-per-year summary (TownshipYearSummary).
 *
 * The summary is written in the publishing transaction through Prisma (`tx`). The views read
 * through connections of their own with prepared statements, as the ballot box does: a province
 * view reads every township of the register, the year's summary rows and rounds, and Prisma's
 * per-row cost would take most of the 50 ms the page may spend. Those connections only read; the
 * statements are written once per engine (coverage-sqlite.server.ts, coverage-postgres.server.ts).
 */
import type { TownshipCollection } from "~/domain/collection-coverage";
import type { ProjectImplementation, ProjectRatingSummary } from "~/domain/implementation-coverage";
import { SATISFACTION_GRADES, ratingCounts } from "~/domain/satisfaction";
import type { PublishedRound, RegisterTownship, TownshipYearTotals, YearRound } from "~/domain/coverage";
import { isQuorumRefusal } from "~/domain/coverage";
import { refusalCodeOf } from "~/messages/refusals";
import { auditDetail } from "./audit-detail";
import { parseResult } from "./round-result";
import type { CongressLevel } from "~/domain/register";
import { congressLevel, ratingBasis, roundStatus } from "./stored-values";
import { CHANGES_PAGE, flag, instant, instantText, jsonArray, optionalFlag, type CoverageRow, type CoverageStatement } from "./coverage-queries";
import { postgresCoverageQueries } from "./coverage-postgres.server";
import { sqliteCoverageQueries } from "./coverage-sqlite.server";
import { appEngine, heldConnection, prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

// ---------------------------------------------------------------------------------------------
// Summary maintenance (inside the caller's transaction)

export interface SummaryKey {
  townshipId: number;
  year: number;
  countyCode: string;
  cityCode: string;
}

/** The township and year a session belongs to, with the township's county and city. */
export async function summaryKeyOfSession(tx: Tx | typeof prisma, sessionId: number): Promise<SummaryKey | null> {
  const session = await tx.congressSession.findUnique({
    where: { id: sessionId },
    select: { year: true, townshipId: true, township: { select: { countyCode: true, county: { select: { cityCode: true } } } } },
  });
  return session && { townshipId: session.townshipId, year: session.year, countyCode: session.township.countyCode, cityCode: session.township.county.cityCode };
}

/** Every published round of a township's sessions in a year, with what the summary counts. */
export async function publishedRoundsOf(tx: Tx | typeof prisma = prisma, townshipId: number, year: number): Promise<PublishedRound[]> {
  const rounds = await tx.round.findMany({
    // A rating round (满意度测评) rates last year's projects: it is no vote of this year.
    where: { status: "published", form: { not: "rating" }, session: { townshipId, year } },
    orderBy: { id: "asc" },
    select: {
      id: true, runoffOfId: true, medium: true, seated: true, present: true, publishedAt: true, resultJson: true,
      session: { select: { meetingDate: true } },
      candidates: { select: { candidate: { select: { id: true, investmentCents: true } } } },
    },
  });
  return rounds.map((round) => ({
    roundId: round.id,
    meetingDate: round.session.meetingDate,
    publishedAt: round.publishedAt!,
    isRunoff: round.runoffOfId !== null,
    medium: round.medium === "paper" ? "paper" : "tablet",
    seated: round.seated!,
    present: round.present!,
    result: parseResult(round.resultJson)!,
    investmentCents: Object.fromEntries(round.candidates.map(({ candidate }) => [String(candidate.id), candidate.investmentCents])),
  }));
}

export async function writeSummary(tx: Tx, key: SummaryKey, totals: TownshipYearTotals | null) {
  const where = { townshipId_year: { townshipId: key.townshipId, year: key.year } };
  if (!totals) {
    await tx.townshipYearSummary.deleteMany({ where: { townshipId: key.townshipId, year: key.year } });
    return;
  }
  const data = { ...totals, countyCode: key.countyCode, cityCode: key.cityCode };
  await tx.townshipYearSummary.upsert({ where, create: { ...data, townshipId: key.townshipId, year: key.year }, update: data });
}

const summarySelect = {
  townshipId: true, year: true, countyCode: true, cityCode: true, notices: true, firstMeetingDate: true, firstPublishedAt: true,
  lastPublishedAt: true, projectsSelected: true, investmentCents: true, selectedYes: true, selectedSeated: true,
  turnoutPresent: true, turnoutSeated: true, runoffRounds: true, vacancies: true, invalidRounds: true, paperRounds: true,
} as const;

/** Every summary row, for the recomputation check. */
export function allSummaries(db: Tx | typeof prisma = prisma) {
  return db.townshipYearSummary.findMany({ select: summarySelect, orderBy: [{ year: "asc" }, { townshipId: "asc" }] });
}

/** Every township and year that has at least one published round: what the summary must hold. */
export async function townshipYearsWithPublishedRounds(db: Tx | typeof prisma = prisma) {
  const sessions = await db.congressSession.findMany({
    where: { rounds: { some: { status: "published" } } },
    select: { townshipId: true, year: true },
  });
  const seen = new Set<string>();
  return sessions.filter(({ townshipId, year }) => {
    const key = `${townshipId}:${year}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// The views' reads

export interface AreaName {
  code: string;
  name: string;
}
export interface CountyName extends AreaName {
  cityCode: string;
  kind: string;
  managementZone: boolean;
}

export interface SummaryRow extends TownshipYearTotals {
  townshipId: number;
}

export interface SessionRow {
  id: number;
  title: string;
  year: number;
  meetingDate: string;
  place: string;
  rounds: Array<{ number: number; status: YearRound["status"]; noticeNo: number | null; isRunoff: boolean; rating: boolean; opened: boolean; publishedAt: string | null }>;
}

/** How long no writing transaction lasts, and how often the stretch of the log since then is read again (PostgreSQL). */
const LATE_COMMIT_MS = 60_000;
const LATE_REREAD_MS = 1000;

function openReader() {
  const queries = appEngine() === "postgresql" ? postgresCoverageQueries() : sqliteCoverageQueries();
  const all = (statement: CoverageStatement, ...params: unknown[]) => queries.all(statement, params);

  /**
   * The audit log as a change feed. It is append-only with increasing ids, and every change that a
   * coverage figure depends on is logged in the same transaction as the change itself (sessions
   * created, rounds prepared, opened, closed, confirmed, published, voided; openings refused). So the
   * log is read once and from then on only past the last id seen — a tail, not a scan — to keep:
   * - the openings refused for want of quorum, by round (they change no row but the log);
   * - a version that moves whenever such a change (or a change to the register) commits, so the views can reuse what they
   *   computed until then (ballots and check-ins do not move it: they change no figure here).
   * One reading at a time: two requests reading the same tail would count its refusals twice.
   */
  const refused = new Map<number, number>();
  let auditCursor = 0;
  let changes = 0;
  const readerId = Math.random().toString(36).slice(2);
  let reading: Promise<void> = Promise.resolve();

  /**
   * On PostgreSQL an entry's id is taken when it is inserted but the entry is seen when its
   * transaction commits, and writers of different congresses' chains commit side by side: an entry
   * can appear below the cursor after the cursor passed its id. So the ids above `settled` that were
   * read are remembered, and that stretch is read again (at most once a second, so a late entry is
   * seen within about a second): `settled` is the newest id written more than a minute ago, and no
   * writing transaction lasts that long. SQLite has one writer at a time: ids appear in order.
   */
  const lateCommits = appEngine() === "postgresql";
  let settled = 0;
  const read = new Set<number>();
  let rereadAt = 0;

  function take(row: CoverageRow) {
    const id = row.id as number;
    if (read.has(id)) return;
    if (lateCommits) read.add(id);
    changes += 1;
    const roundId = row.roundId as number | null;
    if (row.outcome !== "refused" || row.action !== "round.open" || roundId === null) return;
    if (isQuorumRefusal({ code: refusalCodeOf(auditDetail(row.action as string, row.detail as string)) })) refused.set(roundId, (refused.get(roundId) ?? 0) + 1);
  }
  async function readRange(from: number, to: number) {
    for (let cursor = from; cursor < to; ) {
      const rows = await all("changes", cursor, to);
      rows.forEach(take);
      cursor = rows.length < CHANGES_PAGE ? to : (rows[rows.length - 1]!.id as number);
    }
  }
  async function readTail() {
    const [head] = await all("lastAuditId");
    const last = (head?.id as number | null) ?? 0;
    if (last < auditCursor) {
      // A different database behind the same address (tests): start over.
      refused.clear();
      read.clear();
      auditCursor = settled = 0;
      changes += 1;
    }
    await readRange(auditCursor, last);
    auditCursor = last;
    if (lateCommits && Date.now() - rereadAt >= LATE_REREAD_MS) {
      rereadAt = Date.now();
      await readRange(settled, auditCursor);
      const [old] = await all("settledAuditId", new Date(rereadAt - LATE_COMMIT_MS).toISOString());
      settled = Math.min(Math.max(settled, (old?.id as number | null) ?? 0), auditCursor);
      for (const id of read) if (id <= settled) read.delete(id);
    }
  }
  function sync(): Promise<void> {
    const next = reading.then(readTail);
    reading = next.catch(() => {});
    return next;
  }

  return {
    cities: async () => (await all("cities")) as unknown as AreaName[],
    counties: async (): Promise<CountyName[]> =>
      (await all("counties")).map((row) => ({
        code: row.code as string,
        name: row.name as string,
        cityCode: row.cityCode as string,
        kind: row.kind as string,
        managementZone: flag(row.managementZone),
      })),
    /** The register of an area: its townships (乡镇人大), or its county congresses (县级人大) with level "county". */
    register: async (areaPrefix: string, level: CongressLevel = "township") => (await all("register", level, areaPrefix)) as unknown as RegisterTownship[],
    async summaries(year: number, areaPrefix: string): Promise<SummaryRow[]> {
      return (await all("summaries", year, areaPrefix)).map((row) => ({
        townshipId: row.townshipId as number,
        notices: row.notices as number,
        firstMeetingDate: instant(row.firstMeetingDate),
        firstPublishedAt: instant(row.firstPublishedAt),
        lastPublishedAt: instant(row.lastPublishedAt),
        projectsSelected: row.projectsSelected as number,
        investmentCents: row.investmentCents as number,
        selectedYes: row.selectedYes as number,
        selectedSeated: row.selectedSeated as number,
        turnoutPresent: row.turnoutPresent as number,
        turnoutSeated: row.turnoutSeated as number,
        runoffRounds: row.runoffRounds as number,
        vacancies: row.vacancies as number,
        invalidRounds: row.invalidRounds as number,
        paperRounds: (row.paperRounds as number | null) ?? 0,
      }));
    },
    async rounds(year: number, areaPrefix: string, level: CongressLevel = "township"): Promise<YearRound[]> {
      return (await all("rounds", year, level, areaPrefix)).map((row) => ({
        roundId: row.roundId as number,
        sessionId: row.sessionId as number,
        townshipId: row.townshipId as number,
        number: row.number as number,
        status: roundStatus(row.status as string),
        opened: flag(row.opened),
        isRunoff: flag(row.isRunoff),
        voidReason: (row.voidReason as string | null) ?? null,
        noticeNo: (row.noticeNo as number | null) ?? null,
        quorumMet: optionalFlag(row.quorumMet),
        vacancies: (row.vacancies as number | null) ?? null,
      }));
    },
    years: async () => (await all("years")).map((row) => row.year as number),
    /** The years that have a campaign (collection for a year runs before its sessions). */
    campaignYears: async () => (await all("campaignYears")).map((row) => row.year as number),
    /** The years a township has a campaign for, newest first. */
    campaignYearsOfTownship: async (townshipId: number) => (await all("campaignYearsOfTownship", townshipId)).map((row) => row.year as number),
    /**
     * One row per township of the area with a campaign in the year, register code order. Each
     * campaign is counted as domain/collection.ts funnelOf counts: a proposal is received once taken
     * in; a project is selected when it is approved and a candidate taken from it is among a
     * published round's selected (candidate ids stored as text).
     */
    async collection(year: number, areaPrefix: string): Promise<TownshipCollection[]> {
      return (await all("collection", year, areaPrefix)).map((row) => ({
        townshipId: row.townshipId as number,
        code: row.code as string,
        name: row.name as string,
        countyCode: row.countyCode as string,
        cityCode: row.cityCode as string,
        approved: flag(row.approved),
        received: { resident: row.resident as number, deputy: row.deputy as number, government: row.government as number, village: row.village as number },
        pending: row.pending as number,
        removed: row.removed as number,
        unscreened: row.unscreened as number,
        declined: row.declined as number,
        pooled: row.pooled as number,
        candidates: row.candidates as number,
        selected: row.selected as number,
      }));
    },
    /**
     * One row per selected project of the year in the area, township code order, then slate order
     * (selected as data/implementation.server.ts selectedProjectsOf selects them: among a published
     * round's selected), with its plan's budget, its latest report (by day, then id), its milestones
     * and its published rating (满意度测评) if any: the latest published rating round that graded
     * it (a round that failed its quorum grades nothing).
     */
    async implementation(year: number, areaPrefix: string): Promise<ProjectImplementation[]> {
      return (await all("implementation", year, areaPrefix)).map((row) => ({
        candidateId: row.candidateId as number,
        townshipId: row.townshipId as number,
        townshipCode: row.townshipCode as string,
        townshipName: row.townshipName as string,
        countyCode: row.countyCode as string,
        cityCode: row.cityCode as string,
        project: row.project as string,
        investmentCents: row.investmentCents as number,
        plan: flag(row.planned) ? { budgetCents: row.budgetCents as number } : null,
        lastReport: row.progress === null ? null : { progress: row.progress as number, spentCents: row.spentCents as number },
        milestones: jsonArray<[string, string | null]>(row.milestones).map(([plannedOn, reachedOn]) => ({ plannedOn, reachedOn })),
        rating: ratingOf(row),
      }));
    },
    async refusedOpenings(): Promise<ReadonlyMap<number, number>> {
      await sync();
      return refused;
    },
    /**
     * Changes when anything the coverage views show may have changed: a change logged as above, or a
     * change to the register (register.add / register.retire, audited by the account service; the
     * register seeded at start-up is there before this connection opens). Read it before reading
     * the data it guards.
     */
    async version(): Promise<string> {
      await sync();
      return `${readerId}:${changes}`;
    },
    /** A township, or a county congress (by its county's code). */
    async township(code: string) {
      const [row] = await all("township", code);
      if (!row) return null;
      return {
        id: row.id as number,
        code: row.code as string,
        name: row.name as string,
        kind: row.kind as string,
        level: congressLevel(row.level as string),
        countyCode: row.countyCode as string,
        countyName: row.countyName as string,
        cityCode: row.cityCode as string,
        cityName: row.cityName as string,
        seatedDeputies: row.seatedDeputies as number,
        retiredAt: instantText(row.retiredAt),
      };
    },
    async sessionsOfTownship(townshipId: number): Promise<SessionRow[]> {
      const rounds = await all("roundsOfTownship", townshipId);
      return (await all("sessionsOfTownship", townshipId)).map((session) => ({
        id: session.id as number,
        title: session.title as string,
        year: session.year as number,
        meetingDate: instantText(session.meetingDate)!,
        place: session.place as string,
        rounds: rounds
          .filter((round) => round.sessionId === session.id)
          .map((round) => ({
            number: round.number as number,
            status: roundStatus(round.status as string),
            noticeNo: (round.noticeNo as number | null) ?? null,
            isRunoff: flag(round.isRunoff),
            rating: flag(round.rating),
            opened: flag(round.opened),
            publishedAt: instantText(round.publishedAt),
          })),
      }));
    },
    publishedResultsOfCounty: async (year: number, countyCode: string, level: CongressLevel = "township") =>
      (await all("publishedResults", year, countyCode, level)).map((row) => ({ townshipId: row.townshipId as number, result: parseResult(row.resultJson as string)! })),
    candidateNamesOfCounty: async (year: number, countyCode: string, level: CongressLevel = "township") =>
      (await all("candidateNames", year, countyCode, level)).map((row) => ({ id: row.id as number, name: row.name as string })),
    /** Townships whose code starts with `query` (when it is all digits) or whose name contains it. */
    search: async (query: string, limit: number) =>
      // A register code is all digits: "-" starts none.
      (await all("search", /^\d+$/.test(query) ? query : "-", query, limit)).map((row) => ({
        code: row.code as string,
        name: row.name as string,
        kind: row.kind as string,
        countyName: row.countyName as string,
        cityName: row.cityName as string,
        retiredAt: instantText(row.retiredAt),
      })),
    close: () => queries.close(),
  };
}

/** A project's rating from the implementation statement's columns (the marks as a rating ballot stores them), or null. */
function ratingOf(row: CoverageRow): ProjectRatingSummary | null {
  const grade = SATISFACTION_GRADES.find((g) => g === row.grade);
  if (grade === undefined || row.ratingNoticeNo === null) return null;
  // A rating round's tally always holds its basis: one without it, or with another word, is a defect.
  const basis = ratingBasis(row.ratingBasis as string | null);
  if (basis === null) throw new Error("Round.resultJson: a published rating round's tally without its rating basis");
  return {
    grade,
    ...ratingCounts({ yes: row.ratedYes as number, abstain: row.ratedAbstain as number, no: row.ratedNo as number }),
    notRated: row.ratedNotVoted as number,
    basis,
    of: row.ratingOf as number,
    sessionId: row.ratingSessionId as number,
    noticeNo: row.ratingNoticeNo as number,
  };
}

export type CoverageReader = ReturnType<typeof openReader>;

/** The read connection on the app's database (sqlite.server.ts holds it and closes it). */
export function coverageReader(): CoverageReader {
  return heldConnection("coverage-reader", openReader);
}
