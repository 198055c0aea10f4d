/**
 * What the server entry (server.ts) wires together, handed to it through the Remix build's entry
 * module (app/entry.server.tsx re-exports this): the process runs one copy of the app, the build's.
 * server.ts itself imports nothing from app/ but types.
 */
import { closeDatabase } from "~/data/sqlite.server";
import { serverLogMessages } from "~/messages/http";
import { ensureAdministrator } from "~/services/accounts.server";
import { endAllLiveStreams } from "~/services/live-feed.server";
import { env, startupWarnings } from "~/utils/env.server";
import { DatabaseNewerThanCode, setupDatabase } from "../../prisma/setup";

export { healthz, readyz } from "./health.server";
export { requestLog } from "./request-log.server";
export { answerUnreadableRequests, cspNonce, limitBodySize, refuseCrossSiteWrites, refuseNulInAddress, securityHeaders } from "./security.server";
export { liveStream } from "./live-stream.server";
export { publicPages } from "./public-pages.server";
export { tabletCast, tabletCastNoop } from "./tablet-ballot.server";
export { TABLET_CAST_PATH } from "./tablet-contract";
export { writeRateLimits } from "./write-limits.server";
export { closeDatabase, endAllLiveStreams, serverLogMessages };

/**
 * Validates the environment (a bad value stops the start), creates, migrates and seeds the
 * database when needed, and creates the first administrator: `npm start` on a fresh clone serves
 * the register.
 */
export async function prepare() {
  const config = env();
  for (const warning of startupWarnings(config)) console.warn(warning);
  const setup = await setupDatabase(config.DATABASE_URL).catch((error: unknown) => {
    throw error instanceof DatabaseNewerThanCode ? new Error(serverLogMessages.databaseNewer(error.migrations)) : error;
  });
  if (setup.migrations.length || setup.inserted.townships) console.log(serverLogMessages.databaseReady(setup.migrations.length, setup.inserted.townships));
  const firstPassword = await ensureAdministrator(config.ADMIN_PASSWORD);
  if (firstPassword) console.log(serverLogMessages.firstAdministrator(firstPassword));
  return config;
}
