/**
 * POST /vote/cast — the tablets' hot post, answered without the framework (docs/decisions/005).
 * Profiling `npm run bench` showed a Remix action costing about 1.8 ms of CPU per request before
 * any work (route matching redone per request, a Fetch Request built from the Node one, …) against
 * 0.25 ms for storing the ballot. So the ballot page's script casts here, by the explicit JSON
 * contract of app/http/tablet-contract.ts, through the same service the page's action uses for a
 * tablet without JavaScript (services/ballot-post.server.ts). Nothing here is handed on to Remix:
 * each post is read, cast or refused — and a refusal recorded — once.
 */
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { isStorageFailure } from "~/data/sqlite.server";
import { httpMessages } from "~/messages/http";
import { tabletMessages as tablet } from "~/messages/tablet";
import { handleTabletCast } from "~/services/ballot-post.server";
import { passFromToken, type DeputyPass } from "~/services/voting.server";
import { device, tabletCookie } from "~/services/auth.server";
import type { TabletCastAnswer } from "./tablet-contract";

const MAX_BALLOT_BYTES = 64 * 1024;

/** The body, or null when it is larger than any ballot (the rest is read and dropped). */
function readBody(req: Request): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BALLOT_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size <= MAX_BALLOT_BYTES ? Buffer.concat(chunks) : null));
    req.on("error", reject);
  });
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString("utf8")) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The tablet's pass: as the write limits found it for this request (res.locals), else from its cookie. */
async function tabletPassOf(req: Request, res: Response): Promise<DeputyPass | null> {
  if (res.locals.tabletPass !== undefined) return res.locals.tabletPass as DeputyPass | null;
  const token = await tabletCookie.parse(req.headers.cookie ?? null);
  return typeof token === "string" ? passFromToken(token) : null;
}

function answer(res: Response, status: number, body: TabletCastAnswer) {
  res.status(status).set("Cache-Control", "no-store").json(body);
}

async function readCast(req: Request, res: Response): Promise<{ pass: DeputyPass; body: unknown } | null> {
  if (
    !String(req.headers["content-type"] ?? "")
      .toLowerCase()
      .startsWith("application/json")
  ) {
    answer(res, 415, { ok: false, message: httpMessages.castNotJson });
    return null;
  }
  const body = await readBody(req);
  if (body === null) {
    answer(res, 413, { ok: false, message: httpMessages.tooLarge });
    return null;
  }
  const json = parseJson(body);
  if (!json.ok) {
    answer(res, 400, { ok: false, message: tablet.errors.wrongForm });
    return null;
  }
  const pass = await tabletPassOf(req, res);
  if (!pass) {
    answer(res, 401, { ok: false, message: tablet.errors.noPass, signIn: true });
    return null;
  }
  return { pass, body: json.value };
}

export const tabletCast: RequestHandler = async (req: Request, res: Response, next: NextFunction) => {
  try {
    const cast = await readCast(req, res);
    if (!cast) return;
    const from = device(req.headers["x-client-ip"] as string | undefined, req.headers["user-agent"]);
    const result = await handleTabletCast(cast.pass, from, cast.body);
    if (result.kind === "cast") answer(res, 200, { ok: true, receiptUrl: result.receiptUrl });
    else answer(res, result.status, { ok: false, message: result.message });
  } catch (error) {
    // The disk is full or read-only: nothing was stored, and the tablet is told so (it keeps the marks).
    if (isStorageFailure(error)) answer(res, 503, { ok: false, message: httpMessages.notStored });
    else next(error);
  }
};

/**
 * The benchmark's ceiling for this path: the same reading of body, JSON and cookie, then an answer,
 * storing nothing. Mounted only when BENCH_NOOP=1 (`npm run bench`).
 */
export const tabletCastNoop: RequestHandler = async (req, res, next) => {
  try {
    const body = await readBody(req);
    parseJson(body ?? Buffer.alloc(0));
    await tabletCookie.parse(req.headers.cookie ?? null);
    answer(res, 200, { ok: true, receiptUrl: "/vote/receipt" });
  } catch (error) {
    next(error);
  }
};
