/**
 * The server's request log: one JSON line per request with an id the response carries back (a
 * proxy's own id kept), and nothing secret in it — read as an attacker with the log files would:
 * no sign-in code (sent in the query), no cookie, no password, no ballot key and no ballot's marks.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogLine } from "~/http/request-log.server";
import { createAccount } from "~/services/accounts.server";
import { issueSignInCodes } from "~/services/voting.server";
import type { RunningServer } from "../bench/lib/server";
import { newBallotKey } from "../bench/lib/tablet-client";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import { startTestServer } from "../setup/http-server";
import { get, logInStaff, post, signInTablet } from "./helpers";

let server: RunningServer;
let scratch: string;
let logFile: string;
const secrets: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "request-log-"));
  logFile = path.join(scratch, "server.log");
  const { sessionId, deputyIds } = await sessionWithDeputies(4);
  await checkIn(sessionId, deputyIds);
  const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
  const { openRound } = await import("~/services/congress-session.server");
  await openRound(clerk, sessionId, roundId);
  await createAccount({ username: "log-admin", displayName: "日志测试", password: "log-admin-password", role: "admin" });
  server = await startTestServer({}, undefined, logFile);

  const [first, second] = await issueSignInCodes(clerk, sessionId, deputyIds.slice(0, 2));
  secrets.push(first!, second!, "log-admin-password");
  await get(server.url, `/vote?code=${first}`); // the QR code's address carries the code in the query
  const tablet = await signInTablet(server.url, second!);
  secrets.push(...tablet.split("; ").map((pair) => pair.split("=")[1]!));
  const ballotKey = newBallotKey();
  secrets.push(ballotKey);
  const cast = await post(server.url, "/vote/cast", {
    cookie: tablet,
    body: JSON.stringify({ roundId, ballotKey, choices: { [candidateIds[0]!]: "yes", [candidateIds[1]!]: "abstain", [candidateIds[2]!]: "no" } }),
    contentType: "application/json",
  });
  expect(cast.status).toBe(200);
  const staff = await logInStaff(server.url, "log-admin", "log-admin-password");
  secrets.push(...staff.split("; ").map((pair) => pair.split("=")[1]!));
  await get(server.url, "/console", { cookie: staff });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function logLines(): RequestLogLine[] {
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as RequestLogLine);
}

describe("the request log", () => {
  it("writes one JSON line per request, with the id the response carries", async () => {
    const answer = await get(server.url, "/healthz");
    const proxied = await get(server.url, "/readyz", { headers: { "x-request-id": "proxy-0123456789" } });
    const junk = await get(server.url, "/healthz", { headers: { "x-request-id": 'a b forged"}' } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = logLines();
    const id = answer.headers.get("x-request-id")!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(lines.find((line) => line.id === id)).toMatchObject({ msg: "request", method: "GET", path: "/healthz", status: 200, level: "info" });
    expect(proxied.headers.get("x-request-id")).toBe("proxy-0123456789");
    expect(lines.find((line) => line.id === "proxy-0123456789")).toMatchObject({ path: "/readyz" });
    expect(junk.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const cast = lines.find((line) => line.path === "/vote/cast")!;
    expect(cast).toMatchObject({ method: "POST", status: 200 });
    expect(typeof cast.ms).toBe("number");
    expect(new Set(lines.map((line) => line.id)).size).toBe(lines.length);
  });

  it("holds no sign-in code, cookie, password, ballot key or ballot marks", () => {
    const text = readFileSync(logFile, "utf8");
    for (const secret of secrets) expect(text.includes(secret), `a secret in the log: ${secret.slice(0, 4)}…`).toBe(false);
    expect(text).not.toMatch(/"(yes|no|abstain)"/);
    expect(text).not.toMatch(/code=|choices|ballotKey/);
  });
});
