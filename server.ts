/**
 * The production server: Express in front of the Remix request handler. Built to build/server.js
 * (esbuild.config.mjs) and run by plain Node: wiring only. Every part of the app — the database
 * set-up, the security middleware, the live streams, the tablets' cast, the shutdown of the
 * database — comes from the Remix build's entry module, so the process holds one copy of the app.
 *
 * Shuts down gracefully: stops accepting connections, ends the live streams, lets requests in
 * flight finish (at most 10 s), then closes every database connection.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type * as ServerParts from "./app/http/server-parts.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const parts = (build.entry.module as unknown as { server: typeof ServerParts }).server;
const config = await parts.prepare();

const app = express();
app.disable("x-powered-by");
app.use(parts.requestLog());
app.use(parts.cspNonce, parts.securityHeaders, parts.refuseNulInAddress, parts.limitBodySize, parts.refuseCrossSiteWrites);
// The audit log records the device: take the address from the socket, never from a client header.
app.use((req, _res, next) => {
  req.headers["x-client-ip"] = req.socket.remoteAddress ?? "unknown";
  next();
});
app.get("/healthz", parts.healthz);
app.get("/readyz", parts.readyz);
app.get("/sessions/:sessionId/events", parts.liveStream({ perSession: config.LIVE_STREAMS_PER_SESSION, total: config.LIVE_STREAMS_MAX }));
// Public pages without a login are answered from memory, already compressed (public-pages.server.ts).
app.use(parts.publicPages({ build, mode: config.NODE_ENV }));
app.use(compression());
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
app.use(
  parts.writeRateLimits({
    routes: build.routes,
    writesPerMinute: config.RATE_LIMIT_WRITES,
    tabletWritesPerMinute: config.RATE_LIMIT_TABLET_WRITES,
    proposalsPerHour: config.RATE_LIMIT_PROPOSALS,
  }),
);
app.post(parts.TABLET_CAST_PATH, parts.tabletCast);
if (config.BENCH_NOOP) app.post("/bench/noop-direct", parts.tabletCastNoop);
app.all("*", createRequestHandler({ build, mode: config.NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }) }));
// A path Express cannot decode (a malformed %-escape) gets a Chinese 400, not Express's English page.
app.use(parts.answerUnreadableRequests);

const server = app.listen(config.PORT, () => console.log(parts.serverLogMessages.listening(config.PORT)));

/** How long a shutdown waits for requests in flight (a slate import, an export) before cutting them off. */
const DRAIN_MS = 10_000;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const drained = new Promise<boolean>((resolve) => {
    server.close(() => resolve(true));
    setTimeout(() => resolve(false), DRAIN_MS);
  });
  // A live stream never ends by itself: end them all, then close each connection as it falls idle.
  const streams = parts.endAllLiveStreams();
  console.log(parts.serverLogMessages.closing(signal, streams));
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const clean = await drained;
  clearInterval(sweep);
  if (!clean) {
    console.error(parts.serverLogMessages.stillInFlight(signal, DRAIN_MS / 1000));
    server.closeAllConnections();
  }
  await parts.closeDatabase();
  process.exit(clean ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
