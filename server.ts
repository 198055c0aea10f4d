/**
 * The production server: Express in front of the Remix request handler. On start it creates,
 * migrates and seeds the SQLite database when needed, so that `npm start` on a fresh clone
 * serves the register. Shuts down gracefully: stops accepting connections, ends the live streams,
 * lets requests in flight finish (at most 10 s), then closes every database connection.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { env, startupWarnings } from "./app/utils/env.server.ts";
import { answerUnreadableRequests, cspNonce, limitBodySize, refuseCrossSiteWrites, securityHeaders } from "./app/utils/http-security.server.ts";
import { setupDatabase } from "./prisma/setup.ts";

const root = path.dirname(fileURLToPath(import.meta.url));
const config = env();
for (const warning of startupWarnings(config)) console.warn(warning);

const setup = await setupDatabase(config.DATABASE_URL);
if (setup.migrations.length || setup.inserted.townships) {
  console.log(`数据库已就绪: ${setup.migrations.length} 个迁移, ${setup.inserted.townships} 个乡镇写入`);
}

const { ensureAdministrator } = await import("./app/services/accounts.server.ts");
const firstPassword = await ensureAdministrator(config.ADMIN_PASSWORD);
if (firstPassword) console.log(`首次启动：已建立管理员账户 admin，初始密码 ${firstPassword}（请登录后妥善保管）`);

const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
const app = express();
app.disable("x-powered-by");
app.use(cspNonce, securityHeaders, limitBodySize, refuseCrossSiteWrites);
// The audit log records the device: take the address from the socket, never from a client header.
app.use((req, _res, next) => {
  req.headers["x-client-ip"] = req.socket.remoteAddress ?? "unknown";
  next();
});
const { liveStream } = await import("./app/utils/live-stream.server.ts");
app.get("/sessions/:sessionId/events", liveStream({ perSession: config.LIVE_STREAMS_PER_SESSION, total: config.LIVE_STREAMS_MAX }));
app.use(compression());
app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
const { writeRateLimits } = await import("./app/utils/write-limits.server.ts");
app.use(writeRateLimits({ routes: build.routes, writesPerMinute: config.RATE_LIMIT_WRITES, tabletWritesPerMinute: config.RATE_LIMIT_TABLET_WRITES }));
const remix = createRequestHandler({ build, mode: config.NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }) });
const { ballotFastPath, ballotFastPathNoop } = await import("./app/utils/ballot-fast-path.server.ts");
app.post("/vote/ballot", ballotFastPath(remix));
if (config.BENCH_NOOP) app.post("/bench/noop-direct", ballotFastPathNoop);
app.all("*", remix);
// A path Express cannot decode (a malformed %-escape) gets a Chinese 400, not Express's English page.
app.use(answerUnreadableRequests);

const server = app.listen(config.PORT, () => {
  console.log(`民生实事票决 listening on http://localhost:${config.PORT}`);
});

/** How long a shutdown waits for requests in flight (a slate import, an export) before cutting them off. */
const DRAIN_MS = 10_000;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const { endAllLiveStreams } = await import("./app/services/live-feed.server.ts");
  const drained = new Promise<boolean>((resolve) => {
    server.close(() => resolve(true));
    setTimeout(() => resolve(false), DRAIN_MS);
  });
  // A live stream never ends by itself: end them all, then close each connection as it falls idle.
  const streams = endAllLiveStreams();
  console.log(`${signal}: closing (${streams} live streams ended)`);
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  const clean = await drained;
  clearInterval(sweep);
  if (!clean) {
    console.error(`${signal}: requests still in flight after ${DRAIN_MS / 1000} s; closing their connections`);
    server.closeAllConnections();
  }
  const { closeDatabase } = await import("./app/data/close.server.ts");
  await closeDatabase();
  process.exit(clean ? 0 : 1);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
