/** Staff accounts: the first administrator, and clerks for townships. */
import { randomBytes } from "node:crypto";
import { townshipByCode } from "~/data/deputies.server";
import { countyExists, insertTownship, retireTownship as retireInRegister, townshipCodeTaken } from "~/data/register.server";
import { countAdmins, insertUser, revokeAllLoginSessions, updatePasswordHash, usernameTaken, type Role } from "~/data/users.server";
import { appendAudit } from "~/data/audit.server";
import { inTransaction } from "~/data/transaction.server";
import { Refusal, type Actor } from "./refusal";
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
  if (await usernameTaken(input.username)) throw new Refusal(`用户名“${input.username}”已被使用。`, 400);
  let townshipId: number | null = null;
  if (input.role === "clerk") {
    const township = input.townshipCode ? await townshipByCode(input.townshipCode) : null;
    if (!township) throw new Refusal(`没有区划代码为 ${input.townshipCode ?? ""} 的乡镇。`, 400);
    townshipId = township.id;
  }
  return insertUser({
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    townshipId,
    // Only a monitor has an area; what the form sent in the field for anyone else is not kept.
    areaCode: input.role === "monitor" ? (input.areaCode ?? null) : null,
  });
}

async function audited(actor: Actor, action: string, detail: Record<string, unknown>) {
  await inTransaction((tx) => appendAudit(tx, { ...actor, action, outcome: "accepted", detail }));
}

export async function createAccountAs(actor: Actor, input: Parameters<typeof createAccount>[0]) {
  const user = await createAccount(input);
  await audited(actor, "account.create", { username: user.username, role: user.role });
  return user;
}

/** A new password ends every login session of the account. */
export async function resetPassword(actor: Actor, userId: number, password: string) {
  if (!(await updatePasswordHash(userId, await hashPassword(password)))) throw new Refusal("没有这个账户。", 404);
  await revokeAllLoginSessions(userId);
  await audited(actor, "account.password-reset", { userId });
}

export async function addTownship(actor: Actor, input: { code: string; name: string; kind: string; seatedDeputies: number }) {
  const countyCode = input.code.slice(0, 6);
  if (!(await countyExists(countyCode))) throw new Refusal(`区划代码前6位 ${countyCode} 不是本省的县市区。`, 400);
  if (await townshipCodeTaken(input.code)) throw new Refusal(`区划代码 ${input.code} 已在名录中。`, 400);
  await insertTownship({ ...input, countyCode });
  await audited(actor, "register.add", input);
}

export async function retireTownship(actor: Actor, code: string) {
  if (!(await retireInRegister(code))) throw new Refusal(`名录中没有在册的乡镇 ${code}。`, 404);
  await audited(actor, "register.retire", { code });
}
