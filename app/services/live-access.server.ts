/**
 * Who may follow a session live, and what they may see (the stream and the big screen):
 * - a deputy's tablet signed in to THAT session: round state and counts ("progress"), never a tally;
 * - the session's clerk or an administrator: what the big screen shows ("results");
 * - the big screen holding the session's display link: the same.
 * Anyone else sees nothing: the tally of a closed round is not public before the notice.
 */
import { displayLinkOf } from "~/data/display-links.server";
import { userOfLoginSession } from "~/data/users.server";
import { publicMessages } from "~/messages/public";
import { DISPLAY_HOLDER, displayKeyOpens } from "~/services/display-link.server";
import type { LiveAudience } from "~/services/live-feed.server";
import { passFromToken } from "~/services/voting.server";
import { displayCookie, runsTownship, staffCookie, tabletCookie } from "./auth.server";

/** A tablet follows one page; staff and the hall may have a few windows (console tabs, projectors). */
const TABLET_STREAMS = 1;
const STAFF_STREAMS = 4;
const DISPLAY_STREAMS = 4;

export type LiveAccess = { ok: true; audience: LiveAudience } | { ok: false; status: 401 | 403 | 404; message: string };

/** The session id in a URL, or null when it is not one. */
export function sessionIdOf(param: string | undefined): number | null {
  if (!param || !/^\d{1,15}$/.test(param)) return null;
  const id = Number(param);
  return id > 0 ? id : null;
}

export async function liveAccess(sessionId: number, cookieHeader: string | null): Promise<LiveAccess> {
  const m = publicMessages.live;
  const [token, loginId, display] = await Promise.all([tabletCookie.parse(cookieHeader), staffCookie.parse(cookieHeader), displayCookie.parse(cookieHeader)]);
  const displayKey = isDisplayCookie(display) && display.sessionId === sessionId ? display.key : null;
  // Nothing to check: answered without reading the database.
  if (typeof token !== "string" && typeof loginId !== "string" && !displayKey) return { ok: false, status: 401, message: m.noCredential };

  const pass = typeof token === "string" ? await passFromToken(token) : null;
  if (pass?.sessionId === sessionId) return { ok: true, audience: { holder: `deputy:${pass.deputyId}`, view: "progress", perHolder: TABLET_STREAMS } };

  const session = await displayLinkOf(sessionId);
  if (!session) return { ok: false, status: 404, message: m.sessionNotFound };
  if (displayKey && displayKeyOpens(session.displayKeyHash, displayKey)) {
    return { ok: true, audience: { holder: DISPLAY_HOLDER, view: "results", perHolder: DISPLAY_STREAMS } };
  }
  const staff = typeof loginId === "string" ? await userOfLoginSession(loginId) : null;
  if (staff && runsTownship(staff, session.townshipId))
    return { ok: true, audience: { holder: `staff:${staff.id}`, view: "results", perHolder: STAFF_STREAMS } };
  return { ok: false, status: 403, message: m.notThisSession };
}

function isDisplayCookie(value: unknown): value is { sessionId: number; key: string } {
  const cookie = value as { sessionId?: unknown; key?: unknown } | null;
  return typeof cookie === "object" && cookie !== null && typeof cookie.sessionId === "number" && typeof cookie.key === "string";
}
