/**
 * npm run bench [-- --quick | --fraction 0.25] [--runs 3]
 *
 * Province-scale ballots over HTTP, against two ceilings measured in the same run:
 * (a) the same HTTP path with an action that stores nothing (what Express + Remix cost), and
 * (b) raw better-sqlite3 writes of the same rows with the same durability (what storage costs).
 * Then one hall of 450 tablets casts at once, in a recorded and in a secret round (lib/hall.ts).
 * Writes tests/bench/results/latest.{json,md} and the table in README.md.
 */
import Database from "better-sqlite3";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { runLoad, type LoadResult } from "./lib/load.ts";
import { projectRoot, startServer } from "./lib/server.ts";
import { storageCeiling } from "./lib/storage-ceiling.ts";
import { HALL_DEPUTIES, setUpHall450, voteInHall, type HallRoundKind, type HallRoundResult } from "./lib/hall.ts";
import { ballotCast, castBallot, newBallotKey, signInAndCheckIn, tabletPool, warmUp } from "./lib/tablet-client.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    fraction: { type: "string" },
    runs: { type: "string", default: "1" },
    port: { type: "string", default: "3390" },
  },
});
const fraction = values.fraction ? Number(values.fraction) : values.quick ? 0.1 : 1;
const runs = Number(values.runs);
const port = Number(values.port);
const CONCURRENCY = [50, 200, 500];
/** The hall's congress: 浏阳市人民代表大会, a county congress (the province's halls are townships). */
const HALL_CONGRESS = "430181";
const HALL_ROUNDS: HallRoundKind[] = ["recorded", "secret"];
const workDir = path.join(projectRoot, "tests/bench/.data");
const resultsDir = path.join(projectRoot, "tests/bench/results");

