/**
 * The tablet's cast (app/http/tablet-contract.ts) over HTTP, as the ballot page's script sends it:
 * every answer is the contract's JSON with a Chinese message; a refused cast is refused — and its
 * refusal recorded — once, by whichever way it came (the script's JSON or the page's form); what
 * is not a tablet's cast changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TabletCastAnswer } from "~/http/tablet-contract";
import { closeRound, openRound, prepareRound } from "~/services/congress-session.server";
import { issueSignInCodes } from "~/services/voting.server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { CJK, changedTables, closeReadOnlyDb, databaseDigest, post, query, signInTablet, type Answer } from "./helpers";

let server: RunningServer;
let F: { roundOpen: number; roundClosed: number; perProject: number[]; tablets: string[] };

beforeAll(async () => {
  const { sessionId, deputyIds } = await sessionWithDeputies(6);
  await checkIn(sessionId, deputyIds);
  const open = await slateAndRound(sessionId, 3, { places: 2 });
  const roundClosed = await prepareRound(clerk, sessionId, {
    candidateIds: open.candidateIds,
    places: 2,
    form: "per-project",
    secret: false,
    liveResults: false,
  });
  await openRound(clerk, sessionId, roundClosed);
  await closeRound(clerk, sessionId, roundClosed);
  await openRound(clerk, sessionId, open.roundId);
  server = await startTestServer();
  const codes = await issueSignInCodes(clerk, sessionId, deputyIds.slice(0, 5));
  const tablets = [];
  for (const code of codes) tablets.push(await signInTablet(server.url, code));
  F = { roundOpen: open.roundId, roundClosed, perProject: open.candidateIds, tablets };
});

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

function cast(cookie: string | undefined, body: unknown, options: { contentType?: string; origin?: string } = {}) {
  return post(server.url, "/vote/cast", {
    cookie,
    body: typeof body === "string" ? body : JSON.stringify(body),
    contentType: options.contentType ?? "application/json",
    origin: options.origin,
  });
}

function answerOf(response: Answer): TabletCastAnswer {
  expect(response.contentType).toMatch(/^application\/json/);
  return JSON.parse(response.body) as TabletCastAnswer;
}

const refusalsOf = async (roundId: number) =>
  (await query<{ n: number }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = 'ballot.cast' AND "roundId" = ? AND outcome = 'refused'`, roundId))[0]!.n;

describe("the tablet's cast by its JSON contract", () => {
  it("casts a ballot and answers its receipt; a retry with the same key answers the same receipt", async () => {
    const ballot = { roundId: F.roundOpen, ballotKey: "tablet-cast-key-000000001", choices: { [F.perProject[0]!]: "yes", [F.perProject[1]!]: "no" } };
    const first = answerOf(await cast(F.tablets[0], ballot));
    expect(first.ok).toBe(true);
    const retry = answerOf(await cast(F.tablets[0], ballot));
    expect(retry).toEqual(first);
    const receipt = first.ok ? new URL(first.receiptUrl, server.url).searchParams.get("r") : null;
    expect(await query('SELECT receipt FROM "BallotReceipt" WHERE "roundId" = ?', F.roundOpen)).toEqual([{ receipt }]);
  });

  it("a refused cast is answered in Chinese with its status, and its refusal recorded once", async () => {
    const before = await refusalsOf(F.roundClosed);
    const response = await cast(F.tablets[1], { roundId: F.roundClosed, ballotKey: "tablet-cast-key-000000002", choices: { [F.perProject[0]!]: "yes" } });
    expect(response.status).toBe(409);
    const answer = answerOf(response);
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.message).toMatch(CJK);
    expect(await refusalsOf(F.roundClosed)).toBe(before + 1);
  });

  it("the same refusal posted as the page's form (no JavaScript) is recorded once too", async () => {
    const before = await refusalsOf(F.roundClosed);
    const response = await post(server.url, "/vote/ballot", {
      cookie: F.tablets[2],
      fields: [
        ["intent", "confirm"],
        ["roundId", String(F.roundClosed)],
        ["ballotKey", "tablet-cast-key-000000003"],
        [`choice.${F.perProject[0]}`, "yes"],
      ],
    });
    expect(response.status).toBe(409);
    expect(await refusalsOf(F.roundClosed)).toBe(before + 1);
  });

  it("answers what is not a tablet's cast by the contract, and changes nothing", async () => {
    const ballot = { roundId: F.roundOpen, ballotKey: "tablet-cast-key-000000004", choices: { [F.perProject[0]!]: "yes" } };
    const digest = await databaseDigest();
    const cases: Array<[string, Promise<Answer>, number]> = [
      ["no pass", cast(undefined, ballot), 401],
      ["a forged pass", cast("tablet=forged", ballot), 401],
      ["a form body", cast(F.tablets[3], "roundId=1", { contentType: "application/x-www-form-urlencoded" }), 415],
      ["broken JSON", cast(F.tablets[3], '{"roundId":'), 400],
      ["JSON that is no ballot", cast(F.tablets[3], [1, 2, 3]), 400],
      ["a review step", cast(F.tablets[3], { ...ballot, intent: "review", roundId: "x" }), 400],
      ["marks on a project not in the round", cast(F.tablets[3], { ...ballot, choices: { "999999": "yes" } }), 400],
      ["ticks on a per-project ballot", cast(F.tablets[3], { roundId: F.roundOpen, ballotKey: ballot.ballotKey, tick: [String(F.perProject[0])] }), 400],
      ["a body larger than any ballot", cast(F.tablets[3], { ...ballot, padding: "x".repeat(70 * 1024) }), 413],
    ];
    for (const [name, pending, status] of cases) {
      const response = await pending;
      expect(response.status, name).toBe(status);
      const answer = answerOf(response);
      expect(answer.ok, name).toBe(false);
      if (!answer.ok) expect(answer.message, name).toMatch(CJK);
      if (status === 401 && !answer.ok) expect(answer.signIn, name).toBe(true);
    }
    // Refusals of a tablet with a pass are audited; nothing else changed (no ballot, no receipt).
    expect(changedTables(digest, await databaseDigest()).filter((table) => table !== "AuditEntry")).toEqual([]);
  });

  it("a cross-site cast is refused before it is read", async () => {
    const response = await cast(F.tablets[4], { roundId: F.roundOpen, ballotKey: "tablet-cast-key-000000005", choices: {} }, { origin: "http://evil.example" });
    expect(response.status).toBe(403);
    expect(await query('SELECT count(*) AS n FROM "Ballot" WHERE "roundId" = ?', F.roundOpen)).toEqual([{ n: 1 }]);
  });
});
