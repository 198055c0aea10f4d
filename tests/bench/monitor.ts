/**
 * npm run bench:monitor [-- --db file:./data/demo.db] [--requests 300] [--warmup 30] [--concurrency 1] [--no-build]
 *
 * Response times of the coverage and monitoring pages on a province-scale year (run
 * `npm run demo:province` first): builds the app, starts the production server on the database,
 * logs in as a monitor of the whole province, and times N requests per page with fetch (sequential
 * by default: the latency one person sees), reporting p50/p95/p99 against the targets. Bounded in
 * count and time; loopback only.
 */
import { execSync } from "node:child_process";
import { parseArgs } from "node:util";
import { demoDatabase, projectRoot, startServer } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "file:./data/demo.db" },
    port: { type: "string", default: "3391" },
    requests: { type: "string", default: "300" },
    warmup: { type: "string", default: "30" },
    concurrency: { type: "string", default: "1" },
    "no-build": { type: "boolean", default: false },
  },
});
const { file, databaseUrl } = demoDatabase(values.db!);
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const concurrency = Number(values.concurrency);
const port = Number(values.port);

if (!values["no-build"]) execSync("npx remix build", { cwd: projectRoot, stdio: "ignore" });

// A monitor account for the whole province (areaCode 43), made or reset through the account service.
process.env.DATABASE_URL = databaseUrl;
const username = "bench-monitor";
const password = `bench-${Math.random().toString(36).slice(2)}-password`;
{
  const { createAccount, resetPassword } = await import("~/services/accounts.server");
  const { userForLogin } = await import("~/data/users.server");
  const existing = await userForLogin(username);
  if (existing) await resetPassword({ actor: "system:bench", device: "bench" }, existing.id, password);
  else await createAccount({ username, displayName: "性能测试（全省监测）", password, role: "monitor", areaCode: "43" });
  const { prisma } = await import("~/data/sqlite.server");
  await prisma.$disconnect();
}

const server = await startServer({ port, databaseUrl, quiet: true, env: { COOKIE_SECURE: "false", RATE_LIMIT_SIGNINS: "100000" } });
const origin = server.url;

interface Page {
  label: string;
  path: string;
  targetP95: number;
}
const pages: Page[] = [
  { label: "/coverage (public)", path: "/coverage", targetP95: 50 },
  { label: "/monitor/43 (province)", path: "/monitor/43", targetP95: 50 },
  { label: "/monitor/4301 (city)", path: "/monitor/4301", targetP95: 50 },
  { label: "/monitor/430121 (county)", path: "/monitor/430121", targetP95: 20 },
  { label: "/townships/430121102", path: "/townships/430121102", targetP95: 20 },
  { label: "/ (register + coverage)", path: "/", targetP95: 50 },
  { label: "/monitor/43/export.xlsx", path: "/monitor/43/export.xlsx", targetP95: 1000 },
];

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
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
  const headers = { Cookie: cookie, "Accept-Encoding": "gzip" };

  console.log(`bench:monitor — ${file}, ${requests} requests per page after ${warmup} warm-up, concurrency ${concurrency}`);
  console.log(
    `${"page".padEnd(28)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"KiB".padStart(7)}  target p95`,
  );
  let failed = 0;
  const deadline = Date.now() + 5 * 60_000;
  for (const page of pages) {
    const get = async () => {
      const started = performance.now();
      const response = await fetch(origin + page.path, { headers });
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${page.path}: ${response.status}`);
      return { ms: performance.now() - started, bytes: body.byteLength };
    };
    for (let i = 0; i < warmup; i++) await get();
    const times: number[] = [];
    let bytes = 0;
    const count = page.path.endsWith(".xlsx") ? Math.min(requests, 30) : requests;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count && Date.now() < deadline) {
          next += 1;
          const sample = await get();
          times.push(sample.ms);
          bytes = sample.bytes;
        }
      }),
    );
    times.sort((a, b) => a - b);
    const p95 = percentile(times, 95);
    const ok = p95 <= page.targetP95;
    if (!ok) failed += 1;
    console.log(
      `${page.label.padEnd(28)} ${percentile(times, 50).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${percentile(times, 99).toFixed(1).padStart(8)} ` +
        `${times[times.length - 1]!.toFixed(1).padStart(8)} ${(bytes / 1024).toFixed(0).padStart(7)}  < ${page.targetP95} ms ${ok ? "ok" : "OVER"}`,
    );
  }
  console.log(
    `(KiB: the page as received, decompressed; the machine's load average now: ${(await import("node:os"))
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")})`,
  );
  if (failed > 0) process.exitCode = 1;
} finally {
  await server.stop();
}
