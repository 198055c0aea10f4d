/**
 * Offline migrations in Prisma's standard layout (prisma/migrations/<timestamp>_<name>/migration.sql,
 * recorded in `_prisma_migrations`), so that the stock `prisma migrate deploy` also works.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import path from "node:path";
import { projectRoot } from "~/utils/env.server";
import { withSchemaEngine } from "./schema-engine.ts";

// From the project root, not from this file: the server runs this module inside its build.
const prismaDir = path.join(projectRoot, "prisma");
export const schemaPath = path.join(prismaDir, "schema.prisma");
export const migrationsDir = path.join(prismaDir, "migrations");
const noFilters = { externalTables: [], externalEnums: [] };

export function readSchema(): string {
  return readFileSync(schemaPath, "utf8");
}

/** The migration folders, in the order they apply. */
function migrationFolders(dir = migrationsDir): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

function migrationsList(dir = migrationsDir) {
  const lockPath = path.join(dir, "migration_lock.toml");
  const folders = migrationFolders(dir);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((folder) => ({
      path: folder,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(dir, folder, "migration.sql"), "utf8") },
      },
    })),
  };
}

/**
 * Where the database stands against the migration folders: those not yet applied, and those it
 * records as applied that this code does not have (it was migrated by a newer version). Read with
 * a plain read-only connection, so an up-to-date database (every start after the first) never
 * loads the engine nor asks for a lock that a running process may hold.
 */
export function migrationStatus(databaseUrl: string): { unapplied: string[]; unknown: string[] } {
  const folders = migrationFolders();
  const file = databaseUrl.slice("file:".length);
  if (!existsSync(file)) return { unapplied: folders, unknown: [] };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return { unapplied: folders, unknown: [] };
    const applied = new Set(
      (
        db.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL").all() as Array<{
          migration_name: string;
        }>
      ).map((row) => row.migration_name),
    );
    const known = new Set(folders);
    return { unapplied: folders.filter((folder) => !applied.has(folder)), unknown: [...applied].filter((name) => !known.has(name)).sort() };
  } finally {
    db.close();
  }
}

/** Applies the migrations not yet recorded in the database's `_prisma_migrations` table. */
export async function applyPendingMigrations(databaseUrl: string): Promise<string[]> {
  if (migrationStatus(databaseUrl).unapplied.length === 0) return [];
  return withSchemaEngine(databaseUrl, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrationsList(),
      filters: noFilters,
    });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that would bring a database built from the migrations so far to `schema.prisma`;
 * empty when they agree. The engine's own shadow database needs a native engine, so the
 * "previous state" is built here: the migrations applied to a throw-away SQLite file.
 */
export async function pendingSchemaChanges(schema = readSchema()): Promise<string> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "migration-diff-"));
  const url = `file:${path.join(scratch, "previous.db")}`;
  try {
    return await withSchemaEngine(url, async (engine) => {
      await engine.applyMigrations({ migrationsList: migrationsList(), filters: noFilters });
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: [{ path: "schema.prisma", content: schema }], configDir: scratch },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      const script = result.stdout ?? "";
      return isEmptyScript(script) ? "" : script;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function isEmptyScript(sql: string): boolean {
  return sql.replace(/--.*$/gm, "").trim() === "";
}
