import { CONGRESS_CODE } from "~/domain/register";

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

/** A year in a URL (`/campaigns/:code/:year`): four digits, 2000–2100, or null. */
export function yearParam(value: string | null | undefined): number | null {
  if (value == null || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** A congress's code in a URL, or null. */
export function congressCodeParam(value: string | null | undefined): string | null {
  return value != null && CONGRESS_CODE.test(value) ? value : null;
}

/** A campaign's place in a URL (`…/:code/:year`): the township's code and the year, or null. */
export function campaignParams(params: { code?: string; year?: string }): { code: string; year: number } | null {
  const code = congressCodeParam(params.code);
  const year = yearParam(params.year);
  return code === null || year === null ? null : { code, year };
}
