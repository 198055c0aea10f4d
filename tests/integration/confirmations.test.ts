/**
 * Issue 12, defect 3: the steps that cannot be undone — 截止投票, 发布公告, 重新制发密钥卡 and the
 * tablet's 更换代表 — are taken only from their confirmation step, whose form alone carries
 * confirmed=yes. A bare one-click post of each (a stale page, a double tap, a hand-made request) is
 * answered in Chinese, changes nothing but the audit log's refusal, and the same post with the
 * confirmation then does the step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleMessages as c } from "~/messages/console";
import { tabletMessages as tablet } from "~/messages/tablet";
import { chooseTellers, closeRound, confirmRound, issueRoundKey, openRound, prepareRound } from "~/services/congress-session.server";
import { createAccount } from "~/services/accounts.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot, issueSignInCodes } from "~/services/voting.server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound, tablet as tabletPass } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { changedTables, closeReadOnlyDb, databaseDigest, get, logInStaff, post, query, refusalMessage, signInTablet, type Fields } from "./helpers";

const PASSWORD = "confirm-password-123";
const TOWNSHIP = "430121102"; // the factory's first township

let server: RunningServer;
let staff = "";
let deputy = "";
let H: { sessionId: number; chiefId: number; roundOpen: number; roundConfirmed: number; roundKeyed: number };

beforeAll(async () => {
  const session = await sessionWithDeputies(5);
  await checkIn(session.sessionId, session.deputyIds);
  const chiefId = session.deputyIds[0]!;
  await chooseTellers(clerk, session.sessionId, chiefId, [session.deputyIds[1]!]);
  const { roundId: roundConfirmed, candidateIds } = await slateAndRound(session.sessionId, 3, { places: 2 });
  await openRound(clerk, session.sessionId, roundConfirmed);
  for (const deputyId of session.deputyIds) {
    const choices = { [candidateIds[0]!]: "yes", [candidateIds[1]!]: "yes", [candidateIds[2]!]: "no" } as const;
    await castBallot(await tabletPass(session.sessionId, deputyId), "vitest", { roundId: roundConfirmed, ballotKey: newBallotKey(), choices });
  }
  await closeRound(clerk, session.sessionId, roundConfirmed);
  await confirmRound({ sessionId: session.sessionId, deputyId: chiefId }, "vitest", roundConfirmed);
  const roundOpen = await prepareRound(clerk, session.sessionId, { candidateIds, places: 1, form: "per-project", secret: false, liveResults: false });
  await openRound(clerk, session.sessionId, roundOpen);
  const roundKeyed = await prepareRound(clerk, session.sessionId, { candidateIds, places: 1, form: "per-project", secret: true, liveResults: false });
  await issueRoundKey(clerk, session.sessionId, roundKeyed);
  H = { sessionId: session.sessionId, chiefId, roundOpen, roundConfirmed, roundKeyed };

  await createAccount({ username: "confirm-clerk", displayName: "会务文书", password: PASSWORD, role: "clerk", townshipCode: TOWNSHIP });
  server = await startTestServer();
  staff = await logInStaff(server.url, "confirm-clerk", PASSWORD);
  const [code] = await issueSignInCodes(clerk, session.sessionId, [session.deputyIds[2]!]);
  deputy = await signInTablet(server.url, code!);
});

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

const roundUrl = (roundId: number) => `/console/sessions/${H.sessionId}/rounds/${roundId}`;
const statusOf = async (roundId: number) => (await query<{ status: string }>('SELECT status FROM "Round" WHERE id = ?', roundId))[0]!.status;
const refusals = async (action: string) =>
  (await query<{ n: number }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = ? AND outcome = 'refused'`, action))[0]!.n;

/** Posts without the confirmation (and with a wrong one): refused in Chinese, nothing changed but the refusal logged. */
async function refusedUnconfirmed(path: string, cookie: string, fields: Fields, message: string, action?: string) {
  for (const confirmation of [[], [["confirmed", "no"]], [["confirmed", ""]]] as Fields[]) {
    const before = await databaseDigest();
    const logged = action ? await refusals(action) : 0;
    const answer = await post(server.url, path, { cookie, fields: [...fields, ...confirmation] });
    expect(answer.status, answer.body.slice(0, 300)).toBe(400);
    expect(refusalMessage(answer)).toBe(message);
    expect(changedTables(before, await databaseDigest())).toEqual([]);
    if (action) expect(await refusals(action)).toBe(logged + 1);
  }
}

