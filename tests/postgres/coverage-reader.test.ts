/**
 * The coverage reader's change feed on PostgreSQL: an audit entry's id is taken at insert but the
 * entry is seen at commit, so an entry can appear below ids already read (writers of different
 * chains commit side by side). An opening refused for want of quorum whose transaction commits after
 * a later entry's must still be counted, once, and move the views' version.
 */
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { coverageReader } from "~/data/coverage.server";
import { env } from "~/utils/env.server";

const clients: pg.Client[] = [];
async function connection() {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  await client.connect();
  clients.push(client);
  return client;
}
afterAll(async () => {
  for (const client of clients) await client.end();
});

const insert = `INSERT INTO "AuditEntry" (actor, device, action, outcome, "roundId", detail, "prevHash", hash) VALUES ('system', 'test', $1, $2, $3, $4, '', '')`;
const ROUND = 987_654;
const quorumRefusal = JSON.stringify({ code: "quorum-not-met", present: 2, seated: 4, quorum: 3, shortBy: 1 });

describe("the coverage reader's change feed on PostgreSQL", () => {
  it("counts a refusal committed after a later entry, once, and moves the version", async () => {
    const reader = coverageReader();
    await reader.version();
    const slow = await connection();
    const fast = await connection();

    await slow.query("BEGIN");
    const { rows } = await slow.query<{ id: number }>(`${insert} RETURNING id`, ["round.open", "refused", ROUND, quorumRefusal]);
    // A later id, committed first: the reader's cursor passes the slow one's id before it commits.
    const later = await fast.query<{ id: number }>(`${insert} RETURNING id`, ["session.create", "accepted", null, "{}"]);
    expect(later.rows[0]!.id).toBeGreaterThan(rows[0]!.id);
    const before = await reader.version();
    expect((await reader.refusedOpenings()).get(ROUND)).toBeUndefined();

    await slow.query("COMMIT");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await reader.version();
    expect(after).not.toBe(before);
    expect((await reader.refusedOpenings()).get(ROUND)).toBe(1);

    // Read again a second later: still counted once.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await reader.version()).toBe(after);
    expect((await reader.refusedOpenings()).get(ROUND)).toBe(1);
  });
});
