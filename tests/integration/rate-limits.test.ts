/**
 * Rate limits on a hall's network (issue 19): the tablets of a hall share one NAT address, so what
 * one device sends must not use up the budget of the others. Ballots and check-ins are limited per
 * tablet pass, a staff member's posts per login, sign-ins per code and per address for failures
 * only; what is limited per address is the junk no pass, login or valid code vouches for. The limits
 * hold however the path is spelled, and a flood of failed sign-ins cannot flood the audit log.
 *
 * The server runs with small limits so that a few hundred requests exhaust them. Other devices and
 * other networks are other loopback addresses (127.0.0.2 …): the server keys on the socket's address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRound } from "~/services/congress-session.server";
import { createAccount } from "~/services/accounts.server";
import { createCampaign } from "~/services/collection.server";
import { isoDay } from "~/utils/format";
import { newBallotKey } from "~/services/receipt.server";
import { issueSignInCodes } from "~/services/voting.server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { closeReadOnlyDb, hasChineseMessage, logInStaff, mapLimit, post, query, refusalMessage, signInTablet, type Answer, type Fields } from "./helpers";

const WRITES = 200;
const SIGN_INS = 50;
const TABLET_WRITES = 30;
const PROPOSALS = 30;
const PASSWORD = "limits-password-123";

let server: RunningServer;
let fixture: { sessionId: number; roundId: number; candidateIds: number[]; tablets: string[]; codes: string[]; clerkCookie: string };

beforeAll(async () => {
  const session = await sessionWithDeputies(6);
  await checkIn(session.sessionId, session.deputyIds.slice(0, 4));
  const { roundId, candidateIds } = await slateAndRound(session.sessionId, 3, { places: 2 });
  await openRound(clerk, session.sessionId, roundId);
  await createAccount({ username: "limits-clerk", displayName: "会务文书", password: PASSWORD, role: "clerk", townshipCode: "430121102" });
  await createCampaign(clerk, session.townshipId, 2026, {
    title: "黄兴镇2026年民生实事项目征集",
    callText: "面向全镇公开征集民生实事项目建议。",
    opensOn: isoDay(new Date(Date.now() - 5 * 86_400_000)),
    closesOn: isoDay(new Date(Date.now() + 25 * 86_400_000)),
    channels: ["online"],
  });
  server = await startTestServer({
    RATE_LIMIT_WRITES: String(WRITES),
    RATE_LIMIT_SIGNINS: String(SIGN_INS),
    RATE_LIMIT_TABLET_WRITES: String(TABLET_WRITES),
    RATE_LIMIT_PROPOSALS: String(PROPOSALS),
  });
  // Tablets 0–3 are signed in before the junk arrives (0–2 present, 3 present too); 4 and 5 get codes to use later.
  const codes = await issueSignInCodes(clerk, session.sessionId, session.deputyIds);
  const tablets = [];
  for (const code of codes.slice(0, 4)) tablets.push(await signInTablet(server.url, code));
  fixture = { sessionId: session.sessionId, roundId, candidateIds, tablets, codes, clerkCookie: await logInStaff(server.url, "limits-clerk", PASSWORD) };
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

const ballot = (key = newBallotKey()): Fields => [
  ["intent", "confirm"],
  ["roundId", String(fixture.roundId)],
  ["ballotKey", key],
  ...fixture.candidateIds.map((id): [string, string] => [`choice.${id}`, "yes"]),
];

/** Junk a device without a pass or login sends: posts to pages it may not use, and ballots without a tablet. */
async function junk(count: number, from?: string): Promise<Answer[]> {
  const targets = ["/console/townships/430121102", "/vote/ballot", "/console/admin/accounts", "/nowhere"];
  return mapLimit(
    Array.from({ length: count }, (_, i) => i),
    16,
    (i) =>
      post(server.url, targets[i % targets.length]!, {
        fields: [
          ["intent", "junk"],
          ["n", String(i)],
        ],
        from,
      }),
  );
}

/** A well-formed sign-in code that no card carries (the cards' codes are random; these start with a fixed prefix). */
function junkCode(prefix: string, i: number): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  let code = "";
  for (let n = i, k = 0; k < 8 - prefix.length; k++, n = Math.floor(n / 32)) code = alphabet[n % 32]! + code;
  return prefix + code;
}

