/** What a deputy's tablet sends, as plain form posts (the no-JavaScript path every tablet can take). */
import { randomBytes } from "node:crypto";
import { Pool } from "undici";
import type { BenchDeputy } from "./province.ts";

export function tabletPool(url: string, connections: number) {
  return new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
}

async function post(pool: Pool, path: string, form: Record<string, string>, cookie: string | undefined, origin: string) {
  // Remix refuses form posts whose Origin is not the server's own: send it as a browser does.
  const response = await pool.request({
    method: "POST",
    path,
    headers: { "content-type": "application/x-www-form-urlencoded", origin, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });
  await response.body.dump();
  return response;
}

/** Signs the tablet in with its code and checks in; returns the tablet's cookie. */
export async function signInAndCheckIn(pool: Pool, origin: string, deputy: BenchDeputy): Promise<string> {
  const signIn = await post(pool, "/vote", { code: deputy.code }, undefined, origin);
  const setCookie = [signIn.headers["set-cookie"]].flat().find((c) => c?.startsWith("tablet="));
  if (signIn.statusCode !== 302 || !setCookie) throw new Error(`sign-in answered ${signIn.statusCode}`);
  const cookie = setCookie.split(";")[0]!;
  const checkIn = await post(pool, "/vote/ballot", { intent: "checkin" }, cookie, origin);
  if (checkIn.statusCode >= 400) throw new Error(`check-in answered ${checkIn.statusCode}`);
  return cookie;
}

export function newBallotKey() {
  return randomBytes(16).toString("base64url");
}

/** The confirmed ballot: yes on the first three projects, no on the fourth, the fifth left unmarked. */
export function ballotForm(deputy: BenchDeputy, ballotKey: string): Record<string, string> {
  const [a, b, c, d] = deputy.candidateIds;
  return {
    intent: "confirm", roundId: String(deputy.roundId), ballotKey,
    [`choice.${a}`]: "yes", [`choice.${b}`]: "yes", [`choice.${c}`]: deputy.deputyId % 3 ? "yes" : "abstain", [`choice.${d}`]: "no",
  };
}

export async function castBallot(pool: Pool, origin: string, cookie: string, form: Record<string, string>, path = "/vote/ballot") {
  const response = await post(pool, path, form, cookie, origin);
  if (response.statusCode !== 302) throw new Error(`ballot answered ${response.statusCode}`);
  return response;
}
