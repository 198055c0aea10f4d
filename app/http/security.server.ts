/**
 * The server's walls, in front of Remix: security headers with a per-response CSP nonce for
 * Remix's inline scripts, request size limits, and the refusal of cross-site posts. (The rate
 * limits on writes are in write-limits.server.ts.)
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";
import { httpMessages } from "~/messages/http";

/** Slate imports (≤ 2 MB files) are the largest legitimate bodies. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
}

export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      "default-src": ["'self'"],
      "script-src": ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
      // React renders style attributes for a few computed widths (bars, progress).
      "style-src": ["'self'", "'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "connect-src": ["'self'"],
      "font-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: "same-origin" },
  // The hall's network is plain HTTP on a LAN more often than not: HSTS would lock tablets out.
  strictTransportSecurity: false,
});

/**
 * Cross-site form posts are refused here, before Remix (whose own Origin check answers with a
 * server error). A browser always sends Origin on a cross-origin POST and Sec-Fetch-Site on any;
 * the session cookies are SameSite=Lax besides, so a cross-site post would arrive without them.
 * The origin is the scheme, host and port: https://<this host> is another site than this plain
 * HTTP server (issue 19).
 */
export function refuseCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const origin = req.headers.origin;
  let sameOrigin = true;
  if (origin !== undefined) {
    try {
      sameOrigin = origin !== "null" && new URL(origin).origin === new URL(`${req.protocol}://${req.headers.host}`).origin;
    } catch {
      sameOrigin = false;
    }
  }
  if (!sameOrigin || req.headers["sec-fetch-site"] === "cross-site") {
    res.status(403).type("text/plain; charset=utf-8").send(httpMessages.crossSite);
    return;
  }
  // Forwarded-host headers come from proxies; none stands in front of this server by default.
  delete req.headers["x-forwarded-host"];
  next();
}

/**
 * Refuses an address holding an escaped NUL character (%00): no page's address has one, and a
 * parameter carrying it to PostgreSQL would fail there (it cannot store NUL in text).
 */
export function refuseNulInAddress(req: Request, res: Response, next: NextFunction) {
  if (/%00/i.test(req.originalUrl)) {
    res.status(400).type("text/plain; charset=utf-8").send(httpMessages.nulInAddress);
    return;
  }
  next();
}

/**
 * Refuses bodies larger than the largest legitimate upload, before anything reads them. A body
 * sent in chunks without a Content-Length could not be measured before it is read whole, so it is
 * refused too (411): browsers always send the length of a form post, and so does fetch().
 */
export function limitBodySize(req: Request, res: Response, next: NextFunction) {
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined) {
    res.status(411).type("text/plain; charset=utf-8").send(httpMessages.noLength);
    return;
  }
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send(httpMessages.bodyTooLarge);
    return;
  }
  next();
}

/**
 * Last in the chain: a request Express cannot read (a malformed %-escape in the path, which its
 * router fails to decode) is answered in Chinese instead of Express's English page; a request
 * whose device went away halfway (a tablet's dropped Wi-Fi) has nobody to answer and is no server
 * failure, so it leaves no stack in the log; any other error goes on to Express's own handler.
 */
export function answerUnreadableRequests(error: unknown, req: Request, res: Response, next: NextFunction) {
  if (req.destroyed || (error as { code?: unknown } | null)?.code === "ECONNRESET") return;
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400 && status < 500 && !res.headersSent) {
    res.status(status).type("text/plain; charset=utf-8").send(httpMessages.unreadable);
    return;
  }
  next(error);
}