const statuses = (answers: Answer[]) => answers.reduce<Record<number, number>>((count, a) => ({ ...count, [a.status]: (count[a.status] ?? 0) + 1 }), {});
const auditRows = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM "AuditEntry"'))[0]!.n;
const proposalRows = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM "Proposal"'))[0]!.n;

describe("a hall behind one address", () => {
  it("takes a real ballot, a check-in and a clerk's post from the address another device flooded with junk", async () => {
    const flood = await junk(WRITES + 100);
    // The junk itself is limited: the address's budget is spent.
    expect(statuses(flood)[429] ?? 0, JSON.stringify(statuses(flood))).toBeGreaterThan(0);

    const cast = await post(server.url, "/vote/ballot", { cookie: fixture.tablets[0]!, fields: ballot() });
    expect(cast.status, `${cast.status} ${refusalMessage(cast)}`).toBe(302);
    expect(cast.location).toMatch(/^\/vote\/receipt\?round=\d+&r=/);
    const checkin = await post(server.url, "/vote/ballot", { cookie: fixture.tablets[3]!, fields: [["intent", "checkin"]] });
    expect(checkin.status, `${checkin.status} ${refusalMessage(checkin)}`).toBe(302);
    const probe = await post(server.url, "/console/townships/430121102", { cookie: fixture.clerkCookie, fields: [["intent", "limits-probe"]] });
    expect(probe.status, `${probe.status} ${refusalMessage(probe)}`).not.toBe(429);
  });

  it("limits each tablet by its own pass, not by what the others send", async () => {
    const answers = await mapLimit(
      Array.from({ length: TABLET_WRITES + 10 }, (_, i) => i),
      8,
      () => post(server.url, "/vote/ballot", { cookie: fixture.tablets[1]!, fields: [["intent", "review"], ...ballot().slice(1)] }),
    );
    const counts = statuses(answers);
    expect(counts[429], JSON.stringify(counts)).toBe(10);
    expect(answers.filter((a) => a.status === 429).every(hasChineseMessage)).toBe(true);
    // Tablet 2 has its own budget.
    const cast = await post(server.url, "/vote/ballot", { cookie: fixture.tablets[2]!, fields: ballot() });
    expect(cast.status, `${cast.status} ${refusalMessage(cast)}`).toBe(302);
  });

  it("signs a real deputy in with a valid code after another device's junk and failed sign-ins from the same address", async () => {
    await junk(WRITES + 50);
    const failures = await mapLimit(
      Array.from({ length: SIGN_INS + 30 }, (_, i) => i),
      16,
      (i) => post(server.url, "/vote", { fields: [["code", junkCode("ZZZZ", i)]] }),
    );
    const counts = statuses(failures);
    expect(counts[403], JSON.stringify(counts)).toBe(SIGN_INS);
    expect(counts[429], JSON.stringify(counts)).toBe(30);
    expect(failures.every(hasChineseMessage)).toBe(true);

    const signIn = await post(server.url, "/vote", { fields: [["code", fixture.codes[4]!]] });
    expect(signIn.status, `${signIn.status} ${refusalMessage(signIn)}`).toBe(302);
    expect(signIn.location).toBe("/vote/ballot");
    expect(signIn.headers.getSetCookie().some((cookie) => cookie.startsWith("tablet="))).toBe(true);
  });

  it("limits the attempts with one code, wherever they come from", async () => {
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await post(server.url, "/vote", { fields: [["code", "ABCDEFGH"]], from: `127.0.0.${30 + i}` }));
    expect(answers.map((a) => a.status)).toEqual([...Array(10).fill(403), 429, 429]);
  });
});

