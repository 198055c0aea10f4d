/**
 * The live stream's handler and the feeds behind it, over real sockets on a real database: every
 * stream whose socket goes away is let go (the session bus is back to no listener), one snapshot
 * per change serves every stream of a session, each view gets its own frame, a tablet's new stream
 * replaces its old one, and the limits refuse with 503.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "~/services/accounts.server";
import { openRound } from "~/services/congress-session.server";
import { announceSessionChange, sessionListenerCount } from "~/services/events.server";
import { liveFeedStats, type LiveLimits } from "~/services/live-feed.server";
import type { LiveSnapshot } from "~/services/live.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot, issueSignInCodes, passFromToken, signInWithCode } from "~/services/voting.server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../../tests/factories/session";
import { eventually, openLiveStream, type LiveStreamClient } from "../../tests/integration/helpers";
import { logIn, tabletCookie } from "~/services/auth.server";
import { liveStream } from "./live-stream.server";

const servers: Server[] = [];

/** The handler as server.ts mounts it, on a port of its own. */
async function serve(limits: LiveLimits = { perSession: 1000, total: 1000 }): Promise<string> {
  const app = express();
  app.get("/sessions/:sessionId/events", liveStream(limits));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Signed-in tablets of the session: their Cookie headers and tokens. */
async function tablets(sessionId: number, deputyIds: number[]) {
  const codes = await issueSignInCodes(clerk, sessionId, deputyIds);
  return Promise.all(
    codes.map(async (code) => {
      const { token } = await signInWithCode("127.0.0.1 test", code);
      return { token, cookie: (await tabletCookie.serialize(token)).split(";")[0]! };
    }),
  );
}

const snapshotOf = (frame: { data: string }) => JSON.parse(frame.data) as LiveSnapshot;

let A: Awaited<ReturnType<typeof sessionWithDeputies>>;
let tabletsA: Awaited<ReturnType<typeof tablets>>;
let B: Awaited<ReturnType<typeof sessionWithDeputies>>;
let tabletsB: Awaited<ReturnType<typeof tablets>>;
let staffCookie: string;
let roundA: number;
let candidatesA: number[];

beforeAll(async () => {
  A = await sessionWithDeputies(40);
  await checkIn(A.sessionId, A.deputyIds);
  ({ roundId: roundA, candidateIds: candidatesA } = await slateAndRound(A.sessionId, 2, { places: 1, liveResults: true }));
  await openRound(clerk, A.sessionId, roundA);
  tabletsA = await tablets(A.sessionId, A.deputyIds);
  B = await sessionWithDeputies(3);
  tabletsB = await tablets(B.sessionId, B.deputyIds);
  await createAccount({ username: "live-clerk", displayName: "会务文书", password: "live-password-123", role: "clerk", townshipCode: "430121102" });
  const login = await logIn("live-clerk", "live-password-123", { address: "127.0.0.1", device: "127.0.0.1 vitest" });
  if (!login.ok) throw new Error("login failed");
  staffCookie = login.setCookie.split(";")[0]!;
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe("live streams", () => {
  it("lets go of every stream whose socket is dropped: no stream and no listener is left", async () => {
    const base = await serve();
    expect(liveFeedStats().streams).toBe(0);
    expect(sessionListenerCount()).toBe(0);
    for (let cycle = 0; cycle < 3; cycle++) {
      const streams = await Promise.all(tabletsA.map((tablet) => openLiveStream(base, `/sessions/${A.sessionId}/events`, tablet.cookie)));
      expect(streams.map((stream) => stream.status)).toEqual(tabletsA.map(() => 200));
      await Promise.all(streams.map((stream) => stream.next("snapshot")));
      expect(liveFeedStats().streams).toBe(tabletsA.length);
      // One listener for the session's feed, however many streams follow it.
      expect(sessionListenerCount()).toBe(1);
      for (const stream of streams) stream.destroy();
      expect(await eventually(() => liveFeedStats().streams === 0), `streams left: ${liveFeedStats().streams}`).toBe(true);
      expect(sessionListenerCount()).toBe(0);
    }
  });

  it("computes one snapshot per change for every stream of the session; tablets get counts, staff the results", async () => {
    const base = await serve();
    const streams = await Promise.all(tabletsA.slice(0, 20).map((tablet) => openLiveStream(base, `/sessions/${A.sessionId}/events`, tablet.cookie)));
    const staff = await openLiveStream(base, `/sessions/${A.sessionId}/events`, staffCookie);
    await Promise.all([...streams, staff].map((stream) => stream.next("snapshot")));
    const seen = (stream: LiveStreamClient) => stream.events.length;
    const before = { snapshots: liveFeedStats().snapshots, tablets: streams.map(seen), staff: seen(staff) };

    const pass = (await passFromToken(tabletsA[39]!.token))!;
    await castBallot(pass, "test", { roundId: roundA, ballotKey: newBallotKey(), choices: { [candidatesA[0]!]: "yes" } });
    const frames = await Promise.all(streams.map((stream, i) => stream.next("snapshot", before.tablets[i])));
    const staffFrame = snapshotOf(await staff.next("snapshot", before.staff));

    expect(liveFeedStats().snapshots - before.snapshots).toBe(1);
    expect(new Set(frames.map((frame) => frame.data)).size).toBe(1);
    const tabletFrame = snapshotOf(frames[0]!);
    expect(tabletFrame.round).toMatchObject({ id: roundA, status: "open", voted: 1, result: null });
    // The round shows live results on the big screen: the clerk sees them, a tablet never does.
    expect(staffFrame.round?.result?.projects.find((p) => p.id === String(candidatesA[0]))?.yes).toBe(1);

    // A burst of changes is one more snapshot, not one per change or per stream.
    const afterBallot = liveFeedStats().snapshots;
    for (let i = 0; i < 20; i++) announceSessionChange(A.sessionId);
    await Promise.all(streams.map((stream, i) => stream.next("snapshot", before.tablets[i]! + 1)));
    expect(liveFeedStats().snapshots - afterBallot).toBeLessThanOrEqual(2);

    for (const stream of [...streams, staff]) stream.destroy();
    expect(await eventually(() => liveFeedStats().streams === 0)).toBe(true);
  });

  it("replaces a tablet's old stream with its new one (a reconnect after a Wi-Fi drop)", async () => {
    const base = await serve();
    const first = await openLiveStream(base, `/sessions/${A.sessionId}/events`, tabletsA[0]!.cookie);
    await first.next("snapshot");
    const second = await openLiveStream(base, `/sessions/${A.sessionId}/events`, tabletsA[0]!.cookie);
    await second.next("snapshot");
    expect((await first.next("end")).data).toBe("replaced");
    await first.ended;
    expect(liveFeedStats().sessions[A.sessionId]).toBe(1);
    second.destroy();
    expect(await eventually(() => liveFeedStats().streams === 0)).toBe(true);
  });

  it("refuses past the session's and the server's limits with 503, Retry-After and a Chinese message", async () => {
    const base = await serve({ perSession: 3, total: 4 });
    const url = (sessionId: number) => `/sessions/${sessionId}/events`;
    const accepted = await Promise.all(tabletsA.slice(0, 3).map((tablet) => openLiveStream(base, url(A.sessionId), tablet.cookie)));
    expect(accepted.map((stream) => stream.status)).toEqual([200, 200, 200]);
    const sessionFull = await openLiveStream(base, url(A.sessionId), tabletsA[3]!.cookie);
    expect(sessionFull.status).toBe(503);
    expect(sessionFull.headers["retry-after"]).toMatch(/^\d+$/);
    expect(sessionFull.body).toContain("这次会议的实时连接数已满");
    accepted.push(await openLiveStream(base, url(B.sessionId), tabletsB[0]!.cookie));
    expect(accepted[3]!.status).toBe(200);
    const serverFull = await openLiveStream(base, url(B.sessionId), tabletsB[1]!.cookie);
    expect(serverFull.status).toBe(503);
    expect(serverFull.body).toContain("服务器的实时连接数已满");
    // A refused stream holds nothing; a dropped one makes room.
    accepted[0]!.destroy();
    expect(await eventually(() => liveFeedStats().streams === 3)).toBe(true);
    const again = await openLiveStream(base, url(A.sessionId), tabletsA[3]!.cookie);
    expect(again.status).toBe(200);
    for (const stream of [...accepted, again]) stream.destroy();
    expect(await eventually(() => liveFeedStats().streams === 0)).toBe(true);
    expect(sessionListenerCount()).toBe(0);
  });
});
