/**
 * A staff login made the way the Epic Stack's Playwright utilities make theirs: the account and its
 * server-side login session written straight into the e2e database, and the signed session cookie
 * added to the browser context. One test (monitor.spec.ts) still logs in through the form.
 */
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import type { BrowserContext } from "@playwright/test";
import { baseURL, serverEnv } from "../../playwright.config";
import { appRows } from "./app-database";

export interface StaffAccount {
  username: string;
  role: "admin" | "monitor" | "clerk";
  areaCode?: string;
}

/** DateTime as the Prisma SQLite adapter writes it (app/data/ballot-box.server.ts does the same); PostgreSQL reads it as the same instant. */
const sqliteDateTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

const staffCookie = createCookie("staff", { secrets: serverEnv.COOKIE_SECRETS.split(",") });

/** A new account (no password can open it) with a login session; returns the session's id. */
async function insertAccountWithLogin(account: StaffAccount): Promise<string> {
  const now = new Date();
  const sessionId = randomBytes(32).toString("base64url");
  const [user] = await appRows<{ id: number }>(
    'INSERT INTO "User" (username, "displayName", "passwordHash", role, "areaCode", "createdAt") VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    [account.username, `测试账户 ${account.username}`, "!no-password", account.role, account.areaCode ?? null, sqliteDateTime(now)],
  );
  await appRows('INSERT INTO "UserSession" (id, "userId", "expiresAt", "createdAt") VALUES (?, ?, ?, ?)', [
    sessionId,
    user!.id,
    sqliteDateTime(new Date(now.getTime() + 3_600_000)),
    sqliteDateTime(now),
  ]);
  return sessionId;
}

/** Logs the context in as a fresh account of that role (an administrator unless told otherwise). */
export async function logInContext(context: BrowserContext, account: StaffAccount) {
  const sessionId = await insertAccountWithLogin(account);
  const value = (await staffCookie.serialize(sessionId)).split(";")[0]!.slice("staff=".length);
  await context.addCookies([{ name: "staff", value, url: baseURL, httpOnly: true, sameSite: "Lax" }]);
}
