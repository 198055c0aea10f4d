/**
 * Rate limits on writes, by who vouches for them (issue 19). A hall's 160 tablets share one NAT
 * address at most sites: one device flooding that address with junk used to spend the budget of
 * every tablet behind it. So a post carrying a valid tablet pass is limited per pass, a post with
 * a staff login per login, and only what neither vouches for per address.
 *
 * Sign-ins and logins are left to their actions, which limit them per code and per username and,
 * for failures only, per address (services/sign-in.server.ts, auth.server.ts's logIn): a real
 * deputy's valid code must get through whatever the other devices of the hall sent. Which posts
 * those are is decided on the route Remix resolves (its own matcher on the build's routes), so
 * "/VOTE", "/%76ote" or "/vote//" are the sign-in as much as "/vote" is.
 *
 * Loaded after the database is set up (it reaches the ballot box through the tablet pass).
 *
 * The counters: in memory on SQLite (one process); on PostgreSQL in the database, shared by every
 * app process behind the proxy (data/rate-limit-store-postgres.server.ts), which otherwise would each
 * let the whole limit through. If that store fails (the database is failing over), a post is let
 * through uncounted rather than refused: what it writes meets the database anyway.
 */
import { matchRoutes } from "@remix-run/react";
import type { ServerBuild } from "@remix-run/node";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { postgresRateLimitStore } from "~/data/rate-limit-store-postgres.server";
import { appEngine } from "~/data/sqlite.server";
import { collectionMessages } from "~/messages/collection";
import { httpMessages } from "~/messages/http";
import { device } from "~/services/auth.server";
import { failedAttempts } from "~/services/failed-attempts.server";
import { passFromToken } from "~/services/voting.server";
import { staffCookie, tabletCookie } from "~/services/auth.server";

/** The routes whose actions limit their own posts. */
const SIGN_IN_ROUTES = new Set(["routes/vote._index", "routes/login"]);
/** The public proposal form (征集): limited per address per hour as well, whoever posts. */
const PROPOSAL_ROUTE = "routes/campaigns.$code.$year_.propose";

type RouteObject = Parameters<typeof matchRoutes>[0][number];

interface Writer {
  key: string;
  limit: number;
}

/** The build's routes as a tree, the way Remix's server builds it to match a request. */
function routeTree(routes: ServerBuild["routes"], parentId?: string): RouteObject[] {
  return Object.values(routes)
    .filter((route) => route.parentId === parentId)
    .map(
      (route) =>
        ({ id: route.id, path: route.path, index: route.index, caseSensitive: route.caseSensitive, children: routeTree(routes, route.id) }) as RouteObject,
    );
}

/** The id of the route whose action a post reaches, as Remix resolves it; null when none does. */
export function routeResolver(routes: ServerBuild["routes"]) {
  const tree = routeTree(routes);
  return (req: Request): string | null => {
    let url: URL;
    try {
      // As the Remix Express adapter builds the request's URL (dot segments resolved).
      url = new URL(`${req.protocol}://${req.headers.host ?? "localhost"}${req.originalUrl}`);
    } catch {
      return null;
    }
    const target = matchRoutes(tree, url.pathname)?.at(-1)?.route.id ?? null;
    // A data request names its route; Remix refuses one that the path does not match.
    const named = url.searchParams.get("_data");
    return named === null || named === target ? target : null;
  };
}

export function writeRateLimits(options: {
  routes: ServerBuild["routes"];
  writesPerMinute: number;
  tabletWritesPerMinute: number;
  proposalsPerHour: number;
}): RequestHandler[] {
  const routeOf = routeResolver(options.routes);
  const shared = appEngine() === "postgresql";
  const counters = (prefix: string) => (shared ? { store: postgresRateLimitStore(prefix), passOnStoreError: true } : {});

  async function writerOf(req: Request, res: Response): Promise<Writer | null> {
    const cookies = req.headers.cookie ?? null;
    const token = await tabletCookie.parse(cookies);
    // One prepared-statement read on the ballot box's connection; kept for the ballot's fast path.
    const pass = typeof token === "string" ? await passFromToken(token) : null;
    res.locals.tabletPass = pass;
    if (pass) return { key: `pass:${pass.sessionId}:${pass.deputyId}`, limit: options.tabletWritesPerMinute };
    // A login session id that this server signed; a revoked one is refused by the page itself.
    const login = await staffCookie.parse(cookies);
    if (typeof login === "string") return { key: `login:${login}`, limit: options.writesPerMinute };
    const route = routeOf(req);
    if (route !== null && SIGN_IN_ROUTES.has(route)) return null;
    return { key: `address:${ipKeyGenerator(req.socket.remoteAddress ?? "unknown")}`, limit: options.writesPerMinute };
  }

  const identify: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    try {
      res.locals.writer = await writerOf(req, res);
      next();
    } catch (error) {
      next(error);
    }
  };

  const limit = rateLimit({
    ...counters("writes:"),
    windowMs: 60_000,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    skip: (req, res) => req.method === "GET" || req.method === "HEAD" || !res.locals.writer,
    keyGenerator: (_req, res) => (res.locals.writer as Writer).key,
    limit: (_req, res) => (res.locals.writer as Writer).limit,
    handler: (_req, res) => void res.status(429).type("text/plain; charset=utf-8").send(httpMessages.tooManyWrites),
  });

  /**
   * The public form takes RATE_LIMIT_PROPOSALS posts an hour from one address, answered here, in
   * front of Remix: a flood from one address costs a counter, not a page render each (measured with
   * `npm run bench:proposals`). The refusals are logged by the failed-attempt log, counted per minute.
   */
  const proposals = rateLimit({
    ...counters("proposals:"),
    windowMs: 3_600_000,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    // A post carrying a tablet pass is limited per pass above; skipping it here keeps the route match
    // off the ballot's path.
    skip: (req, res) => req.method !== "POST" || Boolean(res.locals.tabletPass) || routeOf(req) !== PROPOSAL_ROUTE,
    keyGenerator: (req) => `proposals:${ipKeyGenerator(req.socket.remoteAddress ?? "unknown")}`,
    limit: options.proposalsPerHour,
    handler: (req, res) => {
      void failedAttempts
        .record({
          action: "proposal.submit",
          reason: "too many proposals from one address",
          device: device(req.socket.remoteAddress, req.headers["user-agent"]),
        })
        .catch((error) => console.error("failed-attempt log:", error));
      res.status(429).type("text/plain; charset=utf-8").send(collectionMessages.form.tooMany);
    },
  });
  return [identify, limit, proposals];
}
