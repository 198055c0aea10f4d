/**
 * Per test file: a private copy of the migrated, seeded base database, so that files running in
 * parallel never share state. And a console.error the test did not expect fails the test.
 */
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";

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

let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(({ task }) => {
  const expected = (task.meta as { expectConsoleError?: boolean }).expectConsoleError;
  const calls = consoleError.mock.calls;
  consoleError.mockRestore();
  if (calls.length > 0 && !expected) {
    throw new Error(`console.error was called during the test:\n${calls.map((args: unknown[]) => args.join(" ")).join("\n")}`);
  }
});
