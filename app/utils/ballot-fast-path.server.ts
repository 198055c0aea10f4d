/**
 * The tablets' hot post, answered without the framework. Profiling `npm run bench` showed a
 * Remix action costing about 1.8 ms of CPU per request before any work (route matching is redone
 * for every request, a Fetch Request is built from the Node one, …) against 0.25 ms for storing
 * the ballot. So `POST /vote/ballot` with intent=confirm is read here and handed to the same
 * function the Remix action calls (services/ballot-post.server.ts). Everything else — the review
 * steps, a post without a valid tablet, a refusal that a page must explain — is replayed, body and
 * all, to Remix.
 */
import { Readable } from "node:stream";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { handleBallotPost } from "~/services/ballot-post.server";
import { passFromToken, type DeputyPass } from "~/services/voting.server";
import { tabletCookie } from "./auth.server";
import { BALLOT_FETCH_HEADER } from "./ballot-client";
import { formToObject } from "./forms";

const MAX_BALLOT_BYTES = 64 * 1024;

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

/** The request again, body included, for the Remix handler (which reads `req` as a stream). */
function replay(req: Request, body: Buffer): Request {
  const stream = Readable.from([body]);
  return new Proxy(req, {
    get(target, property, receiver) {
      if (property in Readable.prototype && property !== "headers" && property !== "method" && property !== "url") {
        const value = Reflect.get(stream, property, stream);
        return typeof value === "function" ? value.bind(stream) : value;
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** The tablet's pass: as the write limits found it for this request (res.locals), else from its cookie. */
async function tabletPassOf(req: Request, res: Response): Promise<DeputyPass | null> {
  if (res.locals.tabletPass !== undefined) return res.locals.tabletPass as DeputyPass | null;
  const token = await tabletCookie.parse(req.headers.cookie ?? null);
  return typeof token === "string" ? passFromToken(token) : null;
}

export function ballotFastPath(remix: RequestHandler): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return remix(req, res, next);
      const body = await readBody(req);
      if (body === null) {
        res.status(413).type("text/plain; charset=utf-8").send("提交的内容过大。");
        return;
      }
      const fields = formToObject(new URLSearchParams(body.toString("utf8")));
      const pass = fields.intent === "confirm" ? await tabletPassOf(req, res) : null;
      if (!pass) return remix(replay(req, body), res, next);

      const device = `${req.headers["x-client-ip"] ?? "unknown"} ${String(req.headers["user-agent"] ?? "").slice(0, 120)}`.trim();
      const result = await handleBallotPost(pass, device, fields);
      const wantsJson = req.headers[BALLOT_FETCH_HEADER.toLowerCase()] === "fetch";
      if (result.kind === "cast") {
        if (wantsJson) res.status(200).json({ ok: true, step: "cast", receiptUrl: result.receiptUrl });
        else res.redirect(302, result.receiptUrl);
        return;
      }
      if (result.kind === "refused" && wantsJson) {
        res.status(result.status).json({ ok: false, message: result.message });
        return;
      }
      // A page must explain this one: Remix renders it (its action reaches the same answer).
      return remix(replay(req, body), res, next);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The benchmark's ceiling for this path: the same reading of body and cookie, then a redirect,
 * storing nothing. Mounted only when BENCH_NOOP=1 (`npm run bench`).
 */
export const ballotFastPathNoop: RequestHandler = async (req, res, next) => {
  try {
    const body = await readBody(req);
    formToObject(new URLSearchParams((body ?? Buffer.alloc(0)).toString("utf8")));
    await tabletCookie.parse(req.headers.cookie ?? null);
    res.redirect(302, "/vote/receipt");
  } catch (error) {
    next(error);
  }
};
