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

function refusal(message: string, status: number): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * The body of a form post. Anything else (JSON, text, a broken multipart body) is answered with a
 * Chinese 415/400 instead of the parser's exception, which Remix would turn into a server error;
 * so is a value holding a NUL character (U+0000), whatever the field: PostgreSQL cannot store one
 * in text, and no one types it (an uploaded file's bytes are not text values and may hold it).
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw refusal(formMessages.submission.notAForm, 415);
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw refusal(formMessages.submission.unreadable, 400);
  }
  for (const value of formData.values()) if (typeof value === "string" && value.includes("\u0000")) throw refusal(formMessages.submission.nulCharacter, 400);
  return formData;
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
