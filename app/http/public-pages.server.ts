/**
 * The public pages (coverage, notices, the register's city, county and township pages, the home
 * page) rendered once per data version and served again from memory, in front of Remix, to every
 * request without a login. They change only when something is published or the register changes:
 * the coverage reader's version (app/data/coverage.server.ts) moves exactly then, and the Beijing
 * day is part of the key because the pages choose "this year" by the clock. Rendering the 85 KB
 * coverage page costs about 6 ms of CPU; serving it again costs a hash lookup and one write.
 *
 * - A request with a login (the staff or tablet cookie) is never served from, nor stored in, this
 *   cache: Remix renders it as before, and the answer says `Cache-Control: private, no-store`.
 * - A cached answer says `Cache-Control: public, no-cache` with a weak ETag: browsers and proxies
 *   may keep it but must ask again each time, so a publication is visible on the next request;
 *   `If-None-Match` with the current ETag gets a 304. There is no Last-Modified: two renders in the
 *   same second would share one, and the ETag already answers the question exactly.
 * - The CSP. A cached body is sent to many people, so it cannot carry a per-response nonce (one
 *   nonce replayed to everybody is a nonce an attacker can read and reuse). The page is rendered
 *   with a fresh random nonce that is then removed from the stored body, and the cached answer's
 *   policy allows its inline scripts by their SHA-256 hashes instead: only those exact scripts run,
 *   as strong as a nonce, and identical bytes for everybody (so the gzip is made once, too).
 */
import { createHash, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { coverageReader } from "~/data/coverage.server";
import { staffCookie, tabletCookie } from "~/services/auth.server";
import { beijingDay } from "~/services/monitor-views.server";

const gzipped = promisify(gzip);

/** The public pages, by path; their only query is `?year=`. Anything else goes to Remix as before. */
const PUBLIC_PAGES = [
  /^\/$/,
  /^\/coverage$/,
  /^\/notices$/,
  /^\/notices\/\d+\/\d+$/,
  /^\/townships\/\d+$/,
  /^\/counties\/\d+$/,
  /^\/cities\/\d+$/,
  /^\/campaigns\/\d+\/\d+(\/propose)?$/,
  /^\/progress\/\d+\/\d+$/,
];
const QUERY = /^(\?year=\d{1,4})?$/;
/** A full province year's pages are about 100 KB each with their gzip: this holds every public page many times over. */
const CACHE_BYTES = 48 * 1024 * 1024;

interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  /** The script-src sources that allow the page's inline scripts, in place of the nonce. */
  scriptHashes: string;
}

function isPublicPage(req: Request): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const query = req.originalUrl.slice(req.path.length);
  return QUERY.test(query) && PUBLIC_PAGES.some((page) => page.test(req.path));
}

function hasLogin(req: Request): boolean {
  const cookie = req.headers.cookie;
  if (!cookie) return false;
  return cookie.split(";").some((pair) => {
    const name = pair.split("=")[0]!.trim();
    return name === staffCookie.name || name === tabletCookie.name;
  });
}

/** Renders a page through Remix with a nonce of its own, and keeps it in the form every later answer takes. */
async function render(handle: ReturnType<typeof createRequestHandler>, url: string): Promise<CachedPage | globalThis.Response> {
  const nonce = randomBytes(16).toString("base64");
  const response = await handle(new globalThis.Request(url), { cspNonce: nonce });
  if (response.status !== 200 || !response.headers.get("Content-Type")?.startsWith("text/html")) return response;
  const html = (await response.text()).split(` nonce="${nonce}"`).join("");
  const scripts = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
  const body = Buffer.from(html, "utf8");
  return {
    status: 200,
    headers: [...response.headers].filter(([name]) => name !== "content-length"),
    body,
    gzip: await gzipped(body),
    etag: `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    scriptHashes: [...new Set(scripts)].map((script) => `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`).join(" "),
  };
}

/** Sends what Remix answered when it is not a page to keep (a 404, a redirect). */
async function sendAsIs(res: Response, response: globalThis.Response) {
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== "set-cookie" && name !== "content-length") res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function sendPage(req: Request, res: Response, page: CachedPage) {
  for (const [name, value] of page.headers) res.setHeader(name, value);
  const policy = res.getHeader("Content-Security-Policy");
  if (typeof policy === "string") res.setHeader("Content-Security-Policy", policy.replace(/'nonce-[^']*'/, page.scriptHashes || "'none'"));
  res.setHeader("Cache-Control", "public, no-cache");
  res.setHeader("Vary", "Accept-Encoding, Cookie");
  res.setHeader("ETag", page.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  const zipped = req.acceptsEncodings("gzip", "identity") === "gzip";
  const body = zipped ? page.gzip : page.body;
  if (zipped) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", body.length);
  res.status(page.status).end(req.method === "HEAD" ? undefined : body);
}

/** The public-page cache: one per server, over the Remix build the server runs. */
export function publicPages({ build, mode }: { build: ServerBuild; mode: string }) {
  const handle = createRequestHandler(build, mode);
  let version = "";
  /** Pages of the current version, oldest first; a page being rendered is there as its promise, so a crowd waits for one render. */
  const pages = new Map<string, Promise<CachedPage | globalThis.Response>>();
  const sizes = new Map<string, number>();
  let bytes = 0;

  async function lookup(url: string) {
    const now = `${await coverageReader().version()}@${beijingDay(new Date())}`;
    if (now !== version) {
      version = now;
      pages.clear();
      sizes.clear();
      bytes = 0;
    }
    const cached = pages.get(url);
    if (cached) return cached;
    const rendering = render(handle, url);
    pages.set(url, rendering);
    rendering.then(
      (page) => {
        if (pages.get(url) !== rendering) return;
        if (!("etag" in page)) return void pages.delete(url);
        const size = page.body.length + page.gzip.length;
        sizes.set(url, size);
        bytes += size;
        for (const [oldest, oldSize] of sizes) {
          if (bytes <= CACHE_BYTES) break;
          pages.delete(oldest);
          sizes.delete(oldest);
          bytes -= oldSize;
        }
      },
      () => {
        if (pages.get(url) === rendering) pages.delete(url);
      },
    );
    return rendering;
  }

  return async function servePublicPage(req: Request, res: Response, next: NextFunction) {
    if (!isPublicPage(req)) return next();
    if (hasLogin(req)) {
      res.setHeader("Cache-Control", "private, no-store");
      return next();
    }
    try {
      const page = await lookup(`http://${req.headers.host ?? "localhost"}${req.originalUrl}`);
      if ("etag" in page) sendPage(req, res, page);
      else await sendAsIs(res, page.clone());
    } catch (error) {
      next(error);
    }
  };
}
