/**
 * 大屏显示链接: the big screen in the hall shows the live tally (when the round's settings allow)
 * before the tellers confirm it and before the notice makes it public, so it needs a key of its
 * own: the clerk opens a link for the session (a random key, shown once, only its hash stored);
 * opening a new one replaces it, and revoking it ends the screens that use it at once.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { displayLinkOf, setDisplayKey } from "~/data/display-links.server";
import type { Tx } from "~/data/transaction.server";
import { auditedChange } from "./audited-change.server";
import { endLiveStreams } from "./live-feed.server";
import { sha256 } from "./receipt.server";
import { Refusal, type Actor } from "./refusal";

/** The holder name of every stream opened with a session's display link. */
export const DISPLAY_HOLDER = "display";

/** Opens a new display link for the session (the old one stops working); returns its key. */
export async function openDisplayLink(actor: Actor, sessionId: number): Promise<string> {
  const key = randomBytes(24).toString("base64url");
  await change(actor, "display.open", sessionId, async (tx) => {
    if (!(await setDisplayKey(tx, sessionId, sha256(key)))) throw new Refusal({ code: "session-not-found" });
  });
  return key;
}

/** Revokes the session's display link. */
export async function revokeDisplayLink(actor: Actor, sessionId: number): Promise<void> {
  await change(actor, "display.revoke", sessionId, async (tx) => {
    const link = await displayLinkOf(sessionId, tx);
    if (!link) throw new Refusal({ code: "session-not-found" });
    if (!link.displayKeyHash) throw new Refusal({ code: "no-display-link" });
    await setDisplayKey(tx, sessionId, null);
  });
}

/** The change through the one audited-transaction helper; then the screens that used the old key go dark (their streams end and do not come back). */
async function change(actor: Actor, action: string, sessionId: number, work: (tx: Tx) => Promise<void>) {
  await auditedChange(actor, action, { sessionId }, async (tx, audit) => {
    await work(tx);
    await audit();
  });
  endLiveStreams(sessionId, (holder) => holder === DISPLAY_HOLDER);
}

/** Whether `key` is the display key open now for the session (`stored`: the hash on the session). */
export function displayKeyOpens(stored: string | null, key: string): boolean {
  if (!stored) return false;
  return timingSafeEqual(Buffer.from(sha256(key), "hex"), Buffer.from(stored, "hex"));
}

/** When the session's display link was opened (null: none open), for the console. */
export async function displayLinkState(sessionId: number): Promise<Date | null> {
  return (await displayLinkOf(sessionId))?.displayOpenedAt ?? null;
}

/** Whether `key` opens the session's screen now; null when there is no such session. */
export async function displayKeyOpensSession(sessionId: number, key: string): Promise<boolean | null> {
  const link = await displayLinkOf(sessionId);
  return link && displayKeyOpens(link.displayKeyHash, key);
}
