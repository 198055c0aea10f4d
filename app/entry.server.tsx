import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";

/** Server logs keep real failures; a refused request (a 4xx such as a POST to a page) is not one. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}

/**
 * Documents are rendered to a string, not streamed. React 18.3's streaming renderer sends its
 * whole 2,048-byte buffer when a multi-byte character does not fit at its end, so Chinese pages
 * carried NUL bytes (react/react 24985, 31134; fixed only in React 19, which Remix 2 does not
 * support). The string renderer has no byte buffer: Node encodes the finished document once.
 * Nothing here suspends (no `defer`), so streaming bought nothing but the shell's first bytes.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const markup = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { headers: responseHeaders, status: responseStatusCode });
}

/** The server's own parts (app/http), for server.ts: one copy of the app in the process. */
export * as server from "~/http/server-parts.server";
