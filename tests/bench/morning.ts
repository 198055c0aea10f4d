/**
 * npm run bench:morning [-- --halls 200 --scale 1 --round 60 --readers 20 --port 3500]
 *
 * A voting morning (issue 18): `--halls` townships, an even spread over the province, vote at once
 * against the production server (default 200 halls, about 14,000 tablets: about 3 minutes on a
 * 2-core machine, a third of it the 60 s round). Each hall has its big screen (the display link)
 * and the clerk's console (a clerk's login) following GET /sessions/:id/events; its tablets (the
 * township's seated deputies, 40–160, times `--scale`) sign in and check in over HTTP, the clerk marks the others present at the desk (the quorum is two
 * thirds), the rounds are opened together, and each tablet then casts its ballot at a random
 * moment of the `--round` seconds (an open load: every ballot has its own time, whatever the
 * others do). `--readers` public readers fetch /coverage and /notices meanwhile, one to three
 * seconds apart.
 *
 * Measured: tap → big-screen count (from a ballot's POST to the first snapshot frame on its hall's
 * screen whose count reaches the ballot's rank in its hall's answers), ballot latency, errors, lost
 * events (a screen or console whose last count differs from the ballots cast in its hall), the
 * server's peak RSS, the event-loop delay seen from outside (a probe every 100 ms: an anonymous
 * stream request, which the server refuses without reading the database — its latency is the
 * server's queueing delay plus one tiny request), and the SSE connections held. Writes
 * tests/bench/results/morning.md. Server and load generator share this machine.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { Pool } from "undici";
import { percentile, runLoad } from "./lib/load.ts";
import { projectRoot, startServer } from "./lib/server.ts";
import type { BenchDeputy, BenchTownship } from "./lib/province.ts";
import { ballotCast, castBallot, newBallotKey, signInAndCheckIn, tabletPool } from "./lib/tablet-client.ts";

const { values } = parseArgs({
  options: {
    halls: { type: "string", default: "200" },
    scale: { type: "string", default: "1" },
    round: { type: "string", default: "60" },
    readers: { type: "string", default: "20" },
    port: { type: "string", default: "3500" },
    "no-build": { type: "boolean", default: false },
  },
});
const hallCount = Number(values.halls);
const scale = Number(values.scale);
const roundMs = Number(values.round) * 1000;
const readerCount = Number(values.readers);
const port = Number(values.port);
const workDir = path.join(projectRoot, "tests/bench/.morning");
const log = (line: string) => console.log(`[morning ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
const ms = (numbers: number[]) => {
  const s = sorted(numbers);
  return `${percentile(s, 50).toFixed(0)} / ${percentile(s, 95).toFixed(0)} / ${percentile(s, 99).toFixed(0)} ms`;
};

if (!values["no-build"]) {
  log("building the production server");
  execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
}
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const databaseUrl = `file:${path.join(workDir, "morning.db")}`;
process.env.DATABASE_URL = databaseUrl;
const { setupDatabase } = await import("../../prisma/setup.ts");
await setupDatabase(databaseUrl);

// ---------------------------------------------------------------------------------------------
// The halls, their clerks and display links, set up through the services.

const { prisma } = await import("~/data/sqlite.server");
const { createAccount } = await import("~/services/accounts.server");
const { openDisplayLink } = await import("~/services/display-link.server");
const { setUpProvince, openRounds } = await import("./lib/province.ts");
const townshipTotal = await prisma.township.count({ where: { retiredAt: null, level: "township" } });
const setupStart = performance.now();
const townships = await setUpProvince({ fraction: Math.min(1, hallCount / townshipTotal), log });
const clerkPassword = "bench-morning-clerk-password";
interface Hall extends BenchTownship {
  username: string;
  displayKey: string;
  tablets: BenchDeputy[];
  /** The big screen's stream and the clerk's console's, once open. */
  screen?: Screen;
  console?: Screen;
  /** Ballots the server answered as cast. */
  answered: number;
}
const halls: Hall[] = [];
for (const township of townships) {
  const { code } = (await prisma.township.findUnique({ where: { id: township.townshipId }, select: { code: true } }))!;
  const username = `morning-clerk-${code}`;
  await createAccount({ username, displayName: "会务文书", password: clerkPassword, role: "clerk", townshipCode: code });
  const displayKey = await openDisplayLink({ actor: "clerk:bench", device: "bench" }, township.sessionId);
  const tablets = township.deputies.slice(0, Math.max(1, Math.round(township.deputies.length * scale)));
  halls.push({ ...township, username, displayKey, tablets, answered: 0 });
}
const tabletTotal = halls.reduce((n, hall) => n + hall.tablets.length, 0);
log(`${halls.length} halls, ${tabletTotal} tablets set up in ${((performance.now() - setupStart) / 1000).toFixed(0)} s`);

