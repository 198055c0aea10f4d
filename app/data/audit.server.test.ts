import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { databasePath, env } from "~/utils/env.server";
import { checkIn, sessionWithDeputies } from "../../tests/factories/session";
import { firstBrokenAuditEntry } from "./audit.server";

describe("audit hash chain", () => {
  it("verifies an untouched log and names the first entry changed behind its back", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(4);
    await checkIn(sessionId, deputyIds);
    expect(await firstBrokenAuditEntry()).toBeNull();

    const db = new Database(databasePath(env().DATABASE_URL));
    try {
      const entries = db.prepare("SELECT id FROM AuditEntry ORDER BY id").all() as Array<{ id: number }>;
      const victim = entries[2]!.id;
      db.prepare("UPDATE AuditEntry SET detail = '{\"status\":\"leave\"}' WHERE id = ?").run(victim);
      expect(await firstBrokenAuditEntry()).toBe(victim);
    } finally {
      db.close();
    }
  });
});
