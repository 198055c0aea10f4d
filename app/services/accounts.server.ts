/** Staff accounts: the first administrator, and clerks for townships. */
import { randomBytes } from "node:crypto";
import { townshipByCode } from "~/data/deputies.server";
import { countyCongress, countyExists, insertTownship, retireTownship as retireInRegister, setSeatedDeputies, townshipCodeTaken } from "~/data/register.server";
import { countAdmins, insertUser, revokeAllLoginSessions, updatePasswordHash, usernameTaken, type Role } from "~/data/users.server";
import { deputyQuota } from "~/domain/deputy-quota";
import { auditedChange } from "./audited-change.server";
import { Refusal, type Actor } from "./refusal";
import { hashPassword } from "~/services/auth.server";
import { commonMessages } from "~/messages/common";

/** Who changes accounts from the command line (npm run user:create) and at the first start. */
const SYSTEM: Actor = { actor: "system", device: "script" };

/**
 * Creates the `admin` account when none exists. Its password is ADMIN_PASSWORD if set, or a random
 * one printed once on the console of the first start (like a router's first login).
 */
export async function ensureAdministrator(adminPassword: string | undefined): Promise<string | null> {
  if ((await countAdmins()) > 0) return null;
  const password = adminPassword ?? randomBytes(9).toString("base64url");
  await createAccount({ username: "admin", displayName: commonMessages.accounts.firstAdministrator, password, role: "admin" });
  return adminPassword ? null : password;
}

type AccountInput = { username: string; displayName: string; password: string; role: Role; townshipCode?: string; areaCode?: string };

/** A staff account and its audit entry, in one transaction. */
export async function createAccount(input: AccountInput, actor: Actor = SYSTEM) {
  const passwordHash = await hashPassword(input.password);
  return auditedChange(actor, "account.create", {}, async (tx, audit) => {
    if (await usernameTaken(tx, input.username)) throw new Refusal({ code: "username-taken", username: input.username });
    let townshipId: number | null = null;
    if (input.role === "clerk") {
      const township = input.townshipCode ? await townshipByCode(input.townshipCode, tx) : null;
      if (!township) throw new Refusal({ code: "township-code-unknown", townshipCode: input.townshipCode ?? "" });
      townshipId = township.id;
    }
    const user = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      role: input.role,
      townshipId,
      // Only a monitor has an area; what the form sent in the field for anyone else is not kept.
      areaCode: input.role === "monitor" ? (input.areaCode ?? null) : null,
    });
    await audit({ username: user.username, role: user.role });
    return user;
  });
}

/** A new password ends every login session of the account. */
export async function resetPassword(actor: Actor, userId: number, password: string) {
  const passwordHash = await hashPassword(password);
  await auditedChange(
    actor,
    "account.password-reset",
    {},
    async (tx, audit) => {
      if (!(await updatePasswordHash(tx, userId, passwordHash))) throw new Refusal({ code: "account-not-found" });
      await revokeAllLoginSessions(tx, userId);
      await audit({ userId });
    },
    { userId },
  );
}

/** A township the register lacks; its legal quota follows from the population the administrator gives. */
export async function addTownship(actor: Actor, input: { code: string; name: string; kind: string; seatedDeputies: number; population: number }) {
  const countyCode = input.code.slice(0, 6);
  await auditedChange(
    actor,
    "register.add",
    {},
    async (tx, audit) => {
      if (!(await countyExists(tx, countyCode))) throw new Refusal({ code: "county-code-unknown", countyCode });
      if (await townshipCodeTaken(tx, input.code)) throw new Refusal({ code: "township-code-taken", townshipCode: input.code });
      const quota = deputyQuota(input.population);
      await insertTownship(tx, { ...input, countyCode, deputyQuota: quota });
      await audit({ ...input, deputyQuota: quota });
    },
    { townshipCode: input.code },
  );
}

/**
 * 县级人大实有代表: the administrator records a county congress's seated number, as the county's
 * standing committee reports it. Once the roster is entered the roster decides (it keeps the seated
 * number equal to the deputies in office), and this is refused.
 */
export async function setCongressSeated(actor: Actor, countyCode: string, seated: number) {
  return auditedChange(
    actor,
    "register.seated",
    {},
    async (tx, audit) => {
      const congress = await countyCongress(tx, countyCode);
      if (!congress) throw new Refusal({ code: "township-code-unknown", townshipCode: countyCode });
      if (congress.rostered > 0) throw new Refusal({ code: "congress-seated-by-roster", countyCode, seated: congress.rostered });
      await setSeatedDeputies(tx, congress.id, seated);
      await audit({ countyCode, from: congress.seatedDeputies, seated });
      return { name: congress.name };
    },
    { countyCode, seated },
  );
}

export async function retireTownship(actor: Actor, code: string) {
  await auditedChange(
    actor,
    "register.retire",
    {},
    async (tx, audit) => {
      if (!(await retireInRegister(tx, code))) throw new Refusal({ code: "township-not-in-register", townshipCode: code });
      await audit({ code });
    },
    { townshipCode: code },
  );
}