function log(line: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

async function oneRun(run: number) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const database = path.join(workDir, "bench.db");
  const databaseUrl = `file:${database}`;
  process.env.DATABASE_URL = databaseUrl;
  const { setupDatabase } = await import("../../prisma/setup.ts");
  await setupDatabase(databaseUrl);

  log(`run ${run}: setting up ${Math.round(fraction * 100)}% of the province through the services`);
  const { setUpProvince, openRounds } = await import("./lib/province.ts");
  const setupStart = performance.now();
  const townships = await setUpProvince({ fraction, secretEvery: 2, log });
  const deputies = townships.flatMap((township) => township.deputies);
  log(`run ${run}: ${townships.length} townships, ${deputies.length} deputies in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
  const hall = await setUpHall450(HALL_CONGRESS);

  const server = await startServer({
    port,
    databaseUrl,
    env: { BENCH_NOOP: "1", RATE_LIMIT_WRITES: "100000000", RATE_LIMIT_TABLET_WRITES: "100000000", RATE_LIMIT_SIGNINS: "100000000" },
    quiet: true,
  });
  const origin = server.url;
  let peakRss = server.rssMiB();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMiB())), 250);
  try {
    const signInPool = tabletPool(origin, 200);
    const cookies = new Map<number, string>();
    const signIn = await runLoad(deputies, 200, async (deputy) => {
      cookies.set(deputy.deputyId, await signInAndCheckIn(signInPool, origin, deputy));
    });
    await signInPool.close();
    log(
      `run ${run}: sign-in + check-in ${signIn.completed} tablets at ${signIn.perSecond.toFixed(0)}/s (p99 ${signIn.p99Ms.toFixed(0)} ms, ${signIn.errors} errors)`,
    );
    await openRounds(townships);
    // A consistent copy with every ballot issued and none cast, for the storage ceiling below.
    const copy = path.join(workDir, "ceiling.db");
    snapshot(database, copy);

    // Each deputy votes once: split the deputies over the three concurrency levels.
    const ballots: Record<number, LoadResult> = {};
    const groupSize = Math.floor(deputies.length / CONCURRENCY.length);
    for (const [i, concurrency] of CONCURRENCY.entries()) {
      const group = deputies.slice(i * groupSize, (i + 1) * groupSize);
      const pool = tabletPool(origin, concurrency);
      await warmUp(pool, concurrency);
      ballots[concurrency] = await runLoad(group, concurrency, (deputy) =>
        castBallot(pool, origin, cookies.get(deputy.deputyId)!, ballotCast(deputy, newBallotKey())).then(() => undefined),
      );
      await pool.close();
      const r = ballots[concurrency]!;
      log(
        `run ${run}: ${r.completed} ballots at ${concurrency} clients: ${r.perSecond.toFixed(0)}/s, p50 ${r.p50Ms.toFixed(1)} p95 ${r.p95Ms.toFixed(1)} p99 ${r.p99Ms.toFixed(1)} ms, ${r.errors} errors ${r.errorSamples.join("; ")}`,
      );
    }

    // (a) The framework ceilings: the same posts answered by handlers that store nothing — on the
    // direct path the ballot takes (app/http/tablet-ballot.server.ts), and through a Remix action.
    const noopTasks = deputies.slice(groupSize, 2 * groupSize);
    const ceiling = async (path: string) => {
      const pool = tabletPool(origin, 200);
      await warmUp(pool, 200);
      const result = await runLoad(noopTasks, 200, (deputy) =>
        castBallot(pool, origin, cookies.get(deputy.deputyId)!, ballotCast(deputy, newBallotKey()), path).then(() => undefined),
      );
      await pool.close();
      return result;
    };
    const noop = await ceiling("/bench/noop-direct");
    const noopRemix = await ceiling("/bench/noop");
    log(
      `run ${run}: no-op ceiling ${noop.perSecond.toFixed(0)}/s on the ballot's direct path, ${noopRemix.perSecond.toFixed(0)}/s through a Remix action (200 clients)`,
    );

    const pages: Record<string, LoadResult> = {};
    for (const page of ["/coverage", "/monitor", `/counties/430121`]) {
      const probe = await fetch(origin + page, { redirect: "manual" });
      if (probe.status !== 200) continue;
      const pagePool = tabletPool(origin, 4);
      pages[page] = await runLoad(
        Array.from({ length: 200 }, (_, i) => i),
        4,
        async () => {
          const response = await pagePool.request({ method: "GET", path: page });
          await response.body.dump();
          if (response.statusCode !== 200) throw new Error(`${page} answered ${response.statusCode}`);
        },
      );
      await pagePool.close();
      log(`run ${run}: GET ${page} p50 ${pages[page]!.p50Ms.toFixed(1)} ms, p95 ${pages[page]!.p95Ms.toFixed(1)} ms`);
    }

    // The hall: its tablets sign in and check in first (not timed here), then each round opens and
    // every tablet casts at once.
    const hallPool = tabletPool(origin, HALL_DEPUTIES);
    const hallCookies = new Map<number, string>();
    const hallSignIn = await runLoad(hall.deputies, HALL_DEPUTIES, async (deputy) => {
      hallCookies.set(deputy.deputyId, await signInAndCheckIn(hallPool, origin, deputy));
    });
    if (hallSignIn.errors > 0) throw new Error(`hall: ${hallSignIn.errors} tablets failed to sign in or check in: ${hallSignIn.errorSamples.join("; ")}`);
    const hallRounds = {} as Record<HallRoundKind, HallRoundResult>;
    for (const kind of HALL_ROUNDS) {
      const r = (hallRounds[kind] = await voteInHall(hallPool, origin, hallCookies, hall, kind));
      log(
        `run ${run}: hall of ${HALL_DEPUTIES}, ${kind} round: opening → last stored ${r.openToLastStoredMs.toFixed(0)} ms (opening ${r.openingMs.toFixed(0)} ms), p50 ${r.ballots.p50Ms.toFixed(1)} p99 ${r.ballots.p99Ms.toFixed(1)} ms, ${r.ballots.errors} errors, ${r.stored} stored`,
      );
    }
    await hallPool.close();

    clearInterval(sampler);
    const rss = server.rssMiB();
    await server.stop();
    const databaseBytes = ["", "-wal"].reduce((sum, suffix) => sum + statSafe(database + suffix), 0);

    // (b) The storage ceiling, on the copy holding the same issued ballots.
    const storage = storageCeiling(copy, Math.min(groupSize, 20_000));
    log(`run ${run}: storage ceiling ${storage.perCommit.toFixed(0)}/s one ballot per commit, ${storage.grouped.toFixed(0)}/s in groups of 50`);

    return {
      signIn,
      ballots,
      noop,
      noopRemix,
      pages,
      hall: hallRounds,
      storage,
      peakRssMiB: peakRss,
      endRssMiB: rss,
      databaseMiB: databaseBytes / 1048576,
      townships: townships.length,
      deputies: deputies.length,
    };
  } finally {
    clearInterval(sampler);
    await server.stop();
    // The next run deletes and recreates the file: close this run's connection to it (the client
    // opens a new one, on the new file, at its next query).
    const { prisma } = await import("~/data/sqlite.server");
    await prisma.$disconnect();
  }
}

