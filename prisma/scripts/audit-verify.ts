// npm run audit:verify [-- --anchor <entry>:<hash> ...] — recomputes the audit log's keyed hash
// chains (one per congress, and chain 0 for the rest and for the log from before chains) and names
// the first broken entry of each chain that breaks; holds the ballots and notices against what the chain
// says was cast, counted and published; and checks the anchors printed on notices (公告) that
// are given, e.g. `--anchor 1532:3f9a0c…` as printed under 审计链锚点.
import { parseArgs } from "node:util";
import { anchorHolds, auditChainCount, auditFindings, brokenAuditChains, type AuditFinding } from "~/data/audit-verify.server";
import { closeDatabase, prisma } from "~/data/sqlite.server";

const { values } = parseArgs({ options: { anchor: { type: "string", multiple: true, default: [] } } });

const describe: { [K in AuditFinding["kind"]]: (finding: Extract<AuditFinding, { kind: K }>) => string } = {
  "ballot-not-as-cast": (f) => `第 ${f.roundId} 轮：代表 ${f.deputyId} 的选票与投票时记入日志的不一致 (ballot not as cast)`,
  "vote-not-logged": (f) => `第 ${f.roundId} 轮：代表 ${f.deputyId} 记为已投票，日志中没有投票记录 (vote not logged)`,
  "ballots-changed-since-count": (f) => `第 ${f.roundId} 轮：选票与计票时记入日志的不一致 (ballots changed since the count)`,
  "publication-not-logged": (f) => `第 ${f.roundId} 轮：已公告，日志中没有公告记录 (publication not logged)`,
  "anchor-missing": (f) => `第 ${f.roundId} 轮：公告上的审计链锚点（第 ${f.entryId} 条）不在日志中 (anchor missing)`,
};

const total = await prisma.auditEntry.count();
const chains = await auditChainCount();
const broken = await brokenAuditChains();
const findings = await auditFindings();
const anchors: string[] = [];
for (const anchor of values.anchor) {
  const [id, hash] = anchor.split(":");
  if (!(await anchorHolds(Number(id), hash ?? ""))) anchors.push(anchor);
}
const congresses = new Map(
  (await prisma.township.findMany({ where: { id: { in: broken.map((b) => b.chain) } }, select: { id: true, name: true } })).map((t) => [
    t.id,
    `${t.name}人民代表大会`,
  ]),
);
await closeDatabase();

for (const { chain, entryId } of broken) {
  const name = chain === 0 ? "第 0 条链（省级记录及分链以前的日志）" : `第 ${chain} 条链（${congresses.get(chain) ?? "代表大会"}）`;
  console.error(`审计日志被改动：${name}自第 ${entryId} 条记录起哈希链断裂 (audit chain ${chain} broken at entry ${entryId})`);
}
for (const finding of findings) console.error((describe[finding.kind] as (f: AuditFinding) => string)(finding));
for (const anchor of anchors) console.error(`公告上的审计链锚点 ${anchor} 不在日志中：此后的记录被改写或删除 (anchor ${anchor} not in the chain)`);
if (broken.length === 0 && findings.length === 0 && anchors.length === 0) {
  console.log(
    `审计日志完整：${total} 条记录，${chains} 条哈希链均校验通过，选票与公告与日志一致${values.anchor.length ? `，${values.anchor.length} 个公告锚点均在` : ""} (audit chain verified: ${total} entries on ${chains} chains)`,
  );
} else {
  process.exit(1);
}
