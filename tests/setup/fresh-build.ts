/**
 * The integration tests run the built server (tests/setup/http-server.ts) and the table reader's
 * built thread: `npm run test:unit` alone must not test a build older than the sources. Builds
 * first when any source the build is made from is newer than the oldest of its outputs, or an
 * output is missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const OUTPUTS = ["build/server/index.js", "build/server.js", "build/reader-thread.js"];
const SOURCES = ["app", "server.ts", "remix.config.js", "esbuild.config.mjs", "package-lock.json", "tsconfig.json"];

function newestIn(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its directory
  for (const name of readdirSync(entry)) {
    if (name === "generated" || /\.(test|bench)\.tsx?$/.test(name)) continue;
    newest = Math.max(newest, newestIn(path.join(entry, name)));
  }
  return newest;
}

export function staleBuild(): string | null {
  const missing = OUTPUTS.find((output) => !existsSync(path.join(root, output)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((output) => statSync(path.join(root, output)).mtimeMs));
  const changed = SOURCES.find((source) => existsSync(path.join(root, source)) && newestIn(path.join(root, source)) > built);
  return changed ? `${changed} changed after the last build` : null;
}

export function ensureFreshBuild(): void {
  const reason = staleBuild();
  if (!reason) return;
  console.log(`building first (${reason})`);
  // Vitest runs with NODE_ENV=test, which Remix would build development JSX for.
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production" } });
}
