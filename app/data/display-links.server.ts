/** The hall's display link of a session (大屏显示链接): only the hash of its key is stored. */
import { prisma } from "./sqlite.server";
import type { Queryable, Tx } from "./transaction.server";

/** The session's township (whose clerk may open the link) and the link open now, if any. */
export function displayLinkOf(sessionId: number, db: Queryable = prisma) {
  return db.congressSession.findUnique({ where: { id: sessionId }, select: { townshipId: true, displayKeyHash: true, displayOpenedAt: true } });
}

/** Sets (a new key replaces the old one) or clears the key; false when there is no such session. */
export async function setDisplayKey(tx: Tx, sessionId: number, keyHash: string | null): Promise<boolean> {
  const { count } = await tx.congressSession.updateMany({
    where: { id: sessionId },
    data: { displayKeyHash: keyHash, displayOpenedAt: keyHash ? new Date() : null },
  });
  return count === 1;
}
