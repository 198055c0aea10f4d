/**
 * The restore drill, on either engine (the PostgreSQL suite runs it too): a backup taken by
 * `npm run db:backup` while a hall's ballots arrive over HTTP holds every ballot the server
 * acknowledged before the backup began, and nothing that no tablet sent; `npm run db:restore` puts it
 * in place of a database (a new file; a new database on the same PostgreSQL server); the restored
 * database passes `npm run audit:verify` and answers /readyz. Real server, real database, the real scripts.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEngine, createPrismaClient, prisma } from "~/data/sqlite.server";
import { databaseName, withDatabase } from "~/utils/database-url";
import { issueSignInCodes } from "~/services/voting.server";
import { auditKeyFile, env, projectRoot } from "~/utils/env.server";
import type { RunningServer } from "../bench/lib/server";
import { newBallotKey } from "../bench/lib/tablet-client";
import { checkIn, sessionWithDeputies, slateAndRound } from "../factories/session";
import { startTestServer } from "../setup/http-server";
import { get, post, signInTablet } from "./helpers";

const run = promisify(execFile);
const DEPUTIES = 300;
let server: RunningServer;
let scratch: string;
let roundId: number;
let candidateIds: number[];
let tablets: Array<{ deputyId: number; cookie: string }>;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "restore-drill-"));
  const { sessionId, deputyIds } = await sessionWithDeputies(DEPUTIES);
  await checkIn(sessionId, deputyIds);
  ({ roundId, candidateIds } = await slateAndRound(sessionId, 5, { places: 3 }));
  const { openRound } = await import("~/services/congress-session.server");
  const { clerk } = await import("../factories/session");
  await openRound(clerk, sessionId, roundId);
  server = await startTestServer();
  const codes = await issueSignInCodes(clerk, sessionId, deputyIds);
  tablets = [];
  for (const [i, code] of codes.entries()) tablets.push({ deputyId: deputyIds[i]!, cookie: await signInTablet(server.url, code) });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** One tablet's ballot over HTTP, as its script sends it; resolves with whether the server said it is cast. */
async function cast(tablet: { cookie: string }) {
  const [a, b, c] = candidateIds;
  const answer = await post(server.url, "/vote/cast", {
    cookie: tablet.cookie,
    body: JSON.stringify({ roundId, ballotKey: newBallotKey(), choices: { [a!]: "yes", [b!]: "yes", [c!]: "no" } }),
    contentType: "application/json",
  });
  return answer.status === 200 && (JSON.parse(answer.body) as { ok?: boolean }).ok === true;
}

const script = (name: string, env: Record<string, string>) =>
  run("npx", ["tsx", `prisma/scripts/${name}.ts`, ...(env.ARGS ? env.ARGS.split(" ") : [])], { cwd: projectRoot, env: { ...process.env, ...env } });

describe("the restore drill", () => {
  it("backs up during a vote, restores, verifies: every ballot acknowledged before the backup is there", async () => {
    const acknowledged = new Set<number>();
    const backup = path.join(scratch, "backup.db");
    // A hundred tablets have voted when the backup starts; once it says so, the rest vote, five
    // every 20 ms, until after it has finished: every ballot answered before it started must be in
    // it, and nothing that no tablet sent.
    const first = tablets.slice(0, 100);
    await Promise.all(first.map(async (tablet) => void ((await cast(tablet)) && acknowledged.add(tablet.deputyId))));
    const child = spawn("npx", ["tsx", "prisma/scripts/backup.ts", "--to", backup], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: env().DATABASE_URL },
    });
    let output = "";
    const started = new Promise<void>((resolve) => child.stdout.on("data", (chunk: Buffer) => ((output += chunk), output.includes("备份开始") && resolve())));
    const finished = new Promise<number | null>((resolve) => child.once("exit", resolve));
    await started;
    const before = new Set(acknowledged);
    let atFinish: Set<number> | null = null;
    void finished.then(() => (atFinish = new Set(acknowledged)));
    const casts: Array<Promise<void>> = [];
    for (let i = first.length; i < tablets.length; i += 5) {
      for (const tablet of tablets.slice(i, i + 5)) casts.push(cast(tablet).then((ok) => void (ok && acknowledged.add(tablet.deputyId))));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await Promise.all(casts);
    expect(await finished).toBe(0);
    expect(output).toMatch(appEngine() === "postgresql" ? /pg_restore --list ok/ : /integrity ok/);
    expect(acknowledged.size).toBe(DEPUTIES);
    expect(atFinish, "the backup finished after the last ballot: the hall must outlast it").not.toBeNull();
    expect(atFinish!.size, "ballots were still arriving when the backup finished").toBeLessThan(DEPUTIES);

    // Restore into a database of its own, as an operator would on a fresh machine.
    const restored =
      appEngine() === "postgresql"
        ? withDatabase(env().DATABASE_URL, `${databaseName(env().DATABASE_URL)}_restored`)
        : `file:${path.join(scratch, "restored", "app.db")}`;
    const restoreRun = await script("restore", { DATABASE_URL: restored, ARGS: `--from ${backup}` });
    expect(restoreRun.stdout).toContain("恢复完成");

    const restoredDb = createPrismaClient(restored);
    const inBackup = new Set((await restoredDb.ballot.findMany({ where: { roundId }, select: { deputyId: true } })).map((row) => row.deputyId!));
    await restoredDb.$disconnect();
    for (const deputyId of before) expect(inBackup.has(deputyId), `ballot of deputy ${deputyId}, acknowledged before the backup`).toBe(true);
    for (const deputyId of inBackup) expect(acknowledged.has(deputyId), `a ballot no tablet sent: deputy ${deputyId}`).toBe(true);
    console.log(
      `restore drill: ${before.size} ballots answered before the backup started, ${atFinish!.size} when it finished, ${inBackup.size} in the backup, ${acknowledged.size} in all`,
    );

    // The restored database's audit chain verifies, with the original's key (kept apart from backups).
    const verify = await script("audit-verify", { DATABASE_URL: restored, AUDIT_KEY_FILE: auditKeyFile() });
    expect(verify.stdout).toContain("audit chain verified");

    // A server on the restored database is ready.
    const second = await startTestServer({ AUDIT_KEY_FILE: auditKeyFile() }, restored);
    try {
      const ready = await get(second.url, "/readyz");
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.body)).toEqual({ status: "ready" });
    } finally {
      await second.stop();
      if (appEngine() === "postgresql") await prisma.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${databaseName(restored)}" WITH (FORCE)`);
    }
  }, 180_000);

  it("refuses to restore over a database a server has open", async () => {
    const backup = path.join(scratch, "second.db");
    await script("backup", { DATABASE_URL: env().DATABASE_URL, ARGS: `--to ${backup}` });
    const refused = script("restore", { DATABASE_URL: env().DATABASE_URL, ARGS: `--from ${backup}` });
    await expect(refused).rejects.toThrow(/stop the server/);
  }, 60_000);
});

describe("health checks", () => {
  it("answers /healthz and /readyz, and says when the database is newer than the code", async () => {
    expect(JSON.parse((await get(server.url, "/healthz")).body)).toEqual({ status: "alive" });
    expect(JSON.parse((await get(server.url, "/readyz")).body)).toEqual({ status: "ready" });
    await prisma.$executeRawUnsafe(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count) VALUES ('future', '', '29991231000000_from_the_future', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)",
    );
    try {
      const answer = await get(server.url, "/readyz");
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toEqual({ status: "not-ready", reason: "database-newer" });
    } finally {
      await prisma.$executeRawUnsafe("DELETE FROM _prisma_migrations WHERE id = 'future'");
    }
  });
});
