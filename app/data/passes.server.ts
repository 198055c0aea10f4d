/** 代表签到码: one-time sign-in codes for deputies' tablets, bound to one session. */
import { prisma } from "./db.server";
import type { Tx } from "./transaction.server";

/** New cards for these deputies; a new card replaces any unused one for the same deputy and session. */
export async function insertPasses(tx: Tx, sessionId: number, passes: Array<{ deputyId: number; codeHash: string }>, expiresAt: Date) {
  const deputyIds = passes.map((pass) => pass.deputyId);
  await tx.deputyPass.updateMany({
    where: { sessionId, deputyId: { in: deputyIds }, usedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await tx.deputyPass.createMany({ data: passes.map((pass) => ({ ...pass, sessionId, expiresAt })) });
}

export async function passStates(sessionId: number) {
  const rows = await prisma.deputyPass.findMany({
    where: { sessionId, revokedAt: null },
    select: { deputyId: true, usedAt: true, expiresAt: true },
  });
  return new Map(rows.map((row) => [row.deputyId, row.usedAt ? "used" : "issued"] as const));
}

export async function revokeToken(tokenHash: string) {
  await prisma.deputyPass.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: new Date() } });
}
