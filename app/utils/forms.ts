/** Parsing form posts with a Zod schema: field messages in Chinese, a 400 for the route to return. */
import type { z } from "zod";
import { formMessages } from "~/messages/forms";

export type FormErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; message: string };

/**
 * FormData → plain object; fields ending in [] become arrays (a repeated plain field: the last
 * value). Without a prototype, so that a field named `__proto__[]` or `constructor[]` is just a field.
 */
export function formToObject(formData: FormData | URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = Object.create(null);
  for (const [rawKey, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const isArray = rawKey.endsWith("[]");
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    if (isArray) ((result[key] ??= []) as unknown[]).push(value);
    else result[key] = value;
  }
  return result;
}

/**
 * The body of a form post. Anything else (JSON, text, a broken multipart body) is answered with a
 * Chinese 415/400 instead of the parser's exception, which Remix would turn into a server error.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Response(formMessages.submission.notAForm, { status: 415, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response(formMessages.submission.unreadable, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

export function parseForm<S extends z.ZodType>(schema: S, input: FormData | URLSearchParams | Record<string, unknown>): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(input instanceof FormData || input instanceof URLSearchParams ? formToObject(input) : input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, message: Object.values(errors)[0] ?? formMessages.submission.invalid };
}
