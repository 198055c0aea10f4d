/**
 * The coverage reader's statements on SQLite: prepared once on a read-only better-sqlite3
 * connection of their own (query_only; in WAL mode it sees every committed change). The PostgreSQL
 * texts (coverage-postgres.server.ts) say the same in its dialect.
 */
import { CHANGES_PAGE, type CoverageQueries, type CoverageStatement } from "./coverage-queries";
import { openConnection } from "./sqlite.server";

const SQL: Record<CoverageStatement, string> = {
  cities: "SELECT code, name FROM City ORDER BY code",
  counties: "SELECT code, name, cityCode, kind, managementZone FROM County ORDER BY code",
  register: `SELECT t.id, t.code, t.name, t.countyCode, c.cityCode FROM Township t JOIN County c ON c.code = t.countyCode
     WHERE t.retiredAt IS NULL AND t.level = ? AND t.code LIKE ? || '%' ORDER BY t.code`,
  summaries: "SELECT * FROM TownshipYearSummary WHERE year = ? AND countyCode LIKE ? || '%'",
  rounds: `SELECT r.id AS roundId, r.sessionId, s.townshipId, r.number, r.status, r.openedAt IS NOT NULL AS opened,
            r.runoffOfId IS NOT NULL AS isRunoff, r.voidReason, r.noticeNo,
            json_extract(r.resultJson, '$.quorumMet') AS quorumMet,
            json_extract(r.resultJson, '$.vacancies') AS vacancies
     FROM Round r JOIN CongressSession s ON s.id = r.sessionId JOIN Township t ON t.id = s.townshipId
     WHERE s.year = ? AND t.level = ? AND t.code LIKE ? || '%' AND r.form != 'rating'`,
  years: "SELECT DISTINCT year FROM CongressSession ORDER BY year",
  campaignYears: "SELECT DISTINCT year FROM Campaign ORDER BY year",
  campaignYearsOfTownship: "SELECT year FROM Campaign WHERE townshipId = ? ORDER BY year DESC",
  collection: `SELECT c.townshipId, t.code, t.name, t.countyCode, co.cityCode, c.approvedOn IS NOT NULL AS approved,
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
  implementation: `WITH sel AS (
       SELECT DISTINCT c.id AS candidateId
       FROM Round r
       JOIN CongressSession s ON s.id = r.sessionId
       JOIN Township t ON t.id = s.townshipId
       JOIN json_each(r.resultJson, '$.selected') j
       JOIN Candidate c ON CAST(c.id AS TEXT) = j.value AND c.sessionId = s.id
       WHERE s.year = ? AND t.code LIKE ? || '%' AND t.level = 'township' AND r.status = 'published'),
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
  changes: `SELECT id, action, outcome, roundId, detail FROM AuditEntry WHERE id > ? AND id <= ? AND (action LIKE 'round.%' OR action = 'session.create'
       OR action LIKE 'register.%' OR action LIKE 'campaign.%' OR action LIKE 'implementation.%'
       OR ((action = 'slate.add' OR action = 'proposal.submit') AND outcome = 'accepted')) ORDER BY id LIMIT ${CHANGES_PAGE}`,
  lastAuditId: "SELECT max(id) AS id FROM AuditEntry",
  // The newest entry written before an instant (ISO text; the reader asks it of PostgreSQL only).
  settledAuditId: "SELECT id FROM AuditEntry WHERE at < ? ORDER BY id DESC LIMIT 1",
  township: `SELECT t.id, t.code, t.name, t.kind, t.level, t.countyCode, c.name AS countyName, c.cityCode, ci.name AS cityName, t.seatedDeputies, t.retiredAt
     FROM Township t JOIN County c ON c.code = t.countyCode JOIN City ci ON ci.code = c.cityCode WHERE t.code = ?`,
  sessionsOfTownship: "SELECT id, title, year, meetingDate, place FROM CongressSession WHERE townshipId = ? ORDER BY meetingDate DESC, id DESC",
  roundsOfTownship: `SELECT r.sessionId, r.number, r.status, r.noticeNo, r.runoffOfId IS NOT NULL AS isRunoff, r.form = 'rating' AS rating,
            r.openedAt IS NOT NULL AS opened, r.publishedAt
     FROM Round r JOIN CongressSession s ON s.id = r.sessionId WHERE s.townshipId = ? ORDER BY r.sessionId, r.number`,
  publishedResults: `SELECT s.townshipId, r.resultJson FROM Round r JOIN CongressSession s ON s.id = r.sessionId JOIN Township t ON t.id = s.townshipId
     WHERE s.year = ? AND t.countyCode = ? AND t.level = ? AND r.status = 'published' AND r.form != 'rating' ORDER BY r.sessionId, r.number`,
  candidateNames: `SELECT c.id, c.name FROM Candidate c JOIN CongressSession s ON s.id = c.sessionId JOIN Township t ON t.id = s.townshipId
     WHERE s.year = ? AND t.countyCode = ? AND t.level = ?`,
  search: `SELECT t.code, t.name, t.kind, c.name AS countyName, ci.name AS cityName, t.retiredAt
     FROM Township t JOIN County c ON c.code = t.countyCode JOIN City ci ON ci.code = c.cityCode
     WHERE t.level = 'township' AND (t.code LIKE ? || '%' OR instr(t.name, ?) > 0) ORDER BY t.retiredAt IS NOT NULL, t.code LIMIT ?`,
};

export function sqliteCoverageQueries(): CoverageQueries {
  const db = openConnection("coverage-reader");
  const statements = new Map(Object.entries(SQL).map(([name, text]) => [name, db.prepare(text)]));
  return {
    all: async (statement, params) => statements.get(statement)!.all(...params) as Record<string, unknown>[],
    close: async () => void db.close(),
  };
}
