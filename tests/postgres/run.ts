// npm run test:postgres — the PostgreSQL suite on a throwaway server started and stopped here: the
// Vitest files of vitest.postgres.config.ts, then the browser tests (playwright.config.ts) against
// the server on a fresh PostgreSQL database. Without PostgreSQL's server binaries it says so and
// skips (exit 0): `npm test` runs it on every machine, and .ci/run installs Debian's postgresql first.
// Arguments go to Vitest; `--e2e-only` / `--no-e2e` run one part.
import { spawnSync } from "node:child_process";
import { postgresBinDir } from "../../app/utils/postgres-bin.server.ts";
import { adminQuery } from "../../prisma/engine/schema-engine.ts";
import { startPostgresCluster } from "../../prisma/engine/throwaway-postgres.ts";

/** The browser tests' port on PostgreSQL: not the SQLite run's (3210), so both can run on one machine. */
const E2E_PORT = "3220";

if (!postgresBinDir()) {
  console.log("test:postgres SKIPPED — PostgreSQL's server binaries are not installed here (apt-get install postgresql); the PostgreSQL suite did not run.");
  process.exit(0);
}
const args = process.argv.slice(2);
const e2eOnly = args.includes("--e2e-only");
const noE2e = args.includes("--no-e2e");
const vitestArgs = args.filter((arg) => arg !== "--e2e-only" && arg !== "--no-e2e");

const started = Date.now();
const cluster = await startPostgresCluster();
console.log(`test:postgres: a throwaway PostgreSQL server (${cluster.binDir}) at ${cluster.url}, started in ${Date.now() - started} ms`);
let status = 0;
try {
  if (!e2eOnly) {
    const vitest = spawnSync("npx", ["vitest", "run", "--config", "vitest.postgres.config.ts", ...vitestArgs], {
      stdio: "inherit",
      env: { ...process.env, POSTGRES_SERVER_URL: cluster.url },
    });
    status = vitest.status ?? 1;
  }
  if (status === 0 && !noE2e) {
    // A fresh database; the web server migrates and seeds it as it starts, as on a new deployment.
    await adminQuery(cluster.url, 'CREATE DATABASE "e2e"');
    console.log("test:postgres: the browser tests, on PostgreSQL database e2e");
    const e2e = spawnSync("npx", ["playwright", "test"], {
      stdio: "inherit",
      env: { ...process.env, E2E_DATABASE_URL: cluster.databaseUrl("e2e"), E2E_PORT },
    });
    status = e2e.status ?? 1;
  }
} finally {
  cluster.stop();
}
process.exit(status);
