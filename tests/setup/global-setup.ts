/**
 * Builds the base database once per test run: migrated with the project's own offline
 * migrations and seeded with the register. Each test file then works on its own copy
 * (tests/setup/setup-each.ts): a real SQLite file, never a mock.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { setupDatabase } from "../../prisma/setup.ts";

export const tmpDir = path.resolve(import.meta.dirname, "../.tmp");
export const baseDatabase = path.join(tmpDir, "base.db");

export default async function globalSetup() {
  mkdirSync(tmpDir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(baseDatabase + suffix, { force: true });
  await setupDatabase(`file:${baseDatabase}`);
}
