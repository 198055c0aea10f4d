import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { setupDatabase } from "../../prisma/setup";
import { createPrismaClient, openConnection } from "./sqlite.server";

const dir = mkdtempSync(path.join(tmpdir(), "db-modes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe("the database files", () => {
  it("are created readable by the server's account only, the write-ahead log and shared memory too", async () => {
    const file = path.join(dir, "fresh", "app.db");
    await setupDatabase(`file:${file}`);
    const client = createPrismaClient(`file:${file}`);
    try {
      await client.city.count(); // the connection is open: -wal and -shm exist
      // A second connection, as the ballot box opens one, writing.
      const db = openConnection("maintenance", file);
      db.prepare("UPDATE City SET name = name WHERE code = '4301'").run();
      for (const suffix of ["", "-wal", "-shm"]) expect(modeOf(file + suffix).toString(8), `app.db${suffix}`).toBe("600");
      expect(modeOf(path.dirname(file)).toString(8)).toBe("700");
      db.close();
    } finally {
      await client.$disconnect();
    }
  });

  it("made readable by others by an older version are narrowed to 0600 at start", async () => {
    const file = path.join(dir, "old.db");
    writeFileSync(file, "");
    chmodSync(file, 0o644);
    await setupDatabase(`file:${file}`);
    expect(modeOf(file).toString(8)).toBe("600");
  });
});
