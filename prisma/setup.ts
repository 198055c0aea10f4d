/** Creates the database if needed, applies pending migrations and seeds the register. Idempotent. */
import { readFileSync } from "node:fs";
import { createPrismaClient, preparePrivateDatabaseFile } from "~/data/sqlite.server";
import { ensureKeyedChain } from "~/data/audit.server";
import { insertMissingRegisterRows, type RegisterFile } from "~/data/register.server";
import { applyPendingMigrations } from "./engine/migrations.ts";

const registerUrl = new URL("./register/hunan-register.json", import.meta.url);

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
