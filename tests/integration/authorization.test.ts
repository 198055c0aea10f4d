/**
 * The authorisation matrix (issue 6): every route × every role, through the built production
 * server. The table below has one entry per route module; a route added without an entry fails
 * the first test, and so does an entry for a route that no longer exists.
 *
 * Roles: the public; a deputy's tablet of session A and of session B (another township); the clerk
 * of township A and of township B; a monitor of A's county and one of another city; the province
 * administrator. For each route the table names a concrete URL and, per role, what a GET must
 * answer: "allow" (2xx, or a redirect that is not to /login), "login" (a redirect to /login) or
 * "deny" (403/404; on the deputies' pages a redirect to /vote). Routes with an action are also
 * posted to by every role: a refused role sends the real, well-formed request, and the database
 * must be exactly as before; an allowed role sends a harmless probe that must reach the action.
 * The live stream, which the server answers itself, has a table of its own (every role × two sessions).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { addCandidates, chooseTellers, closeRound, confirmRound, openRound, prepareRound, publishRound } from "~/services/congress-session.server";
import { createAccount } from "~/services/accounts.server";
import { createCampaign, enterProposal, submitProposal } from "~/services/collection.server";
import { isoDay } from "~/utils/format";
import { openDisplayLink } from "~/services/display-link.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot, issueSignInCodes } from "~/services/voting.server";
import { candidateInput, checkIn, clerk, sessionWithDeputies, slateAndRound, tablet } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import {
  CJK,
  changedTables,
  closeReadOnlyDb,
  CookieJar,
  databaseDigest,
  get,
  hasChineseMessage,
  logInStaff,
  mapLimit,
  openLiveStream,
  post,
  query,
  refusalMessage,
  signInTablet,
  type Answer,
  type Fields,
} from "./helpers";

const ROLES = ["public", "deputyA", "deputyB", "clerkA", "clerkB", "monitorA", "monitorX", "admin"] as const;
type Role = (typeof ROLES)[number];
type Expect = "allow" | "login" | "deny";
type Expectations = Record<Role, Expect>;

const PASSWORD = "authz-password-123";
const TOWNSHIP_A = "430121102"; // the factory's first township (黄兴镇), county 430121, city 4301
const TOWNSHIP_B = "430121104"; // the factory's second
const COUNTY_A = "430121";
const OTHER_CITY = "4302";

// ---------------------------------------------------------------------------------------------
// Expectation shorthands

function expectations(base: Expect, overrides: Partial<Expectations> = {}): Expectations {
  return { ...Object.fromEntries(ROLES.map((role) => [role, base])), ...overrides } as Expectations;
}
const EVERYONE = expectations("allow");
const NOBODY = expectations("deny");
const STAFF = expectations("allow", { public: "login", deputyA: "login", deputyB: "login" });
const ADMIN_ONLY = expectations("deny", { public: "login", deputyA: "login", deputyB: "login", admin: "allow" });
const CLERK_OF_A = expectations("deny", { public: "login", deputyA: "login", deputyB: "login", clerkA: "allow", admin: "allow" });
const CLERK_OF_B = { ...CLERK_OF_A, clerkA: "deny", clerkB: "allow" } satisfies Expectations;
/** A URL that mixes two sessions' ids: not found for everyone, whether or not logged in. */
const NOBODY_OR_LOGIN = expectations("deny", { public: "login", deputyA: "login", deputyB: "login" });
const MONITOR_OF_A = expectations("deny", { public: "login", deputyA: "login", deputyB: "login", monitorA: "allow", admin: "allow" });
const DEPUTIES = expectations("deny", { deputyA: "allow", deputyB: "allow" });
/** The big screen shows tallies before they are public: the session's clerk and the administrator only (the hall uses the display link). */
const SCREEN_OF_A = expectations("deny", { clerkA: "allow", admin: "allow" });
const DEPUTY_A = expectations("deny", { deputyA: "allow" });

// ---------------------------------------------------------------------------------------------
// The table

interface GetCase {
  url: string;
  expect: Expectations;
  /** Which outcomes count as "allow" beyond 2xx/3xx: none. Which as "deny" beyond 403/404. */
  denyStatuses?: number[];
}

interface PostCase {
  url: string;
  expect: Expectations;
  /** What a role expected to be refused sends: the real request, well-formed, against the fixtures. */
  refused: Fields;
  /** What an allowed role sends: a harmless probe that must reach the action (no refusal). */
  probe?: Fields;
  denyStatuses?: number[];
}

interface RouteEntry {
  get: GetCase[];
  post?: PostCase[];
  /** The deputies' pages: a redirect to /vote (the tablet sign-in) is a refusal there. */
  deputyPage?: boolean;
  /** Logging out revokes the cookie: posted to last, with cookies of its own. */
  postLast?: boolean;
}

interface Fixtures {
  sessionA: number;
  sessionB: number;
  townshipIdB: number;
  roundA1: number; // published (notice 1), recorded
  roundA2: number; // open; deputy A has voted in it
  roundB1: number; // open
  roundA3: number; // prepared, secret: its key card not issued yet
  roundA4: number; // prepared, on paper (secret, per-ballot entry)
  deputiesA: number[];
  candidatesA: number[];
  spareCandidateA: number; // on A's slate, in no round (could be deleted)
  receiptA1: string; // a ballot of the published round
  receiptA2: string; // deputy A's ballot in the open round
  receiptUrlA2: string;
  displayKeyA: string; // the hall's display link of session A
}

