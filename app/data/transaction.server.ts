import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";

/** A database handle inside a transaction; repositories take one so services can group writes. */
export type Tx = Prisma.TransactionClient;

/** Runs `work` in one SQLite transaction: all of its writes land together or not at all. */
export function inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, { maxWait: 30_000, timeout: 30_000 });
}
