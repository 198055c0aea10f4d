/**
 * The built server on PostgreSQL (decision 020): it sets the database up, serves the register, the
 * coverage and the monitoring pages from the coverage reader's PostgreSQL statements, answers its
 * health checks, and stops cleanly, closing its connections.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "~/services/accounts.server";
import { env } from "~/utils/env.server";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { get, logInStaff } from "../integration/helpers";

let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** The server's own connections to its database (the test process's are named otherwise or idle elsewhere). */
async function serverConnections(): Promise<number> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'coverage-reader'",
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe("the server on PostgreSQL", () => {
  it("answers its health checks", async () => {
    expect((await get(server.url, "/healthz")).status).toBe(200);
    const ready = await get(server.url, "/readyz");
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: "ready" });
  });

  it("serves the coverage, a township's page, the search and a monitoring view from PostgreSQL", async () => {
    const coverage = await get(server.url, "/coverage");
    expect(coverage.status).toBe(200);
    expect(coverage.body).toContain("1,522");
    expect(coverage.body).toContain("122");
    const township = await get(server.url, "/townships/430121105");
    expect(township.status).toBe(200);
    const search = await get(server.url, `/search?q=${encodeURIComponent("镇")}`);
    expect(search.status).toBe(200);
    expect((await get(server.url, "/search?q=430121")).status).toBe(200);
    await createAccount({ username: "pg-monitor", displayName: "省人大常委会", password: "pg-monitor-password", role: "monitor", areaCode: "43" });
    const cookie = await logInStaff(server.url, "pg-monitor", "pg-monitor-password");
    const province = await get(server.url, "/monitor/43", { cookie });
    expect(province.status).toBe(200);
    expect(province.body).toContain("1,522");
    expect((await get(server.url, "/monitor/430121", { cookie })).status).toBe(200);
    expect(await serverConnections()).toBeGreaterThan(0);
  });

  it("stops on SIGTERM with exit 0 and leaves no connection behind", async () => {
    expect(await server.stop()).toBe(0);
    expect(await serverConnections()).toBe(0);
  });
});
