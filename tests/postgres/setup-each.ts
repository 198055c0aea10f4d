/**
 * Per test file on PostgreSQL: a private copy of the migrated, seeded base database, and the same
 * rule as the SQLite suite: a console.error the test did not expect fails the test.
 */
import { afterAll, inject } from "vitest";
import { failOnUnexpectedConsoleErrors } from "../setup/console-errors.ts";
import { adminQuery } from "../../prisma/engine/schema-engine.ts";
import { withDatabase } from "../../app/utils/database-url.ts";

const server = inject("postgresServer");
const database = `test_${process.pid}_${Math.random().toString(36).slice(2)}`;
await adminQuery(server, `CREATE DATABASE "${database}" TEMPLATE "${inject("postgresBase")}"`);
process.env.DATABASE_URL = withDatabase(server, database);

afterAll(async () => {
  // Imported here, not above: the app's modules read DATABASE_URL when first imported.
  const { closeDatabase } = await import("~/data/sqlite.server");
  await closeDatabase();
  await adminQuery(server, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

failOnUnexpectedConsoleErrors();
