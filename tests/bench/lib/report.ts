/**
 * The bench's results: the runs of each engine summed up as medians, and the table (README.md,
 * tests/bench/results/latest.md) with one column per engine measured — SQLite first.
 */
import { ENGINE_NAMES, type BenchEngine } from "./bench-database.ts";
import { HALL_DEPUTIES, type HallRoundKind } from "./hall.ts";
import { CONCURRENCY, HALL_ROUNDS, type RunResult } from "./one-run.ts";

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export type EngineSummary = ReturnType<typeof summarize>;

/** One engine's runs: medians, error counts summed, the fewest ballots stored. */
export function summarize(results: RunResult[]) {
  const at = (c: number) => ({
    ballotsPerSecond: median(results.map((r) => r.ballots[c]!.perSecond)),
    p50Ms: median(results.map((r) => r.ballots[c]!.p50Ms)),
    p95Ms: median(results.map((r) => r.ballots[c]!.p95Ms)),
    p99Ms: median(results.map((r) => r.ballots[c]!.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.ballots[c]!.errors, 0),
    ballots: median(results.map((r) => r.ballots[c]!.completed)),
  });
  const byConcurrency = Object.fromEntries(CONCURRENCY.map((c) => [c, at(c)]));
  const hallAt = (kind: HallRoundKind) => ({
    openToLastStoredMs: median(results.map((r) => r.hall[kind].openToLastStoredMs)),
    openingMs: median(results.map((r) => r.hall[kind].openingMs)),
    p50Ms: median(results.map((r) => r.hall[kind].ballots.p50Ms)),
    p99Ms: median(results.map((r) => r.hall[kind].ballots.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.hall[kind].ballots.errors, 0),
    stored: Math.min(...results.map((r) => r.hall[kind].stored)),
  });
  const headline = byConcurrency[200]!;
  return {
    runs: results.length,
    fraction: results[0]!.fraction,
    townships: results[0]!.townships,
    deputies: results[0]!.deputies,
    setupSeconds: median(results.map((r) => r.setupSeconds)),
    concurrency: 200,
    /** Over all runs: the township ballots the server acknowledged, and those counted in the database after. */
    acknowledged: results.reduce((sum, r) => sum + r.acknowledged, 0),
    stored: results.reduce((sum, r) => sum + r.stored, 0),
    ballotsPerSecond: headline.ballotsPerSecond,
    p99Ms: headline.p99Ms,
    noopCeilingPerSecond: median(results.map((r) => r.noop.perSecond)),
    noopRemixPerSecond: median(results.map((r) => r.noopRemix.perSecond)),
    storageCeilingPerSecond: median(results.map((r) => r.storage.perCommit)),
    storageGroupedPerSecond: median(results.map((r) => r.storage.grouped)),
    signInPerSecond: median(results.map((r) => r.signIn.perSecond)),
    byConcurrency,
    pages: Object.fromEntries(
      Object.keys(results[0]!.pages).map((page) => [
        page,
        { p50Ms: median(results.map((r) => r.pages[page]!.p50Ms)), p95Ms: median(results.map((r) => r.pages[page]!.p95Ms)) },
      ]),
    ),
    hall: { tablets: HALL_DEPUTIES, recorded: hallAt("recorded"), secret: hallAt("secret") },
    serverPeakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)),
    databaseMiB: median(results.map((r) => r.databaseMiB)),
  };
}

