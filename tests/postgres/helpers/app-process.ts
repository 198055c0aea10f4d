/**
 * One app process of several on the same PostgreSQL database, for tests/postgres/multi-process.test.ts:
 * the app's own session bus (services/events.server.ts) and write limits (http/write-limits.server.ts),
 * served over HTTP on a free port of 127.0.0.1, which it prints as `{"port":…}` once it listens.
 * Run with `node --import tsx`, DATABASE_URL, DATA_DIR and WRITES_PER_MINUTE set.
 *
 * Until the server itself starts on PostgreSQL (decision 020: it refuses while the coverage reader
 * speaks only SQLite), this stands in for `node build/server.js`: the same modules, unbuilt.
 */
import express from "express";
import type { ServerBuild } from "@remix-run/node";
import { closeDatabase } from "~/data/sqlite.server";
import { writeRateLimits } from "~/http/write-limits.server";
import { announceSessionChange, onSessionChange, sessionBusReady, sessionBusStats } from "~/services/events.server";

const heard = new Map<number, number>();
const app = express();
app.get("/bus", (_req, res) => void res.json(sessionBusStats()));
app.post("/follow/:id", (req, res) => {
  const sessionId = Number(req.params.id);
  heard.set(sessionId, heard.get(sessionId) ?? 0);
  onSessionChange(sessionId, () => heard.set(sessionId, (heard.get(sessionId) ?? 0) + 1));
  res.sendStatus(204);
});
app.get("/heard/:id", (req, res) => void res.json(heard.get(Number(req.params.id)) ?? 0));
// ?times=N announces N times in one turn of the event loop: a storm of ballots of one session.
app.post("/announce/:id", (req, res) => {
  for (let i = 0; i < Number(req.query.times ?? 1); i += 1) announceSessionChange(Number(req.params.id));
  res.sendStatus(204);
});
app.use(
  writeRateLimits({
    routes: {} as ServerBuild["routes"],
    writesPerMinute: Number(process.env.WRITES_PER_MINUTE),
    tabletWritesPerMinute: 120,
    proposalsPerHour: 30,
  }),
);
app.post("/write", (_req, res) => void res.sendStatus(204));

await sessionBusReady();
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 }));
});
process.on("SIGTERM", () => {
  server.close();
  void closeDatabase().then(() => process.exit(0));
});
