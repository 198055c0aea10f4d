/**
 * Health checks for an operator's load balancer or supervisor. `/healthz`: the process answers
 * (alive). `/readyz`: it can serve — the database opens and reads, and its migrations are exactly
 * this code's (none pending, none from a newer version). Plain JSON, no login, never cached; the
 * answer names no path, table or setting.
 */
import type { Request, Response } from "express";
import { pingDatabase } from "~/data/sqlite.server";
import { env } from "~/utils/env.server";
import { migrationStatus } from "../../prisma/engine/migrations";

export function healthz(_req: Request, res: Response) {
  res.set("cache-control", "no-store").json({ status: "alive" });
}

export type NotReady = "database-unreachable" | "migrations-pending" | "database-newer";

export async function readyz(_req: Request, res: Response) {
  const reason = await notReady();
  res
    .status(reason ? 503 : 200)
    .set("cache-control", "no-store")
    .json(reason ? { status: "not-ready", reason } : { status: "ready" });
}

async function notReady(): Promise<NotReady | null> {
  try {
    await pingDatabase();
  } catch {
    return "database-unreachable";
  }
  const status = await migrationStatus(env().DATABASE_URL).catch(() => null);
  if (!status) return "database-unreachable";
  const { unapplied, unknown } = status;
  if (unknown.length > 0) return "database-newer";
  if (unapplied.length > 0) return "migrations-pending";
  return null;
}
