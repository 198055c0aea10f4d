/**
 * npm run bench:public [-- --db file:./data/demo.db] [--concurrency 50] [--requests 2000] [--port 3392] [--no-build]
 *
 * Throughput of the public pages on a province-scale database (run `npm run demo:province` first):
 * /coverage, a published notice and its township's page, fetched by N concurrent anonymous
 * readers (gzip accepted, as a browser does), each page also revalidated with If-None-Match, and
 * the same /coverage fetched logged in (rendered by Remix every time, never cached) for a ratio
 * in the same run. Reports requests/s and p50/p99 per row. Bounded in count and time; loopback only.
 */
import { execSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { Pool } from "undici";
import { demoDatabase, projectRoot, startServer } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "file:./data/demo.db" },
    port: { type: "string", default: "3392" },
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "50" },
    "no-build": { type: "boolean", default: false },
  },
});
const { file, databaseUrl } = demoDatabase(values.db!);
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

if (!values["no-build"]) execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });

// The latest published notice, and the year it belongs to.
const db = new Database(file, { readonly: true });
const notice = db
  .prepare<[], { sessionId: number; noticeNo: number; year: number; code: string }>(
    `SELECT r.sessionId, r.noticeNo, s.year, t.code FROM Round r JOIN CongressSession s ON s.id = r.sessionId JOIN Township t ON t.id = s.townshipId
     WHERE r.status = 'published' ORDER BY s.year DESC, r.id DESC LIMIT 1`,
  )
  .get();
db.close();
if (!notice) {
  console.error(`${file} has no published notice: run npm run demo:province first.`);
  process.exit(2);
}

// A monitor of the whole province, for the logged-in row.
process.env.DATABASE_URL = databaseUrl;
const username = "bench-public";
const password = `bench-${Math.random().toString(36).slice(2)}-password`;
{
  const { createAccount, resetPassword } = await import("~/services/accounts.server");
  const { userForLogin } = await import("~/data/users.server");
  const existing = await userForLogin(username);
  if (existing) await resetPassword({ actor: "system:bench", device: "bench" }, existing.id, password);
  else await createAccount({ username, displayName: "性能测试（公开页面）", password, role: "monitor", areaCode: "43" });
  const { closeDatabase } = await import("~/data/sqlite.server");
  await closeDatabase();
}

const server = await startServer({ port: Number(values.port), databaseUrl, quiet: true, env: { COOKIE_SECURE: "false", RATE_LIMIT_SIGNINS: "100000" } });
const origin = server.url;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Row {
  label: string;
  path: string;
  headers: Record<string, string>;
  /** 200, or 304 for a revalidation. */
  status: number;
}

try {
  const login = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ username, password, redirectTo: "/monitor" }),
  });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((line) => line.split(";")[0]).join("; ");
  if (login.status !== 302 || !cookie) throw new Error(`login failed: ${login.status}`);

  // undici's request, not fetch(): fetch adds Cache-Control: no-cache to a conditional request,
  // which asks for a full answer; a browser revalidating its copy does not.
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  const anonymous = { "Accept-Encoding": "gzip" };
  const noticePath = `/notices/${notice.sessionId}/${notice.noticeNo}`;
  const coverage = `/coverage?year=${notice.year}`;
  /** A revalidation with the page's ETag; a server without ETags answers it in full (200). */
  const revalidation = async (label: string, pagePath: string): Promise<Row> => {
    const answer = await pool.request({ method: "GET", path: pagePath, headers: anonymous });
    await answer.body.dump();
    const etag = answer.headers.etag as string | undefined;
    if (!etag) return { label: `${label} (no ETag)`, path: pagePath, headers: anonymous, status: 200 };
    return { label: `${label} (If-None-Match)`, path: pagePath, headers: { ...anonymous, "If-None-Match": etag }, status: 304 };
  };
  const rows: Row[] = [
    { label: `${coverage} (public)`, path: coverage, headers: anonymous, status: 200 },
    await revalidation(coverage, coverage),
    { label: `${coverage} (logged in)`, path: coverage, headers: { ...anonymous, Cookie: cookie }, status: 200 },
    { label: `${noticePath} (public)`, path: noticePath, headers: anonymous, status: 200 },
    await revalidation(noticePath, noticePath),
    { label: `/townships/${notice.code} (public)`, path: `/townships/${notice.code}`, headers: anonymous, status: 200 },
  ];

  console.log(`bench:public — ${file}, ${requests} requests per row, ${concurrency} concurrent clients`);
  console.log(`${"page".padEnd(40)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"KiB".padStart(6)}`);
  const deadline = Date.now() + 5 * 60_000;
  for (const row of rows) {
    const get = async () => {
      const started = performance.now();
      const response = await pool.request({ method: "GET", path: row.path, headers: row.headers });
      const body = Buffer.from(await response.body.arrayBuffer());
      if (response.statusCode !== row.status) throw new Error(`${row.path}: ${response.statusCode}, wanted ${row.status}`);
      const ms = performance.now() - started;
      // The page's size as read, decompressed once per row (the load generator shares the machine).
      if (bytes === 0) bytes = response.headers["content-encoding"] === "gzip" ? gunzipSync(body).length : body.length;
      return ms;
    };
    let bytes = 0;
    // Warm-up: every connection of the pool opened, and the page rendered, before the clock starts.
    for (let i = 0; i < 2; i++) await Promise.all(Array.from({ length: concurrency }, get));
    const times: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests && Date.now() < deadline) {
          next += 1;
          times.push(await get());
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    console.log(
      `${row.label.padEnd(40)} ${(times.length / seconds).toFixed(0).padStart(8)} ${percentile(times, 50).toFixed(1).padStart(8)} ` +
        `${percentile(times, 99).toFixed(1).padStart(8)} ${(bytes / 1024).toFixed(0).padStart(6)}`,
    );
  }
  console.log(
    `(KiB: the page as received, decompressed; server RSS ${server.rssMiB().toFixed(0)} MiB; load average ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")})`,
  );
  await pool.close();
} finally {
  await server.stop();
}
