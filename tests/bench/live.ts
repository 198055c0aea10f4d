/**
 * npm run bench:live [-- --deputies 400 --ballots 40 --dropped 1600 --anonymous 2000]
 *
 * What live streams (GET /sessions/:id/events, server-sent events) cost the ballots. One county-
 * sized session (400 deputies, every tablet signed in and checked in over HTTP, the round open);
 * each phase casts the same number of ballots one after another, `--spacing` ms apart (ballots
 * trickle in from a hall; each one reaches every screen), then loads a tablet's ballot page as
 * many times, and reads the server's CPU time (/proc) from the first ballot until the server is
 * idle again (the work a ballot triggers on the live streams runs after the ballot is answered):
 *   1. baseline: no stream open;
 *   2. after `--dropped` streams were opened and dropped (the client destroys the socket as soon
 *      as the stream starts) — streams that outlive their sockets would show here;
 *   3. with one stream per tablet held open (the hall at work);
 *   4. the same, plus `--anonymous` streams attempted without any credential.
 * Each phase is reported against the baseline as a ratio (the machine is shared and noisy). Writes
 * tests/bench/results/live.md.
 */
import http from "node:http";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { percentile } from "./lib/load.ts";
import { projectRoot, startServer, type RunningServer } from "./lib/server.ts";
import { castBallot, newBallotKey, signInAndCheckIn, tabletPool } from "./lib/tablet-client.ts";