describe("irreversible steps without their confirmation", () => {
  it("截止投票: a bare post leaves the round open; confirmed, it closes", async () => {
    await refusedUnconfirmed(roundUrl(H.roundOpen), staff, [["intent", "close"]], c.confirmations.unconfirmed.close, "round.close");
    expect(await statusOf(H.roundOpen)).toBe("open");
    const answer = await post(server.url, roundUrl(H.roundOpen), {
      cookie: staff,
      fields: [
        ["intent", "close"],
        ["confirmed", "yes"],
      ],
    });
    expect(answer.status).toBe(200);
    expect(await statusOf(H.roundOpen)).toBe("closed");
  });

  it("发布公告: a bare post publishes nothing; confirmed, it publishes as chosen (only the selected projects)", async () => {
    await refusedUnconfirmed(
      roundUrl(H.roundConfirmed),
      staff,
      [
        ["intent", "publish"],
        ["noticeVotes", "list"],
      ],
      c.confirmations.unconfirmed.publish,
      "round.publish",
    );
    expect(await statusOf(H.roundConfirmed)).toBe("confirmed");
    const answer = await post(server.url, roundUrl(H.roundConfirmed), {
      cookie: staff,
      fields: [
        ["intent", "publish"],
        ["confirmed", "yes"],
        ["noticeVotes", "list"],
      ],
    });
    expect(answer.status).toBe(200);
    expect(await query('SELECT status, "noticeNo", "noticeShowsVotes" FROM "Round" WHERE id = ?', H.roundConfirmed)).toEqual([
      { status: "published", noticeNo: 1, noticeShowsVotes: 0 },
    ]);
    const notice = await get(server.url, `/notices/${H.sessionId}/1`);
    expect(notice.body).not.toContain("各项目得票情况");
    expect(notice.body).toContain("当选的民生实事项目");
    // The votes stay on record: the notice's CSV lists them.
    expect((await get(server.url, `/notices/${H.sessionId}/1.csv`)).body).toMatch(/\n1,第1号民生实事项目,5,0,0,0,/);
  });

  it("重新制发密钥卡: a bare post keeps the card already printed; confirmed, a new one replaces it", async () => {
    const key = async () => (await query<{ sealKey: string }>('SELECT "sealKey" FROM "Round" WHERE id = ?', H.roundKeyed))[0]!.sealKey;
    const printed = await key();
    await refusedUnconfirmed(roundUrl(H.roundKeyed), staff, [["intent", "key-issue"]], c.confirmations.unconfirmed["key-issue"], "round.key-issue");
    expect(await key()).toBe(printed);
    const answer = await post(server.url, roundUrl(H.roundKeyed), {
      cookie: staff,
      fields: [
        ["intent", "key-issue"],
        ["confirmed", "yes"],
      ],
    });
    expect(answer.status).toBe(200);
    expect(await key()).not.toBe(printed);
  });

  it("更换代表: a bare post leaves the deputy signed in; confirmed, the tablet is signed out", async () => {
    await refusedUnconfirmed("/vote/ballot", deputy, [["intent", "signout"]], tablet.switchDeputy.unconfirmed);
    expect((await get(server.url, "/vote/ballot", { cookie: deputy })).status).toBe(200);
    const answer = await post(server.url, "/vote/ballot", {
      cookie: deputy,
      fields: [
        ["intent", "signout"],
        ["confirmed", "yes"],
      ],
    });
    expect(answer.status).toBe(302);
    expect((await get(server.url, "/vote/ballot", { cookie: deputy })).location).toBe("/vote");
  });
});