function routeTable(f: Fixtures): Record<string, RouteEntry> {
  const A = `/console/sessions/${f.sessionA}`;
  const B = `/console/sessions/${f.sessionB}`;
  const ballotOfA2: Fields = [
    ["roundId", String(f.roundA2)],
    ["ballotKey", "authzBallotKey0000000001"],
    ...f.candidatesA.map((id): [string, string] => [`choice.${id}`, "yes"]),
  ];
  const probe: Fields = [["intent", "authz-probe"]];
  return {
    root: { get: [{ url: "/", expect: EVERYONE }] },
    "routes/_index": { get: [{ url: "/", expect: EVERYONE }] },
    "routes/bench.noop": {
      get: [{ url: "/bench/noop", expect: NOBODY }],
      post: [{ url: "/bench/noop", expect: NOBODY, refused: [] }],
    },
    "routes/cities.$code": { get: [{ url: "/cities/4301", expect: EVERYONE }] },
    "routes/counties.$code": { get: [{ url: `/counties/${COUNTY_A}`, expect: EVERYONE }] },
    "routes/console": { get: [{ url: "/console", expect: STAFF }] },
    "routes/console._index": {
      get: [
        { url: "/console", expect: STAFF },
        { url: `/console?code=${TOWNSHIP_B}`, expect: STAFF },
      ],
    },
    "routes/console.admin.accounts": {
      get: [{ url: "/console/admin/accounts", expect: ADMIN_ONLY }],
      post: [
        {
          url: "/console/admin/accounts",
          expect: ADMIN_ONLY,
          refused: [
            ["intent", "create"],
            ["username", "intruder"],
            ["displayName", "冒名管理员"],
            ["password", "intruder-password-1"],
            ["role", "admin"],
            ["townshipCode", ""],
            ["areaCode", ""],
          ],
          probe,
        },
        {
          url: "/console/admin/accounts",
          expect: ADMIN_ONLY,
          refused: [
            ["intent", "reset"],
            ["userId", "1"],
            ["password", "intruder-password-1"],
          ],
          probe,
        },
      ],
    },
    "routes/console.admin.townships": {
      get: [{ url: "/console/admin/townships", expect: ADMIN_ONLY }],
      post: [
        {
          url: "/console/admin/townships",
          expect: ADMIN_ONLY,
          refused: [
            ["intent", "retire"],
            ["code", TOWNSHIP_B],
          ],
          probe,
        },
        {
          url: "/console/admin/townships",
          expect: ADMIN_ONLY,
          refused: [
            ["intent", "add"],
            ["code", "430121399"],
            ["name", "冒名乡"],
            ["kind", "乡"],
            ["seatedDeputies", "40"],
          ],
          probe,
        },
        {
          url: "/console/admin/townships",
          expect: ADMIN_ONLY,
          refused: [
            ["intent", "congress-seated"],
            ["code", "430181"],
            ["seatedDeputies", "9"],
          ],
          probe,
        },
      ],
    },
    "routes/console.sessions.$sessionId._index": {
      get: [
        { url: A, expect: CLERK_OF_A },
        { url: B, expect: CLERK_OF_B },
      ],
      post: [
        {
          url: A,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "pass"],
            ["deputyId", String(f.deputiesA[2])],
          ],
          probe,
        },
        {
          url: A,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "revoke-pass"],
            ["deputyId", String(f.deputiesA[0])],
          ],
          probe,
        },
        {
          url: A,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "attendance"],
            ["deputyId", String(f.deputiesA[2])],
            ["status", "absent"],
          ],
          probe,
        },
        {
          url: A,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "remove-candidate"],
            ["candidateId", String(f.spareCandidateA)],
          ],
          probe,
        },
        { url: A, expect: CLERK_OF_A, refused: [["intent", "display-open"]], probe },
        { url: A, expect: CLERK_OF_A, refused: [["intent", "display-revoke"]], probe },
        // Through B's own console, at A's deputies and A's slate: not found, even for B's clerk.
        {
          url: B,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "pass"],
            ["deputyId", String(f.deputiesA[2])],
          ],
        },
        {
          url: B,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "revoke-pass"],
            ["deputyId", String(f.deputiesA[0])],
          ],
        },
        {
          url: B,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "attendance"],
            ["deputyId", String(f.deputiesA[2])],
            ["status", "absent"],
          ],
        },
        {
          url: B,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "remove-candidate"],
            ["candidateId", String(f.spareCandidateA)],
          ],
          denyStatuses: [400, 409],
        },
        {
          url: B,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "prepare-round"],
            ["candidateIds[]", String(f.spareCandidateA)],
            ["places", "1"],
            ["form", "per-project"],
            ["secret", "recorded"],
            ["liveResults", "after-close"],
          ],
          denyStatuses: [400],
        },
        {
          url: B,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "prepare-rating"],
            ["candidateIds[]", String(f.spareCandidateA)],
            ["basis", "all"],
          ],
          denyStatuses: [400],
        },
      ],
    },
    "routes/console.sessions.$sessionId.passes": {
      get: [{ url: `${A}/passes`, expect: CLERK_OF_A }],
      post: [{ url: `${A}/passes`, expect: CLERK_OF_A, refused: [["scope", "all"]], probe: [["scope", "authz-probe"]] }],
    },
    "routes/console.sessions.$sessionId.rounds.$roundId": {
      get: [
        { url: `${A}/rounds/${f.roundA1}`, expect: CLERK_OF_A },
        { url: `${A}/rounds/${f.roundA2}`, expect: CLERK_OF_A },
        // The console layout's login check answers first for the logged-out.
        { url: `${B}/rounds/${f.roundA1}`, expect: NOBODY_OR_LOGIN },
      ],
      post: [
        {
          url: `${A}/rounds/${f.roundA2}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "void"],
            ["reason", "冒名作废"],
          ],
          probe,
        },
        {
          url: `${A}/rounds/${f.roundA2}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "close"],
            ["confirmed", "yes"],
          ],
          probe,
        },
        {
          url: `${B}/rounds/${f.roundA2}`,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "void"],
            ["reason", "冒名作废"],
          ],
        },
        {
          url: `${B}/rounds/${f.roundA2}`,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "close"],
            ["confirmed", "yes"],
          ],
        },
        // The chief teller's key card: only the township's clerk issues it, reads it back or counts with it.
        { url: `${A}/rounds/${f.roundA3}`, expect: CLERK_OF_A, refused: [["intent", "key-issue"]], probe },
        {
          url: `${A}/rounds/${f.roundA3}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "key-verify"],
            ["key", "2222-2222-2222-2222-2222-2222-2222"],
          ],
          probe,
        },
        {
          url: `${A}/rounds/${f.roundA3}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "count"],
            ["key", "2222-2222-2222-2222-2222-2222-2222"],
          ],
          probe,
        },
        { url: `${B}/rounds/${f.roundA3}`, expect: NOBODY_OR_LOGIN, refused: [["intent", "key-issue"]] },
      ],
    },
    "routes/console.sessions.$sessionId.rounds.$roundId_.papers": {
      get: [
        { url: `${A}/rounds/${f.roundA4}/papers`, expect: CLERK_OF_A },
        { url: `${B}/rounds/${f.roundA4}/papers`, expect: NOBODY_OR_LOGIN },
      ],
    },
    "routes/console.sessions.$sessionId.rounds.$roundId_.entry.$slot": {
      get: [
        { url: `${A}/rounds/${f.roundA4}/entry/1`, expect: CLERK_OF_A },
        { url: `${B}/rounds/${f.roundA4}/entry/1`, expect: NOBODY_OR_LOGIN },
      ],
      post: [
        {
          url: `${A}/rounds/${f.roundA4}/entry/1`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "start"],
            ["tellerId", String(f.deputiesA[0])],
          ],
          probe,
        },
      ],
    },
    "routes/console.sessions.$sessionId.rounds.$roundId_.totals": {
      get: [
        { url: `${A}/rounds/${f.roundA4}/totals`, expect: CLERK_OF_A },
        { url: `${B}/rounds/${f.roundA4}/totals`, expect: NOBODY_OR_LOGIN },
      ],
      post: [
        {
          url: `${A}/rounds/${f.roundA4}/totals`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "start"],
            ["tellerId", String(f.deputiesA[0])],
          ],
          probe,
        },
      ],
    },
    "routes/console.sessions.$sessionId.rounds.$roundId.roll[.]csv": {
      get: [
        { url: `${A}/rounds/${f.roundA1}/roll.csv`, expect: CLERK_OF_A },
        { url: `${B}/rounds/${f.roundA1}/roll.csv`, expect: NOBODY },
      ],
    },
    "routes/console.sessions.$sessionId.slate-template[.]csv": { get: [{ url: `${A}/slate-template.csv`, expect: CLERK_OF_A }] },
    "routes/console.sessions.$sessionId.slate-template[.]xlsx": { get: [{ url: `${A}/slate-template.xlsx`, expect: CLERK_OF_A }] },
    "routes/console.townships.$code": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}`, expect: CLERK_OF_A },
        { url: `/console/townships/${TOWNSHIP_B}`, expect: CLERK_OF_B },
      ],
      post: [
        {
          url: `/console/townships/${TOWNSHIP_A}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "add-deputies"],
            ["names", "冒名代表"],
          ],
          probe,
        },
        {
          url: `/console/townships/${TOWNSHIP_A}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "retire"],
            ["deputyId", String(f.deputiesA[3])],
          ],
          probe,
        },
        {
          url: `/console/townships/${TOWNSHIP_A}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "create-session"],
            ["title", "冒名会议"],
            ["meetingDate", "2026-02-01"],
            ["place", "别处"],
          ],
          probe,
        },
        // B's township page, A's deputy: not on B's roster.
        {
          url: `/console/townships/${TOWNSHIP_B}`,
          expect: NOBODY_OR_LOGIN,
          refused: [
            ["intent", "retire"],
            ["deputyId", String(f.deputiesA[3])],
          ],
        },
      ],
    },
    "routes/console.townships.$code_.campaign.$year": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}/campaign/2026`, expect: CLERK_OF_A },
        { url: `/console/townships/${TOWNSHIP_B}/campaign/2026`, expect: CLERK_OF_B },
        { url: `/console/townships/${TOWNSHIP_A}/campaign/1999`, expect: NOBODY_OR_LOGIN },
      ],
      post: [
        {
          url: `/console/townships/${TOWNSHIP_A}/campaign/2026`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "admit"],
            ["number", "1"],
          ],
          probe,
        },
        {
          url: `/console/townships/${TOWNSHIP_A}/campaign/2026`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "enter-proposal"],
            ["source", "government"],
            ["proposer", "冒名单位"],
            ["title", "冒名提出的建议项目"],
            ["place", "某村"],
            ["reason", "冒名提出的理由"],
          ],
          probe,
        },
        {
          url: `/console/townships/${TOWNSHIP_B}/campaign/2026`,
          expect: CLERK_OF_B,
          refused: [
            ["intent", "create-campaign"],
            ["title", "冒名征集活动"],
            ["callText", "冒名发布的征集公告内容"],
            ["opensOn", "2026-01-01"],
            ["closesOn", "2026-01-31"],
            ["channels[]", "online"],
          ],
          probe,
        },
      ],
    },
    "routes/console.townships.$code_.campaign.$year_.proposals.$number": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}/campaign/2026/proposals/2`, expect: CLERK_OF_A },
        { url: `/console/townships/${TOWNSHIP_A}/campaign/2026/proposals/99`, expect: NOBODY_OR_LOGIN },
      ],
      post: [
        {
          url: `/console/townships/${TOWNSHIP_A}/campaign/2026/proposals/2`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "decline"],
            ["reason", "duplicate"],
          ],
          probe,
        },
      ],
    },
    "routes/console.townships.$code_.campaign.$year_.links": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}/campaign/2026/links`, expect: CLERK_OF_A },
        { url: `/console/townships/${TOWNSHIP_B}/campaign/2026/links`, expect: NOBODY_OR_LOGIN },
      ],
      post: [{ url: `/console/townships/${TOWNSHIP_A}/campaign/2026/links`, expect: CLERK_OF_A, refused: [["intent", "issue"]], probe }],
    },
    "routes/console.townships.$code_.implementation.$year": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}/implementation/2026`, expect: CLERK_OF_A },
        { url: `/console/townships/${TOWNSHIP_B}/implementation/2026`, expect: CLERK_OF_B },
      ],
      post: [
        {
          url: `/console/townships/${TOWNSHIP_A}/implementation/2026`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "mid-year"],
            ["heardOn", "2026-07-01"],
            ["summary", "冒名的年中报告"],
          ],
          probe,
        },
      ],
    },
    "routes/console.townships.$code_.implementation.$year_.projects.$candidateId": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}/implementation/2026/projects/${f.candidatesA[0]}`, expect: CLERK_OF_A },
        // Not selected by a published vote: no such project to carry out.
        { url: `/console/townships/${TOWNSHIP_A}/implementation/2026/projects/${f.candidatesA[2]}`, expect: NOBODY_OR_LOGIN },
      ],
      post: [
        {
          url: `/console/townships/${TOWNSHIP_A}/implementation/2026/projects/${f.candidatesA[0]}`,
          expect: CLERK_OF_A,
          refused: [
            ["intent", "plan"],
            ["responsibleUnit", "冒名单位"],
            ["budget", "100"],
            ["plannedStart", "2026-02-01"],
            ["plannedCompletion", "2026-12-01"],
            ["kind[]", "approval"],
            ["name[]", ""],
            ["plannedOn[]", "2026-02-01"],
          ],
          probe,
        },
      ],
    },
    "routes/progress.$code.$year": {
      get: [
        { url: `/progress/${TOWNSHIP_A}/2026`, expect: EVERYONE },
        { url: `/progress/${TOWNSHIP_B}/2026`, expect: EVERYONE },
      ],
    },
    "routes/campaigns.$code.$year": {
      get: [
        { url: `/campaigns/${TOWNSHIP_A}/2026`, expect: EVERYONE },
        { url: `/campaigns/${TOWNSHIP_B}/2026`, expect: NOBODY },
      ],
    },
    "routes/campaigns.$code.$year_.propose": {
      get: [{ url: `/campaigns/${TOWNSHIP_A}/2026/propose`, expect: EVERYONE }],
      // Open to everybody: an empty post reaches the form's validation.
      post: [{ url: `/campaigns/${TOWNSHIP_A}/2026/propose`, expect: EVERYONE, refused: [], probe: [] }],
    },
    "routes/campaigns.$code.$year_.poster": { get: [{ url: `/campaigns/${TOWNSHIP_A}/2026/poster`, expect: EVERYONE }] },
    "routes/console.townships.$code.roster-template[.]csv": {
      get: [
        { url: `/console/townships/${TOWNSHIP_A}/roster-template.csv`, expect: CLERK_OF_A },
        { url: `/console/townships/${TOWNSHIP_B}/roster-template.csv`, expect: CLERK_OF_B },
      ],
    },
    "routes/console.townships.$code.roster-template[.]xlsx": { get: [{ url: `/console/townships/${TOWNSHIP_A}/roster-template.xlsx`, expect: CLERK_OF_A }] },
    "routes/coverage": {
      get: [
        { url: "/coverage", expect: EVERYONE },
        { url: "/coverage?year=2026", expect: EVERYONE },
      ],
    },
    "routes/login": {
      get: [{ url: "/login", expect: EVERYONE }],
      post: [
        {
          url: "/login",
          expect: EVERYONE,
          refused: [],
          probe: [
            ["username", ""],
            ["password", ""],
          ],
        },
      ],
    },
    "routes/logout": {
      get: [{ url: "/logout", expect: EVERYONE }],
      post: [{ url: "/logout", expect: EVERYONE, refused: [], probe: [] }],
      postLast: true,
    },
    "routes/monitor._index": {
      get: [{ url: "/monitor", expect: expectations("allow", { public: "login", deputyA: "login", deputyB: "login", clerkA: "deny", clerkB: "deny" }) }],
    },
    "routes/monitor.$code._index": {
      get: [
        { url: `/monitor/${COUNTY_A}`, expect: MONITOR_OF_A },
        { url: `/monitor/${COUNTY_A}?year=2026&sort=name&dir=desc`, expect: MONITOR_OF_A },
        // A county's monitor does not see its city, nor the province; another city's monitor sees its own.
        { url: "/monitor/4301", expect: { ...MONITOR_OF_A, monitorA: "deny" } },
        { url: "/monitor/43", expect: { ...MONITOR_OF_A, monitorA: "deny" } },
        { url: `/monitor/${OTHER_CITY}`, expect: { ...MONITOR_OF_A, monitorA: "deny", monitorX: "allow" } },
        { url: "/monitor/430281", expect: { ...MONITOR_OF_A, monitorA: "deny", monitorX: "allow" } },
      ],
    },
    "routes/monitor.$code.export[.]csv": {
      get: [
        { url: `/monitor/${COUNTY_A}/export.csv?table=townships`, expect: MONITOR_OF_A },
        { url: "/monitor/43/export.csv?table=children", expect: { ...MONITOR_OF_A, monitorA: "deny" } },
      ],
    },
    "routes/monitor.$code.export[.]xlsx": {
      get: [
        { url: `/monitor/${COUNTY_A}/export.xlsx`, expect: MONITOR_OF_A },
        { url: `/monitor/${OTHER_CITY}/export.xlsx`, expect: { ...MONITOR_OF_A, monitorA: "deny", monitorX: "allow" } },
      ],
    },
    "routes/monitor.$code.report": {
      get: [
        { url: `/monitor/${COUNTY_A}/report`, expect: MONITOR_OF_A },
        { url: "/monitor/4301/report", expect: { ...MONITOR_OF_A, monitorA: "deny" } },
      ],
    },
    "routes/notices._index": { get: [{ url: "/notices", expect: EVERYONE }] },
    "routes/notices.$sessionId.$noticeNo": {
      get: [
        { url: `/notices/${f.sessionA}/1`, expect: EVERYONE },
        // No notice 2 (round 2 is still open), and B has published nothing.
        { url: `/notices/${f.sessionA}/2`, expect: NOBODY },
        { url: `/notices/${f.sessionB}/1`, expect: NOBODY },
      ],
    },
    "routes/notices.$sessionId.$noticeNo[.]csv": {
      get: [
        { url: `/notices/${f.sessionA}/1.csv`, expect: EVERYONE },
        { url: `/notices/${f.sessionA}/2.csv`, expect: NOBODY },
      ],
    },
    "routes/receipts": {
      get: [
        { url: "/receipts", expect: EVERYONE },
        { url: `/receipts?code=${f.receiptA1}`, expect: EVERYONE },
        // A ballot of a round not yet published is not confirmed to anyone.
        { url: `/receipts?code=${f.receiptA2}`, expect: NOBODY },
      ],
    },
    "routes/screen.$sessionId": {
      get: [
        { url: `/screen/${f.sessionA}`, expect: SCREEN_OF_A },
        { url: `/screen/${f.sessionB}`, expect: { ...SCREEN_OF_A, clerkA: "deny", clerkB: "allow" } },
        // The display link: anyone holding it gets the screen (a redirect that keeps the key in a cookie).
        { url: `/screen/${f.sessionA}?key=${f.displayKeyA}`, expect: EVERYONE },
        { url: `/screen/${f.sessionB}?key=${f.displayKeyA}`, expect: NOBODY },
        { url: `/screen/${f.sessionA}?key=not-the-key`, expect: NOBODY },
      ],
    },
    "routes/search": {
      get: [
        { url: "/search?q=%E9%BB%84%E5%85%B4", expect: EVERYONE },
        { url: `/search?q=${TOWNSHIP_A}`, expect: EVERYONE },
      ],
    },
    "routes/townships.$code": { get: [{ url: `/townships/${TOWNSHIP_A}`, expect: EVERYONE }] },
    "routes/vote._index": {
      get: [{ url: "/vote", expect: EVERYONE }],
      post: [{ url: "/vote", expect: EVERYONE, refused: [], probe: [["code", ""]] }],
    },
    "routes/vote.ballot": {
      deputyPage: true,
      get: [{ url: "/vote/ballot", expect: DEPUTIES }],
      post: [
        {
          url: "/vote/ballot",
          expect: DEPUTY_A,
          // Deputy B (signed in to session B) casting in A's round: refused (the round is not B's).
          refused: [["intent", "confirm"], ...ballotOfA2],
          probe: [["intent", "review"], ...ballotOfA2],
          denyStatuses: [409],
        },
        { url: "/vote/ballot", expect: DEPUTIES, refused: [["intent", "checkin"]], probe: [["intent", "authz-probe"]] },
        // 总监票人确认 from a tablet: A's round 2 is still open, and nobody else's chief teller may confirm it.
        {
          url: "/vote/ballot",
          expect: NOBODY,
          refused: [
            ["intent", "confirm-tally"],
            ["roundId", String(f.roundA2)],
            ["checked", "yes"],
          ],
          denyStatuses: [409],
        },
      ],
    },
    "routes/vote.receipt": {
      deputyPage: true,
      get: [
        { url: f.receiptUrlA2, expect: DEPUTY_A },
        { url: `/vote/receipt?round=${f.roundB1}&r=${encodeURIComponent(f.receiptA2)}`, expect: NOBODY },
        // Deputy A cast no ballot in round 1: nothing to show.
        { url: `/vote/receipt?round=${f.roundA1}`, expect: NOBODY },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes

function outcomeOf(answer: Answer, options: { deputyPage?: boolean; denyStatuses?: number[]; post?: boolean }): string {
  const { status, location } = answer;
  if (status >= 300 && status < 400) {
    if (location?.startsWith("/login")) return "login";
    if (options.deputyPage && (location === "/vote" || location?.startsWith("/vote?"))) return "deny";
    return "allow";
  }
  if (status === 403 || status === 404 || options.denyStatuses?.includes(status)) return "deny";
  if (status >= 200 && status < 300) return "allow";
  // A post that reached the action and was answered by its validation (the probes) is not a refusal.
  if (options.post && (status === 400 || status === 409)) return "allow";
  return `status ${status}`;
}

// ---------------------------------------------------------------------------------------------
// Fixtures and the server

let server: RunningServer;
let fixtures: Fixtures;
const cookies = {} as Record<Role, string>;
let build: ServerBuild;

async function createFixtures(): Promise<Fixtures> {
  const A = await sessionWithDeputies(5);
  const B = await sessionWithDeputies(3);
  await checkIn(A.sessionId, A.deputyIds);
  await checkIn(B.sessionId, B.deputyIds);
  await chooseTellers(clerk, A.sessionId, A.deputyIds[0]!, [A.deputyIds[1]!]);

  // Round 1 of A: four ballots, closed, confirmed, published as notice 1.
  const { roundId: roundA1, candidateIds } = await slateAndRound(A.sessionId, 3, { places: 2 });
  await openRound(clerk, A.sessionId, roundA1);
  const receipts: string[] = [];
  for (const deputyId of A.deputyIds.slice(0, 4)) {
    const pass = await tablet(A.sessionId, deputyId);
    const choices = { [candidateIds[0]!]: "yes", [candidateIds[1]!]: "yes", [candidateIds[2]!]: "no" } as const;
    receipts.push((await castBallot(pass, "fixture", { roundId: roundA1, ballotKey: newBallotKey(), choices })).receipt);
  }
  await closeRound(clerk, A.sessionId, roundA1);
  await confirmRound(await tablet(A.sessionId, A.deputyIds[0]!), "fixture", roundA1);
  expect(await publishRound(clerk, A.sessionId, roundA1)).toBe(1);

  // Round 2 of A: open. A spare project on A's slate, in no round.
  const roundA2 = await prepareRound(clerk, A.sessionId, { candidateIds, places: 2, form: "per-project", secret: false, liveResults: false });
  await openRound(clerk, A.sessionId, roundA2);
  await addCandidates(clerk, A.sessionId, [candidateInput(9)], "form");
  const spare = (await query<{ id: number }>('SELECT id FROM "Candidate" WHERE "sessionId" = ? ORDER BY id DESC LIMIT 1', A.sessionId))[0]!.id;

  const roundA3 = await prepareRound(clerk, A.sessionId, { candidateIds, places: 2, form: "per-project", secret: true, liveResults: false });
  // A paper round of A, prepared: its ballot papers and its entry screens.
  const roundA4 = await prepareRound(clerk, A.sessionId, { candidateIds, places: 2, form: "per-project", secret: true, liveResults: false, medium: "paper" });

  // A's collection of proposals, open: one from the public awaiting moderation, one from a deputy awaiting screening.
  const campaignA = await createCampaign(clerk, A.townshipId, 2026, {
    title: "黄兴镇2026年民生实事项目征集",
    callText: "面向全镇公开征集民生实事项目建议。",
    opensOn: isoDay(new Date(Date.now() - 10 * 86_400_000)),
    closesOn: isoDay(new Date(Date.now() + 10 * 86_400_000)),
    channels: ["online"],
  });
  const proposal = { place: "某村", reason: "群众反映强烈的理由", cost: undefined, village: null, contact: null };
  await submitProposal({ device: "10.9.9.9 fixture" }, campaignA, { ...proposal, title: "群众提出的建议项目", website: undefined });
  await enterProposal(clerk, campaignA, { ...proposal, title: "代表提出的建议项目", source: "deputy", deputyId: A.deputyIds[0]!, proposer: null });

  const { roundId: roundB1 } = await slateAndRound(B.sessionId, 2, { places: 1 });
  await openRound(clerk, B.sessionId, roundB1);

  const account = (username: string, role: "admin" | "monitor" | "clerk", extra: { townshipCode?: string; areaCode?: string } = {}) =>
    createAccount({ username, displayName: username, password: PASSWORD, role, ...extra });
  await account("authz-admin", "admin");
  await account("authz-clerk-a", "clerk", { townshipCode: TOWNSHIP_A });
  await account("authz-clerk-b", "clerk", { townshipCode: TOWNSHIP_B });
  await account("authz-monitor-a", "monitor", { areaCode: COUNTY_A });
  await account("authz-monitor-x", "monitor", { areaCode: OTHER_CITY });

  return {
    sessionA: A.sessionId,
    sessionB: B.sessionId,
    townshipIdB: B.townshipId,
    roundA1,
    roundA2,
    roundB1,
    roundA3,
    roundA4,
    deputiesA: A.deputyIds,
    candidatesA: candidateIds,
    spareCandidateA: spare,
    receiptA1: receipts[0]!,
    receiptA2: "",
    receiptUrlA2: "",
    displayKeyA: await openDisplayLink(clerk, A.sessionId),
  };
}

async function staffCookies(base: string) {
  const staff: Array<[Role, string]> = [
    ["admin", "authz-admin"],
    ["clerkA", "authz-clerk-a"],
    ["clerkB", "authz-clerk-b"],
    ["monitorA", "authz-monitor-a"],
    ["monitorX", "authz-monitor-x"],
  ];
  await Promise.all(staff.map(async ([role, username]) => (cookies[role] = await logInStaff(base, username, PASSWORD))));
}

beforeAll(async () => {
  build = (await import(/* @vite-ignore */ path.resolve(import.meta.dirname, "../../build/server/index.js"))) as ServerBuild;
  fixtures = await createFixtures();
  server = await startTestServer();
  const base = server.url;
  await staffCookies(base);
  cookies.public = "";

  // Tablets signed in over HTTP with one-time codes; deputy A votes in round 2 over HTTP too.
  const [codeA] = await issueSignInCodes(clerk, fixtures.sessionA, [fixtures.deputiesA[4]!]);
  const sessionBDeputy = (
    await query<{ deputyId: number }>('SELECT "deputyId" FROM "Attendance" WHERE "sessionId" = ? ORDER BY "seatNo" LIMIT 1', fixtures.sessionB)
  )[0]!.deputyId;
  const [codeB] = await issueSignInCodes(clerk, fixtures.sessionB, [sessionBDeputy]);
  cookies.deputyA = await signInTablet(base, codeA!);
  cookies.deputyB = await signInTablet(base, codeB!);
  const cast = await post(base, "/vote/ballot", {
    cookie: cookies.deputyA,
    fields: [
      ["intent", "confirm"],
      ["roundId", String(fixtures.roundA2)],
      ["ballotKey", newBallotKey()],
      ...fixtures.candidatesA.map((id): [string, string] => [`choice.${id}`, "no"]),
    ],
  });
  expect(cast.status, cast.body.slice(0, 300)).toBe(302);
  expect(cast.location).toMatch(/^\/vote\/receipt\?round=\d+&r=/);
  fixtures.receiptUrlA2 = cast.location!;
  fixtures.receiptA2 = decodeURIComponent(new URL(cast.location!, base).searchParams.get("r")!);
});

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

// ---------------------------------------------------------------------------------------------

/** The two big matrices took about 13 s each on SQLite here, 24 s and 30 s on PostgreSQL (beside another test file). */
const MATRIX_TIMEOUT_MS = 120_000;

describe("the authorisation matrix", () => {
  it("has an entry for every route of the build, and every entry is a route", () => {
    const fromFiles = readdirSync(path.resolve(import.meta.dirname, "../../app/routes"))
      .filter((name) => /\.tsx?$/.test(name) && !/\.(test|bench)\.tsx?$/.test(name))
      .map((name) => `routes/${name.replace(/\.tsx?$/, "")}`)
      .sort();
    const fromBuild = Object.keys(build.routes)
      .filter((id) => id !== "root")
      .sort();
    expect(fromBuild, "the build is stale: run `npm run build`").toEqual(fromFiles);

    const table = routeTable(fixtures);
    const ids = Object.keys(build.routes).sort();
    expect(
      ids.filter((id) => !(id in table)),
      "routes without an entry in the authorisation table",
    ).toEqual([]);
    expect(
      Object.keys(table).filter((id) => !ids.includes(id)),
      "table entries that are not routes",
    ).toEqual([]);
    const withAction = ids.filter((id) => build.routes[id]!.module.action);
    expect(
      withAction.filter((id) => !table[id]!.post?.length),
      "routes with an action but no post cases",
    ).toEqual([]);
    expect(
      ids.filter((id) => !build.routes[id]!.module.action && table[id]!.post),
      "post cases for routes without an action",
    ).toEqual([]);
  });

  it(
    "answers every GET of every route as the table says, for every role, and changes nothing",
    async () => {
      const table = routeTable(fixtures);
      const cases = Object.entries(table).flatMap(([id, entry]) => entry.get.flatMap((getCase) => ROLES.map((role) => ({ id, entry, getCase, role }))));
      const before = await databaseDigest();
      const failures: string[] = [];
      await mapLimit(cases, 8, async ({ id, entry, getCase, role }) => {
        const answer = await get(server.url, getCase.url, { cookie: cookies[role] });
        const outcome = outcomeOf(answer, { deputyPage: entry.deputyPage, denyStatuses: getCase.denyStatuses });
        if (outcome !== getCase.expect[role]) {
          failures.push(
            `GET ${getCase.url} as ${role}: expected ${getCase.expect[role]}, got ${outcome} (${answer.status}${answer.location ? ` → ${answer.location}` : ""}) [${id}]`,
          );
        }
      });
      const after = await databaseDigest();
      console.log(`authorisation matrix: ${cases.length} GET route × role cases`);
      getCount = cases.length;
      expect(failures).toEqual([]);
      expect(changedTables(before, after), "GET requests changed the database").toEqual([]);
      expect(cases.length).toBeGreaterThan(300);
    },
    MATRIX_TIMEOUT_MS,
  );

  it(
    "refuses every action to the roles the table refuses, with the database unchanged; allowed roles reach the action",
    async () => {
      const table = routeTable(fixtures);
      const cases = Object.entries(table)
        .filter(([, entry]) => !entry.postLast)
        .flatMap(([id, entry]) => (entry.post ?? []).flatMap((postCase) => ROLES.map((role) => ({ id, entry, postCase, role }))));
      const failures: string[] = [];
      let before = await databaseDigest();
      for (const { id, entry, postCase, role } of cases) {
        const expected = postCase.expect[role];
        const fields = expected === "allow" ? (postCase.probe ?? []) : postCase.refused;
        const answer = await post(server.url, postCase.url, { cookie: cookies[role], fields });
        const outcome = outcomeOf(answer, { deputyPage: entry.deputyPage, denyStatuses: postCase.denyStatuses, post: true });
        const label = `POST ${postCase.url} ${fields.find(([name]) => name === "intent")?.[1] ?? ""} as ${role} [${id}]`;
        if (outcome !== expected)
          failures.push(`${label}: expected ${expected}, got ${outcome} (${answer.status}${answer.location ? ` → ${answer.location}` : ""})`);
        const after = await databaseDigest();
        const changed = changedTables(before, after);
        if (expected !== "allow" && changed.length) failures.push(`${label}: refused, but changed ${changed.join(", ")}`);
        if (expected === "allow" && changed.length && postCase.probe?.length) failures.push(`${label}: the probe changed ${changed.join(", ")}`);
        before = after;
      }
      console.log(`authorisation matrix: ${cases.length} POST route × role cases`);
      postCount = cases.length;
      expect(failures).toEqual([]);
    },
    MATRIX_TIMEOUT_MS,
  );

  it("answers a post to a route without an action with 405, and changes nothing", async () => {
    const table = routeTable(fixtures);
    // Who asks makes no difference here (and each 405 is logged by Remix): three roles suffice.
    const cases = Object.entries(table)
      .filter(([id]) => id !== "root" && !build.routes[id]!.module.action)
      .flatMap(([id, entry]) => (["public", "deputyA", "admin"] as const).map((role) => ({ id, url: entry.get[0]!.url, role })));
    const before = await databaseDigest();
    const failures: string[] = [];
    await mapLimit(cases, 8, async ({ id, url, role }) => {
      const answer = await post(server.url, url, { cookie: cookies[role], fields: [["intent", "close"]] });
      if (answer.status !== 405) failures.push(`POST ${url} as ${role}: ${answer.status} [${id}]`);
    });
    expect(failures).toEqual([]);
    expect(changedTables(before, await databaseDigest())).toEqual([]);
    noActionCount = cases.length;
  });

  it("lets only the session's tablets, its clerk, the administrator and its display link follow it live", async () => {
    // GET /sessions/:id/events is answered by the server itself (not a Remix route): its own table.
    const stream = (session: "A" | "B") => `/sessions/${session === "A" ? fixtures.sessionA : fixtures.sessionB}/events`;
    const display = new CookieJar()
      .absorb(await fetch(`${server.url}/screen/${fixtures.sessionA}?key=${fixtures.displayKeyA}`, { redirect: "manual" }))
      .header();
    expect(display).toMatch(/^display=/);
    const who: Record<Role | "display", string> = { ...cookies, display };
    // 200: a stream; 401: no credential; 403: a credential, not for this session.
    const expected: Record<Role | "display", { A: number; B: number }> = {
      public: { A: 401, B: 401 },
      deputyA: { A: 200, B: 403 },
      deputyB: { A: 403, B: 200 },
      clerkA: { A: 200, B: 403 },
      clerkB: { A: 403, B: 200 },
      monitorA: { A: 403, B: 403 },
      monitorX: { A: 403, B: 403 },
      admin: { A: 200, B: 200 },
      // A display link opens its own session's screen only; for another session it is no credential.
      display: { A: 200, B: 401 },
    };
    const failures: string[] = [];
    for (const [role, bySession] of Object.entries(expected) as Array<[Role | "display", { A: number; B: number }]>) {
      for (const session of ["A", "B"] as const) {
        const answer = await openLiveStream(server.url, stream(session), who[role]);
        if (answer.status !== bySession[session]) failures.push(`${role} on session ${session}: expected ${bySession[session]}, got ${answer.status}`);
        if (answer.status === 200) {
          const snapshot = JSON.parse((await answer.next("snapshot")).data) as { sessionId: number };
          if (snapshot.sessionId !== (session === "A" ? fixtures.sessionA : fixtures.sessionB))
            failures.push(`${role} on session ${session}: another session's snapshot`);
        } else if (!CJK.test(answer.body)) failures.push(`${role} on session ${session}: ${answer.status} without a Chinese message`);
        answer.destroy();
      }
    }
    // Without the link, the screen shows nothing of the session's rounds, only where the notices are.
    const screen = await get(server.url, `/screen/${fixtures.sessionA}`);
    expect(screen.status).toBe(403);
    expect(hasChineseMessage(screen)).toBe(true);
    expect(screen.body).not.toContain("第1号民生实事项目");
    // A session that does not exist is not found, for those who could follow one.
    expect((await openLiveStream(server.url, "/sessions/999999/events", cookies.admin)).status).toBe(404);
    expect(failures).toEqual([]);
  });

  it("lets nobody lock a staff account: wrong passwords from one address never refuse the right one from another", async () => {
    const attacker = "127.0.0.21";
    const wrong = [];
    for (let i = 0; i < 12; i++)
      wrong.push(
        await post(server.url, "/login", {
          fields: [
            ["username", "authz-admin"],
            ["password", `wrong-password-${i}`],
          ],
          from: attacker,
        }),
      );
    expect(wrong.slice(0, 5).map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
    // The attacker's own address must wait before each further try.
    expect(
      wrong.slice(5).every((answer) => answer.status === 429 && hasChineseMessage(answer)),
      wrong.map((a) => a.status).join(" "),
    ).toBe(true);
    const login = await post(server.url, "/login", {
      fields: [
        ["username", "authz-admin"],
        ["password", PASSWORD],
      ],
      from: "127.0.0.22",
    });
    expect(login.status, `${login.status} ${refusalMessage(login)}`).toBe(302);
    expect(login.headers.getSetCookie().some((cookie) => cookie.startsWith("staff="))).toBe(true);
  });

  it("answers an unknown username exactly as a known one, wrong password after wrong password", async () => {
    const from = "127.0.0.23";
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i < 8; i++) {
      known.push(
        await post(server.url, "/login", {
          fields: [
            ["username", "authz-clerk-b"],
            ["password", `wrong-password-${i}`],
          ],
          from,
        }),
      );
      unknown.push(
        await post(server.url, "/login", {
          fields: [
            ["username", "authz-nobody"],
            ["password", `wrong-password-${i}`],
          ],
          from,
        }),
      );
    }
    const shape = (answer: Answer) => `${answer.status} ${refusalMessage(answer)}`;
    expect(unknown.map(shape)).toEqual(known.map(shape));
    expect(known.map((answer) => answer.status)).toContain(429);
  });

  it("logs out any role (last: it revokes the staff logins)", async () => {
    const table = routeTable(fixtures);
    const cases = Object.entries(table)
      .filter(([, entry]) => entry.postLast)
      .flatMap(([id, entry]) => (entry.post ?? []).flatMap((postCase) => ROLES.map((role) => ({ id, postCase, role }))));
    for (const { postCase, role } of cases) {
      const answer = await post(server.url, postCase.url, { cookie: cookies[role], fields: postCase.probe ?? [] });
      expect(outcomeOf(answer, { post: true }), `POST ${postCase.url} as ${role}`).toBe(postCase.expect[role]);
      expect(answer.location).toBe("/");
    }
    // The staff cookie no longer opens the console.
    const after = await get(server.url, "/console", { cookie: cookies.admin });
    expect(after.location).toMatch(/^\/login/);
    postCount += cases.length;
    const total = getCount + postCount + noActionCount;
    console.log(`authorisation matrix: ${total} route × role cases (${getCount} GET, ${postCount} POST, ${noActionCount} POST to routes without an action)`);
    expect(total).toBeGreaterThan(600);
  });
});

let getCount = 0;
let postCount = 0;
let noActionCount = 0;
