/**
 * 代表 (deputy) as a township keeps them on its roster: the one schema for a deputy imported from
 * a roster file. Only the name is required; the rest is what township rosters commonly carry.
 */
import { z } from "zod";
import { formMessages } from "~/messages/forms";

const LABELS = formMessages.deputy.labels;

export const MAX_NAME_CHARS = 20;
export const MAX_SEAT_NO = 999;

function charCount(value: string): number {
  return [...value].length;
}

/** Spreadsheet text on one line: trimmed, runs of spaces (and Alt+Enter) folded. */
function oneLine(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return value;
  return value.normalize("NFKC").trim().replace(/\s+/g, " ");
}

/** An optional text field: empty → null. */
function optionalText(label: string, max: number) {
  return z.preprocess(
    oneLine,
    z
      .string({ error: formMessages.field.notText(label) })
      .refine((value) => charCount(value) <= max, { error: (issue) => formMessages.field.tooLongCounted(label, max, charCount(String(issue.input))) })
      .transform((value) => (value === "" ? null : value)),
  );
}

/**
 * Rosters pad two-character names for alignment ("张　伟"): spaces between Chinese characters are
 * not part of the name. "阿依古丽·买买提" and "Li Na" keep theirs.
 */
const name = z.preprocess(
  (value) => {
    const line = oneLine(value);
    return typeof line === "string" ? line.replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "") : line;
  },
  z.string({ error: formMessages.field.notText(LABELS.name) }).superRefine((value, ctx) => {
    const count = charCount(value);
    if (count === 0) ctx.addIssue({ code: "custom", message: formMessages.field.empty(LABELS.name) });
    else if (count > MAX_NAME_CHARS) ctx.addIssue({ code: "custom", message: formMessages.field.tooLongCounted(LABELS.name, MAX_NAME_CHARS, count) });
  }),
);

const SEAT_FORMAT = formMessages.deputy.seatFormat(MAX_SEAT_NO);

/** "12", "１２", "012" or a spreadsheet's 12 → 12; empty → null. */
const seatNo = z.preprocess(
  (value) => {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") return value;
    if (typeof value !== "string") return value;
    const compact = value.normalize("NFKC").replace(/\s+/g, "");
    if (compact === "") return null;
    return /^\d+$/.test(compact) ? Number(compact) : Number.NaN;
  },
  z.number({ error: SEAT_FORMAT }).int(SEAT_FORMAT).min(1, SEAT_FORMAT).max(MAX_SEAT_NO, SEAT_FORMAT).nullable(),
);

const gender = z.preprocess(
  oneLine,
  z.string().transform((value, ctx) => {
    if (value === "") return null;
    const known = formMessages.deputy.genders[value.replace(/\s+/g, "")];
    if (known) return known;
    ctx.addIssue({ code: "custom", message: formMessages.deputy.genderFormat });
    return z.NEVER;
  }),
);

/** 代表: one deputy on a township's roster. */
export const RosterDeputySchema = z.object({
  name,
  seatNo,
  cardNo: optionalText(LABELS.cardNo, 20),
  gender,
  ethnicity: optionalText(LABELS.ethnicity, 10),
  deputyGroup: optionalText(LABELS.deputyGroup, 30),
  workUnit: optionalText(LABELS.workUnit, 60),
  position: optionalText(LABELS.position, 30),
});

export type RosterDeputy = z.infer<typeof RosterDeputySchema>;

/** The field names offices see: in the roster file's header row and in every message. */
export const DEPUTY_FIELD_LABELS: Record<keyof RosterDeputy, string> = LABELS;

/** Two names that differ only in spacing or full/half-width forms are the same person's name. */
export function deputyNameKey(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}
