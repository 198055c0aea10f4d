/**
 * Accounts and the register change with their audit entry in one transaction (issue 11): when the
 * entry cannot be written, the change is not there either; a refused change is logged as refused;
 * an added township's legal quota follows from its population (domain/deputy-quota.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import { openConnection, prisma } from "~/data/sqlite.server";
import { addTownship, createAccount, resetPassword, retireTownship } from "./accounts.server";
import { Refusal } from "./refusal";

const admin = { actor: "admin:test", device: "127.0.0.1 vitest" };

/** Makes SQLite refuse every audit entry of `action`, as a full disk or a broken chain would. */
function refuseAuditOf(action: string) {
  const db = openConnection("maintenance");
  db.exec(
    `DROP TRIGGER IF EXISTS refuse_audit; CREATE TRIGGER refuse_audit BEFORE INSERT ON AuditEntry WHEN NEW.action = '${action}' BEGIN SELECT RAISE(ABORT, 'audit refused'); END;`,
  );
  db.close();
}

afterEach(() => {
  const db = openConnection("maintenance");
  db.exec("DROP TRIGGER IF EXISTS refuse_audit");
  db.close();
});

const lastEntry = (action: string) => prisma.auditEntry.findFirst({ where: { action }, orderBy: { id: "desc" } });

describe("audited account and register changes", () => {
  it("creates no account whose audit entry could not be written", async () => {
    refuseAuditOf("account.create");
    await expect(createAccount({ username: "atomic-clerk", displayName: "文书", password: "atomic-password-1", role: "admin" }, admin)).rejects.toThrow(
      /auditEntry.create/,
    );
    expect(await prisma.user.count({ where: { username: "atomic-clerk" } })).toBe(0);
  });

  it("keeps the old password and login sessions when the reset's entry could not be written", async () => {
    const user = await createAccount({ username: "atomic-reset", displayName: "文书", password: "atomic-password-1", role: "admin" }, admin);
    await prisma.userSession.create({ data: { id: "atomic-session", userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const { passwordHash } = (await prisma.user.findUnique({ where: { id: user.id } }))!;
    refuseAuditOf("account.password-reset");
    await expect(resetPassword(admin, user.id, "atomic-password-2")).rejects.toThrow(/auditEntry.create/);
    expect((await prisma.user.findUnique({ where: { id: user.id } }))!.passwordHash).toBe(passwordHash);
    expect((await prisma.userSession.findUnique({ where: { id: "atomic-session" } }))!.revokedAt).toBeNull();
  });

  it("adds no township and retires none whose entry could not be written", async () => {
    refuseAuditOf("register.add");
    await expect(addTownship(admin, { code: "430121398", name: "原子乡", kind: "乡", seatedDeputies: 40, population: 9000 })).rejects.toThrow(
      /auditEntry.create/,
    );
    expect(await prisma.township.count({ where: { code: "430121398" } })).toBe(0);
    refuseAuditOf("register.retire");
    await expect(retireTownship(admin, "430121102")).rejects.toThrow(/auditEntry.create/);
    expect((await prisma.township.findUnique({ where: { code: "430121102" } }))!.retiredAt).toBeNull();
  });

  it("gives an added township the legal quota of its population, and logs it", async () => {
    await addTownship(admin, { code: "430121397", name: "新设乡", kind: "乡", seatedDeputies: 60, population: 32_999 });
    // 45 + ⌊32,999 / 1,500⌋ = 45 + 21
    expect(
      await prisma.township.findUnique({ where: { code: "430121397" }, select: { deputyQuota: true, seatedDeputies: true, populationEstimate: true } }),
    ).toEqual({
      deputyQuota: 66,
      seatedDeputies: 60,
      populationEstimate: 32_999,
    });
    expect(JSON.parse((await lastEntry("register.add"))!.detail)).toMatchObject({ code: "430121397", deputyQuota: 66 });
  });

  it("logs a refused change as refused, with its reason, and changes nothing", async () => {
    await createAccount({ username: "taken-name", displayName: "文书", password: "atomic-password-1", role: "admin" }, admin);
    const users = await prisma.user.count();
    await expect(createAccount({ username: "taken-name", displayName: "另一人", password: "atomic-password-1", role: "admin" }, admin)).rejects.toBeInstanceOf(
      Refusal,
    );
    expect(await prisma.user.count()).toBe(users);
    const refused = await prisma.auditEntry.findFirst({ where: { action: "account.create", outcome: "refused" }, orderBy: { id: "desc" } });
    expect(JSON.parse(refused!.detail).reason).toMatch(/已被使用/);
    await expect(addTownship(admin, { code: "430121102", name: "重复镇", kind: "镇", seatedDeputies: 40, population: 1 })).rejects.toBeInstanceOf(Refusal);
    expect((await lastEntry("register.add"))!.outcome).toBe("refused");
  });
});