const { values } = parseArgs({
  options: {
    deputies: { type: "string", default: "400" },
    ballots: { type: "string", default: "40" },
    spacing: { type: "string", default: "300" },
    dropped: { type: "string", default: "1600" },
    anonymous: { type: "string", default: "2000" },
    port: { type: "string", default: "3322" },
    "no-build": { type: "boolean", default: false },
  },
});
const deputyCount = Number(values.deputies);
const ballotsPerPhase = Number(values.ballots);
const spacingMs = Number(values.spacing);
const port = Number(values.port);
const workDir = path.join(projectRoot, "tests/bench/.live");
const log = (line: string) => console.log(`[live ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!values["no-build"]) {
  log("building the production server");
  execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
}
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const databaseUrl = `file:${path.join(workDir, "live.db")}`;
process.env.DATABASE_URL = databaseUrl;
const { setupDatabase } = await import("../../prisma/setup.ts");
await setupDatabase(databaseUrl);

// ---------------------------------------------------------------------------------------------
// One session of `deputyCount` deputies, a slate of 5 for 3 places, codes issued.

const clerk = { actor: "clerk:bench", device: "bench" };
const { prisma } = await import("~/data/sqlite.server");
const { addDeputies } = await import("~/data/deputies.server");
const { candidates } = await import("~/data/sessions.server");
const { inTransaction } = await import("~/data/transaction.server");
const { addCandidates, createSession, openRound, prepareRound } = await import("~/services/congress-session.server");
const { issueSignInCodes } = await import("~/services/voting.server");

const township = (await prisma.township.findFirst({ where: { code: "430121102" }, select: { id: true, name: true } }))!;
await inTransaction((tx) =>
  addDeputies(
    tx,
    township.id,
    Array.from({ length: deputyCount }, (_, i) => `${township.name}代表${i + 1}`),
  ),
);
const sessionId = await createSession(clerk, township.id, {
  title: `${township.name}人民代表大会会议`,
  meetingDate: new Date("2026-01-15T09:00:00+08:00"),
  place: "大会议室",
});
await addCandidates(
  clerk,
  sessionId,
  Array.from({ length: 5 }, (_, i) => ({
    name: `民生实事项目${i + 1}`,
    content: "道路硬化",
    investment: 100 + i,
    fundingSource: "县级财政补助",
    plannedCompletion: "2026-12",
    responsibleUnit: "镇人民政府",
  })),
  "form",
);
const candidateIds = (await candidates(sessionId)).map((candidate) => candidate.id);
const roundId = await prepareRound(clerk, sessionId, { candidateIds, places: 3, form: "per-project", secret: false, liveResults: false });
const roster = await prisma.attendance.findMany({ where: { sessionId }, select: { deputyId: true }, orderBy: { seatNo: "asc" } });
const codes = await issueSignInCodes(
  clerk,
  sessionId,
  roster.map((row) => row.deputyId),
);

const server: RunningServer = await startServer({ port, databaseUrl, env: { RATE_LIMIT_WRITES: "100000000", RATE_LIMIT_SIGNINS: "100000000" }, quiet: true });
const origin = server.url;
const pool = tabletPool(origin, 16);
const cookies: string[] = [];
for (let i = 0; i < codes.length; i += 32) {
  const batch = codes.slice(i, i + 32);
  cookies.push(
    ...(await Promise.all(
      batch.map((code, j) => signInAndCheckIn(pool, origin, { deputyId: roster[i + j]!.deputyId, code, sessionId, roundId, candidateIds })),
    )),
  );
}
await openRound(clerk, sessionId, roundId);
log(`session ${sessionId}: ${cookies.length} tablets signed in and checked in, round open`);

// ---------------------------------------------------------------------------------------------
// Streams over their own sockets

interface Stream {
  status: number;
  socket: http.ClientRequest;
}

function openStream(cookie: string | null): Promise<Stream> {
  return new Promise((resolve) => {
    const request = http.get(
      { host: "localhost", port, path: `/sessions/${sessionId}/events`, agent: false, headers: cookie ? { cookie } : {} },
      (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, socket: request });
        if (response.statusCode !== 200) request.destroy();
      },
    );
    request.on("error", () => resolve({ status: 0, socket: request }));
  });
}

async function openMany(count: number, cookieOf: (i: number) => string | null, concurrency = 50): Promise<Stream[]> {
  const streams: Stream[] = [];
  for (let i = 0; i < count; i += concurrency) {
    streams.push(...(await Promise.all(Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => openStream(cookieOf(i + j))))));
  }
  return streams;
}

// ---------------------------------------------------------------------------------------------
// A phase: ballots one after another, then the tablet's page, with the server's CPU time

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 10 ms
}

/** Waits until the server's CPU time grows by less than 20 ms in half a second (at most 120 s). */
async function idle(pid: number) {
  const deadline = Date.now() + 120_000;
  for (let last = cpuMs(pid); Date.now() < deadline;) {
    await sleep(500);
    const now = cpuMs(pid);
    if (now - last < 20) return;
    last = now;
  }
}

let nextVoter = 0;
async function phase(name: string) {
  const pid = server.process.pid!;
  await idle(pid);
  const cpu0 = cpuMs(pid);
  const started = performance.now();
  const ballots: number[] = [];
  for (let i = 0; i < ballotsPerPhase; i++) {
    const voter = nextVoter++;
    const cast = { roundId, ballotKey: newBallotKey(), choices: Object.fromEntries(candidateIds.map((id) => [String(id), "yes" as const])) };
    const t0 = performance.now();
    await castBallot(pool, origin, cookies[voter]!, cast);
    ballots.push(performance.now() - t0);
    await sleep(Math.max(0, started + (i + 1) * spacingMs - performance.now()));
  }
  await idle(pid);
  const cpu = (cpuMs(pid) - cpu0 - idleCpuMs(performance.now() - started)) / ballotsPerPhase;
  const pages: number[] = [];
  for (let i = 0; i < ballotsPerPhase; i++) {
    const t0 = performance.now();
    const response = await pool.request({ method: "GET", path: "/vote/ballot", headers: { cookie: cookies[cookies.length - 1 - i]! } });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`ballot page answered ${response.statusCode}`);
    pages.push(performance.now() - t0);
  }
  ballots.sort((a, b) => a - b);
  pages.sort((a, b) => a - b);
  const result = {
    name,
    cpuMsPerBallot: cpu,
    ballotP50: percentile(ballots, 50),
    ballotP95: percentile(ballots, 95),
    pageP50: percentile(pages, 50),
    pageP95: percentile(pages, 95),
    rssMiB: server.rssMiB(),
  };
  log(
    `${name}: server CPU ${cpu.toFixed(1)} ms/ballot · ballot p50 ${result.ballotP50.toFixed(1)} p95 ${result.ballotP95.toFixed(1)} ms · ballot page p50 ${result.pageP50.toFixed(1)} p95 ${result.pageP95.toFixed(1)} ms · RSS ${result.rssMiB.toFixed(0)} MiB`,
  );
  return result;
}

// What the idle server spends anyway (timers, heartbeats), per millisecond of wall time.
await idle(server.process.pid!);
const idle0 = cpuMs(server.process.pid!);
await sleep(3000);
const idleRate = (cpuMs(server.process.pid!) - idle0) / 3000;
const idleCpuMs = (wallMs: number) => idleRate * wallMs;

const results = [];
results.push(await phase("1 baseline"));

const dropped = Number(values.dropped);
let droppedAccepted = 0;
for (let i = 0; i < dropped; i += 50) {
  const batch = await Promise.all(Array.from({ length: Math.min(50, dropped - i) }, (_, j) => openStream(cookies[(i + j) % cookies.length]!)));
  droppedAccepted += batch.filter((s) => s.status === 200).length;
  for (const stream of batch) stream.socket.destroy();
}
log(`opened and dropped ${dropped} streams (${droppedAccepted} accepted)`);
await sleep(2000);
results.push(await phase(`2 after ${dropped} dropped`));

const held = await openMany(cookies.length, (i) => cookies[i]!);
log(`holding ${held.filter((s) => s.status === 200).length} of ${held.length} tablet streams`);
results.push(await phase(`3 ${held.length} tablet streams held`));

const anonymous = await openMany(Number(values.anonymous), () => null);
const anonymousStatuses = Object.entries(anonymous.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s.status]: (counts[s.status] ?? 0) + 1 }), {}));
log(`${anonymous.length} anonymous stream attempts: ${anonymousStatuses.map(([status, n]) => `${n} × ${status}`).join(", ")}`);
results.push(await phase(`4 + ${anonymous.length} anonymous attempts`));

for (const stream of [...held, ...anonymous]) stream.socket.destroy();
await pool.close();
const exit = await server.stop();
log(`server stopped with exit code ${exit}`);

const base = results[0]!;
const x = (value: number, of: number) => `${value.toFixed(1)} ms (×${(value / of).toFixed(1)})`;
const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} with \`${`npm run bench:live -- ${process.argv.slice(2).join(" ")}`.replace(/ -- $/, "")}\`: one session of ${cookies.length} tablets, ${ballotsPerPhase} ballots per phase ${spacingMs} ms apart; ${os.cpus().length} cores, Node ${process.version}; server and clients share the machine. ${droppedAccepted} of ${dropped} dropped streams were accepted; ${anonymousStatuses.map(([status, n]) => `${n} × ${status}`).join(", ")} for the anonymous attempts; the server exited with ${exit} on SIGTERM.`,
  "",
  "| phase | server CPU per ballot | ballot p50 | tablet page p50 / p95 | server RSS |",
  "|---|---|---|---|---|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${x(r.cpuMsPerBallot, base.cpuMsPerBallot)} | ${x(r.ballotP50, base.ballotP50)} | ${x(r.pageP50, base.pageP50)} / ${r.pageP95.toFixed(1)} ms | ${r.rssMiB.toFixed(0)} MiB |`,
  ),
].join("\n");
mkdirSync(path.join(projectRoot, "tests/bench/results"), { recursive: true });
writeFileSync(path.join(projectRoot, "tests/bench/results/live.md"), table + "\n");
console.log(`\n${table}`);
await prisma.$disconnect();
process.exit(0);
