// Writes the PostgreSQL variant of the schema (prisma/postgresql/schema.prisma, decision 020) from
// prisma/schema.prisma, then runs `prisma generate` for both without letting the CLI fetch a native
// schema engine: generate never runs it, but the CLI looks for one unless PRISMA_SCHEMA_ENGINE_BINARY
// names an existing file (this script serves).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { postgresSchema, postgresSchemaPath, readSqliteSchema } from "../postgresql/variant.mjs";

writeFileSync(postgresSchemaPath, postgresSchema(readSqliteSchema()));

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? new URL(import.meta.url).pathname,
};
for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
  const result = spawnSync("npx", ["prisma", "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
