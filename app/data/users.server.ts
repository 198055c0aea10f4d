/** Staff accounts and their server-side login sessions. */
import { prisma } from "./sqlite.server";
import { staffRole } from "./stored-values";
import type { Queryable } from "./transaction.server";

export type Role = ReturnType<typeof staffRole>;

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  townshipId: number | null;
  areaCode: string | null;
}

const userSelect = { id: true, username: true, displayName: true, role: true, townshipId: true, areaCode: true } as const;

export async function userForLogin(username: string) {
  const user = await prisma.user.findUnique({ where: { username }, select: { ...userSelect, passwordHash: true } });
  return user && { ...user, role: staffRole(user.role) };
}

export async function revokeAllLoginSessions(db: Queryable, userId: number) {
  await db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function insertUser(db: Queryable, data: { username: string; displayName: string; passwordHash: string; role: Role; townshipId?: number | null; areaCode?: string | null }) {
  const user = await db.user.create({ data, select: userSelect });
  return { ...user, role: staffRole(user.role) };
}

export async function countAdmins() {
  return prisma.user.count({ where: { role: "admin" } });
}

export async function insertLoginSession(id: string, userId: number, expiresAt: Date) {
  await prisma.userSession.create({ data: { id, userId, expiresAt } });
}

export async function userOfLoginSession(id: string): Promise<StaffUser | null> {
  const login = await prisma.userSession.findUnique({ where: { id }, select: { expiresAt: true, revokedAt: true, user: { select: userSelect } } });
  if (!login || login.revokedAt || login.expiresAt.getTime() <= Date.now()) return null;
  return { ...login.user, role: staffRole(login.user.role) };
}

export async function revokeLoginSession(id: string) {
  await prisma.userSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function listUsers() {
  const users = await prisma.user.findMany({
    orderBy: [{ role: "asc" }, { username: "asc" }],
    select: { ...userSelect, township: { select: { code: true, name: true, level: true } } },
  });
  return users.map((user) => ({ ...user, role: staffRole(user.role) }));
}

export async function usernameTaken(db: Queryable, username: string) {
  return (await db.user.count({ where: { username } })) > 0;
}

/** False when there is no such account. */
export async function updatePasswordHash(db: Queryable, userId: number, passwordHash: string): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { passwordHash } });
  return count > 0;
}
