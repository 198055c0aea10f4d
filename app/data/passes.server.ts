/** 代表签到码: one-time sign-in codes for deputies' tablets, bound to one session. */
import { prisma } from "./sqlite.server";
import type { Queryable, Tx } from "./transaction.server";

/**
 * New cards for these deputies. A new card replaces every earlier one of the same deputy and
 * session — an unused code, and the tablet already signed in with a used one: a card is issued
 * again because the first was lost or taken, and whoever holds it must not vote in the deputy's place.
 */
export async function insertPasses(tx: Tx, sessionId: number, passes: Array<{ deputyId: number; codeHash: string }>, expiresAt: Date) {
  await revokePasses(tx, sessionId, passes.map((pass) => pass.deputyId));
  await tx.deputyPass.createMany({ data: passes.map((pass) => ({ ...pass, sessionId, expiresAt })) });
}

/** Ends every pass of these deputies in the session, signed-in tablets included; how many were live. */
export async function revokePasses(tx: Tx, sessionId: number, deputyIds: number[]): Promise<number> {
  const { count } = await tx.deputyPass.updateMany({ where: { sessionId, deputyId: { in: deputyIds }, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
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

/** The deputy whose live card of this session has this code (used on a tablet or not): the card's holder. */
export async function holderOfCard(db: Queryable, sessionId: number, codeHash: string): Promise<number | null> {
  const pass = await db.deputyPass.findFirst({ where: { sessionId, codeHash, revokedAt: null }, select: { deputyId: true } });
  return pass?.deputyId ?? null;
}
