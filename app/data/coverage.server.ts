/**
 * 覆盖情况 — the reads behind the coverage and monitoring views, and the writes of the
 * per-township-per-year summary (TownshipYearSummary).
 *
 * The summary is written in the publishing transaction through Prisma (`tx`). The views read
 * through a connection of their own with prepared statements, as the ballot box does: a province
 * view reads every township of the register, the year's summary rows and rounds, and Prisma's
 * per-row cost would take most of the 50 ms the page may spend. That connection only reads
 * (query_only) and, in WAL mode, sees every committed change.
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
import { heldConnection, openConnection, prisma } from "./sqlite.server";
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

function openReader() {
  const db = openConnection("coverage-reader");
  const dateOf = (value: string) => new Date(value);

  const statements = {
    cities: db.prepare<[], AreaName>("SELECT code, name FROM City ORDER BY code"),
    counties: db.prepare<[], Omit<CountyName, "managementZone"> & { managementZone: number }>(
      "SELECT code, name, cityCode, kind, managementZone FROM County ORDER BY code",
    ),
    register: db.prepare<[CongressLevel, string], RegisterTownship>(
      `SELECT t.id, t.code, t.name, t.countyCode, c.cityCode FROM Township t JOIN County c ON c.code = t.countyCode
       WHERE t.retiredAt IS NULL AND t.level = ? AND t.code LIKE ? || '%' ORDER BY t.code`,
    ),
    summaries: db.prepare<[number, string], Record<string, unknown>>(
      `SELECT * FROM TownshipYearSummary WHERE year = ? AND countyCode LIKE ? || '%'`,
    ),
    rounds: db.prepare<[number, CongressLevel, string], Record<string, unknown>>(
      `SELECT r.id AS roundId, r.sessionId, s.townshipId, r.number, r.status, r.openedAt IS NOT NULL AS opened,
              r.runoffOfId IS NOT NULL AS isRunoff, r.voidReason, r.noticeNo,
              json_extract(r.resultJson, '$.quorumMet') AS quorumMet,
              json_extract(r.resultJson, '$.vacancies') AS vacancies
       FROM Round r JOIN CongressSession s ON s.id = r.sessionId JOIN Township t ON t.id = s.townshipId
       WHERE s.year = ? AND t.level = ? AND t.code LIKE ? || '%' AND r.form != 'rating'`,
    ),
    years: db.prepare<[], { year: number }>("SELECT DISTINCT year FROM CongressSession ORDER BY year"),
    campaignYears: db.prepare<[], { year: number }>("SELECT DISTINCT year FROM Campaign ORDER BY year"),
    campaignYearsOfTownship: db.prepare<[number], { year: number }>("SELECT year FROM Campaign WHERE townshipId = ? ORDER BY year DESC"),
    /**
     * Each campaign of the year in the area, counted as domain/collection.ts funnelOf counts: a
     * proposal is received once taken in; a project is selected when it is approved and a candidate
     * taken from it is among a published round's selected (candidate ids stored as text).
     */
    collection: db.prepare<[number, string], Record<string, number | string>>(
      `SELECT c.townshipId, t.code, t.name, t.countyCode, co.cityCode, c.approvedOn IS NOT NULL AS approved,
              coalesce(sum(p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'resident'), 0) AS resident,
              coalesce(sum(p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'deputy'), 0) AS deputy,
              coalesce(sum(p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'government'), 0) AS government,
              coalesce(sum(p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'village'), 0) AS village,
              coalesce(sum(p.status = 'pending'), 0) AS pending,
              coalesce(sum(p.status = 'removed'), 0) AS removed,
              coalesce(sum(p.status = 'admitted'), 0) AS unscreened,
              coalesce(sum(p.status = 'declined'), 0) AS declined,
              (SELECT count(*) FROM PoolProject pp WHERE pp.campaignId = c.id) AS pooled,
              (SELECT count(*) FROM PoolProject pp WHERE pp.campaignId = c.id AND pp.approved) AS candidates,
              (SELECT count(*) FROM PoolProject pp WHERE pp.campaignId = c.id AND pp.approved AND EXISTS (
                 SELECT 1 FROM Candidate k
                 JOIN RoundCandidate rc ON rc.candidateId = k.id
                 JOIN Round r ON r.id = rc.roundId AND r.status = 'published'
                 JOIN json_each(r.resultJson, '$.selected') s ON s.value = CAST(k.id AS TEXT)
                 WHERE k.poolProjectId = pp.id)) AS selected
       FROM Campaign c JOIN Township t ON t.id = c.townshipId JOIN County co ON co.code = t.countyCode
       LEFT JOIN Proposal p ON p.campaignId = c.id
       WHERE c.year = ? AND t.code LIKE ? || '%' AND t.level = 'township'
       GROUP BY c.id ORDER BY t.code`,
    ),
    /**
     * Each selected project of the year in the area (as data/implementation.server.ts
     * selectedProjectsOf selects them: among a published round's selected, candidate ids stored as
     * text), with its plan's budget, its latest report (by day, then id), its milestones and its
     * published rating (满意度测评) if any.
     */
    implementation: db.prepare<[number, string], Record<string, number | string | null>>(
      `WITH sel AS (
         SELECT DISTINCT c.id AS candidateId
         FROM Round r
         JOIN CongressSession s ON s.id = r.sessionId
         JOIN Township t ON t.id = s.townshipId
         JOIN json_each(r.resultJson, '$.selected') j
         JOIN Candidate c ON CAST(c.id AS TEXT) = j.value AND c.sessionId = s.id
         WHERE s.year = ? AND t.code LIKE ? || '%' AND t.level = 'township' AND r.status = 'published'),
       -- Each of these projects on a published rating round (one of the next year's session; a project
       -- is rated once), with the grade and counts from the round's result. A round that failed its
       -- quorum grades nothing: its projects stay unrated.
       rated AS (
         SELECT CAST(json_extract(j.value, '$.id') AS INTEGER) AS candidateId,
                json_extract(j.value, '$.grade') AS grade, json_extract(j.value, '$.yes') AS ratedYes,
                json_extract(j.value, '$.abstain') AS ratedAbstain, json_extract(j.value, '$.no') AS ratedNo,
                json_extract(j.value, '$.notVoted') AS ratedNotVoted,
                json_extract(r.resultJson, '$.rating.basis') AS ratingBasis, json_extract(r.resultJson, '$.rating.of') AS ratingOf,
                r.sessionId AS ratingSessionId, r.noticeNo AS ratingNoticeNo,
                row_number() OVER (PARTITION BY json_extract(j.value, '$.id') ORDER BY r.publishedAt DESC, r.id DESC) AS latest
         FROM Round r
         JOIN json_each(r.resultJson, '$.projects') j
         WHERE r.form = 'rating' AND r.status = 'published' AND json_extract(j.value, '$.grade') IS NOT NULL
           AND CAST(json_extract(j.value, '$.id') AS INTEGER) IN (SELECT candidateId FROM sel))
       SELECT c.id AS candidateId, t.id AS townshipId, t.code AS townshipCode, t.name AS townshipName, t.countyCode, co.cityCode,
              c.name AS project, c.investmentCents, p.id IS NOT NULL AS planned, p.budgetCents,
              (SELECT pr.progress FROM ProgressReport pr WHERE pr.planId = p.id ORDER BY pr.reportedOn DESC, pr.id DESC LIMIT 1) AS progress,
              (SELECT pr.spentCents FROM ProgressReport pr WHERE pr.planId = p.id ORDER BY pr.reportedOn DESC, pr.id DESC LIMIT 1) AS spentCents,
              (SELECT json_group_array(json_array(ms.plannedOn, ms.reachedOn))
                 FROM (SELECT plannedOn, reachedOn FROM Milestone WHERE planId = p.id ORDER BY position) ms) AS milestones,
              rated.grade, rated.ratedYes, rated.ratedAbstain, rated.ratedNo, rated.ratedNotVoted, rated.ratingBasis, rated.ratingOf,
              rated.ratingSessionId, rated.ratingNoticeNo
       FROM sel
       JOIN Candidate c ON c.id = sel.candidateId
       JOIN CongressSession s ON s.id = c.sessionId
       JOIN Township t ON t.id = s.townshipId
       JOIN County co ON co.code = t.countyCode
       LEFT JOIN ImplementationPlan p ON p.candidateId = c.id
       LEFT JOIN rated ON rated.candidateId = c.id AND rated.latest = 1
       ORDER BY t.code, c.sessionId, c.position`,
    ),
    // A proposal from the public form (proposal.submit) moves the pending count of the collection figures;
    // every implementation step (plans, reports, inspections: implementation.%) the implementation figures
    // and the public progress pages; a rating round's publication (round.%) the satisfaction figures.
    changes: db.prepare<[number], { action: string; outcome: string; roundId: number | null; detail: string }>(
      "SELECT action, outcome, roundId, detail FROM AuditEntry WHERE id > ? AND (action LIKE 'round.%' OR action = 'session.create' OR action LIKE 'register.%' OR action LIKE 'campaign.%' OR action LIKE 'implementation.%' OR ((action = 'slate.add' OR action = 'proposal.submit') AND outcome = 'accepted'))",
    ),
    lastAuditId: db.prepare<[], { id: number | null }>("SELECT max(id) AS id FROM AuditEntry"),
    township: db.prepare<
      [string],
      { id: number; code: string; name: string; kind: string; level: string; countyCode: string; countyName: string; cityCode: string; cityName: string; seatedDeputies: number; retiredAt: string | null }
    >(
      `SELECT t.id, t.code, t.name, t.kind, t.level, t.countyCode, c.name AS countyName, c.cityCode, ci.name AS cityName, t.seatedDeputies, t.retiredAt
       FROM Township t JOIN County c ON c.code = t.countyCode JOIN City ci ON ci.code = c.cityCode WHERE t.code = ?`,
    ),
    sessionsOfTownship: db.prepare<[number], { id: number; title: string; year: number; meetingDate: string; place: string }>(
      "SELECT id, title, year, meetingDate, place FROM CongressSession WHERE townshipId = ? ORDER BY meetingDate DESC, id DESC",
    ),
    roundsOfTownship: db.prepare<
      [number],
      { sessionId: number; number: number; status: string; noticeNo: number | null; isRunoff: number; rating: number; opened: number; publishedAt: string | null }
    >(
      `SELECT r.sessionId, r.number, r.status, r.noticeNo, r.runoffOfId IS NOT NULL AS isRunoff, r.form = 'rating' AS rating, r.openedAt IS NOT NULL AS opened, r.publishedAt
       FROM Round r JOIN CongressSession s ON s.id = r.sessionId WHERE s.townshipId = ? ORDER BY r.sessionId, r.number`,
    ),
    publishedResults: db.prepare<[number, string, CongressLevel], { townshipId: number; resultJson: string }>(
      `SELECT s.townshipId, r.resultJson FROM Round r JOIN CongressSession s ON s.id = r.sessionId JOIN Township t ON t.id = s.townshipId
       WHERE s.year = ? AND t.countyCode = ? AND t.level = ? AND r.status = 'published' AND r.form != 'rating' ORDER BY r.sessionId, r.number`,
    ),
    candidateNames: db.prepare<[number, string, CongressLevel], { id: number; name: string }>(
      `SELECT c.id, c.name FROM Candidate c JOIN CongressSession s ON s.id = c.sessionId JOIN Township t ON t.id = s.townshipId
       WHERE s.year = ? AND t.countyCode = ? AND t.level = ?`,
    ),
    search: db.prepare<[string, string, number], { code: string; name: string; kind: string; countyName: string; cityName: string; retiredAt: string | null }>(
      `SELECT t.code, t.name, t.kind, c.name AS countyName, ci.name AS cityName, t.retiredAt
       FROM Township t JOIN County c ON c.code = t.countyCode JOIN City ci ON ci.code = c.cityCode
       WHERE t.level = 'township' AND (t.code LIKE ? || '%' OR instr(t.name, ?) > 0) ORDER BY t.retiredAt IS NOT NULL, t.code LIMIT ?`,
    ),
  };

  /**
   * The audit log as a change feed. It is append-only with increasing ids, and every change that a
   * coverage figure depends on is logged in the same transaction as the change itself (sessions
   * created, rounds prepared, opened, closed, confirmed, published, voided; openings refused). So the
   * log is read once and from then on only past the last id seen — a tail, not a scan — to keep:
   * - the openings refused for want of quorum, by round (they change no row but the log);
   * - a version that moves whenever such a change (or a change to the register) commits, so the views can reuse what they
   *   computed until then (ballots and check-ins do not move it: they change no figure here).
   */
  const refused = new Map<number, number>();
  let auditCursor = 0;
  let changes = 0;
  const readerId = Math.random().toString(36).slice(2);
  function sync() {
    const last = statements.lastAuditId.get()?.id ?? 0;
    if (last < auditCursor) {
      // A different database behind the same path (tests): start over.
      refused.clear();
      auditCursor = 0;
      changes += 1;
    }
    if (last === auditCursor) return;
    for (const row of statements.changes.iterate(auditCursor)) {
      changes += 1;
      if (row.outcome !== "refused" || row.action !== "round.open" || row.roundId === null) continue;
      if (isQuorumRefusal({ code: refusalCodeOf(auditDetail(row.action, row.detail)) })) refused.set(row.roundId, (refused.get(row.roundId) ?? 0) + 1);
    }
    auditCursor = last;
  }
  function refusedOpenings(): ReadonlyMap<number, number> {
    sync();
    return refused;
  }
  /**
   * Changes when anything the coverage views show may have changed: a change logged as above, or a
   * change to the register (register.add / register.retire, audited by the account service; the
   * register seeded at start-up is there before this connection opens). Read it before reading
   * the data it guards.
   */
  function version(): string {
    sync();
    return `${readerId}:${changes}`;
  }

  return {
    cities: () => statements.cities.all(),
    counties: () => statements.counties.all().map((row) => ({ ...row, managementZone: row.managementZone === 1 })),
    /** The register of an area: its townships (乡镇人大), or its county congresses (县级人大) with level "county". */
    register: (areaPrefix: string, level: CongressLevel = "township") => statements.register.all(level, areaPrefix),
    summaries(year: number, areaPrefix: string): SummaryRow[] {
      return statements.summaries.all(year, areaPrefix).map((row) => ({
        townshipId: row.townshipId as number,
        notices: row.notices as number,
        firstMeetingDate: dateOf(row.firstMeetingDate as string),
        firstPublishedAt: dateOf(row.firstPublishedAt as string),
        lastPublishedAt: dateOf(row.lastPublishedAt as string),
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
    rounds(year: number, areaPrefix: string, level: CongressLevel = "township"): YearRound[] {
      return statements.rounds.all(year, level, areaPrefix).map((row) => ({
        roundId: row.roundId as number,
        sessionId: row.sessionId as number,
        townshipId: row.townshipId as number,
        number: row.number as number,
        status: roundStatus(row.status as string),
        opened: row.opened === 1,
        isRunoff: row.isRunoff === 1,
        voidReason: (row.voidReason as string | null) ?? null,
        noticeNo: (row.noticeNo as number | null) ?? null,
        quorumMet: row.quorumMet === null ? null : row.quorumMet === 1,
        vacancies: (row.vacancies as number | null) ?? null,
      }));
    },
    years: () => statements.years.all().map((row) => row.year),
    /** The years that have a campaign (collection for a year runs before its sessions). */
    campaignYears: () => statements.campaignYears.all().map((row) => row.year),
    /** The years a township has a campaign for, newest first. */
    campaignYearsOfTownship: (townshipId: number) => statements.campaignYearsOfTownship.all(townshipId).map((row) => row.year),
    /** One row per township of the area with a campaign in the year, register code order. */
    collection(year: number, areaPrefix: string): TownshipCollection[] {
      return statements.collection.all(year, areaPrefix).map((row) => ({
        townshipId: row.townshipId as number,
        code: row.code as string,
        name: row.name as string,
        countyCode: row.countyCode as string,
        cityCode: row.cityCode as string,
        approved: row.approved === 1,
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
    /** One row per selected project of the year in the area, township code order, then slate order. */
    implementation(year: number, areaPrefix: string): ProjectImplementation[] {
      return statements.implementation.all(year, areaPrefix).map((row) => ({
        candidateId: row.candidateId as number,
        townshipId: row.townshipId as number,
        townshipCode: row.townshipCode as string,
        townshipName: row.townshipName as string,
        countyCode: row.countyCode as string,
        cityCode: row.cityCode as string,
        project: row.project as string,
        investmentCents: row.investmentCents as number,
        plan: row.planned === 1 ? { budgetCents: row.budgetCents as number } : null,
        lastReport: row.progress === null ? null : { progress: row.progress as number, spentCents: row.spentCents as number },
        milestones: (JSON.parse(row.milestones as string) as Array<[string, string | null]>).map(([plannedOn, reachedOn]) => ({ plannedOn, reachedOn })),
        rating: ratingOf(row),
      }));
    },
    refusedOpenings,
    version,
    /** A township, or a county congress (by its county's code). */
    township(code: string) {
      const row = statements.township.get(code);
      return row ? { ...row, level: congressLevel(row.level) } : null;
    },
    sessionsOfTownship(townshipId: number): SessionRow[] {
      const rounds = statements.roundsOfTownship.all(townshipId);
      return statements.sessionsOfTownship.all(townshipId).map((session) => ({
        ...session,
        rounds: rounds
          .filter((round) => round.sessionId === session.id)
          .map((round) => ({
            number: round.number, status: roundStatus(round.status), noticeNo: round.noticeNo, isRunoff: round.isRunoff === 1,
            rating: round.rating === 1, opened: round.opened === 1, publishedAt: round.publishedAt,
          })),
      }));
    },
    publishedResultsOfCounty: (year: number, countyCode: string, level: CongressLevel = "township") =>
      statements.publishedResults.all(year, countyCode, level).map((row) => ({ townshipId: row.townshipId, result: parseResult(row.resultJson)! })),
    candidateNamesOfCounty: (year: number, countyCode: string, level: CongressLevel = "township") => statements.candidateNames.all(year, countyCode, level),
    /** Townships whose code starts with `codePrefix` or whose name contains `name`. */
    search: (codePrefix: string, name: string, limit: number) => statements.search.all(codePrefix, name, limit),
    close: () => db.close(),
  };
}

/** A project's rating from the implementation statement's columns (the marks as a rating ballot stores them), or null. */
function ratingOf(row: Record<string, number | string | null>): ProjectRatingSummary | null {
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
