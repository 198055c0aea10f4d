/**
 * The app's Prisma client on PostgreSQL (the client generated from prisma/postgresql/schema.prisma):
 * instants survive a time zone other than the server's, a random 48-bit ballot key is stored and
 * found, and an audit chain does not fork when many transactions append to it at once (16 chains at
 * once: audit-chains.test.ts).
 */
import { afterAll, describe, expect, it } from "vitest";
import { appendAudit } from "~/data/audit.server";
import { firstBrokenAuditEntry } from "~/data/audit-verify.server";
import { appEngine, prisma } from "~/data/sqlite.server";
import { inTransaction } from "~/data/transaction.server";

afterAll(() => {
  delete process.env.TZ;
});

describe("the app's client on PostgreSQL", () => {
  it("is the PostgreSQL client", async () => {
    expect(appEngine()).toBe("postgresql");
    expect(await prisma.$queryRaw<Array<{ v: string }>>`SELECT current_setting('server_version_num') AS v`).toEqual([{ v: expect.stringMatching(/^\d{6}$/) }]);
  });

  it("stores an instant as the same instant, with the process in Beijing time and the server in UTC", async () => {
    process.env.TZ = "Asia/Shanghai";
    const instant = new Date("2026-01-15T01:30:00.123Z");
    const township = await prisma.township.findFirstOrThrow({ where: { level: "township" } });
    const session = await prisma.congressSession.create({
      data: { townshipId: township.id, title: "时区测试", year: 2026, meetingDate: instant, place: "镇政府", seated: 40 },
    });
    expect((await prisma.congressSession.findUniqueOrThrow({ where: { id: session.id } })).meetingDate.toISOString()).toBe(instant.toISOString());
    const [raw] = await prisma.$queryRaw<
      Array<{ utc: string }>
    >`SELECT to_char("meetingDate" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS utc FROM "CongressSession" WHERE id = ${session.id}`;
    expect(raw!.utc).toBe("2026-01-15 01:30:00.123");

    // A ballot's random key reaches 2^48, past PostgreSQL's 32-bit integer.
    const round = await prisma.round.create({ data: { sessionId: session.id, number: 1, places: 1, form: "per-project", secret: false } });
    const id = 2 ** 48 - 1;
    await prisma.ballot.create({ data: { id, roundId: round.id, deputyId: null, choices: "{}", valid: true } });
    expect(Number((await prisma.ballot.findFirstOrThrow({ where: { roundId: round.id } })).id)).toBe(id);
  });

  it("keeps chain 0 unbroken when 200 transactions append to it at once", async () => {
    const before = await prisma.auditEntry.count();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        inTransaction((tx) => appendAudit(tx, { actor: "system", device: "test", action: "test.concurrent", outcome: "accepted", detail: { i } })),
      ),
    );
    expect(await prisma.auditEntry.count()).toBe(before + 200);
    expect(await firstBrokenAuditEntry()).toBeNull();
    const entries = await prisma.auditEntry.findMany({ where: { chain: 0 }, orderBy: { id: "asc" }, select: { prevHash: true, hash: true } });
    for (let i = 1; i < entries.length; i += 1) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
  });
});
