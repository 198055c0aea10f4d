/**
 * Two production servers (`node build/server.js`) on one PostgreSQL database, as behind a proxy
 * (docs/deployment/README.md): a ballot cast on one moves the big screen that the other serves (the
 * session bus over LISTEN/NOTIFY), and the write limits count one budget over both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDisplayLink } from "~/services/display-link.server";
import { issueSignInCode } from "~/services/voting.server";
import type { RunningServer } from "../bench/lib/server";
import { checkIn, clerk, openRoundForVoting, sessionWithDeputies, slateAndRound } from "../factories/session";
import { CookieJar, openLiveStream, signInTablet, type LiveStreamClient } from "../integration/helpers";
import { startTestServer } from "../setup/http-server";

const WRITES_PER_MINUTE = 30;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  // One after the other, as the deployment guide says: each start-up sets the database up (and
  // creates the first administrator), which two processes starting together can race on.
  a = await startTestServer({ RATE_LIMIT_WRITES: String(WRITES_PER_MINUTE) });
  b = await startTestServer({ RATE_LIMIT_WRITES: String(WRITES_PER_MINUTE) });
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

interface Snapshot {
  round: { id: number; status: string; voted: number } | null;
}

/** The newest snapshot the stream has received. */
function latest(stream: LiveStreamClient): Snapshot | null {
  const frame = stream.events.filter((e) => e.event === "snapshot").at(-1);
  return frame ? (JSON.parse(frame.data) as Snapshot) : null;
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("two servers on one PostgreSQL database", () => {
  it("a ballot cast on one server moves the big screen the other serves, ballot after ballot", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(6);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
    await openRoundForVoting(sessionId, roundId, false);

    // The projector follows the session on server B, with the display link.
    const key = await openDisplayLink(clerk, sessionId);
    const jar = new CookieJar().absorb(await fetch(`${b.url}/screen/${sessionId}?key=${key}`, { redirect: "manual" }));
    const screen = await openLiveStream(b.url, `/sessions/${sessionId}/events`, jar.header());
    expect(screen.status).toBe(200);
    await until(() => latest(screen)?.round?.id === roundId);
    expect(latest(screen)!.round!.voted).toBe(0);

    // The tablets sign in and cast on server A (the proxy sent them there).
    for (const [i, deputyId] of deputyIds.entries()) {
      const cookie = await signInTablet(a.url, await issueSignInCode(clerk, sessionId, deputyId));
      const cast = await fetch(`${a.url}/vote/cast`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: a.url, cookie },
        body: JSON.stringify({ roundId, ballotKey: `two-servers-${sessionId}-${i}-key`, choices: { [candidateIds[i % 3]!]: "yes" } }),
      });
      expect(cast.status).toBe(200);
      const started = Date.now();
      await until(() => latest(screen)?.round?.voted === i + 1);
      console.log(`ballot ${i + 1} stored on A, on B's big screen after ${Date.now() - started} ms`);
    }
    screen.destroy();
  });

  it("the write limits count one budget over both servers", async () => {
    // Posts that neither a tablet pass nor a login vouches for are limited per address. One at a
    // time, alternately to each server: alone, each would let its 30 through (60 in all).
    const statuses: number[] = [];
    for (let i = 0; i < 2 * WRITES_PER_MINUTE; i += 1) {
      const server = i % 2 ? a : b;
      statuses.push(await fetch(`${server.url}/notices`, { method: "POST", headers: { origin: server.url } }).then((r) => r.status));
    }
    const through = statuses.filter((status) => status !== 429).length;
    console.log(`${statuses.length} unvouched posts, alternately to two servers, limit ${WRITES_PER_MINUTE} a minute: ${through} let through`);
    expect(statuses.slice(0, WRITES_PER_MINUTE).every((status) => status !== 429 && status !== 403)).toBe(true);
    expect(statuses.slice(WRITES_PER_MINUTE)).toEqual(Array(WRITES_PER_MINUTE).fill(429));
  });
});