describe("the limits hold however the path is spelled", () => {
  const VOTE = ["/vote", "/vote/", "/VOTE", "/%76ote", "/vote//", "/Vote?index", "/vote/.", "/x/../vote", "/vote/%2e"];
  const LOGIN = ["/login", "/login/", "/LOGIN", "/%6cogin", "/login//", "/Login?index", "/x/../login"];

  it("counts failed sign-ins to every spelling of /vote against one budget", async () => {
    const from = "127.0.0.3";
    // Each spelling reaches the sign-in action: an invalid code, explained.
    for (const path of VOTE) {
      const answer = await post(server.url, path, { fields: [["code", "ABCDEFGJ"]], from });
      expect(answer.status, path).toBe(403);
      expect(refusalMessage(answer), path).toContain("签到码无效");
    }
    const answers = await mapLimit(
      Array.from({ length: SIGN_INS + 20 }, (_, i) => i),
      8,
      (i) => post(server.url, VOTE[i % VOTE.length]!, { fields: [["code", junkCode("YYYY", i)]], from }),
    );
    const counts = statuses(answers);
    expect((counts[403] ?? 0) + VOTE.length, JSON.stringify(counts)).toBe(SIGN_INS);
    expect(counts[429], JSON.stringify(counts)).toBe(20 + VOTE.length);
  });

  it("counts failed logins to every spelling of /login against one budget", async () => {
    const from = "127.0.0.4";
    for (const path of LOGIN) {
      const answer = await post(server.url, path, {
        fields: [
          ["username", `nobody-${path}`],
          ["password", "wrong-password"],
        ],
        from,
      });
      expect(answer.status, path).toBe(401);
    }
    const answers = await mapLimit(
      Array.from({ length: SIGN_INS + 20 }, (_, i) => i),
      8,
      (i) =>
        post(server.url, LOGIN[i % LOGIN.length]!, {
          fields: [
            ["username", `sprayed-${i}`],
            ["password", "wrong-password"],
          ],
          from,
        }),
    );
    const counts = statuses(answers);
    expect((counts[401] ?? 0) + LOGIN.length, JSON.stringify(counts)).toBe(SIGN_INS);
    expect(counts[429], JSON.stringify(counts)).toBe(20 + LOGIN.length);
    expect(answers.every(hasChineseMessage)).toBe(true);
  });
});

describe("failed sign-ins in the audit log", () => {
  it("logs 1,200 failed sign-ins from 8 addresses as a handful of entries, not one each", async () => {
    const before = await auditRows();
    const addresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${11 + i}`);
    const answers = await mapLimit(
      Array.from({ length: 1200 }, (_, i) => i),
      32,
      (i) => post(server.url, "/vote", { fields: [["code", junkCode("XXXX", i)]], from: addresses[i % 8] }),
    );
    expect(answers.every((a) => a.status === 403 || a.status === 429)).toBe(true);
    const added = (await auditRows()) - before;
    // At most one entry per address and kind of refusal (invalid code, too many) in this minute; the
    // rest are counted and logged as one entry per address when the minute is over.
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(16);
  });
});

describe("a flood of proposals from one address (征集)", () => {
  it("stores RATE_LIMIT_PROPOSALS of 1,000 posts, logs a handful of refusals, and still takes a resident's proposal from another address", async () => {
    const before = { proposals: await proposalRows(), audit: await auditRows() };
    const form = `/campaigns/430121102/2026/propose`;
    const proposal = (i: number): Fields => [
      ["title", `第${i}条：修建通组公路`],
      ["place", `某村第${i}组`],
      ["reason", `第${i}条理由：出行不便。`],
    ];
    const answers = await mapLimit(
      Array.from({ length: 1000 }, (_, i) => i),
      16,
      (i) => post(server.url, form, { fields: proposal(i), from: "127.0.0.31" }),
    );
    const counts = statuses(answers);
    // Past the form's limit per hour, and past the general one per minute, the server answers 429 in front of Remix.
    expect(counts[200], JSON.stringify(counts)).toBe(PROPOSALS);
    expect(counts[429], JSON.stringify(counts)).toBe(1000 - PROPOSALS);
    expect(answers.filter((a) => a.status === 429).every(hasChineseMessage)).toBe(true);
    expect((await proposalRows()) - before.proposals).toBe(PROPOSALS);
    // One entry per stored proposal, and the refusals as one entry (counted, written when their minute ends).
    expect((await auditRows()) - before.audit).toBeLessThanOrEqual(PROPOSALS + 2);

    const resident = await post(server.url, form, { fields: proposal(5000), from: "127.0.0.32" });
    expect(resident.status).toBe(200);
    expect(resident.body).toContain("已收到您的建议");
  });
});
