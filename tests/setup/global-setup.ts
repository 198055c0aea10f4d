/**
 * Builds the base database once per test run: migrated with the project's own offline
 * migrations and seeded with the register. Each test file then works on its own copy
 * (tests/setup/setup-each.ts): a real SQLite file, never a mock. The file is private to this
 * run, so two runs at once on one machine do not trample each other. A build older than the
 * sources is rebuilt first (tests/setup/fresh-build.ts).
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { setupDatabase } from "../../prisma/setup.ts";
import { ensureFreshBuild } from "./fresh-build.ts";

const tmpDir = path.resolve(import.meta.dirname, "../.tmp");

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
  }
}

export default async function globalSetup(project: TestProject) {
  ensureFreshBuild();
  mkdirSync(tmpDir, { recursive: true });
  const baseDatabase = path.join(tmpDir, `base-${process.pid}.db`);
  const remove = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(baseDatabase + suffix, { force: true });
  };
  remove();
  await setupDatabase(`file:${baseDatabase}`);
  project.provide("baseDatabase", baseDatabase);
  return remove;
}
