/**
 * Graceful shutdown with live streams open: SIGTERM ends every stream, lets the server's idle and
 * streaming connections go, closes every database connection after checkpointing the write-ahead
 * log, and exits 0 within a few seconds — leaving the database file without a -wal beside it.
 */
import { existsSync } from "node:fs";
import { Agent, request } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~/data/sqlite.server";
import { openRound } from "~/services/congress-session.server";
import { issueSignInCodes } from "~/services/voting.server";
import { databasePath, env } from "~/utils/env.server";
import type { RunningServer } from "../bench/lib/server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import { startTestServer } from "../setup/http-server";
import { logInStaff, openLiveStream, signInTablet } from "./helpers";

let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop("SIGKILL");
});

describe("shutdown", () => {
  it("ends the live streams, closes the database (no -wal left) and exits 0 on SIGTERM", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(4);
    await checkIn(sessionId, deputyIds);
    const { roundId } = await slateAndRound(sessionId, 2, { places: 1 });
    await openRound(clerk, sessionId, roundId);
    const codes = await issueSignInCodes(clerk, sessionId, deputyIds);
    // The server must hold the last connections to the file: this process lets go of its own.
    await closeDatabase();

    server = await startTestServer();
    const tablets = await Promise.all(codes.map((code) => signInTablet(server!.url, code)));
    const admin = await logInStaff(server.url, "admin", "test-admin-password");
    const streams = await Promise.all([...tablets, admin].map((cookie) => openLiveStream(server!.url, `/sessions/${sessionId}/events`, cookie)));
    expect(streams.map((stream) => stream.status)).toEqual(streams.map(() => 200));
    await Promise.all(streams.map((stream) => stream.next("snapshot")));
    // And a keep-alive connection with nothing in flight, after a page that reads through the
    // coverage reader (the tablets' sign-ins opened the ballot box; Prisma serves the rest).
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    const coverage = await request(`${server.url}/coverage`, { dispatcher: agent });
    await coverage.body.dump();
    expect(coverage.statusCode).toBe(200);
    const wal = `${databasePath(env().DATABASE_URL)}-wal`;
    expect(existsSync(wal)).toBe(true);

    const started = Date.now();
    const exit = await server.stop("SIGTERM");
    const seconds = (Date.now() - started) / 1000;
    console.log(`SIGTERM with ${streams.length} live streams: exit ${exit} after ${seconds.toFixed(2)} s`);
    expect(exit).toBe(0);
    expect(seconds).toBeLessThan(5);
    await Promise.all(streams.map((stream) => stream.ended));
    expect(existsSync(wal), "the -wal file is left beside the database").toBe(false);
    server = undefined;
    await agent.close();
  });
});