function snapshot(from: string, to: string) {
  const db = new Database(from, { readonly: true });
  try {
    db.prepare("VACUUM INTO ?").run(to);
  } finally {
    db.close();
  }
}

function statSafe(file: string) {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

log("building the production server");
execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
const results: Array<Awaited<ReturnType<typeof oneRun>>> = [];
for (let run = 1; run <= runs; run += 1) results.push(await oneRun(run));

const at = (c: number) => ({
  ballotsPerSecond: median(results.map((r) => r.ballots[c]!.perSecond)),
  p50Ms: median(results.map((r) => r.ballots[c]!.p50Ms)),
  p95Ms: median(results.map((r) => r.ballots[c]!.p95Ms)),
  p99Ms: median(results.map((r) => r.ballots[c]!.p99Ms)),
  errors: results.reduce((sum, r) => sum + r.ballots[c]!.errors, 0),
  ballots: median(results.map((r) => r.ballots[c]!.completed)),
});
const byConcurrency = Object.fromEntries(CONCURRENCY.map((c) => [c, at(c)]));
const hallAt = (kind: HallRoundKind) => ({
  openToLastStoredMs: median(results.map((r) => r.hall[kind].openToLastStoredMs)),
  openingMs: median(results.map((r) => r.hall[kind].openingMs)),
  p50Ms: median(results.map((r) => r.hall[kind].ballots.p50Ms)),
  p99Ms: median(results.map((r) => r.hall[kind].ballots.p99Ms)),
  errors: results.reduce((sum, r) => sum + r.hall[kind].ballots.errors, 0),
  stored: Math.min(...results.map((r) => r.hall[kind].stored)),
});
const headline = byConcurrency[200]!;
const summary = {
  date: new Date().toISOString(),
  command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
  runs,
  fraction,
  townships: results[0]!.townships,
  deputies: results[0]!.deputies,
  concurrency: 200,
  ballotsPerSecond: headline.ballotsPerSecond,
  p99Ms: headline.p99Ms,
  noopCeilingPerSecond: median(results.map((r) => r.noop.perSecond)),
  noopRemixPerSecond: median(results.map((r) => r.noopRemix.perSecond)),
  storageCeilingPerSecond: median(results.map((r) => r.storage.perCommit)),
  storageGroupedPerSecond: median(results.map((r) => r.storage.grouped)),
  signInPerSecond: median(results.map((r) => r.signIn.perSecond)),
  byConcurrency,
  pages: Object.fromEntries(
    Object.keys(results[0]!.pages).map((page) => [
      page,
      { p50Ms: median(results.map((r) => r.pages[page]!.p50Ms)), p95Ms: median(results.map((r) => r.pages[page]!.p95Ms)) },
    ]),
  ),
  hall: { tablets: HALL_DEPUTIES, recorded: hallAt("recorded"), secret: hallAt("secret") },
  serverPeakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)),
  databaseMiB: median(results.map((r) => r.databaseMiB)),
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
};

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const table = [
  `Measured ${summary.date.slice(0, 10)} with \`${summary.command}\` (median of ${runs} run${runs > 1 ? "s" : ""}; ${fmt(summary.townships)} townships, ${fmt(summary.deputies)} deputies; ${summary.machine.cores} cores, ${summary.machine.cpu}, Node ${summary.machine.node}). Server and load generator share the machine.`,
  "",
  "| measure | value |",
  "|---|---|",
  ...CONCURRENCY.map((c) => {
    const r = byConcurrency[c]!;
    return `| ballots over HTTP, ${c} tablets | ${fmt(r.ballotsPerSecond)}/s · p50 ${fmt(r.p50Ms, 1)} ms · p95 ${fmt(r.p95Ms, 1)} ms · p99 ${fmt(r.p99Ms, 1)} ms · ${r.errors} errors |`;
  }),
  `| (a) no-op ceiling on the ballot's path, 200 tablets | ${fmt(summary.noopCeilingPerSecond)}/s → ballots reach ${fmt((100 * summary.ballotsPerSecond) / summary.noopCeilingPerSecond)}% of it |`,
  `| (a′) no-op ceiling through a Remix action, 200 tablets | ${fmt(summary.noopRemixPerSecond)}/s (why the ballot post skips it: see app/http/tablet-ballot.server.ts) |`,
  `| (b) storage ceiling, one ballot per commit (synchronous=FULL) | ${fmt(summary.storageCeilingPerSecond)}/s (${fmt(summary.storageGroupedPerSecond)}/s in groups of 50, as the ballot box commits) |`,
  `| sign-in + check-in, 200 tablets | ${fmt(summary.signInPerSecond)}/s |`,
  ...Object.entries(summary.pages).map(([page, r]) => `| GET ${page} on the resulting data | p50 ${fmt(r.p50Ms, 1)} ms · p95 ${fmt(r.p95Ms, 1)} ms |`),
  `| server memory (peak RSS) | ${fmt(summary.serverPeakRssMiB)} MiB |`,
  `| database size | ${fmt(summary.databaseMiB, 1)} MiB |`,
  "",
  `One hall of ${HALL_DEPUTIES} tablets voting at once, the largest county congress (浏阳市人民代表大会, beside the townships above; ${HALL_DEPUTIES} whatever the fraction), in the same run${runs > 1 ? "s" : ""}: the tablets sign in and check in beforehand; then the clerk opens the round and every tablet casts its ballot (15 projects, 12 places) at once, on a connection of its own. Stored = acknowledged by the server, and counted in the database afterwards.`,
  "",
  `| hall of ${HALL_DEPUTIES} tablets | opening → last ballot stored | ballot p50 · p99 | errors | stored |`,
  "|---|---|---|---|---|",
  ...HALL_ROUNDS.map((kind) => {
    const r = summary.hall[kind];
    const label = kind === "secret" ? "secret round (无记名, sealed until counted)" : "recorded round (记名)";
    return `| ${label} | ${fmt(r.openToLastStoredMs)} ms (the opening itself ${fmt(r.openingMs)} ms) | p50 ${fmt(r.p50Ms, 1)} ms · p99 ${fmt(r.p99Ms, 1)} ms | ${r.errors} | ${fmt(r.stored)} of ${HALL_DEPUTIES} |`;
  }),
].join("\n");

mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, "latest.json"), JSON.stringify({ ...summary, runs: results.length, raw: results }, null, 2) + "\n");
writeFileSync(path.join(resultsDir, "latest.md"), table + "\n");
const readmePath = path.join(projectRoot, "README.md");
const readme = readFileSync(readmePath, "utf8");
const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
if (marked.test(readme)) writeFileSync(readmePath, readme.replace(marked, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
console.log(`\n${table}`);
process.exit(0);
