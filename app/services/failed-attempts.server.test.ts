import { describe, expect, it } from "vitest";
import { firstBrokenAuditEntry } from "~/data/audit-verify.server";
import { prisma } from "~/data/sqlite.server";
import { FailedAttemptLog, OTHER_ADDRESSES } from "./failed-attempts.server";

async function entriesAfter(id: number) {
  const rows = await prisma.auditEntry.findMany({
    where: { id: { gt: id } },
    orderBy: { id: "asc" },
    select: { device: true, action: true, outcome: true, detail: true },
  });
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) as { reason: string; repeated?: number } }));
}
const lastId = async () => (await prisma.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;

describe("the log of failed sign-ins", () => {
  it("logs the first failure of each address at once and the rest of the minute as one entry with their count", async () => {
    let now = 1_000_000;
    const log = new FailedAttemptLog(60_000, 50, () => now);
    const start = await lastId();
    for (let i = 0; i < 300; i++) {
      now += 100;
      await log.record({ action: "deputy.sign-in", reason: "invalid code", device: `10.0.0.${1 + (i % 3)} tablet` });
    }
    await log.record({ action: "staff.login", reason: "wrong password or unknown user", device: "10.0.0.1 browser" });
    expect(await entriesAfter(start)).toHaveLength(4);

    now += 60_000; // the minute is over: the next failure logs the tallies first
    await log.record({ action: "deputy.sign-in", reason: "invalid code", device: "10.0.0.9 tablet" });
    const entries = await entriesAfter(start);
    expect(entries).toHaveLength(8);
    expect(entries.every((entry) => entry.outcome === "refused")).toBe(true);
    const tallies = entries.filter((entry) => entry.detail.repeated !== undefined);
    expect(tallies.map((entry) => [entry.device, entry.detail.repeated])).toEqual([
      ["10.0.0.1 tablet", 99],
      ["10.0.0.2 tablet", 99],
      ["10.0.0.3 tablet", 99],
    ]);
    const logged = entries.filter((entry) => entry.action === "deputy.sign-in").reduce((sum, entry) => sum + (entry.detail.repeated ?? 1), 0);
    expect(logged).toBe(301);
    expect(await firstBrokenAuditEntry()).toBeNull();
  });

  it("gives only the first addresses of a minute entries of their own; the others share one", async () => {
    let now = 5_000_000;
    const log = new FailedAttemptLog(60_000, 5, () => now);
    const start = await lastId();
    for (let i = 0; i < 1000; i++)
      await log.record({ action: "deputy.sign-in", reason: "invalid code", device: `10.1.${Math.floor(i / 250)}.${i % 250} tablet` });
    expect(await entriesAfter(start)).toHaveLength(5);
    now += 1;
    await log.flush();
    const entries = await entriesAfter(start);
    expect(entries).toHaveLength(6);
    expect(entries.at(-1)).toMatchObject({ device: OTHER_ADDRESSES, detail: { reason: "invalid code", repeated: 995 } });
    expect(await firstBrokenAuditEntry()).toBeNull();
  });
});
