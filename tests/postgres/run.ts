// npm run test:postgres — the PostgreSQL suite (vitest.postgres.config.ts) on a throwaway server
// started and stopped here. Without PostgreSQL's server binaries it says so and skips (exit 0):
// `npm test` runs it on every machine, and .ci/run installs Debian's postgresql first.
import { spawnSync } from "node:child_process";
import { postgresBinDir } from "../../app/utils/postgres-bin.server.ts";
import { startPostgresCluster } from "../../prisma/engine/throwaway-postgres.ts";

if (!postgresBinDir()) {
  console.log("test:postgres SKIPPED — PostgreSQL's server binaries are not installed here (apt-get install postgresql); the PostgreSQL suite did not run.");
  process.exit(0);
}
const started = Date.now();
const cluster = await startPostgresCluster();
console.log(`test:postgres: a throwaway PostgreSQL server (${cluster.binDir}) at ${cluster.url}, started in ${Date.now() - started} ms`);
let result: ReturnType<typeof spawnSync>;
try {
  result = spawnSync("npx", ["vitest", "run", "--config", "vitest.postgres.config.ts", ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, POSTGRES_SERVER_URL: cluster.url },
  });
} finally {
  cluster.stop();
}
process.exit(result.status ?? 1);
