/** 代表名单: a township's deputies. */
import type { RosterDeputy } from "~/schemas/deputy";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

export function townshipByCode(code: string, db: Tx | typeof prisma = prisma) {
  return db.township.findUnique({
    where: { code },
    select: {
      id: true, code: true, name: true, kind: true, level: true, seatedDeputies: true, deputyQuota: true,
      county: { select: { code: true, name: true, city: { select: { code: true, name: true } } } },
    },
  });
}

export function townshipById(id: number) {
  return prisma.township.findUnique({ where: { id }, select: { id: true, code: true, name: true, level: true } });
}

export function activeDeputies(townshipId: number, db: Tx | typeof prisma = prisma) {
  return db.deputy.findMany({
    where: { townshipId, leftAt: null },
    select: { id: true, name: true, seatNo: true, cardNo: true, gender: true, ethnicity: true, deputyGroup: true, workUnit: true, position: true },
    orderBy: { id: "asc" },
  });
}

/** Adds deputies by name and keeps the township's seated number equal to the active roster. */
export async function addDeputies(tx: Tx, townshipId: number, names: string[]) {
  await tx.deputy.createMany({ data: names.map((name) => ({ townshipId, name })) });
  await syncSeated(tx, townshipId);
}

/** Adds deputies with what the roster file gives of them (an imported roster). */
export async function addRosterDeputies(tx: Tx, townshipId: number, deputies: RosterDeputy[]) {
  await tx.deputy.createMany({ data: deputies.map((deputy) => ({ townshipId, ...deputy })) });
  await syncSeated(tx, townshipId);
}

export async function retireDeputy(tx: Tx, townshipId: number, deputyId: number) {
  const { count } = await tx.deputy.updateMany({ where: { id: deputyId, townshipId, leftAt: null }, data: { leftAt: new Date() } });
  await syncSeated(tx, townshipId);
  return count === 1;
}

async function syncSeated(tx: Tx, townshipId: number) {
  const seated = await tx.deputy.count({ where: { townshipId, leftAt: null } });
  await tx.township.update({ where: { id: townshipId }, data: { seatedDeputies: seated } });
}
