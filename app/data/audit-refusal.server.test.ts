/**
 * A refusal is logged even when another connection commits while it is being written (issue 11).
 * The ballot box commits on its own connection between any two awaits of a Prisma transaction;
 * a refusal's transaction reads the chain's head, then appends — and SQLite refuses that write
 * (SQLITE_BUSY, a stale snapshot) when a commit landed in between. Here another process takes the
 * write lock, the refusal reads, and the other process commits while the refusal waits to write:
 * exactly that interleaving, every time. The refusal must be recorded, once, on the chain.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { databasePath, env } from "~/utils/env.server";
import { recordRefusal } from "./audit.server";
import { firstBrokenAuditEntry } from "./audit-verify.server";
import { prisma } from "./sqlite.server";

/** Another process holds the write lock with a change in flight, and commits after `holdMs`. */
async function commitFromAnotherProcess(holdMs: number) {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1], { timeout: 5000 });
    db.exec("BEGIN IMMEDIATE");
    db.prepare("UPDATE Township SET seatedDeputies = seatedDeputies WHERE id = (SELECT min(id) FROM Township)").run();
    process.stdout.write("locked\\n");
    setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ["-e", script, databasePath(env().DATABASE_URL), String(holdMs)], { stdio: ["ignore", "pipe", "inherit"] });
  await once(child.stdout, "data");
  return { committed: once(child, "exit") };
}

describe("a refusal recorded while another connection commits", () => {
  it("is logged once, and the chain still verifies", async () => {
    const before = await prisma.auditEntry.count({ where: { outcome: "refused" } });
    for (let attempt = 0; attempt < 3; attempt++) {
      const other = await commitFromAnotherProcess(150);
      await recordRefusal({ actor: "deputy:1", device: "test", action: "ballot.cast", detail: { reason: `第${attempt}次` } });
      await other.committed;
    }
    expect(await prisma.auditEntry.count({ where: { outcome: "refused" } })).toBe(before + 3);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });
});
