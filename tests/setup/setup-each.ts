/**
 * Per test file: a private copy of the migrated, seeded base database, so that files running in
 * parallel never share state. And a console.error the test did not expect fails the test.
 */
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { failOnUnexpectedConsoleErrors } from "./console-errors.ts";

const tmpDir = path.resolve(import.meta.dirname, "../.tmp");
const database = path.join(tmpDir, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(inject("baseDatabase"), database);
process.env.DATABASE_URL = `file:${database}`;

afterAll(async () => {
  // Imported here, not above: the app's modules read DATABASE_URL when first imported.
  const { closeDatabase } = await import("~/data/sqlite.server");
  await closeDatabase();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(database + suffix, { force: true });
});

failOnUnexpectedConsoleErrors();
