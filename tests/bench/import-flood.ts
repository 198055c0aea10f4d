/**
 * npm run bench:import [-- --port 3393 --seconds 8]
 *
 * Hostile slate imports against the ballot path (issue 19): one township's clerk uploads hostile
 * workbooks, three at a time, again and again (a zip bomb that lies about its sizes, twice, and a
 * workbook of 57 MiB of honest XML), while tablets of other townships cast a ballot every 50 ms.
 * Then a control flood: the same files named .txt, refused before anything reads them, which is
 * what the uploads cost the server by themselves (receiving 1 MiB bodies, rendering the page).
 * Prints ballot latency idle and under each flood, what the uploads were answered, the server's
 * peak memory, and whether it is still up.
 */
import { execSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { projectRoot, startServer } from "./lib/server.ts";
import { ballotCast, castBallot, newBallotKey, signInAndCheckIn, tabletPool } from "./lib/tablet-client.ts";
import { lyingZipBomb, manyRowsWorkbook } from "../factories/workbooks.ts";

const { values } = parseArgs({
  options: { port: { type: "string", default: "3393" }, seconds: { type: "string", default: "8" } },
});
const port = Number(values.port);
const floodMs = Number(values.seconds) * 1000;
const BALLOT_EVERY_MS = 50;
const IDLE_BALLOTS = 40;

const workDir = path.join(projectRoot, "tests/bench/.import");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const databaseUrl = `file:${path.join(workDir, "import.db")}`;
process.env.DATABASE_URL = databaseUrl;
const log = (line: string) => console.log(`[import ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

log("building the production server");
execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
const { setupDatabase } = await import("../../prisma/setup.ts");
await setupDatabase(databaseUrl);
const { setUpProvince, openRounds } = await import("./lib/province.ts");
const [importing, ...voting] = await setUpProvince({ fraction: 0.006 });
const { prisma } = await import("~/data/sqlite.server");
const { createAccount } = await import("~/services/accounts.server");
const township = await prisma.township.findUniqueOrThrow({
  where: { id: importing!.townshipId },
  select: { code: true },
});
await createAccount({
  username: "flood-clerk",
  displayName: "会务文书",
  password: "flood-password-123",
  role: "clerk",
  townshipCode: township.code,
});
const deputies = voting.flatMap((t) => t.deputies);
log(`clerk of township ${township.code} imports; ${deputies.length} deputies of ${voting.length} other townships vote`);

const server = await startServer({
  port,
  databaseUrl,
  env: { RATE_LIMIT_WRITES: "100000000", RATE_LIMIT_SIGNINS: "100000000" },
  quiet: true,
});
const origin = server.url;
const { logInStaff, post, refusalMessage } = await import("../integration/helpers.ts");
const clerkCookie = await logInStaff(origin, "flood-clerk", "flood-password-123");
const pool = tabletPool(origin, 16);
const cookies = new Map<number, string>();
for (const deputy of deputies) cookies.set(deputy.deputyId, await signInAndCheckIn(pool, origin, deputy));
await openRounds(voting);

const hostile = [
  { label: "lying zip bomb", bytes: lyingZipBomb() },
  { label: "57 MiB of XML", bytes: manyRowsWorkbook(57) },
  { label: "lying zip bomb", bytes: lyingZipBomb() },
];
log(`hostile files: ${hostile.map((file) => `${file.label} ${(file.bytes.length / 1024).toFixed(0)} KiB`).join(", ")}`);

let peakRss = server.rssMiB();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMiB())), 100);
let nextDeputy = 0;
const ballotErrors: string[] = [];

/** Casts one ballot every BALLOT_EVERY_MS until `until()` says stop; returns each ballot's latency. */
async function vote(until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!until() && nextDeputy < deputies.length) {
    const deputy = deputies[nextDeputy++]!;
    const started = performance.now();
    try {
      await castBallot(pool, origin, cookies.get(deputy.deputyId)!, ballotCast(deputy, newBallotKey()));
      latencies.push(performance.now() - started);
    } catch (error) {
      ballotErrors.push(String(error));
    }
    await sleep(Math.max(0, BALLOT_EVERY_MS - (performance.now() - started)));
  }
  return latencies;
}

const answers = new Map<string, number>();
const uploadMs: number[] = [];

/** Uploads the hostile files three at a time, volley after volley, while tablets vote; returns the ballots' latencies. */
async function flood(fileName: string): Promise<number[]> {
  let floodOver = false;
  const volleys = (async () => {
    const end = performance.now() + floodMs;
    for (let volley = 0; volley < 200 && performance.now() < end; volley++) await upload(fileName);
    floodOver = true;
  })();
  const latencies = await vote(() => floodOver);
  await volleys;
  return latencies;
}

async function upload(fileName: string) {
  await Promise.all(
    hostile.map(async (file) => {
      const started = performance.now();
      const answer = await post(origin, `/console/sessions/${importing!.sessionId}`, {
        cookie: clerkCookie,
        fields: [
          ["intent", "import"],
          ["file", { file: new Blob([file.bytes as BlobPart]), name: fileName }],
        ],
      }).then(
        (answer) => `${answer.status} ${refusalMessage(answer)?.slice(0, 70) ?? ""}`,
        (error: Error) => `no answer (${String(error.cause ?? error)})`,
      );
      uploadMs.push(performance.now() - started);
      const key = `${file.label} (${fileName}): ${answer}`;
      answers.set(key, (answers.get(key) ?? 0) + 1);
    }),
  );
}

const idle = await vote(() => nextDeputy >= IDLE_BALLOTS);
const flooded = await flood("候选项目.xlsx");
const control = await flood("候选项目.txt");
clearInterval(sampler);
const alive = await fetch(`${origin}/`).then(
  (response) => response.ok,
  () => false,
);
await pool.close();
await server.stop();

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN };
}
const before = summary(idle);
const during = summary(flooded);
const ms = (value: number) => `${value.toFixed(1)} ms`;
log(`ballots idle:         ${before.n} · p50 ${ms(before.p50)} · p95 ${ms(before.p95)} · max ${ms(before.max)}`);
const controlled = summary(control);
const versusIdle = (s: ReturnType<typeof summary>) =>
  `(p50 ×${(s.p50 / before.p50).toFixed(2)}, p95 ×${(s.p95 / before.p95).toFixed(2)}, max ×${(s.max / before.max).toFixed(2)} idle)`;
log(`ballots under flood:  ${during.n} · p50 ${ms(during.p50)} · p95 ${ms(during.p95)} · max ${ms(during.max)} ${versusIdle(during)}`);
log(
  `ballots under control flood (.txt, not read): ${controlled.n} · p50 ${ms(controlled.p50)} · p95 ${ms(controlled.p95)} · max ${ms(controlled.max)} ${versusIdle(controlled)}`,
);
log(`ballot errors: ${ballotErrors.length}${ballotErrors.length ? ` (${ballotErrors[0]})` : ""}`);
log(`uploads: ${uploadMs.length} · p50 ${ms(summary(uploadMs).p50)} · max ${ms(summary(uploadMs).max)}`);
for (const [answer, count] of answers) log(`  ${count} × ${answer}`);
log(`server peak RSS ${peakRss.toFixed(0)} MiB; server ${alive ? "still up" : "DOWN"}`);
process.exit(alive && ballotErrors.length === 0 ? 0 : 1);
