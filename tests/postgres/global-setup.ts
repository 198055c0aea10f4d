/**
 * The PostgreSQL suite's base database: migrated with the PostgreSQL history and seeded with the
 * register, once per run, on the server `npm run test:postgres` started (POSTGRES_SERVER_URL). Each
 * test file then works on its own copy (CREATE DATABASE … TEMPLATE, tests/postgres/setup-each.ts).
 */
import type { TestProject } from "vitest/node";
import { setupDatabase } from "../../prisma/setup.ts";
import { adminQuery } from "../../prisma/engine/schema-engine.ts";
import { withDatabase } from "../../app/utils/database-url.ts";
import { ensureFreshBuild } from "../setup/fresh-build.ts";

declare module "vitest" {
  export interface ProvidedContext {
    postgresServer: string;
    postgresBase: string;
  }
}

export default async function globalSetup(project: TestProject) {
  ensureFreshBuild();
  const server = process.env.POSTGRES_SERVER_URL;
  if (!server) throw new Error("POSTGRES_SERVER_URL is not set: run the PostgreSQL suite with npm run test:postgres");
  const base = `base_${process.pid}`;
  await adminQuery(server, `CREATE DATABASE "${base}"`);
  await setupDatabase(withDatabase(server, base));
  project.provide("postgresServer", server);
  project.provide("postgresBase", base);
  return () => adminQuery(server, `DROP DATABASE IF EXISTS "${base}" WITH (FORCE)`);
}
