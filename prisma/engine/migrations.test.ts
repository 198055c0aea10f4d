import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { DatabaseNewerThanCode, setupDatabase } from "../setup.ts";
import { pendingSchemaChanges, readSchema } from "./migrations.ts";
import { postgresSchema } from "../postgresql/variant.mjs";

describe("migrations", () => {
  it("agree with schema.prisma (drift check)", async () => {
    const changes = await pendingSchemaChanges();
    expect(changes, `schema.prisma has changes no migration holds; run npm run db:migration:new -- <name>:\n${changes}`).toBe("");
  });

  it("the PostgreSQL schema is the one derived from schema.prisma (run node prisma/scripts/generate.mjs)", () => {
    expect(readSchema("postgresql")).toBe(postgresSchema(readSchema("sqlite")));
  });

  it("the drift check notices a model field added without a migration", async () => {
    const drifted = readSchema().replace("model City {", "model City {\n  motto String?");
    expect(await pendingSchemaChanges({ schema: drifted })).toMatch(/ALTER TABLE "City" ADD COLUMN "motto" TEXT/);
  });

  const scratch = mkdtempSync(path.join(os.tmpdir(), "setup-test-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("db:setup creates, migrates and seeds a new database, and a second run changes nothing", async () => {
    const file = path.join(scratch, "nested", "new.db");
    const first = await setupDatabase(`file:${file}`);
    expect(first.migrations.length).toBeGreaterThan(0);
    expect(first.inserted).toEqual({ cities: 14, counties: 134, townships: 1522, congresses: 122 });

    const second = await setupDatabase(`file:${file}`);
    expect(second).toEqual({ migrations: [], inserted: { cities: 0, counties: 0, townships: 0, congresses: 0 } });

    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare("SELECT level, count(*) AS n FROM Township GROUP BY level ORDER BY level").all()).toEqual([
        { level: "county", n: 122 },
        { level: "township", n: 1522 },
      ]);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const applied = db.prepare("SELECT migration_name, finished_at FROM _prisma_migrations").all() as Array<{ finished_at: unknown }>;
      expect(applied.length).toBe(first.migrations.length);
      expect(applied.every((row) => row.finished_at !== null)).toBe(true);
    } finally {
      db.close();
    }
  });

  it("refuses a database migrated by a newer version of the code, and touches nothing", async () => {
    const file = path.join(scratch, "newer.db");
    await setupDatabase(`file:${file}`);
    const db = new Database(file);
    db.prepare(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, finished_at, started_at, applied_steps_count) VALUES ('n', '', '29991231000000_from_the_future', datetime('now'), datetime('now'), 1)",
    ).run();
    const before = db.prepare("SELECT count(*) AS n FROM Township").get();
    db.close();
    const refused = setupDatabase(`file:${file}`);
    await expect(refused).rejects.toBeInstanceOf(DatabaseNewerThanCode);
    await expect(refused).rejects.toMatchObject({ migrations: ["29991231000000_from_the_future"] });
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT count(*) AS n FROM Township").get()).toEqual(before);
    after.close();
  });
});
