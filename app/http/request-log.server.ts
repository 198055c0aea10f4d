/**
 * 访问日志: one JSON line per request on stdout, for an operator's log collector — when it ended,
 * its request id, method, path, status, duration, bytes sent and the client's address.
 *
 * The request id is sent back as `X-Request-Id` (a reverse proxy's own id, if it sent a plain one,
 * is kept, so one request has one id across both logs). What is never logged: the query string (a
 * sign-in code or a display key travels in it), cookies and other headers, and any body — so no
 * ballot's contents, no password, no proposal's text.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

const PROXY_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface RequestLogLine {
  time: string;
  level: "info" | "warn" | "error";
  msg: "request";
  id: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  bytes: number;
  ip: string;
}

export function requestLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const offered = req.get("x-request-id");
    const id = offered && PROXY_ID.test(offered) ? offered : randomBytes(9).toString("base64url");
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    res.once("finish", () => {
      const line: RequestLogLine = {
        time: new Date().toISOString(),
        level: res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info",
        msg: "request",
        id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        bytes: Number(res.getHeader("content-length") ?? 0),
        ip: req.socket.remoteAddress ?? "unknown",
      };
      write(JSON.stringify(line));
    });
    next();
  };
}