const server = await startServer({
  port,
  databaseUrl,
  env: { COOKIE_SECURE: "false", RATE_LIMIT_WRITES: "100000000", RATE_LIMIT_TABLET_WRITES: "100000000", RATE_LIMIT_SIGNINS: "100000000" },
  quiet: true,
});
const origin = server.url;
let peakRss = server.rssMiB();
const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMiB())), 250);

// ---------------------------------------------------------------------------------------------
// Streams: every snapshot frame's vote count, with the time it arrived.

interface Screen {
  status: number;
  frames: { at: number; voted: number }[];
  ended: boolean;
  request: http.ClientRequest;
}

function follow(sessionId: number, cookie: string): Promise<Screen> {
  return new Promise((resolve) => {
    const screen: Screen = { status: 0, frames: [], ended: false, request: null as unknown as http.ClientRequest };
    screen.request = http.get({ host: "localhost", port, path: `/sessions/${sessionId}/events`, agent: false, headers: { cookie } }, (response) => {
      screen.status = response.statusCode ?? 0;
      resolve(screen);
      if (screen.status !== 200) return void response.resume();
      let buffered = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const at = performance.now();
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf("\n\n")) >= 0) {
          const frame = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^event: snapshot\ndata: (.*)$/ms.exec(frame)?.[1];
          if (data) screen.frames.push({ at, voted: (JSON.parse(data) as { round: { voted: number } | null }).round?.voted ?? 0 });
        }
      });
      response.on("end", () => (screen.ended = true));
    });
    screen.request.on("error", () => {
      screen.ended = true;
      resolve(screen);
    });
  });
}

const cookieOf = (response: Response) => (response.headers.getSetCookie?.() ?? []).map((line) => line.split(";")[0]).join("; ");

async function screenCookie(hall: Hall) {
  const response = await fetch(`${origin}/screen/${hall.sessionId}?key=${hall.displayKey}`, { redirect: "manual" });
  if (response.status !== 302) throw new Error(`display link answered ${response.status}`);
  return cookieOf(response);
}

async function clerkCookie(hall: Hall) {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ username: hall.username, password: clerkPassword, redirectTo: "/console" }),
  });
  if (response.status !== 302) throw new Error(`clerk login answered ${response.status}`);
  return cookieOf(response);
}

