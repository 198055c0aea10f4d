/**
 * The PostgreSQL history (prisma/postgresql/migrations) against its schema, and db:setup on a
 * PostgreSQL server: the same promises as prisma/engine/migrations.test.ts makes for SQLite.
 */
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DatabaseNewerThanCode, setupDatabase } from "../../prisma/setup.ts";
import { migrationStatus, pendingSchemaChanges, readSchema } from "../../prisma/engine/migrations.ts";
import { adminQuery } from "../../prisma/engine/schema-engine.ts";
import { withDatabase } from "../../app/utils/database-url.ts";

const server = inject("postgresServer");
const made: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `fresh_${made.length}_${process.pid}`;
  await adminQuery(server, `CREATE DATABASE "${name}"`);
  made.push(name);
  return withDatabase(server, name);
}

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of made) await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("the PostgreSQL migrations", () => {
  it("agree with prisma/postgresql/schema.prisma (drift check)", async () => {
    const changes = await pendingSchemaChanges({ engine: "postgresql", serverUrl: server });
    expect(changes, `the PostgreSQL schema has changes no migration holds; run npm run db:migration:new -- <name>:\n${changes}`).toBe("");
  });

  it("the drift check notices a model field added without a migration", async () => {
    const drifted = readSchema("postgresql").replace("model City {", "model City {\n  motto String?");
    expect(await pendingSchemaChanges({ engine: "postgresql", schema: drifted, serverUrl: server })).toMatch(/ALTER TABLE "City" ADD COLUMN\s+"motto" TEXT/);
  });

  it("db:setup migrates and seeds a new database, and a second run changes nothing", async () => {
    const url = await freshDatabase();
    const first = await setupDatabase(url);
    expect(first.migrations.length).toBeGreaterThan(0);
    expect(first.inserted).toEqual({ cities: 14, counties: 134, townships: 1522, congresses: 122 });
    expect(await setupDatabase(url)).toEqual({ migrations: [], inserted: { cities: 0, counties: 0, townships: 0, congresses: 0 } });
    expect(await migrationStatus(url)).toEqual({ unapplied: [], unknown: [] });
    expect(await query(url, `SELECT level, count(*)::int AS n FROM "Township" GROUP BY level ORDER BY level`)).toEqual([
      { level: "county", n: 122 },
      { level: "township", n: 1522 },
    ]);
    // Instants are stored with their zone, and ballot keys up to 2^48 fit.
    const columns = await query<{ table_name: string; column_name: string; data_type: string }>(
      url,
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE (table_name IN ('Ballot', 'SealedBallot') AND column_name = 'id') OR (table_name = 'Round' AND column_name = 'openedAt') ORDER BY table_name`,
    );
    expect(columns).toEqual([
      { table_name: "Ballot", column_name: "id", data_type: "bigint" },
      { table_name: "Round", column_name: "openedAt", data_type: "timestamp with time zone" },
      { table_name: "SealedBallot", column_name: "id", data_type: "bigint" },
    ]);
  });

  it("refuses a database migrated by a newer version of the code, and touches nothing", async () => {
    const url = await freshDatabase();
    await setupDatabase(url);
    await query(
      url,
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count)
       VALUES ('n', '', '29991231000000_from_the_future', now(), now(), 1)`,
    );
    const before = await query(url, `SELECT count(*)::int AS n FROM "AuditEntry"`);
    const refused = setupDatabase(url);
    await expect(refused).rejects.toBeInstanceOf(DatabaseNewerThanCode);
    await expect(refused).rejects.toMatchObject({ migrations: ["29991231000000_from_the_future"] });
    expect(await query(url, `SELECT count(*)::int AS n FROM "AuditEntry"`)).toEqual(before);
  });
});
