/**
 * The PostgreSQL ballot box answers a tablet's reads (its pass, a round's rules) on connections of
 * their own: a batch blocked on a row (a close holding its round) does not hold them up, and a batch
 * whose statement fails does not take them down with its aborted transaction.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ballotBox } from "~/data/ballot-box.server";
import { checkIn, openRoundForVoting, sessionWithDeputies, slateAndRound } from "../factories/session";

describe("the ballot box's reads on PostgreSQL", () => {
  it("are answered while a batch waits for a row, and after its statement fails", async () => {
    const { sessionId, deputyIds } = await sessionWithDeputies(3);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 });
    await openRoundForVoting(sessionId, roundId, false);
    const box = ballotBox();
    await Promise.resolve(box.passByTokenHash("warm-up")); // the box's connection is open

    // Another writer holds the round's row (as a close does, in its transaction).
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    other.on("error", () => undefined);
    await other.query("BEGIN");
    await other.query('SELECT id FROM "Round" WHERE id = $1 FOR UPDATE', [roundId]);

    const cast = box.submit({
      roundId,
      sessionId,
      deputyId: deputyIds[0]!,
      contents: { kind: "recorded", choices: { [candidateIds[0]!]: "yes" }, valid: true, digest: "x" },
      receipt: "repro-receipt-0001",
      device: "repro",
    });
    cast.catch(() => undefined);
    // Wait until the batch is blocked on the round's row (asked on a connection outside any
    // transaction: inside one, pg_stat_activity answers from the snapshot of its first read).
    const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await watcher.connect();
    let boxPid = 0;
    for (let i = 0; i < 100 && !boxPid; i++) {
      const { rows } = await watcher.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database() AND pid <> pg_backend_pid()`,
      );
      boxPid = rows[0]?.pid ?? 0;
      if (!boxPid) await new Promise((r) => setTimeout(r, 20));
    }
    expect(boxPid).toBeGreaterThan(0);

    // An unrelated read (a tablet's identify: its pass by token) waits behind the blocked batch.
    const started = Date.now();
    const read = Promise.resolve(box.passByTokenHash("some-other-tablet")).then(
      (row) => ({ ok: true as const, row, ms: Date.now() - started }),
      (error: { code?: string; message: string }) => ({ ok: false as const, code: error.code, message: error.message, ms: Date.now() - started }),
    );
    const early = await Promise.race([read, new Promise((r) => setTimeout(() => r("still waiting after 500 ms"), 500))]);
    expect(early).toMatchObject({ ok: true, row: undefined });

    // The batch's statement fails (here: cancelled; a deadlock, a statement timeout, a unique
    // violation or a full disk do the same); the read queued behind it runs in the aborted transaction.
    await watcher.query("SELECT pg_cancel_backend($1)", [boxPid]);
    const after = await Promise.resolve(box.passByTokenHash("yet-another-tablet")).then(
      (row) => ({ ok: true as const, row }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );
    expect(after).toEqual({ ok: true, row: undefined });
    await other.query("ROLLBACK");
    await other.end();
    await watcher.end();
    await cast.catch(() => undefined);
  });
});
