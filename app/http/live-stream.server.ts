/**
 * GET /sessions/:sessionId/events — the live stream (server-sent events), answered by the server
 * itself rather than by Remix (decision 001: the server's own handlers own SSE): it needs the socket's own
 * 'close' to let go of a stream (a Fetch Request's abort signal, which Remix hands the loader, is
 * not always delivered: after 300 dropped sockets, 275 streams were still subscribed) and the
 * socket's backpressure to skip frames for a client that cannot keep up.
 *
 * Refusals are plain Chinese text: 401 without any credential, 403 with one not for this session,
 * 404 for no such session, 503 with Retry-After when the session's or the server's streams are at
 * their limit. Reads are not audited (and a flood of refused streams must not fill the log); the
 * limits being reached is logged, at most once a minute.
 */
import type { Request, RequestHandler, Response } from "express";
import { httpMessages } from "~/messages/http";
import { publicMessages } from "~/messages/public";
import { joinLiveFeed, type LiveLimits } from "~/services/live-feed.server";
import { liveAccess, sessionIdOf } from "~/services/live-access.server";

const STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform keeps the compression middleware from buffering the stream.
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

/** How long a refused client should wait; the pages' own back-off starts near it. */
export const RETRY_AFTER_SECONDS = 10;

function refuse(res: Response, status: number, message: string) {
  if (status === 503) res.set("Retry-After", String(RETRY_AFTER_SECONDS));
  res.status(status).set("Cache-Control", "no-store").type("text/plain; charset=utf-8").send(message);
}

let lastWarning = 0;
function warnFull(full: "session" | "server", sessionId: number, limits: LiveLimits) {
  if (Date.now() - lastWarning < 60_000) return;
  lastWarning = Date.now();
  const limit = full === "session" ? httpMessages.liveSessionLimit(limits.perSession, sessionId) : `LIVE_STREAMS_MAX=${limits.total}`;
  console.warn(httpMessages.liveStreamsFull(limit));
}

export function liveStream(limits: LiveLimits): RequestHandler {
  return async (req: Request, res: Response, next) => {
    try {
      const m = publicMessages.live;
      const sessionId = sessionIdOf(req.params.sessionId);
      if (sessionId === null) return refuse(res, 404, m.sessionNotFound);
      const access = await liveAccess(sessionId, req.headers.cookie ?? null);
      if (!access.ok) return refuse(res, access.status, access.message);
      // The client may have gone while its credentials were checked: then there is nothing to join.
      if (req.socket.destroyed) return;

      // The headers go out with the first frame, once the feed has taken the stream.
      const sink = {
        write(chunk: string) {
          if (!res.headersSent) res.writeHead(200, STREAM_HEADERS);
          return res.write(chunk);
        },
        once: (event: "drain", listener: () => void) => res.once(event, listener),
        end: () => res.end(),
      };
      const joined = joinLiveFeed(sessionId, access.audience, sink, limits);
      if (!joined.ok) {
        warnFull(joined.full, sessionId, limits);
        return refuse(res, 503, joined.full === "session" ? m.sessionFull : m.serverFull);
      }
      // The response closes when the client goes (or the server ends the stream); leaving twice is harmless.
      res.once("close", joined.leave);
      res.once("error", joined.leave);
    } catch (error) {
      next(error);
    }
  };
}
