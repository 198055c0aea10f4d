import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// As in vitest.config.ts: one audit key for the whole run.
process.env.AUDIT_KEY_FILE ??= fileURLToPath(new URL("./tests/.tmp/audit-key-postgres", import.meta.url));

/**
 * The PostgreSQL suite (decision 020), run by `npm run test:postgres` against a throwaway server
 * (tests/postgres/run.ts): its own tests, and the service, repository and HTTP tests of the SQLite
 * suite that read the database only through the app or through the engine-neutral query() and
 * databaseDigest() of tests/integration/helpers.ts, each file on a database of its own. (The SQLite
 * suite's other tests read or tamper with the database file directly.)
 */
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: [
      "tests/postgres/**/*.test.ts",
      "app/data/register.server.test.ts",
      "app/services/auth.server.test.ts",
      "app/services/collection.server.test.ts",
      "app/services/congress-session.server.test.ts",
      "app/services/console-views.server.test.ts",
      "app/services/county-congress.server.test.ts",
      "app/services/failed-attempts.server.test.ts",
      "app/services/implementation.server.test.ts",
      "app/services/monitor-collection.server.test.ts",
      "app/services/monitor-implementation.server.test.ts",
      "app/services/monitor-satisfaction.server.test.ts",
      "app/services/public-views.server.test.ts",
      "app/services/roster.server.test.ts",
      "app/services/round-key.server.test.ts",
      "app/services/satisfaction-rating.server.test.ts",
      "app/services/slate-import.server.test.ts",
      "app/services/voting.server.test.ts",
      // Through the built server on PostgreSQL: the restore drill, the crash test, public and coverage pages, paper ballots, a hall of 450, error pages, the request log.
      "tests/integration/backup-restore.test.ts",
      "tests/integration/ballot-papers.test.ts",
      "tests/integration/crash.test.ts",
      "tests/integration/error-pages.test.ts",
      "tests/integration/hall-450.test.ts",
      "tests/integration/page-bytes.test.ts",
      "tests/integration/paper-ballots.test.ts",
      "tests/integration/public-pages.test.ts",
      "tests/integration/request-log.test.ts",
      // The same, with the suites that read the database themselves (tests/integration/helpers.ts: query, databaseDigest).
      "tests/integration/authorization.test.ts",
      "tests/integration/confirmations.test.ts",
      "tests/integration/hostile-input.test.ts",
      "tests/integration/rate-limits.test.ts",
      "tests/integration/storm.test.ts",
      "tests/integration/tablet-cast.test.ts",
    ],
    globalSetup: ["tests/postgres/global-setup.ts"],
    setupFiles: ["tests/postgres/setup-each.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
