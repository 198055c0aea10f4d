/**
 * db:backup and db:restore on PostgreSQL, through the scripts an operator runs: a backup taken while
 * another connection keeps writing holds exactly what was committed before it started; a restore is
 * refused while anyone is connected, refused for a backup from a newer version, and otherwise puts
 * the backup in place and keeps the replaced database under another name.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { adminQuery } from "../../prisma/engine/schema-engine.ts";
import { withDatabase } from "../../app/utils/database-url.ts";
import { projectRoot } from "~/utils/env.server";

const run = promisify(execFile);
const server = inject("postgresServer");
const scratch = mkdtempSync(path.join(os.tmpdir(), "pg-backup-"));
const name = `drill_${process.pid}`;
const url = withDatabase(server, name);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  const { rows } = await query<{ datname: string }>(server, `SELECT datname FROM pg_database WHERE datname LIKE '${name}%'`);
  for (const { datname } of rows) await adminQuery(server, `DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
});

async function query<R extends pg.QueryResultRow>(target: string, sql: string) {
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    return await client.query<R>(sql);
  } finally {
    await client.end();
  }
}

const script = (file: string, args: string[]) =>
  run("npx", ["tsx", `prisma/scripts/${file}.ts`, ...args], { cwd: projectRoot, env: { ...process.env, DATABASE_URL: url, DATA_DIR: scratch } });

const marks = async (target: string) =>
  (await query<{ detail: string }>(target, `SELECT detail FROM "AuditEntry" WHERE action = 'test.mark' ORDER BY id`)).rows.map((row) => Number(row.detail));

async function mark(client: pg.Client, n: number) {
  await client.query(
    `INSERT INTO "AuditEntry" (actor, device, action, outcome, detail, "prevHash", hash) VALUES ('system', 'test', 'test.mark', 'accepted', $1, '', '')`,
    [String(n)],
  );
}

describe("db:backup and db:restore on PostgreSQL", () => {
  it("backs up while writes go on, and restores only with the server stopped", async () => {
    await adminQuery(server, `CREATE DATABASE "${name}" TEMPLATE "${inject("postgresBase")}"`);
    const writer = new pg.Client({ connectionString: url });
    await writer.connect();
    for (let n = 1; n <= 50; n += 1) await mark(writer, n);

    // Writes go on, one every 2 ms, from before the backup starts until after it ends.
    let n = 50;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        await mark(writer, ++n);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const backup = path.join(scratch, "drill.dump");
    const backupRun = await script("backup", ["--to", backup]);
    writing = false;
    await writes;
    expect(backupRun.stdout).toContain("备份开始");
    expect(backupRun.stdout).toContain("pg_restore --list ok");
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    const written = await marks(url);
    expect(written.length).toBe(n);

    // Refused while a connection (the server's, here the writer's) is open; nothing changes.
    await expect(script("restore", ["--from", backup])).rejects.toMatchObject({ stderr: expect.stringContaining("stop the server before restoring") });
    expect(await marks(url)).toEqual(written);
    await writer.end();

    const restoreRun = await script("restore", ["--from", backup]);
    expect(restoreRun.stdout).toContain("恢复完成");
    const restored = await marks(url);
    // A prefix of what was written: every mark committed before the backup's snapshot, in order, none after.
    expect(restored.length).toBeGreaterThanOrEqual(50);
    expect(restored.length).toBeLessThan(n);
    expect(restored).toEqual(written.slice(0, restored.length));
    const keptAs = /kept as (\S+)/.exec(restoreRun.stdout)![1]!;
    expect(await marks(withDatabase(server, keptAs))).toEqual(written);

    // A backup from a newer version of the code is refused, and the database stays as it was.
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count) VALUES ('n', '', '29991231000000_from_the_future', now(), now(), 1)`,
    );
    const newer = path.join(scratch, "newer.dump");
    await script("backup", ["--to", newer]);
    await query(url, `DELETE FROM _prisma_migrations WHERE id = 'n'`);
    await expect(script("restore", ["--from", newer])).rejects.toMatchObject({ stderr: expect.stringContaining("这个备份由更新版本的程序写入") });
    expect(await marks(url)).toEqual(restored);
    expect((await query(server, `SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE '${name}_restoring%'`)).rows[0]!.n).toBe(0);
    // Six script runs (each a tsx start-up): on a loaded machine that is more than the suite's 30 s.
  }, 180_000);
});
