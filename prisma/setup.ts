/** Creates the database if needed, applies pending migrations and seeds the register. Idempotent. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient, preparePrivateDatabaseFile } from "~/data/sqlite.server";
import { ensureKeyedChain } from "~/data/audit.server";
import { insertMissingRegisterRows, type RegisterFile } from "~/data/register.server";
import { projectRoot } from "~/utils/env.server";
import { applyPendingMigrations } from "./engine/migrations.ts";

// From the project root, not from this file: the server runs this module inside its build.
const registerUrl = path.join(projectRoot, "prisma/register/hunan-register.json");

export function readRegisterFile(): RegisterFile {
  return JSON.parse(readFileSync(registerUrl, "utf8")) as RegisterFile;
}

export async function setupDatabase(databaseUrl: string) {
  preparePrivateDatabaseFile(databaseUrl);
  const migrations = await applyPendingMigrations(databaseUrl);
  const client = createPrismaClient(databaseUrl);
  try {
    const inserted = await insertMissingRegisterRows(readRegisterFile(), client);
    await ensureKeyedChain(client);
    return { migrations, inserted };
  } finally {
    await client.$disconnect();
  }
}
