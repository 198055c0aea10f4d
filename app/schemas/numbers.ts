/** Numbers typed into forms and ids sent by pages. */
import { z } from "zod";
import { formMessages } from "~/messages/forms";

/**
 * z.coerce.number() takes whatever Number() takes, so "0x10" would be record 16 and "1e3" would be
 * 1000: a mistyped or tampered id could name a real record. Put before a coerced number, this lets
 * only plain decimal notation through.
 */
export function plainDecimal(value: unknown): unknown {
  return typeof value === "string" && !/^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number.NaN : value;
}

/** A record's id in a form field or a JSON body: a plain positive decimal integer, else `message`. */
export function recordId(message: string = formMessages.field.idInvalid) {
  return z.preprocess(plainDecimal, z.coerce.number({ error: message }).int(message).positive(message));
}
