/**
 * npm run bench [-- --quick | --fraction 0.25] [--runs 3] [--db sqlite|postgres|both] [--port 3390]
 *
 * Province-scale ballots over HTTP, against two ceilings measured in the same run:
 * (a) the same HTTP path with an action that stores nothing (what Express + Remix cost), and
 * (b) raw driver writes of the same rows with the same durability (what storage costs).
 * Then one hall of 450 tablets casts at once, in a recorded and in a secret round (lib/hall.ts).
 *
 * On each engine (decision 020): SQLite, on a file; then PostgreSQL, on a throwaway server the run
 * starts (lib/bench-database.ts). `--db` defaults to both when PostgreSQL's server binaries are
 * installed, and to SQLite alone, saying so, when they are not. Each run of each engine is a
 * process of its own (lib/one-run.ts). Writes tests/bench/results/latest.{json,md} and the table in
 * README.md.
 */
import { execFileSync, execSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { postgresVersion, type BenchEngine } from "./lib/bench-database.ts";
import type { RunResult } from "./lib/one-run.ts";
import { benchTable, summarize, type BenchReport } from "./lib/report.ts";
import { projectRoot } from "./lib/server.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    fraction: { type: "string" },
    runs: { type: "string", default: "1" },
    port: { type: "string", default: "3390" },
    db: { type: "string" },
  },
});
const fraction = values.fraction ? Number(values.fraction) : values.quick ? 0.1 : 1;
const runs = Number(values.runs);
const resultsDir = path.join(projectRoot, "tests/bench/results");

function log(line: string) {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** The engines to measure, and why PostgreSQL is not among them when it is not. */
function chooseEngines(option: string | undefined, postgres: string | null): { engines: BenchEngine[]; skipped: string | null } {
  const absent = "its server binaries are not installed here (apt-get install postgresql)";
  switch (option) {
    case undefined:
      return postgres ? { engines: ["sqlite", "postgresql"], skipped: null } : { engines: ["sqlite"], skipped: absent };
    case "both":
    case "postgres":
    case "postgresql":
      if (!postgres) {
        console.error(`--db ${option}: PostgreSQL cannot be measured: ${absent}.`);
        process.exit(2);
      }
      return { engines: option === "both" ? ["sqlite", "postgresql"] : ["postgresql"], skipped: null };
    case "sqlite":
      return { engines: ["sqlite"], skipped: "--db sqlite" };
    default:
      console.error(`--db ${option}: expected sqlite, postgres or both`);
      process.exit(2);
  }
}

const started = performance.now();
const loadAverage = os.loadavg()[0]!;
const postgres = postgresVersion();
const { engines, skipped } = chooseEngines(values.db, postgres);
log(`measuring ${engines.join(" and ")}${skipped ? ` (PostgreSQL skipped: ${skipped})` : ""}`);
log("building the production server");
execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });

// Run by run, each engine in turn, so that a drift of the machine during the bench touches both.
const results: Record<BenchEngine, RunResult[]> = { sqlite: [], postgresql: [] };
const scratch = path.join(projectRoot, "tests/bench/.data");
mkdirSync(scratch, { recursive: true });
for (let run = 1; run <= runs; run += 1) {
  for (const engine of engines) {
    const out = path.join(scratch, `${engine}-run-${run}.json`);
    rmSync(out, { force: true });
    execFileSync(
      path.join(projectRoot, "node_modules/.bin/tsx"),
      ["tests/bench/lib/one-run.ts", "--engine", engine, "--fraction", String(fraction), "--port", values.port!, "--run", String(run), "--out", out],
      { cwd: projectRoot, stdio: "inherit" },
    );
    results[engine].push(JSON.parse(readFileSync(out, "utf8")) as RunResult);
  }
}

const report: BenchReport = {
  date: new Date().toISOString(),
  command: ["npm run bench", ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : [])].join(" "),
  runs,
  seconds: (performance.now() - started) / 1000,
  loadAverage,
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  postgres: engines.includes("postgresql") ? postgres : null,
  postgresSkipped: skipped,
  engines: Object.fromEntries(engines.map((engine) => [engine, summarize(results[engine])])),
};
const table = benchTable(report);

mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, "latest.json"),
  JSON.stringify({ ...report, fraction, raw: Object.fromEntries(engines.map((engine) => [engine, results[engine]])) }, null, 2) + "\n",
);
writeFileSync(path.join(resultsDir, "latest.md"), table + "\n");
const readmePath = path.join(projectRoot, "README.md");
const readme = readFileSync(readmePath, "utf8");
const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
if (marked.test(readme)) writeFileSync(readmePath, readme.replace(marked, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
console.log(`\n${table}`);
if (skipped && values.db === undefined) console.log(`\nPostgreSQL skipped: ${skipped}.`);
process.exit(0);
