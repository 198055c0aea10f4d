// npm run db:migration:new -- <name> — writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between schema.prisma and the migrations so far, offline.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrationsDir, pendingSchemaChanges } from "../engine/migrations.ts";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <name_in_snake_case>");
  process.exit(2);
}
const sql = await pendingSchemaChanges();
if (!sql) {
  console.log("schema.prisma and the migrations agree: nothing to write.");
  process.exit(0);
}
const timestamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(migrationsDir, `${timestamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
