/** Creates the database if needed, applies pending migrations and seeds the register. Idempotent. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient, preparePrivateDatabaseFile } from "~/data/sqlite.server";
import { ensureKeyedChain } from "~/data/audit.server";
import { insertMissingRegisterRows, type RegisterFile } from "~/data/register.server";
import { projectRoot } from "~/utils/env.server";
import { applyPendingMigrations, migrationStatus } from "./engine/migrations.ts";

// From the project root, not from this file: the server runs this module inside its build.
const registerUrl = path.join(projectRoot, "prisma/register/hunan-register.json");

export function readRegisterFile(): RegisterFile {
  return JSON.parse(readFileSync(registerUrl, "utf8")) as RegisterFile;
}

/**
 * The database was migrated by a newer version of the code (it records migrations this code does
 * not have): this code must not write to it. Upgrade the code, or restore a backup taken before.
 */
export class DatabaseNewerThanCode extends Error {
  constructor(readonly migrations: string[]) {
    super(`the database was migrated by a newer version of this program (migrations unknown here: ${migrations.join(", ")})`);
  }
}

export async function setupDatabase(databaseUrl: string) {
  const { unknown } = await migrationStatus(databaseUrl);
  if (unknown.length > 0) throw new DatabaseNewerThanCode(unknown);
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
