/** A Beijing day typed as YYYY-MM-DD (a date input's value), kept as that text: the one day field of the forms that store days. */
import { z } from "zod";
import { formMessages } from "~/messages/forms";

/** A real calendar day from 2000 to 2100, written YYYY-MM-DD. */
export function isDayText(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2100;
}

export const dayText = (label: string) => z.string({ error: formMessages.field.required(label) }).refine(isDayText, formMessages.field.dayFormat(label));
