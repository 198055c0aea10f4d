/**
 * One run of `npm run bench` on one engine, in a process of its own (run.ts starts it): the app's
 * modules read DATABASE_URL once, so each engine, and each run, gets a fresh process, database
 * and server. Writes what it measured as JSON to --out.
 *
 *   tsx tests/bench/lib/one-run.ts --engine sqlite|postgresql --fraction 0.1 --port 3390 --run 1 --out file.json
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ENGINE_NAMES, openBenchDatabase, type BenchEngine } from "./bench-database.ts";
import { HALL_DEPUTIES, setUpHall450, voteInHall, type HallRoundKind, type HallRoundResult } from "./hall.ts";
import { runLoad, type LoadResult } from "./load.ts";
import { projectRoot, startServer } from "./server.ts";
import { ballotCast, castBallot, newBallotKey, signInAndCheckIn, tabletPool, warmUp } from "./tablet-client.ts";

export const CONCURRENCY = [50, 200, 500];
export const HALL_ROUNDS: HallRoundKind[] = ["recorded", "secret"];
/** Pages read on the resulting data; one behind a login (a redirect) is not measured. */
export const PAGES = ["/coverage", "/monitor", "/counties/430121"];
/** The hall's congress: 浏阳市人民代表大会, a county congress (the province's halls are townships). */
const HALL_CONGRESS = "430181";

export type RunResult = Awaited<ReturnType<typeof oneRun>>;

async function oneRun(engine: BenchEngine, fraction: number, port: number, run: number) {
  const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${ENGINE_NAMES[engine]} ${line}`);
  const workDir = path.join(projectRoot, "tests/bench/.data", engine);
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const database = await openBenchDatabase(engine, workDir);
  // Before any app module loads: they read the environment once.
  process.env.DATABASE_URL = database.url;
  Object.assign(process.env, database.env);
  try {
    const { setupDatabase } = await import("../../../prisma/setup.ts");
    await setupDatabase(database.url);

    log(`run ${run}: setting up ${Math.round(fraction * 100)}% of the province through the services`);
    const { setUpProvince, openRounds } = await import("./province.ts");
    const setupStart = performance.now();
    const townships = await setUpProvince({ fraction, secretEvery: 2, log });
    const deputies = townships.flatMap((township) => township.deputies);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    log(`run ${run}: ${townships.length} townships, ${deputies.length} deputies in ${setupSeconds.toFixed(1)} s`);
    const hall = await setUpHall450(HALL_CONGRESS);

    const server = await startServer({
      port,
      databaseUrl: database.url,
      env: { ...database.env, BENCH_NOOP: "1", RATE_LIMIT_WRITES: "100000000", RATE_LIMIT_TABLET_WRITES: "100000000", RATE_LIMIT_SIGNINS: "100000000" },
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
      await database.keepCopyForCeiling();

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

      // Every acknowledged ballot is in the database (a secret one sealed until its round's count).
      const acknowledged = CONCURRENCY.reduce((sum, c) => sum + ballots[c]!.completed, 0);
      const stored = await storedBallots(townships.map((township) => township.roundId));
      log(`run ${run}: ${acknowledged} ballots acknowledged, ${stored} stored`);
      if (stored < acknowledged) throw new Error(`${acknowledged - stored} acknowledged ballots are not in the database`);

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
      for (const page of PAGES) {
        const probe = await fetch(origin + page, { redirect: "manual" });
        await probe.arrayBuffer();
        if (probe.status >= 300 && probe.status < 400) continue;
        if (probe.status !== 200) throw new Error(`GET ${page} answered ${probe.status}`);
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
      // This process's own connections too: the PostgreSQL ceiling works on the database alone.
      const { closeDatabase } = await import("~/data/sqlite.server");
      await closeDatabase();
      const databaseBytes = await database.sizeBytes();

      // (b) The storage ceiling, on the same issued ballots.
      const storage = await database.storageCeiling(Math.min(groupSize, 20_000));
      log(`run ${run}: storage ceiling ${storage.perCommit.toFixed(0)}/s one ballot per commit, ${storage.grouped.toFixed(0)}/s in groups of 50`);

      return {
        engine,
        fraction,
        signIn,
        ballots,
        acknowledged,
        stored,
        noop,
        noopRemix,
        pages,
        hall: hallRounds,
        storage,
        peakRssMiB: peakRss,
        endRssMiB: rss,
        databaseMiB: databaseBytes / 1048576,
        setupSeconds,
        townships: townships.length,
        deputies: deputies.length,
      };
    } finally {
      clearInterval(sampler);
      await server.stop();
    }
  } finally {
    const { closeDatabase } = await import("~/data/sqlite.server");
    await closeDatabase();
    await database.close();
  }
}

/** Round ids per count query: Prisma refuses more bound parameters than SQLite's 999 (P2029). */
const ROUNDS_PER_QUERY = 500;

/** The ballots of these rounds in the database, recorded or sealed. */
async function storedBallots(roundIds: number[]) {
  const { prisma } = await import("~/data/sqlite.server");
  let stored = 0;
  for (let at = 0; at < roundIds.length; at += ROUNDS_PER_QUERY) {
    const where = { roundId: { in: roundIds.slice(at, at + ROUNDS_PER_QUERY) } };
    stored += (await prisma.ballot.count({ where })) + (await prisma.sealedBallot.count({ where }));
  }
  return stored;
}

if (path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      engine: { type: "string" },
      fraction: { type: "string" },
      port: { type: "string" },
      run: { type: "string", default: "1" },
      out: { type: "string" },
    },
  });
  if ((values.engine !== "sqlite" && values.engine !== "postgresql") || !values.fraction || !values.port || !values.out) {
    console.error("usage: one-run.ts --engine sqlite|postgresql --fraction F --port P [--run N] --out FILE");
    process.exit(2);
  }
  const result = await oneRun(values.engine, Number(values.fraction), Number(values.port), Number(values.run));
  writeFileSync(values.out, JSON.stringify(result) + "\n");
  // Timers of the schema engine keep the process alive for a while after a migration.
  process.exit(0);
}
