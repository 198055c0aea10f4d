import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// As in vitest.config.ts: one audit key for the whole run.
process.env.AUDIT_KEY_FILE ??= fileURLToPath(new URL("./tests/.tmp/audit-key-postgres", import.meta.url));

/**
 * The PostgreSQL suite (decision 020), run by `npm run test:postgres` against a throwaway server
 * (tests/postgres/run.ts): its own tests, and the service and repository tests of the SQLite suite
 * whose code runs on PostgreSQL today, unchanged, each file on a database of its own.
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: [
      "tests/postgres/**/*.test.ts",
      "app/data/register.server.test.ts",
      "app/services/auth.server.test.ts",
      "app/services/failed-attempts.server.test.ts",
      "app/services/roster.server.test.ts",
      "app/services/round-key.server.test.ts",
      "app/services/slate-import.server.test.ts",
    ],
    globalSetup: ["tests/postgres/global-setup.ts"],
    setupFiles: ["tests/postgres/setup-each.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
