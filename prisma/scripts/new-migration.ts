// npm run db:migration:new -- <name> — writes <timestamp>_<name>/migration.sql into each engine's
// history (prisma/migrations, prisma/postgresql/migrations) from the difference between its schema
// and its migrations so far, offline. The PostgreSQL diff runs on a throwaway server started here.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseEngine } from "~/utils/database-url";
import { HISTORIES, pendingSchemaChanges } from "../engine/migrations.ts";
import { postgresBinDir } from "~/utils/postgres-bin.server";
import { startPostgresCluster } from "../engine/throwaway-postgres.ts";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name_in_snake_case>");
  process.exit(2);
}
const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

function write(engine: DatabaseEngine, sql: string) {
  const { migrationsDir, provider } = HISTORIES[engine];
  if (!sql) return console.log(`${engine}: the schema and its migrations agree, nothing to write.`);
  const folder = path.join(migrationsDir, `${timestamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  writeFileSync(path.join(migrationsDir, "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`${engine}: wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}

write("sqlite", await pendingSchemaChanges({ engine: "sqlite" }));
if (!postgresBinDir()) {
  console.error("postgresql: NOT WRITTEN — no PostgreSQL server binaries here (apt-get install postgresql); its drift test will fail until it is.");
  process.exit(1);
}
const cluster = await startPostgresCluster();
try {
  write("postgresql", await pendingSchemaChanges({ engine: "postgresql", serverUrl: cluster.url }));
} finally {
  cluster.stop();
}
process.exit(0);
