/**
 * Several app processes on one PostgreSQL database (issue 17, docs/deployment/README.md): the
 * session bus carries a change from one process to the listeners of another over LISTEN/NOTIFY, and
 * comes back after its connection is killed; the write limits count across processes.
 *
 * Each process is tests/postgres/helpers/app-process.ts (the app's own modules) in a child Node
 * process of its own. The two-server HTTP test with `node build/server.js` itself waits for the
 * server to start on PostgreSQL (it refuses while the coverage reader speaks only SQLite).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresRateLimitStore } from "~/data/rate-limit-store-postgres.server";
import { env, projectRoot } from "~/utils/env.server";

interface AppProcess {
  child: ChildProcess;
  url: string;
  output: string[];
}

const dataDir = mkdtempSync(path.join(tmpdir(), "multi-process-"));
const started: AppProcess[] = [];

async function startProcess(writesPerMinute = 20): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/postgres/helpers/app-process.ts"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: env().DATABASE_URL, DATA_DIR: dataDir, WRITES_PER_MINUTE: String(writesPerMinute), NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      output.push(line);
      if (line.startsWith('{"port"')) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once("exit", (code) => reject(new Error(`app process exited (${code}) before listening:\n${output.join("\n")}`)));
  });
  const app = { child, url: `http://127.0.0.1:${port}`, output };
  started.push(app);
  return app;
}

async function stopProcess(app: AppProcess) {
  if (app.child.exitCode !== null) return;
  const exited = new Promise((resolve) => app.child.once("exit", resolve));
  app.child.kill("SIGTERM");
  await exited;
}

const post = (app: AppProcess, route: string) => fetch(app.url + route, { method: "POST" }).then((response) => response.status);
const heard = (app: AppProcess, sessionId: number) => fetch(`${app.url}/heard/${sessionId}`).then((r) => r.json() as Promise<number>);
const bus = (app: AppProcess) =>
  fetch(`${app.url}/bus`).then((r) => r.json() as Promise<{ backendPid: number; connects: number; notifies: number; received: number }>);

/** Polls until `probe` holds (each probe a real request), at most `ms`. */
async function until(probe: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let a: AppProcess;
let b: AppProcess;
let admin: pg.Client;

beforeAll(async () => {
  [a, b] = await Promise.all([startProcess(), startProcess()]);
  admin = new pg.Client({ connectionString: env().DATABASE_URL });
  await admin.connect();
}, 60_000);

afterAll(async () => {
  await Promise.all(started.map(stopProcess));
  await admin?.end();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the session bus between app processes", () => {
  it("carries a change announced in one process to the listeners of another, and not back to its own twice", async () => {
    expect(await post(b, "/follow/101")).toBe(204);
    expect(await post(a, "/follow/102")).toBe(204);
    expect(await post(a, "/announce/101")).toBe(204);
    await until(async () => (await heard(b, 101)) >= 1);
    // A's own announcement: its listener hears it once, at once; its NOTIFY comes back and is dropped.
    expect(await post(a, "/announce/102")).toBe(204);
    await until(async () => (await bus(a)).notifies >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await heard(a, 102)).toBe(1);
    expect(await heard(b, 101)).toBe(1);
  });

  it("sends a storm of announcements of one session as a few notifications", async () => {
    await post(b, "/follow/103");
    const before = await bus(a);
    const receivedBefore = (await bus(b)).received;
    expect(await post(a, "/announce/103?times=2000")).toBe(204);
    await until(async () => (await heard(b, 103)) >= 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = (await bus(a)).notifies - before.notifies;
    const received = (await bus(b)).received - receivedBefore;
    console.log(`2,000 announcements of one session in one process: ${sent} NOTIFY statement(s), ${received} notification(s) received by the other`);
    expect(sent).toBe(1);
    expect(received).toBe(1);
  });

  it("listens again after its connection was killed, announces what it follows, and hears the others again", async () => {
    await post(b, "/follow/104");
    const { backendPid, connects } = await bus(b);
    const heardBefore = await heard(b, 104);
    const { rows } = await admin.query<{ ended: boolean }>("SELECT pg_terminate_backend($1) AS ended", [backendPid]);
    expect(rows[0]!.ended).toBe(true);
    await until(async () => (await bus(b)).connects === connects + 1);
    // Back: it told its own listeners, since what was sent while it was away is lost.
    expect(await heard(b, 104)).toBe(heardBefore + 1);
    expect((await bus(b)).backendPid).not.toBe(backendPid);
    await post(a, "/announce/104");
    await until(async () => (await heard(b, 104)) === heardBefore + 2);
  });

  it("sends what was announced while its own connection was down once it is back", async () => {
    await post(b, "/follow/105");
    const { backendPid, connects } = await bus(a);
    await admin.query("SELECT pg_terminate_backend($1)", [backendPid]);
    // At once, before A has noticed or reconnected: the announcement waits for the connection.
    await post(a, "/announce/105");
    await until(async () => (await bus(a)).connects === connects + 1);
    await until(async () => (await heard(b, 105)) >= 1);
  });
});

describe("the write limits across app processes", () => {
  it("count one budget for a key, whichever process a post reaches", async () => {
    // 20 a minute per address (no pass, no login: the address key), posts spread over both processes.
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i % 2 ? a : b, "/write")));
    const accepted = statuses.filter((status) => status === 204).length;
    console.log(`60 posts over two processes, limit 20: ${accepted} accepted, ${statuses.filter((s) => s === 429).length} refused`);
    expect(accepted).toBe(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    expect(await post(a, "/write")).toBe(429);
    expect(await post(b, "/write")).toBe(429);
    // express-rate-limit checks its configuration on the first request and logs what it finds wrong.
    for (const app of [a, b]) expect(app.output.join("\n")).not.toMatch(/ERR_ERL|express-rate-limit|Error/);
  });

  it("a third process started later sees the same counts", async () => {
    const c = await startProcess();
    expect(await post(c, "/write")).toBe(429);
    await stopProcess(c);
  });
});

