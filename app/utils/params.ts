/**
 * Record ids in URLs (`/console/sessions/:sessionId`, `?round=`). `Number()` takes "0x10", "1e3",
 * " 7" and "" (as 0), so a mistyped or tampered URL could name a real record (schemas/numbers.ts):
 * an id here is plain decimal digits, positive and safe, or null — which the route answers as 404.
 */
export function idParam(value: string | null | undefined): number | null {
  if (value == null || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** The id a route's URL must carry; anything else answers 404 with the route's own message. */
export function requireId(value: string | null | undefined, notFound: string): number {
  const id = idParam(value);
  if (id === null) throw new Response(notFound, { status: 404 });
  return id;
}