try {
  // Tablets sign in and check in; then the clerks open every round together (in this process,
  // through the services: the server learns of it from the first ballot's snapshot).
  const signInPool = tabletPool(origin, 50);
  const cookies = new Map<number, string>();
  const signIn = await runLoad(
    halls.flatMap((hall) => hall.tablets),
    50,
    async (deputy) => void cookies.set(deputy.deputyId, await signInAndCheckIn(signInPool, origin, deputy)),
  );
  await signInPool.close();
  log(`${signIn.completed} tablets signed in and checked in (${signIn.errors} errors ${signIn.errorSamples.join("; ")})`);
  const { checkIn } = await import("../factories/session.ts");
  for (const hall of halls)
    await checkIn(
      hall.sessionId,
      hall.deputies.slice(hall.tablets.length).map((deputy) => deputy.deputyId),
    );
  await openRounds(halls);

  const hallScreens = await runLoad(halls, 10, async (hall) => {
    hall.screen = await follow(hall.sessionId, await screenCookie(hall));
    hall.console = await follow(hall.sessionId, await clerkCookie(hall));
  });
  const following = halls.filter((hall): hall is Hall & { screen: Screen; console: Screen } => !!hall.screen && !!hall.console);
  const streamsHeld = () => following.flatMap((hall) => [hall.screen, hall.console]).filter((s) => s.status === 200 && !s.ended).length;
  log(`${streamsHeld()} streams held (${hallScreens.errors} halls failed ${hallScreens.errorSamples.join("; ")}); the round runs ${roundMs / 1000} s`);

  // Public readers and the event-loop probe, until the morning is over.
  let morningOver = false;
  const publicPool = new Pool(origin, { connections: Math.max(1, readerCount), pipelining: 1 });
  const publicTimes: number[] = [];
  let publicErrors = 0;
  const reader = async () => {
    for (let i = 0; !morningOver; i++) {
      const started = performance.now();
      try {
        const response = await publicPool.request({ method: "GET", path: i % 2 ? "/notices" : "/coverage", headers: { "accept-encoding": "gzip" } });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(String(response.statusCode));
        publicTimes.push(performance.now() - started);
      } catch {
        publicErrors += 1;
      }
      await sleep(1000 + Math.random() * 2000);
    }
  };
  const probeTimes: number[] = [];
  const probe = async () => {
    const probePool = new Pool(origin, { connections: 1 });
    while (!morningOver) {
      const started = performance.now();
      const response = await probePool.request({ method: "GET", path: `/sessions/${halls[0]!.sessionId}/events` });
      await response.body.dump();
      probeTimes.push(performance.now() - started);
      await sleep(100);
    }
    await probePool.close();
  };
  const background = [...Array.from({ length: readerCount }, reader), probe()];

  // Every tablet taps at its own moment of the round.
  const ballotPool = tabletPool(origin, 200);
  const ballotTimes: number[] = [];
  const taps: number[] = [];
  const errorSamples: string[] = [];
  let ballotErrors = 0;
  const morningStart = performance.now();
  await Promise.all(
    following.map(async (hall) => {
      const reached: { sent: number; rank: number }[] = [];
      await Promise.all(
        hall.tablets.map(async (deputy) => {
          await sleep(Math.random() * roundMs);
          const sent = performance.now();
          try {
            await castBallot(ballotPool, origin, cookies.get(deputy.deputyId)!, ballotCast(deputy, newBallotKey()));
            ballotTimes.push(performance.now() - sent);
            reached.push({ sent, rank: ++hall.answered });
          } catch (error) {
            ballotErrors += 1;
            if (errorSamples.length < 5) errorSamples.push(String(error));
          }
        }),
      );
      // Frames arrive at most every 250 ms per session: wait for the last one.
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline && (hall.screen.frames.at(-1)?.voted ?? 0) < hall.answered) await sleep(100);
      for (const { sent, rank } of reached) {
        const frame = hall.screen.frames.find((f) => f.at >= sent && f.voted >= rank);
        if (frame) taps.push(frame.at - sent);
      }
    }),
  );
  const morningSeconds = (performance.now() - morningStart) / 1000;
  const held = streamsHeld();
  morningOver = true;
  await Promise.all(background);
  await sleep(1000);
  const lost = following.filter((hall) => hall.screen.frames.at(-1)?.voted !== hall.answered || hall.console.frames.at(-1)?.voted !== hall.answered).length;
  clearInterval(rssSampler);
  for (const hall of following) for (const stream of [hall.screen, hall.console]) stream.request.destroy();
  await Promise.all([ballotPool.close(), publicPool.close()]);

  const command = `npm run bench:morning${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
  const table = [
    `Measured ${new Date().toISOString().slice(0, 10)} with \`${command}\`: ${halls.length} halls, ${tabletTotal} tablets, ballots spread at random over ${roundMs / 1000} s (the morning took ${morningSeconds.toFixed(0)} s), ${readerCount} public readers; ${os.cpus().length} cores (${os.cpus()[0]?.model}), Node ${process.version}. Server and load generator share this machine, with other work on it (load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")} at the end): the figures are for this machine.`,
    "",
    "| figure | value |",
    "|---|---|",
    `| tap → big-screen count p50 / p95 / p99 | ${ms(taps)} (${taps.length} of ${ballotTimes.length} ballots seen on their screen) |`,
    `| ballot p50 / p95 / p99 | ${ms(ballotTimes)} (${ballotTimes.length} cast, ${(ballotTimes.length / morningSeconds).toFixed(0)}/s on average) |`,
    `| errors | ${ballotErrors} ballots${errorSamples.length ? ` (${errorSamples.join("; ")})` : ""}, ${signIn.errors} sign-ins, ${hallScreens.errors} halls' streams, ${publicErrors} public reads |`,
    `| lost events (halls whose screen or console ended on another count) | ${lost} of ${following.length} |`,
    `| SSE connections held at the end of the round | ${held} (a big screen and a console per hall) |`,
    `| server RSS peak | ${peakRss.toFixed(0)} MiB |`,
    `| event-loop delay seen from outside (probe p50 / p95 / p99, max) | ${ms(probeTimes)}, ${Math.max(...probeTimes).toFixed(0)} ms |`,
    `| public /coverage and /notices p50 / p95 / p99 | ${ms(publicTimes)} (${publicTimes.length} reads) |`,
  ].join("\n");
  mkdirSync(path.join(projectRoot, "tests/bench/results"), { recursive: true });
  writeFileSync(path.join(projectRoot, "tests/bench/results/morning.md"), table + "\n");
  console.log(`\n${table}`);
} finally {
  clearInterval(rssSampler);
  await server.stop();
  await prisma.$disconnect();
}
process.exit(0);
