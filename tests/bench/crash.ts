/**
 * npm run test:crash — under a steady ballot load, kill -9 the server at random moments (twelve
 * times by default), restart it each time, and check that every ballot whose submission was
 * answered with success is stored exactly once, that nothing was stored that no client sent, that
 * no round is half-tallied, and that the audit chain verifies. Half the rounds are secret: their
 * ballots are sealed while open and counted afterwards with the chief teller's key card, so a
 * sealed ballot must survive the kills too. Clients retry after a dropped connection with the same
 * ballot key, as the tablet does. The last line prints the counts.
 *
 * The load is sized by the kills, not by the machine's speed: the ballots are released in one
 * share per kill, and each kill waits until its share is under way, so every kill lands on ballots
 * in flight however fast the machine is.
 *
 * `--db postgres` runs the same on PostgreSQL (decision 020): on the server `--postgres-url` names
 * (a database of its own, dropped at the end), or on a throwaway server it starts. Only the app
 * server is killed; what it had acknowledged must be in PostgreSQL, committed, whatever the kill cut.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { adminQuery } from "../../prisma/engine/schema-engine.ts";
import { startPostgresCluster } from "../../prisma/engine/throwaway-postgres.ts";
import { withDatabase } from "../../app/utils/database-url.ts";
import { projectRoot, startServer, type RunningServer } from "./lib/server.ts";
import { ballotCast, castBallot, newBallotKey, signInAndCheckIn, tabletPool } from "./lib/tablet-client.ts";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "12" },
    port: { type: "string", default: "3392" },
    fraction: { type: "string", default: "0.01" },
    db: { type: "string", default: "sqlite" },
    "postgres-url": { type: "string" },
    // The caller has just built the server (npm test).
    "no-build": { type: "boolean", default: false },
  },
});
if (values.db !== "sqlite" && values.db !== "postgres") throw new Error("--db sqlite | postgres");
const wantedKills = Number(values.kills);
const port = Number(values.port);
const workDir = path.join(projectRoot, "tests/bench/.crash");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const cluster = values.db === "postgres" && !values["postgres-url"] ? await startPostgresCluster() : null;
const postgresServer = values["postgres-url"] ?? cluster?.url;
const crashDatabase = `crash_${process.pid}`;
if (postgresServer) await adminQuery(postgresServer, `CREATE DATABASE "${crashDatabase}"`);
const databaseUrl = postgresServer ? withDatabase(postgresServer, crashDatabase) : `file:${path.join(workDir, "crash.db")}`;
process.env.DATABASE_URL = databaseUrl;

const log = (line: string) => console.log(`[crash ${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!values["no-build"]) {
  log("building the production server");
  execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
}
log(`database: ${values.db === "postgres" ? `PostgreSQL ${crashDatabase} on ${postgresServer}` : databaseUrl}`);
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
  const cast = ballotCast(deputy, ballotKey);
  sentReceipts.add(receiptFor(ballotKey));
  submitted += 1;
  for (;;) {
    try {
      await castBallot(pool, origin, cookies.get(deputy.deputyId)!, cast);
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
const perKill = Math.floor(deputies.length / (wantedKills + 1));
if (perKill < 8) throw new Error(`${deputies.length} deputies are too few for ${wantedKills} kills: raise --fraction`);
let released = perKill; // ballots that may start before the next kill
const failures: string[] = [];
const clients = Array.from({ length: 24 }, async () => {
  for (;;) {
    while (next >= released && released < deputies.length) await sleep(5);
    const index = next++;
    if (index >= deputies.length) return;
    await vote(deputies[index]!).catch((error) => failures.push(String(error)));
    await sleep(15 + Math.random() * 30);
  }
});
const load = Promise.all(clients);

const deadline = Date.now() + 15 * 60_000;
let kills = 0;
while (kills < wantedKills && Date.now() < deadline) {
  // Somewhere in this share of the ballots: at least a quarter of it started, some still to come.
  const at = released - perKill + Math.floor(perKill * (0.25 + Math.random() * 0.5));
  while (next < at && Date.now() < deadline) await sleep(5);
  server.process.kill("SIGKILL");
  up = false;
  await server.stop();
  kills += 1;
  const pendingAcks = acknowledged.size;
  await pool.destroy();
  server = await startServer({ port, databaseUrl, env: serverEnv, quiet: true });
  pool = tabletPool(origin, 32);
  up = true;
  released = kills === wantedKills ? deputies.length : released + perKill;
  log(`kill -9 #${kills} at ${pendingAcks} acknowledged ballots (${next} started); restarted`);
}
released = deputies.length;
await load;
await pool.close();
await server.stop();

// Close every round through the services (the tally runs in one transaction; a secret round is
// counted with its key card), then check.
const { closeRounds } = await import("./lib/province.ts");
await closeRounds(townships);
const { auditFindings, firstBrokenAuditEntry } = await import("~/data/audit-verify.server");
const brokenAt = await firstBrokenAuditEntry();
const findings = await auditFindings();

// Read through the app's own client: the same SQL on both engines (quoted names, no engine's own functions).
const { closeDatabase, prisma } = await import("~/data/sqlite.server");
const stored = await prisma.$queryRawUnsafe<Array<{ receipt: string; roundId: number }>>('SELECT receipt, "roundId" FROM "BallotReceipt"');
const storedReceipts = new Set(stored.map((row) => row.receipt));
const lost = [...acknowledged.values()].filter((receipt) => !storedReceipts.has(receipt)).length;
const phantom = stored.filter((row) => !sentReceipts.has(row.receipt)).length;
const count = async (sql: string, ...params: unknown[]) => Number((await prisma.$queryRawUnsafe<Array<{ n: bigint | number }>>(sql, ...params))[0]!.n);
// Every round: as many ballots counted as receipts, as deputies who voted; one ballot per recorded deputy; nothing left sealed.
const duplicated =
  (await count(
    'SELECT count(*) AS n FROM (SELECT "roundId", "deputyId" FROM "Ballot" WHERE "deputyId" IS NOT NULL GROUP BY "roundId", "deputyId" HAVING count(*) > 1) d',
  )) +
  (await count(`SELECT count(*) AS n FROM "Round" r
    WHERE (SELECT count(*) FROM "Ballot" b WHERE b."roundId" = r.id) <> (SELECT count(*) FROM "BallotIssue" i WHERE i."roundId" = r.id AND i."votedAt" IS NOT NULL)
       OR (SELECT count(*) FROM "BallotReceipt" t WHERE t."roundId" = r.id) <> (SELECT count(*) FROM "BallotIssue" i WHERE i."roundId" = r.id AND i."votedAt" IS NOT NULL)`));
const stillSealed = await count('SELECT count(*) AS n FROM "SealedBallot"');
const rounds = await prisma.round.findMany({ select: { id: true, status: true, secret: true, resultJson: true } });
const ballotsByRound = new Map((await prisma.ballot.groupBy({ by: ["roundId"], _count: { _all: true } })).map((row) => [row.roundId, row._count._all]));
const halfTallied = rounds.filter((round) => {
  if (round.status !== "closed" || !round.resultJson) return true;
  return JSON.parse(round.resultJson).cast !== (ballotsByRound.get(round.id) ?? 0);
}).length;
const secretBallots = await prisma.ballot.count({ where: { round: { secret: true } } });
await closeDatabase();
if (postgresServer) await adminQuery(postgresServer, `DROP DATABASE IF EXISTS "${crashDatabase}" WITH (FORCE)`);
cluster?.stop();

const ok =
  kills >= wantedKills &&
  lost === 0 &&
  phantom === 0 &&
  duplicated === 0 &&
  halfTallied === 0 &&
  stillSealed === 0 &&
  brokenAt === null &&
  findings.length === 0 &&
  failures.length === 0;
log(
  `kills ${kills}; rounds ${rounds.length} (${rounds.filter((r) => r.secret).length} secret, ${secretBallots} sealed ballots counted), half-tallied ${halfTallied}, left sealed ${stillSealed}; audit chain ${brokenAt === null ? "verifies" : `broken at ${brokenAt}`}, ${findings.length} disagreements with the tables ${JSON.stringify(findings.slice(0, 3))}; client failures ${failures.length} ${failures.slice(0, 3).join("; ")}`,
);
if (kills < wantedKills) log(`only ${kills} kills happened within the time bound (wanted ${wantedKills})`);
console.log(
  `submitted ${submitted}, acknowledged ${acknowledged.size}, stored ${stored.length}, lost ${lost}, duplicated ${duplicated}, phantom ${phantom}, kills ${kills}: ${ok ? "PASS" : "FAIL"}`,
);
process.exit(ok ? 0 : 1);
