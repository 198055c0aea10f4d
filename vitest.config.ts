import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One audit key for the whole run (the base database and every file's copy of it), whatever
// database a module happens to read its environment for first; the test workers inherit it.
process.env.AUDIT_KEY_FILE ??= fileURLToPath(new URL("./tests/.tmp/audit-key", import.meta.url));

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "prisma/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/architecture/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-each.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
