/**
 * Offline migrations in Prisma's standard layout (<migrations>/<timestamp>_<name>/migration.sql,
 * recorded in `_prisma_migrations`), so that the stock `prisma migrate deploy` also works. Each
 * engine has its own history (decision 020): prisma/migrations for SQLite, prisma/postgresql/migrations
 * for PostgreSQL, each made from its own schema by `npm run db:migration:new` and checked for drift.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { databaseEngine, withDatabase, type DatabaseEngine } from "~/utils/database-url";
import { projectRoot } from "~/utils/env.server";
import { adminQuery, withSchemaEngine } from "./schema-engine.ts";

// From the project root, not from this file: the server runs this module inside its build.
const prismaDir = path.join(projectRoot, "prisma");

/** An engine's schema and migration history. */
export const HISTORIES = {
  sqlite: { schemaPath: path.join(prismaDir, "schema.prisma"), migrationsDir: path.join(prismaDir, "migrations"), provider: "sqlite" },
  postgresql: {
    schemaPath: path.join(prismaDir, "postgresql", "schema.prisma"),
    migrationsDir: path.join(prismaDir, "postgresql", "migrations"),
    provider: "postgresql",
  },
} as const satisfies Record<DatabaseEngine, { schemaPath: string; migrationsDir: string; provider: string }>;

const noFilters = { externalTables: [], externalEnums: [] };

export function readSchema(engine: DatabaseEngine = "sqlite"): string {
  return readFileSync(HISTORIES[engine].schemaPath, "utf8");
}

/** The migration folders, in the order they apply. */
function migrationFolders(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

function migrationsList(dir: string) {
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
export async function migrationStatus(databaseUrl: string): Promise<{ unapplied: string[]; unknown: string[] }> {
  const folders = migrationFolders(HISTORIES[databaseEngine(databaseUrl)].migrationsDir);
  const applied = new Set(databaseEngine(databaseUrl) === "postgresql" ? await appliedOnPostgres(databaseUrl) : appliedOnSqlite(databaseUrl));
  const known = new Set(folders);
  return { unapplied: folders.filter((folder) => !applied.has(folder)), unknown: [...applied].filter((name) => !known.has(name)).sort() };
}

const APPLIED = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

function appliedOnSqlite(databaseUrl: string): string[] {
  const file = databaseUrl.slice("file:".length);
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return table ? (db.prepare(APPLIED).all() as Array<{ migration_name: string }>).map((row) => row.migration_name) : [];
  } finally {
    db.close();
  }
}

async function appliedOnPostgres(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (!table.rows[0].present) return [];
    return (await client.query<{ migration_name: string }>(APPLIED)).rows.map((row) => row.migration_name);
  } finally {
    await client.end();
  }
}

/** Applies the migrations of the database's engine not yet recorded in its `_prisma_migrations` table. */
export async function applyPendingMigrations(databaseUrl: string): Promise<string[]> {
  if ((await migrationStatus(databaseUrl)).unapplied.length === 0) return [];
  return withSchemaEngine(databaseUrl, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: migrationsList(HISTORIES[databaseEngine(databaseUrl)].migrationsDir),
      filters: noFilters,
    });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that would bring a database built from an engine's migrations so far to its schema;
 * empty when they agree. The engine's own shadow database needs a native engine, so the
 * "previous state" is built here: the migrations applied to a throw-away SQLite file, or to a
 * throw-away database on the PostgreSQL server at `serverUrl`.
 */
export async function pendingSchemaChanges(options: { engine?: DatabaseEngine; schema?: string; serverUrl?: string } = {}): Promise<string> {
  const kind = options.engine ?? "sqlite";
  const schema = options.schema ?? readSchema(kind);
  const scratch = mkdtempSync(path.join(os.tmpdir(), "migration-diff-"));
  let url = `file:${path.join(scratch, "previous.db")}`;
  let dropScratchDatabase = async () => {};
  if (kind === "postgresql") {
    if (!options.serverUrl) throw new Error("pendingSchemaChanges: a PostgreSQL server URL is needed for the PostgreSQL history");
    const name = `migration_diff_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(options.serverUrl, `CREATE DATABASE "${name}"`);
    url = withDatabase(options.serverUrl, name);
    dropScratchDatabase = () => adminQuery(options.serverUrl!, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  try {
    return await withSchemaEngine(url, async (engine) => {
      await engine.applyMigrations({ migrationsList: migrationsList(HISTORIES[kind].migrationsDir), filters: noFilters });
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
    await dropScratchDatabase();
  }
}

function isEmptyScript(sql: string): boolean {
  return sql.replace(/--.*$/gm, "").trim() === "";
}
