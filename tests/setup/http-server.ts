/**
 * For tests that go through the whole server (Express walls, Remix, services, database): starts the
 * built production server (`npm run build` first; `npm test` does) on this test file's own database
 * copy and a free port. The test process may create data through the services on the same file.
 */
import { createServer } from "node:net";
import { env } from "~/utils/env.server";
import { startServer, type RunningServer } from "../bench/lib/server.ts";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `databaseUrl`: another database than the test file's own (a restored copy, say); `logFile`: keep the server's stdout. */
export async function startTestServer(extraEnv: Record<string, string> = {}, databaseUrl = env().DATABASE_URL, logFile?: string): Promise<RunningServer> {
  return startServer({
    port: await freePort(),
    databaseUrl,
    logFile,
    env: {
      RATE_LIMIT_WRITES: "1000000",
      RATE_LIMIT_TABLET_WRITES: "1000000",
      RATE_LIMIT_SIGNINS: "1000000",
      RATE_LIMIT_PROPOSALS: "1000000",
      COOKIE_SECRETS: "test-cookie-secret",
      ADMIN_PASSWORD: "test-admin-password",
      ...extraEnv,
    },
    quiet: true,
  });
}
