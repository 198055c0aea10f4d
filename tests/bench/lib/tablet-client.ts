/**
 * What a deputy's tablet sends: the sign-in and check-in as the page's form posts, the ballot as the
 * page's script casts it (app/http/tablet-contract.ts).
 */
import { randomBytes } from "node:crypto";
import { Pool } from "undici";
import type { TabletCast } from "~/http/tablet-contract";
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
export function ballotCast(deputy: BenchDeputy, ballotKey: string): TabletCast {
  const [a, b, c, d] = deputy.candidateIds;
  return { roundId: deputy.roundId, ballotKey, choices: { [a!]: "yes", [b!]: "yes", [c!]: deputy.deputyId % 3 ? "yes" : "abstain", [d!]: "no" } };
}

/** Casts the ballot as the tablet's script does; throws unless the server answered that it is cast. */
export async function castBallot(pool: Pool, origin: string, cookie: string, cast: TabletCast, path = "/vote/cast") {
  const response = await pool.request({
    method: "POST",
    path,
    headers: { "content-type": "application/json", accept: "application/json", origin, cookie },
    body: JSON.stringify(cast),
  });
  const answer = (await response.body.json().catch(() => null)) as { ok?: boolean } | null;
  if (response.statusCode !== 200 || answer?.ok !== true) throw new Error(`ballot answered ${response.statusCode}`);
  return response;
}

/**
 * Opens the pool's connections before the clock starts: a tablet has its connection from loading
 * the ballot page, and opening hundreds at once measures the kernel's SYN backlog (1 s and 3 s
 * retransmissions), not the server.
 */
export async function warmUp(pool: Pool, connections: number) {
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const response = await pool.request({ method: "GET", path: "/favicon.svg" });
      await response.body.dump();
    }),
  );
}