describe("every connection ended at once (what a failover does to the app processes)", () => {
  it("each process listens, counts and announces again", async () => {
    await post(b, "/follow/106");
    const before = await Promise.all([bus(a), bus(b)]);
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(4); // two listeners, two rate-limit pools at least
    await until(async () => (await bus(a)).connects > before[0].connects && (await bus(b)).connects > before[1].connects);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // The counters survived (an UNLOGGED table is emptied only by a crash or a promotion): still over the limit.
    expect([await post(a, "/write"), await post(b, "/write")]).toEqual([429, 429]);
    const heardBefore = await heard(b, 106);
    await post(a, "/announce/106");
    await until(async () => (await heard(b, 106)) > heardBefore);
  });
});

describe("the PostgreSQL rate-limit store", () => {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  afterAll(() => pool.end());

  it("starts a new window once the old one has ended, and tells each caller of one turn its own count", async () => {
    const store = new PostgresRateLimitStore(() => pool, "window-test:");
    store.init({ windowMs: 300 } as Parameters<PostgresRateLimitStore["init"]>[0]);
    const first = await Promise.all([store.increment("k"), store.increment("k"), store.increment("k")]);
    expect(first.map((info) => info.totalHits)).toEqual([1, 2, 3]);
    expect((await store.get("k"))?.totalHits).toBe(3);
    await store.decrement("k");
    expect((await store.get("k"))?.totalHits).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.get("k")).toBeUndefined();
    const next = await store.increment("k");
    expect(next.totalHits).toBe(1);
    await store.resetKey("k");
    expect(await store.get("k")).toBeUndefined();
    await store.increment("gone");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await store.sweep()).toBe(1);
    store.shutdown();
  });

  it("is an UNLOGGED table: no WAL, no replica, empty after a crash", async () => {
    const { rows } = await pool.query<{ relpersistence: string }>(`SELECT relpersistence FROM pg_class WHERE relname = 'RateLimitCounter'`);
    expect(rows).toEqual([{ relpersistence: "u" }]);
  });
});
