// npm run audit:verify — recomputes the audit log's hash chain and names the first broken entry.
import { firstBrokenAuditEntry } from "~/data/audit.server";
import { prisma } from "~/data/db.server";

const total = await prisma.auditEntry.count();
const broken = await firstBrokenAuditEntry();
await prisma.$disconnect();
if (broken === null) {
  console.log(`审计日志完整：${total} 条记录，哈希链校验通过 (audit chain verified: ${total} entries)`);
} else {
  console.error(`审计日志被改动：第 ${broken} 条记录起哈希链断裂 (audit chain broken at entry ${broken})`);
  process.exit(1);
}
