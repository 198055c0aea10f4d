/**
 * The coverage reader's statements on PostgreSQL (decision 020): the SQLite texts
 * (coverage-sqlite.server.ts) in PostgreSQL's dialect — quoted mixed-case names, jsonb for the
 * stored results, counts cast to integer — on a small pool of read-only connections of its own.
 */
import pg from "pg";
import { env } from "~/utils/env.server";
import { CHANGES_PAGE, type CoverageQueries, type CoverageStatement } from "./coverage-queries";

const SQL: Record<CoverageStatement, string> = {
  cities: 'SELECT code, name FROM "City" ORDER BY code',
  counties: 'SELECT code, name, "cityCode", kind, "managementZone" FROM "County" ORDER BY code',
  register: `SELECT t.id, t.code, t.name, t."countyCode", c."cityCode" FROM "Township" t JOIN "County" c ON c.code = t."countyCode"
     WHERE t."retiredAt" IS NULL AND t.level = $1 AND t.code LIKE $2 || '%' ORDER BY t.code`,
  summaries: `SELECT * FROM "TownshipYearSummary" WHERE year = $1 AND "countyCode" LIKE $2 || '%'`,
  rounds: `SELECT r.id AS "roundId", r."sessionId", s."townshipId", r.number, r.status, r."openedAt" IS NOT NULL AS opened,
            r."runoffOfId" IS NOT NULL AS "isRunoff", r."voidReason", r."noticeNo",
            (r."resultJson"::jsonb ->> 'quorumMet')::boolean AS "quorumMet",
            (r."resultJson"::jsonb ->> 'vacancies')::int AS vacancies
     FROM "Round" r JOIN "CongressSession" s ON s.id = r."sessionId" JOIN "Township" t ON t.id = s."townshipId"
     WHERE s.year = $1 AND t.level = $2 AND t.code LIKE $3 || '%' AND r.form <> 'rating'`,
  years: 'SELECT DISTINCT year FROM "CongressSession" ORDER BY year',
  campaignYears: 'SELECT DISTINCT year FROM "Campaign" ORDER BY year',
  campaignYearsOfTownship: 'SELECT year FROM "Campaign" WHERE "townshipId" = $1 ORDER BY year DESC',
  collection: `SELECT c."townshipId", t.code, t.name, t."countyCode", co."cityCode", c."approvedOn" IS NOT NULL AS approved,
            (count(*) FILTER (WHERE p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'resident'))::int AS resident,
            (count(*) FILTER (WHERE p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'deputy'))::int AS deputy,
            (count(*) FILTER (WHERE p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'government'))::int AS government,
            (count(*) FILTER (WHERE p.status IN ('admitted', 'pooled', 'declined') AND p.source = 'village'))::int AS village,
            (count(*) FILTER (WHERE p.status = 'pending'))::int AS pending,
            (count(*) FILTER (WHERE p.status = 'removed'))::int AS removed,
            (count(*) FILTER (WHERE p.status = 'admitted'))::int AS unscreened,
            (count(*) FILTER (WHERE p.status = 'declined'))::int AS declined,
            (SELECT count(*)::int FROM "PoolProject" pp WHERE pp."campaignId" = c.id) AS pooled,
            (SELECT count(*)::int FROM "PoolProject" pp WHERE pp."campaignId" = c.id AND pp.approved) AS candidates,
            (SELECT count(*)::int FROM "PoolProject" pp WHERE pp."campaignId" = c.id AND pp.approved AND EXISTS (
               SELECT 1 FROM "Candidate" k
               JOIN "RoundCandidate" rc ON rc."candidateId" = k.id
               JOIN "Round" r ON r.id = rc."roundId" AND r.status = 'published'
               WHERE k."poolProjectId" = pp.id AND (r."resultJson"::jsonb -> 'selected') @> to_jsonb(k.id::text))) AS selected
     FROM "Campaign" c JOIN "Township" t ON t.id = c."townshipId" JOIN "County" co ON co.code = t."countyCode"
     LEFT JOIN "Proposal" p ON p."campaignId" = c.id
     WHERE c.year = $1 AND t.code LIKE $2 || '%' AND t.level = 'township'
     GROUP BY c.id, t.id, co.code ORDER BY t.code`,
  implementation: `WITH sel AS (
       SELECT DISTINCT c.id AS "candidateId"
       FROM "Round" r
       JOIN "CongressSession" s ON s.id = r."sessionId"
       JOIN "Township" t ON t.id = s."townshipId"
       CROSS JOIN LATERAL jsonb_array_elements_text(r."resultJson"::jsonb -> 'selected') j(value)
       JOIN "Candidate" c ON c.id::text = j.value AND c."sessionId" = s.id
       WHERE s.year = $1 AND t.code LIKE $2 || '%' AND t.level = 'township' AND r.status = 'published'),
     rated AS (
       SELECT (j.value ->> 'id')::int AS "candidateId",
              j.value ->> 'grade' AS grade, (j.value ->> 'yes')::int AS "ratedYes",
              (j.value ->> 'abstain')::int AS "ratedAbstain", (j.value ->> 'no')::int AS "ratedNo",
              (j.value ->> 'notVoted')::int AS "ratedNotVoted",
              r."resultJson"::jsonb -> 'rating' ->> 'basis' AS "ratingBasis", (r."resultJson"::jsonb -> 'rating' ->> 'of')::int AS "ratingOf",
              r."sessionId" AS "ratingSessionId", r."noticeNo" AS "ratingNoticeNo",
              row_number() OVER (PARTITION BY j.value ->> 'id' ORDER BY r."publishedAt" DESC, r.id DESC) AS latest
       FROM "Round" r
       CROSS JOIN LATERAL jsonb_array_elements(r."resultJson"::jsonb -> 'projects') j(value)
       WHERE r.form = 'rating' AND r.status = 'published' AND j.value ->> 'grade' IS NOT NULL
         AND (j.value ->> 'id')::int IN (SELECT "candidateId" FROM sel))
     SELECT c.id AS "candidateId", t.id AS "townshipId", t.code AS "townshipCode", t.name AS "townshipName", t."countyCode", co."cityCode",
            c.name AS project, c."investmentCents", p.id IS NOT NULL AS planned, p."budgetCents",
            (SELECT pr.progress FROM "ProgressReport" pr WHERE pr."planId" = p.id ORDER BY pr."reportedOn" DESC, pr.id DESC LIMIT 1) AS progress,
            (SELECT pr."spentCents" FROM "ProgressReport" pr WHERE pr."planId" = p.id ORDER BY pr."reportedOn" DESC, pr.id DESC LIMIT 1) AS "spentCents",
            (SELECT coalesce(json_agg(json_build_array(m."plannedOn", m."reachedOn") ORDER BY m.position), '[]'::json)
               FROM "Milestone" m WHERE m."planId" = p.id) AS milestones,
            rated.grade, rated."ratedYes", rated."ratedAbstain", rated."ratedNo", rated."ratedNotVoted", rated."ratingBasis", rated."ratingOf",
            rated."ratingSessionId", rated."ratingNoticeNo"
     FROM sel
     JOIN "Candidate" c ON c.id = sel."candidateId"
     JOIN "CongressSession" s ON s.id = c."sessionId"
     JOIN "Township" t ON t.id = s."townshipId"
     JOIN "County" co ON co.code = t."countyCode"
     LEFT JOIN "ImplementationPlan" p ON p."candidateId" = c.id
     LEFT JOIN rated ON rated."candidateId" = c.id AND rated.latest = 1
     ORDER BY t.code, c."sessionId", c.position`,
  changes: `SELECT id, action, outcome, "roundId", detail FROM "AuditEntry" WHERE id > $1 AND id <= $2 AND (action LIKE 'round.%' OR action = 'session.create'
       OR action LIKE 'register.%' OR action LIKE 'campaign.%' OR action LIKE 'implementation.%'
       OR ((action = 'slate.add' OR action = 'proposal.submit') AND outcome = 'accepted')) ORDER BY id LIMIT ${CHANGES_PAGE}`,
  lastAuditId: 'SELECT max(id) AS id FROM "AuditEntry"',
  // The newest entry written before an instant: a walk down the id index from the top, through the last minute's entries only.
  settledAuditId: 'SELECT id FROM "AuditEntry" WHERE at < $1 ORDER BY id DESC LIMIT 1',
  township: `SELECT t.id, t.code, t.name, t.kind, t.level, t."countyCode", c.name AS "countyName", c."cityCode", ci.name AS "cityName",
            t."seatedDeputies", t."retiredAt"
     FROM "Township" t JOIN "County" c ON c.code = t."countyCode" JOIN "City" ci ON ci.code = c."cityCode" WHERE t.code = $1`,
  sessionsOfTownship: `SELECT id, title, year, "meetingDate", place FROM "CongressSession" WHERE "townshipId" = $1 ORDER BY "meetingDate" DESC, id DESC`,
  roundsOfTownship: `SELECT r."sessionId", r.number, r.status, r."noticeNo", r."runoffOfId" IS NOT NULL AS "isRunoff", r.form = 'rating' AS rating,
            r."openedAt" IS NOT NULL AS opened, r."publishedAt"
     FROM "Round" r JOIN "CongressSession" s ON s.id = r."sessionId" WHERE s."townshipId" = $1 ORDER BY r."sessionId", r.number`,
  publishedResults: `SELECT s."townshipId", r."resultJson" FROM "Round" r JOIN "CongressSession" s ON s.id = r."sessionId" JOIN "Township" t ON t.id = s."townshipId"
     WHERE s.year = $1 AND t."countyCode" = $2 AND t.level = $3 AND r.status = 'published' AND r.form <> 'rating' ORDER BY r."sessionId", r.number`,
  candidateNames: `SELECT c.id, c.name FROM "Candidate" c JOIN "CongressSession" s ON s.id = c."sessionId" JOIN "Township" t ON t.id = s."townshipId"
     WHERE s.year = $1 AND t."countyCode" = $2 AND t.level = $3`,
  search: `SELECT t.code, t.name, t.kind, c.name AS "countyName", ci.name AS "cityName", t."retiredAt"
     FROM "Township" t JOIN "County" c ON c.code = t."countyCode" JOIN "City" ci ON ci.code = c."cityCode"
     WHERE t.level = 'township' AND (t.code LIKE $1 || '%' OR strpos(t.name, $2) > 0) ORDER BY t."retiredAt" IS NOT NULL, t.code LIMIT $3`,
};

/** Enough for a few pages computed at once; the views memoise what they computed (monitor-views.server.ts). */
const POOL_SIZE = 4;

export function postgresCoverageQueries(databaseUrl = env().DATABASE_URL): CoverageQueries {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POOL_SIZE, application_name: "coverage-reader" });
  // An idle connection the server ended (a restart, a failover) is dropped from the pool; the next
  // query opens a new one. Without a listener the error would end the process.
  pool.on("error", () => {});
  // Each connection is made read-only once, by a statement rather than a startup option (which a
  // pgBouncer in front refuses): docs/deployment/README.md.
  const readOnly = new WeakSet<pg.PoolClient>();
  return {
    async all(statement, params) {
      const client = await pool.connect();
      try {
        if (!readOnly.has(client)) {
          await client.query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
          readOnly.add(client);
        }
        // Named statements: each connection parses and plans a text once.
        const { rows } = await client.query({ name: `coverage-${statement}`, text: SQL[statement], values: [...params] });
        client.release();
        return rows;
      } catch (error) {
        // A connection that failed is closed rather than reused.
        client.release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
    close: () => pool.end(),
  };
}
