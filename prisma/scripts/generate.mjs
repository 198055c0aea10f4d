// Runs `prisma generate` without letting the CLI fetch a native schema engine: generate
// never runs it, but the CLI looks for one unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file (this script serves).
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? new URL(import.meta.url).pathname,
};
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