export interface BenchReport {
  date: string;
  command: string;
  runs: number;
  seconds: number;
  /** The machine's 1-minute load average as the run began: other work on it shows here. */
  loadAverage: number;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  /** The PostgreSQL server's version when it was measured. */
  postgres: string | null;
  /** Why PostgreSQL was not measured, when it was not. */
  postgresSkipped: string | null;
  engines: Partial<Record<BenchEngine, EngineSummary>>;
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function benchTable(report: BenchReport): string {
  const engines = (Object.keys(ENGINE_NAMES) as BenchEngine[]).filter((engine) => report.engines[engine]);
  const summaries = engines.map((engine) => report.engines[engine]!);
  const first = summaries[0]!;
  const { runs, machine } = report;
  const row = (measure: string, cell: (s: EngineSummary, engine: BenchEngine) => string) =>
    `| ${measure} | ${engines.map((engine, i) => cell(summaries[i]!, engine)).join(" | ")} |`;
  const pageNames = [...new Set(summaries.flatMap((s) => Object.keys(s.pages)))];
  const pageCell = (s: EngineSummary, page: string) => {
    const r = s.pages[page];
    return r ? `p50 ${fmt(r.p50Ms, 1)} ms · p95 ${fmt(r.p95Ms, 1)} ms` : "—";
  };
  const postgresLine = report.postgres
    ? ` PostgreSQL ${report.postgres}: a throwaway server the run starts on the same machine and disk (initdb's defaults: fsync and synchronous_commit on; max_connections 200).`
    : "";
  const skippedLine = report.postgresSkipped ? ` PostgreSQL was not measured: ${report.postgresSkipped}.` : "";
  const main = [
    `Measured ${report.date.slice(0, 10)} with \`${report.command}\` (median of ${runs} run${runs > 1 ? "s" : ""}${engines.length > 1 ? " per engine" : ""}; ${fmt(first.townships)} townships, ${fmt(first.deputies)} deputies; ${machine.cores} cores, ${machine.cpu}, Node ${machine.node}; the whole run took ${fmt(report.seconds / 60, 1)} min). ${first.fraction < 1 ? `A partial run: ${fmt(first.fraction * 100)}% of the province's townships (\`npm run bench\` without --quick or --fraction takes them all). ` : ""}Server and load generator share the machine (load average ${fmt(report.loadAverage, 1)} as the run began).${postgresLine}${skippedLine}`,
    "",
    `| measure | ${engines.map((engine) => ENGINE_NAMES[engine]).join(" | ")} |`,
    `|---|${engines.map(() => "---|").join("")}`,
    ...CONCURRENCY.map((c) =>
      row(`ballots over HTTP, ${c} tablets`, (s) => {
        const r = s.byConcurrency[c]!;
        return `${fmt(r.ballotsPerSecond)}/s · p50 ${fmt(r.p50Ms, 1)} ms · p95 ${fmt(r.p95Ms, 1)} ms · p99 ${fmt(r.p99Ms, 1)} ms · ${r.errors} errors`;
      }),
    ),
    row(`ballots acknowledged → in the database (every one must be${runs > 1 ? "; all runs" : ""})`, (s) => `${fmt(s.acknowledged)} → ${fmt(s.stored)}`),
    row(
      "(a) no-op ceiling on the ballot's path, 200 tablets",
      (s) => `${fmt(s.noopCeilingPerSecond)}/s → ballots reach ${fmt((100 * s.ballotsPerSecond) / s.noopCeilingPerSecond)}% of it`,
    ),
    row(
      "(a′) no-op ceiling through a Remix action, 200 tablets (why the ballot post skips it: see app/http/tablet-ballot.server.ts)",
      (s) => `${fmt(s.noopRemixPerSecond)}/s`,
    ),
    row(
      "(b) storage ceiling: raw driver writes of the same rows, the same durability, one ballot per commit",
      (s) => `${fmt(s.storageCeilingPerSecond)}/s (${fmt(s.storageGroupedPerSecond)}/s in groups of 50, as the ballot box commits)`,
    ),
    row("sign-in + check-in, 200 tablets", (s) => `${fmt(s.signInPerSecond)}/s`),
    ...pageNames.map((page) => row(`GET ${page} on the resulting data`, (s) => pageCell(s, page))),
    row("setting up the townships through the services (before the clock)", (s) => `${fmt(s.setupSeconds, 1)} s`),
    row("server memory (peak RSS)", (s) => `${fmt(s.serverPeakRssMiB)} MiB`),
    row("database size", (s) => `${fmt(s.databaseMiB, 1)} MiB`),
    "",
    `(b) on SQLite: better-sqlite3, WAL, synchronous=FULL (tests/bench/lib/storage-ceiling.ts).` +
      (engines.includes("postgresql")
        ? ` On PostgreSQL: \`pg\` on one connection, synchronous_commit on, each commit taking the audit chain's advisory lock and each ballot a savepoint, as app/data/ballot-box-postgres.server.ts batches (tests/bench/lib/storage-ceiling-postgres.ts).`
        : ""),
  ];
  const hall = [
    `One hall of ${HALL_DEPUTIES} tablets voting at once, the largest county congress (浏阳市人民代表大会, beside the townships above; ${HALL_DEPUTIES} whatever the fraction), in the same run${runs > 1 ? "s" : ""}: the tablets sign in and check in beforehand; then the clerk opens the round and every tablet casts its ballot (15 projects, 12 places) at once, on a connection of its own. Stored = acknowledged by the server, and counted in the database afterwards.`,
    "",
    `| hall of ${HALL_DEPUTIES} tablets | engine | opening → last ballot stored | ballot p50 · p99 | errors | stored |`,
    "|---|---|---|---|---|---|",
    ...HALL_ROUNDS.flatMap((kind) =>
      engines.map((engine, i) => {
        const r = summaries[i]!.hall[kind];
        const label = kind === "secret" ? "secret round (无记名, sealed until counted)" : "recorded round (记名)";
        return `| ${label} | ${ENGINE_NAMES[engine]} | ${fmt(r.openToLastStoredMs)} ms (the opening itself ${fmt(r.openingMs)} ms) | p50 ${fmt(r.p50Ms, 1)} ms · p99 ${fmt(r.p99Ms, 1)} ms | ${r.errors} | ${fmt(r.stored)} of ${HALL_DEPUTIES} |`;
      }),
    ),
  ];
  return [...main, "", ...hall].join("\n");
}
