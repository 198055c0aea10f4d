/** Staff accounts: the first administrator, and clerks for townships. */
import { randomBytes } from "node:crypto";
import { townshipByCode } from "~/data/deputies.server";
import { countAdmins, insertUser, type Role } from "~/data/users.server";
import { hashPassword } from "~/utils/auth.server";

/**
 * Creates the `admin` account when none exists. Its password is ADMIN_PASSWORD if set, or a random
 * one printed once on the console of the first start (like a router's first login).
 */
export async function ensureAdministrator(adminPassword: string | undefined): Promise<string | null> {
  if ((await countAdmins()) > 0) return null;
  const password = adminPassword ?? randomBytes(9).toString("base64url");
  await insertUser({ username: "admin", displayName: "省级管理员", passwordHash: await hashPassword(password), role: "admin" });
  return adminPassword ? null : password;
}

export async function createAccount(input: { username: string; displayName: string; password: string; role: Role; townshipCode?: string; areaCode?: string }) {
  let townshipId: number | null = null;
  if (input.role === "clerk") {
    const township = input.townshipCode ? await townshipByCode(input.townshipCode) : null;
    if (!township) throw new Error(`township ${input.townshipCode ?? "(missing)"} not found`);
    townshipId = township.id;
  }
  return insertUser({
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    townshipId,
    areaCode: input.areaCode ?? null,
  });
}
