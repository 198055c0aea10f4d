/**
 * Storms over HTTP (issue 7): 1,000 concurrent submissions from one deputy — half retries of one
 * ballot (same key), half other ballots (other keys) — leave exactly one ballot; a retry after the
 * connection was killed after the ballot was stored gets the original receipt, and a request cut
 * halfway stores nothing — each made to happen, not left to a 1 ms timer. The ballots go as the
 * tablet's script sends them (app/http/tablet-contract.ts); the storm is sent as the page's form too.
 */
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, request } from "undici";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { closeReadOnlyDb, query } from "./helpers";

let server: RunningServer;
const agent = new Agent({ connections: 64 });

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await agent.close();
  await server.stop();
  await closeReadOnlyDb();
});

async function signIn(code: string): Promise<string> {
  const response = await request(`${server.url}/vote`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams({ code }).toString(),
  });
  await response.body.dump();
  return String([response.headers["set-cookie"]].flat().find((c) => c?.startsWith("tablet="))).split(";")[0]!;
}

function ballotBody(roundId: number, ballotKey: string, candidateIds: number[]) {
  return JSON.stringify({ roundId, ballotKey, choices: { [candidateIds[0]!]: "yes", [candidateIds[1]!]: "no" } });
}

/** The ballot as the page's form sends it (a tablet without JavaScript). */
function ballotForm(roundId: number, ballotKey: string, candidateIds: number[]) {
  return new URLSearchParams({
    intent: "confirm",
    roundId: String(roundId),
    ballotKey,
    [`choice.${candidateIds[0]}`]: "yes",
    [`choice.${candidateIds[1]}`]: "no",
  }).toString();
}

/** A cast by the tablet's contract; `receipt` is the receipt its answer names, if any. */
async function post(cookie: string, body: string) {
  const response = await request(`${server.url}/vote/cast`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/json", origin: server.url, cookie },
    body,
  });
  const answer = (await response.body.json()) as { ok: boolean; receiptUrl?: string; message?: string };
  return { status: response.statusCode, receipt: answer.receiptUrl ? new URL(answer.receiptUrl, server.url).searchParams.get("r") : null };
}

async function postForm(cookie: string, body: string) {
  const response = await request(`${server.url}/vote/ballot`, {
    method: "POST",
    dispatcher: agent,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, cookie },
    body,
  });
  await response.body.dump();
  return { status: response.statusCode, location: String(response.headers.location ?? "") };
}

async function openRoundWithTablet() {
  const { openRound } = await import("~/services/congress-session.server");
  const { issueSignInCodes } = await import("~/services/voting.server");
  const { sessionId, deputyIds } = await sessionWithDeputies(3);
  await checkIn(sessionId, deputyIds);
  const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
  await openRound(clerk, sessionId, roundId);
  const [code] = await issueSignInCodes(clerk, sessionId, [deputyIds[0]!]);
  return { roundId, candidateIds, cookie: await signIn(code!) };
}

/** Writes a ballot post on a socket of its own (all of it, or its first `cutAt` body characters). */
async function sendRaw(cookie: string, body: string, { cutAt = body.length } = {}): Promise<Socket> {
  const { hostname, port, host } = new URL(server.url);
  const socket = connect({ host: hostname, port: Number(port) });
  await once(socket, "connect");
  const head = [
    "POST /vote/cast HTTP/1.1",
    `Host: ${host}`,
    "Content-Type: application/json",
    `Origin: ${server.url}`,
    `Cookie: ${cookie}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    "",
    "",
  ].join("\r\n");
  socket.write(head + body.slice(0, cutAt));
  return socket;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  for (const start = Date.now(); !(await condition());) {
    if (Date.now() - start > timeoutMs) throw new Error("the server did not store the ballot");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The one receipt stored for the round (there must be exactly one). */
async function storedReceipt(roundId: number): Promise<string> {
  const rows = await query<{ receipt: string }>('SELECT receipt FROM "BallotReceipt" WHERE "roundId" = ?', roundId);
  expect(rows).toHaveLength(1);
  return rows[0]!.receipt;
}

async function ballotsIn(roundId: number): Promise<number> {
  return (await query<{ n: number }>('SELECT count(*) AS n FROM "Ballot" WHERE "roundId" = ?', roundId))[0]!.n;
}

/**
 * `count` submissions from one deputy at once, half retries of one ballot (same key), half other
 * ballots; `send` casts one and says which receipt it was answered with (null for a refusal).
 */
async function storm(
  count: number,
  send: (cookie: string, roundId: number, ballotKey: string, candidateIds: number[]) => Promise<{ status: number; receipt: string | null }>,
) {
  const { roundId, candidateIds, cookie } = await openRoundWithTablet();
  const answers = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      send(cookie, roundId, i % 2 ? `storm-${count}-same-key-000000` : `storm-${count}-other-key-${String(i).padStart(8, "0")}`, candidateIds),
    ),
  );
  expect(await ballotsIn(roundId)).toBe(1);
  expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  expect(new Set(answers.filter((a) => a.receipt !== null).map((a) => a.receipt))).toEqual(new Set([await storedReceipt(roundId)]));
  // Every other answer is a refusal that says why (409), not a second ballot.
  expect(answers.filter((a) => a.receipt === null).every((a) => a.status === 409)).toBe(true);
}

describe("ballot storms over HTTP", () => {
  it("1,000 concurrent submissions from one deputy leave exactly one ballot", async () => {
    await storm(1000, (cookie, roundId, key, candidateIds) => post(cookie, ballotBody(roundId, key, candidateIds)));
  });

  it("the same storm sent as the page's form (no JavaScript) leaves exactly one ballot too", async () => {
    await storm(200, async (cookie, roundId, key, candidateIds) => {
      const answer = await postForm(cookie, ballotForm(roundId, key, candidateIds));
      return { status: answer.status, receipt: answer.status === 302 ? new URL(answer.location, server.url).searchParams.get("r") : null };
    });
  });

  it("a retry after the connection was killed, once the ballot was stored, gets the original receipt", async () => {
    const { roundId, candidateIds, cookie } = await openRoundWithTablet();
    const body = ballotBody(roundId, "killed-connection-key-0001", candidateIds);
    // The whole request goes out; the connection dies once the server has stored the ballot and
    // before the tablet read the answer — the power cut or the dropped Wi-Fi of a real hall.
    const socket = await sendRaw(cookie, body);
    await until(async () => (await ballotsIn(roundId)) === 1);
    socket.destroy();
    const retry = await post(cookie, body);
    expect(retry.status).toBe(200);
    expect(retry.receipt).toBe(await storedReceipt(roundId));
    const again = await post(cookie, body);
    expect(again.receipt).toBe(retry.receipt);
    expect(await ballotsIn(roundId)).toBe(1);
  });

  it("a connection killed halfway through its request stores nothing; the retry stores the ballot once", async () => {
    const { roundId, candidateIds, cookie } = await openRoundWithTablet();
    const body = ballotBody(roundId, "killed-connection-key-0002", candidateIds);
    const socket = await sendRaw(cookie, body, { cutAt: Math.floor(body.length / 2) });
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await ballotsIn(roundId)).toBe(0);
    const retry = await post(cookie, body);
    expect(retry.status).toBe(200);
    expect(retry.receipt).toBe(await storedReceipt(roundId));
    expect(await ballotsIn(roundId)).toBe(1);
  });
});
