/**
 * Who is asking: staff by a server-side login session (cookie holds only a random id, revocable),
 * deputies by their tablet's device token (see services/voting.server.ts). Cookies are HttpOnly,
 * SameSite=Lax, and Secure in production.
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { hash, verify } from "@node-rs/argon2";
import { commonMessages } from "~/messages/common";
import { consoleMessages } from "~/messages/console";
import { townshipByCode } from "~/data/deputies.server";
import { campaignParams } from "~/utils/params";
import { ipKeyGenerator } from "express-rate-limit";
import { insertLoginSession, revokeLoginSession, userForLogin, userOfLoginSession, type StaffUser } from "~/data/users.server";
import { failedAttempts } from "./failed-attempts.server";
import type { Actor } from "./refusal";
import { Backoff, WindowCounts } from "~/utils/attempt-counters";
import { cookieSecrets, env } from "~/utils/env.server";

const LOGIN_HOURS = 12;

/**
 * Signed with rotatable secrets (COOKIE_SECRETS: newest first; older ones still verify), so a
 * leaked secret can be retired without logging every tablet out in the middle of a session.
 */
function cookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().NODE_ENV === "production" && env().COOKIE_SECURE,
    path: "/",
    maxAge: maxAgeSeconds,
    secrets: cookieSecrets(),
  };
}

export const staffCookie = createCookie("staff", cookieOptions(LOGIN_HOURS * 3600));
export const tabletCookie = createCookie("tablet", cookieOptions(16 * 3600));
/**
 * The big screen's display link, as the screen's browser keeps it: `{ sessionId, key }` (one
 * session per browser; opening another session's link replaces it). The key still has to match
 * the session's stored hash on every request, so revoking the link ends it whatever the cookie says.
 */
export const displayCookie = createCookie("display", cookieOptions(72 * 3600));

export function hashPassword(password: string) {
  return hash(password); // argon2id with the library's defaults (19 MiB, t=2)
}

export type LoginResult = { ok: true; user: StaffUser; setCookie: string } | { ok: false; retryAfterSeconds: number | null };

/**
 * Guessing passwords is slowed per (username, address) and capped per address, never locked per
 * account (issue 19: five wrong passwords from anywhere used to lock the administrator out for
 * 15 minutes). After FREE_TRIES wrong passwords for one username from one address, each further try
 * from that address waits twice as long as the one before (4 s, 8 s … up to 15 minutes); past
 * RATE_LIMIT_SIGNINS failures a minute, an address waits for the minute to end. The right password
 * from another address is never refused. The counters are keyed by the username as typed, so an
 * unknown username is answered exactly like a known one.
 */
export const FREE_TRIES = 5;
const triesPerUsername = new Backoff({ free: FREE_TRIES, firstWaitMs: 4_000, maxWaitMs: 15 * 60_000, forgetAfterMs: 24 * 3_600_000 });
const failuresPerAddress = new WindowCounts(60_000);

/** Checks a password; on success returns the set-cookie header of a new login session. */
export async function logIn(username: string, password: string, client: { address: string; device: string }): Promise<LoginResult> {
  const now = Date.now();
  const key = `${client.address}\n${username}`;
  const addressFull = failuresPerAddress.count(client.address, now) >= env().RATE_LIMIT_SIGNINS;
  const wait = Math.max(triesPerUsername.waitMs(key, now), addressFull ? failuresPerAddress.msUntilReset(client.address, now) : 0);
  if (wait > 0) {
    await failedAttempts.record({ action: "staff.login", reason: "too many attempts", device: client.device });
    return { ok: false, retryAfterSeconds: Math.ceil(wait / 1000) };
  }
  // Counted as failed until the password proves right, so that tries sent together cannot all pass.
  triesPerUsername.fail(key, now);
  failuresPerAddress.add(client.address, now);
  const user = await userForLogin(username);
  // Verify against a dummy hash when the user does not exist, so timing does not reveal usernames.
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok) {
    await failedAttempts.record({ action: "staff.login", reason: "wrong password or unknown user", device: client.device });
    return { ok: false, retryAfterSeconds: null };
  }
  triesPerUsername.succeed(key);
  failuresPerAddress.add(client.address, Date.now(), -1);
  const id = randomBytes(32).toString("base64url");
  await insertLoginSession(id, user.id, new Date(Date.now() + LOGIN_HOURS * 3_600_000));
  const { passwordHash: _, ...staff } = user;
  return { ok: true, user: staff, setCookie: await staffCookie.serialize(id) };
}
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$MW+P6DDdqu5iUbusmoY9xg$m5vkrWPaAPPxWKZa0JPHyOfd7OnlGMtHSBtRnkwRF6I";

export async function logOut(request: Request): Promise<string> {
  const id = await staffCookie.parse(request.headers.get("Cookie"));
  if (typeof id === "string") await revokeLoginSession(id);
  return staffCookie.serialize("", { maxAge: 0 });
}

export async function currentStaff(request: Request): Promise<StaffUser | null> {
  const id = await staffCookie.parse(request.headers.get("Cookie"));
  return typeof id === "string" ? userOfLoginSession(id) : null;
}

export async function requireStaff(request: Request): Promise<StaffUser> {
  const user = await currentStaff(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export async function requireAdmin(request: Request): Promise<StaffUser> {
  const user = await requireStaff(request);
  if (user.role !== "admin") throw new Response(commonMessages.errors.adminOnly, { status: 403 });
  return user;
}

/** The clerk of this township, or an administrator. */
export async function requireClerkOf(request: Request, townshipId: number): Promise<StaffUser> {
  const user = await requireStaff(request);
  if (runsTownship(user, townshipId)) return user;
  throw new Response(commonMessages.errors.notClerkOfTownship, { status: 403 });
}

/** Whether this staff member runs the township's sessions: its clerk, or an administrator. */
/**
 * The township and year of a clerk's page of a township's year (`/console/townships/:code/…/:year`)
 * and its clerk: 404 for a URL that names no township or year, the login or 403 for anyone else.
 */
export async function requireClerkOfTownshipYear(request: Request, params: { code?: string; year?: string }) {
  const at = campaignParams(params);
  const township = at && (await townshipByCode(at.code));
  if (!at || !township) throw new Response(consoleMessages.errors.townshipNotFound, { status: 404 });
  const user = await requireClerkOf(request, township.id);
  return { township, year: at.year, user };
}

export function runsTownship(user: StaffUser, townshipId: number): boolean {
  return user.role === "admin" || (user.role === "clerk" && user.townshipId === townshipId);
}

/**
 * The client's address for the limits on guessing: server.ts sets x-client-ip from the socket,
 * overwriting any sent; an IPv6 address counts by its /56 network, as express-rate-limit keys it
 * (one device may hold a whole /64).
 */
export function clientAddress(request: Request): string {
  return ipKeyGenerator(request.headers.get("x-client-ip") ?? "unknown");
}

/** The client's address as the server saw it (server.ts sets x-client-ip, overwriting any sent). */
export function deviceOf(request: Request): string {
  return device(request.headers.get("x-client-ip"), request.headers.get("user-agent"));
}

/** What the audit log records as the device: the address and the start of the browser's name. */
export function device(address: string | null | undefined, agent: string | null | undefined): string {
  return `${address ?? "unknown"} ${(agent ?? "").slice(0, 120)}`.trim();
}

export function staffActor(user: StaffUser, request: Request): Actor {
  return { actor: `${user.role}:${user.username}`, device: deviceOf(request) };
}

export async function tabletToken(request: Request): Promise<string | null> {
  const token = await tabletCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" ? token : null;
}
