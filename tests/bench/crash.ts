/**
 * npm run test:crash — under a steady ballot load, kill -9 the server at random moments (at least
 * ten times), restart it each time, and check that every ballot whose submission was answered with
 * success is stored exactly once, that nothing was stored that no client sent, that no round is
 * half-tallied, and that the audit chain verifies. Clients retry after a dropped connection with the
 * same ballot key, as the tablet does. The last line prints the counts.
 */
import Database from "better-sqlite3";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { projectRoot, startServer, type RunningServer } from "./lib/server.ts";
import { ballotForm, castBallot, newBallotKey, signInAndCheckIn, tabletPool } from "./lib/tablet-client.ts";

const { values } = parseArgs({ options: { kills: { type: "string", default: "12" }, port: { type: "string", default: "3392" }, fraction: { type: "string", default: "0.01" } } });
const wantedKills = Number(values.kills);
const port = Number(values.port);
const workDir = path.join(projectRoot, "tests/bench/.crash");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const database = path.join(workDir, "crash.db");
const databaseUrl = `file:${database}`;
process.env.DATABASE_URL = databaseUrl;

const log = (line: string) => console.log(`[crash ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

log("building the production server");
execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
const { setupDatabase } = await import("../../prisma/setup.ts");
await setupDatabase(databaseUrl);
const { setUpProvince, openRounds } = await import("./lib/province.ts");
const townships = await setUpProvince({ fraction: Number(values.fraction), secretEvery: 2 });
const deputies = townships.flatMap((township) => township.deputies);
log(`${townships.length} townships, ${deputies.length} deputies`);

const serverEnv = { RATE_LIMIT_WRITES: "100000000", RATE_LIMIT_TABLET_WRITES: "100000000", RATE_LIMIT_SIGNINS: "100000000" };
let server: RunningServer = await startServer({ port, databaseUrl, env: serverEnv, quiet: true });
const origin = server.url;
let pool = tabletPool(origin, 32);
const cookies = new Map<number, string>();
for (let i = 0; i < deputies.length; i += 64) {
  await Promise.all(deputies.slice(i, i + 64).map(async (deputy) => cookies.set(deputy.deputyId, await signInAndCheckIn(pool, origin, deputy))));
}
await openRounds(townships);
log("all tablets signed in and checked in; rounds open; load starts");

const { receiptFor } = await import("~/services/receipt.server");
const sentReceipts = new Set<string>();
const acknowledged = new Map<number, string>(); // deputyId → receipt answered with success
let submitted = 0;
let up = true;

async function vote(deputy: (typeof deputies)[number]) {
  const ballotKey = newBallotKey();
  const form = ballotForm(deputy, ballotKey);
  sentReceipts.add(receiptFor(ballotKey));
  submitted += 1;
  for (;;) {
    try {
      await castBallot(pool, origin, cookies.get(deputy.deputyId)!, form);
      acknowledged.set(deputy.deputyId, receiptFor(ballotKey));
      return;
    } catch (error) {
      // A dropped connection or a refused one while the server is down: retry the same ballot.
      if (String(error).includes("answered")) throw error;
      while (!up) await sleep(20);
      await sleep(10);
    }
  }
}

let next = 0;
const failures: string[] = [];
const clients = Array.from({ length: 24 }, async () => {
  for (;;) {
    const index = next++;
    if (index >= deputies.length) return;
    await vote(deputies[index]!).catch((error) => failures.push(String(error)));
    await sleep(15 + Math.random() * 30);
  }
});
let loadDone = false;
const load = Promise.all(clients).then(() => (loadDone = true));

let kills = 0;
while (!loadDone && kills < wantedKills) {
  await sleep(150 + Math.random() * 900);
  if (loadDone) break;
  server.process.kill("SIGKILL");
  up = false;
  await server.stop();
  kills += 1;
  const pendingAcks = acknowledged.size;
  await pool.destroy();
  server = await startServer({ port, databaseUrl, env: serverEnv, quiet: true });
  pool = tabletPool(origin, 32);
  up = true;
  log(`kill -9 #${kills} at ${pendingAcks} acknowledged ballots; restarted`);
}
await load;
await pool.close();
await server.stop();

// Close every round through the services (the tally runs in one transaction), then check.
const { closeRound } = await import("~/services/congress-session.server");
for (const township of townships) await closeRound({ actor: "clerk:crash", device: "crash" }, township.sessionId, township.roundId);
const { firstBrokenAuditEntry } = await import("~/data/audit.server");
const brokenAt = await firstBrokenAuditEntry();

const db = new Database(database, { readonly: true });
const stored = db.prepare("SELECT receipt, roundId, deputyId FROM Ballot").all() as Array<{ receipt: string; roundId: number; deputyId: number | null }>;
const storedReceipts = new Map(stored.map((row) => [row.receipt, row]));
const lost = [...acknowledged.values()].filter((receipt) => !storedReceipts.has(receipt)).length;
const phantom = stored.filter((row) => !sentReceipts.has(row.receipt)).length;
const duplicated = (db.prepare("SELECT count(*) AS n FROM (SELECT roundId, deputyId FROM Ballot WHERE deputyId IS NOT NULL GROUP BY roundId, deputyId HAVING count(*) > 1)").get() as { n: number }).n
  + (db.prepare(`SELECT count(*) AS n FROM Round r WHERE (SELECT count(*) FROM Ballot b WHERE b.roundId = r.id) <> (SELECT count(*) FROM BallotIssue i WHERE i.roundId = r.id AND i.votedAt IS NOT NULL)`).get() as { n: number }).n;
const rounds = db.prepare("SELECT id, status, resultJson FROM Round").all() as Array<{ id: number; status: string; resultJson: string | null }>;
const halfTallied = rounds.filter((round) => {
  if (round.status !== "closed" || !round.resultJson) return true;
  const cast = (db.prepare("SELECT count(*) AS n FROM Ballot WHERE roundId = ?").get(round.id) as { n: number }).n;
  return JSON.parse(round.resultJson).cast !== cast;
}).length;
db.close();

const ok = kills >= wantedKills && lost === 0 && phantom === 0 && duplicated === 0 && halfTallied === 0 && brokenAt === null && failures.length === 0;
log(`kills ${kills}; rounds ${rounds.length}, half-tallied ${halfTallied}; audit chain ${brokenAt === null ? "verifies" : `broken at ${brokenAt}`}; client failures ${failures.length} ${failures.slice(0, 3).join("; ")}`);
if (kills < wantedKills) log(`only ${kills} kills happened before the load ended (wanted ${wantedKills}): raise --fraction`);
log(`the load went on ${loadDone ? "to the end" : "?"} after the last kill`);
console.log(`submitted ${submitted}, acknowledged ${acknowledged.size}, stored ${stored.length}, lost ${lost}, duplicated ${duplicated}, phantom ${phantom}, kills ${kills}: ${ok ? "PASS" : "FAIL"}`);
process.exit(ok ? 0 : 1);
