/** Parsing form posts with a Zod schema: field messages in Chinese, a 400 for the route to return. */
import type { z } from "zod";

export type FormErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors; message: string };

/** FormData → plain object; fields ending in [] or repeated become arrays. */
export function formToObject(formData: FormData | URLSearchParams): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const isArray = rawKey.endsWith("[]");
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    if (isArray) ((result[key] ??= []) as unknown[]).push(value);
    else result[key] = value;
  }
  return result;
}

export function parseForm<S extends z.ZodType>(schema: S, input: FormData | URLSearchParams | Record<string, unknown>): Parsed<z.infer<S>> {
  const parsed = schema.safeParse(input instanceof FormData || input instanceof URLSearchParams ? formToObject(input) : input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, message: Object.values(errors)[0] ?? "提交的内容有误" };
}
