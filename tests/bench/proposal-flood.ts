/**
 * npm run bench:proposals [-- --port 3332] [--count 10000] — a flood of proposals from one address
 * against the public form (征集), on the production server with its default limits. Prints what the
 * flood got (statuses), how long it took, what it stored and logged, the database's growth, and what
 * a resident on another address and a reader of the public page got meanwhile and after.
 */
import { mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { projectRoot, startServer } from "./lib/server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "3332" }, count: { type: "string", default: "10000" } } });
const count = Number(values.count);
const workDir = path.join(projectRoot, "tests/bench/.data");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const database = path.join(workDir, "proposal-flood.db");
const databaseUrl = `file:${database}`;
process.env.DATABASE_URL = databaseUrl;

execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
const { setupDatabase } = await import("../../prisma/setup.ts");
await setupDatabase(databaseUrl);
const { createCampaign } = await import("~/services/collection.server");
const { townshipByCode } = await import("~/data/deputies.server");
const { isoDay } = await import("~/utils/format");
const { clerk } = await import("../factories/session.ts");
const { closeReadOnlyDb, get, mapLimit, post, query } = await import("../integration/helpers.ts");
type Answer = Awaited<ReturnType<typeof post>>;

const TOWNSHIP = "430121102";
const township = (await townshipByCode(TOWNSHIP))!;
const day = (offset: number) => isoDay(new Date(Date.now() + offset * 86_400_000));
const campaignId = await createCampaign(clerk, township.id, 2026, {
  title: "黄兴镇2026年民生实事项目征集",
  callText: "面向全镇公开征集民生实事项目建议。",
  opensOn: day(-5),
  closesOn: day(25),
  channels: ["online"],
});
const form = `/campaigns/${TOWNSHIP}/2026/propose`;

const server = await startServer({ port: Number(values.port), databaseUrl, quiet: true });
const base = server.url;
const fields = (i: number): Array<[string, string]> => [
  ["title", `第${i}条：修建通组公路，硬化村道`],
  ["place", `某村第${i}组`],
  ["reason", `第${i}条理由：雨天泥泞，出行不便。`],
];
const statuses = (answers: Answer[]) =>
  Object.entries(answers.reduce<Record<number, number>>((tally, a) => ({ ...tally, [a.status]: (tally[a.status] ?? 0) + 1 }), {}))
    .map(([status, n]) => `${n.toLocaleString("en-US")}× ${status}`)
    .join(", ");
const stored = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM "Proposal" WHERE "campaignId" = ?', campaignId))[0]!.n;
const auditRows = async () => (await query<{ n: number }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE action = 'proposal.submit'`))[0]!.n;
const size = () => ["", "-wal"].reduce((sum, suffix) => sum + (statSync(database + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);

// Baseline: one resident, alone.
const alone: number[] = [];
for (let i = 0; i < 20; i++) {
  const start = performance.now();
  await get(base, `/campaigns/${TOWNSHIP}/2026`);
  alone.push(performance.now() - start);
}
const sizeBefore = size();
const auditBefore = await auditRows();
const start = performance.now();
const flood = mapLimit(
  Array.from({ length: count }, (_, i) => i),
  32,
  (i) => post(base, form, { fields: fields(i), from: "127.0.0.2" }),
);
// A resident on another address proposes while the flood runs, and a reader opens the public page.
await new Promise((resolve) => setTimeout(resolve, 500));
const during: number[] = [];
const residentStart = performance.now();
const residentAnswer = await post(base, form, { fields: fields(1_000_000), from: "127.0.0.3" });
const residentMs = performance.now() - residentStart;
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  await get(base, `/campaigns/${TOWNSHIP}/2026`, { from: "127.0.0.4" });
  during.push(performance.now() - t);
}
const answers = await flood;
const seconds = (performance.now() - start) / 1000;
// Let the failed-attempt log flush its minute.
await new Promise((resolve) => setTimeout(resolve, 61_000));
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

console.log(
  `flood: ${count.toLocaleString("en-US")} proposals from one address in ${seconds.toFixed(1)} s (${Math.round(count / seconds).toLocaleString("en-US")}/s): ${statuses(answers)}`,
);
console.log(
  `stored: ${await stored()} proposals (the resident's included), all pending; audit entries of proposal.submit added: ${(await auditRows()) - auditBefore}`,
);
console.log(`database + WAL grew by ${((size() - sizeBefore) / 1024).toFixed(0)} KiB`);
console.log(`a resident on another address during the flood: ${residentAnswer.status} in ${residentMs.toFixed(0)} ms`);
console.log(
  `the public campaign page: median ${median(alone).toFixed(1)} ms alone, ${median(during).toFixed(1)} ms during the flood (ratio ${(median(during) / median(alone)).toFixed(2)})`,
);
await server.stop();
await closeReadOnlyDb();
process.exit(0);
