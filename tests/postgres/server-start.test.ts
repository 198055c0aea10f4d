/**
 * Until the coverage reader speaks PostgreSQL (decision 020), the built server sets a PostgreSQL
 * database up and then refuses to serve it, saying why in Chinese, rather than fail half its pages.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { serverLogMessages } from "~/messages/http";
import { env, projectRoot } from "~/utils/env.server";

const run = promisify(execFile);

describe("the server on PostgreSQL", () => {
  it("sets the database up, then refuses to start and says why", async () => {
    const started = run("node", ["build/server.js"], {
      cwd: projectRoot,
      // It refuses before it listens: the port is never opened.
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: env().DATABASE_URL, PORT: "1", ADMIN_PASSWORD: "correct-horse-battery" },
      timeout: 60_000,
    });
    await expect(started).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(serverLogMessages.postgresNotServedYet) });
  });
});
