/**
 * A refusal is logged even when another connection commits while it is being written (issue 11).
 * A refusal appends to the chain: it reads the chain's head, then writes. Through a Prisma
 * transaction (read first, lock later) a commit landing in between refuses the write (SQLITE_BUSY,
 * a stale snapshot), and under a steady stream of ballot commits every retry met another one: the
 * second test below lost refusals that way ("Operation has timed out"). Refusals are now written
 * by the ballot box, which takes the write lock before reading. Each must be recorded, once, on an
 * unbroken chain.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { openRound } from "~/services/congress-session.server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../../tests/factories/session";
import { recordRefusal } from "./audit.server";
import { firstBrokenAuditEntry } from "./audit-verify.server";
import { appDatabaseFile, prisma } from "./sqlite.server";

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
  const child = spawn(process.execPath, ["-e", script, appDatabaseFile(), String(holdMs)], { stdio: ["ignore", "pipe", "inherit"] });
  await once(child.stdout, "data");
  return { committed: once(child, "exit") };
}

const refusals = (reasonPrefix: string) =>
  prisma.auditEntry.findMany({ where: { outcome: "refused", detail: { contains: reasonPrefix } }, select: { detail: true } });

describe("a refusal recorded while another connection commits", () => {
  it("is logged once when the commit lands between its read of the chain and its write", async () => {
    // The other process holds the write lock: the refusal reads, waits for the lock, and by the
    // time it gets it the chain has moved — exactly that interleaving, every time.
    for (let attempt = 0; attempt < 3; attempt++) {
      const other = await commitFromAnotherProcess(150);
      await recordRefusal({ actor: "deputy:1", device: "test", action: "ballot.cast", detail: { reason: `进程-${attempt}` } });
      await other.committed;
    }
    expect((await refusals("进程-")).length).toBe(3);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });

  it("is logged once for each refusal while a ballot box commits ballot after ballot", async () => {
    const deputies = 120;
    const { sessionId, deputyIds } = await sessionWithDeputies(deputies);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
    await openRound(clerk, sessionId, roundId);

    // The ballot box in another process (a second copy of the modules), committing one ballot at a
    // time while this process records one refusal after another: its commits land between the
    // refusals' reads of the chain and their writes.
    const work = JSON.stringify({ sessionId, roundId, deputyIds, candidateId: String(candidateIds[0]) });
    const box = spawn(process.execPath, ["--import", "tsx", "tests/factories/ballot-box-process.ts", work], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
    const exited = once(box, "exit");
    let output = "";
    box.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await once(box.stdout, "data");
    let recorded = 0;
    while (!output.includes("done") && box.exitCode === null) {
      await recordRefusal({ actor: "deputy:1", device: "test", action: "ballot.cast", sessionId, roundId, detail: { reason: `票箱-${recorded}` } });
      recorded += 1;
    }
    const [code] = await exited;
    expect(code).toBe(0);

    expect(await prisma.ballot.count({ where: { roundId } })).toBe(deputies);
    expect((await refusals("票箱-")).length).toBe(recorded);
    // The two writers really interleaved: refusals sit between the ballots in the chain.
    const outcomes = (await prisma.auditEntry.findMany({ where: { roundId, action: "ballot.cast" }, orderBy: { id: "asc" }, select: { outcome: true } })).map((e) => e.outcome);
    expect(outcomes.indexOf("refused")).toBeLessThan(outcomes.lastIndexOf("accepted"));
    expect(await firstBrokenAuditEntry()).toBeNull();
  });
});
