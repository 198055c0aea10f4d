/**
 * 候选项目 (candidate livelihood project) — the one schema for a candidate entered by hand or
 * imported from a slate file. Both paths must accept exactly the same things, so the tolerance
 * for what township offices actually type (full-width digits, "120万元", "2026年12月") lives here
 * and not in the importer.
 */
import { z } from "zod";
import { formMessages } from "~/messages/forms";

const LABELS = formMessages.candidate.labels;
const m = formMessages.candidate;

/** 10,000,000 万元 = 1,000 亿元: far above any township budget, so anything larger is a unit mistake. */
export const MAX_INVESTMENT_WAN_YUAN = 10_000_000;
export const MIN_COMPLETION_YEAR = 2000;
export const MAX_COMPLETION_YEAR = 2100;

/** Characters as a reader counts them: rare place-name characters (CJK Ext. B…) count once. */
function charCount(value: string): number {
  return [...value].length;
}

/**
 * Text field: trimmed, with a length counted in characters. Single-line fields (names, units)
 * also fold line breaks from Excel's Alt+Enter into one space; the content keeps its lines.
 */
export function countedText(label: string, min: number, max: number, { multiline = false } = {}) {
  return z.preprocess(
    (value) => {
      if (value === null || value === undefined) return "";
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value !== "string") return value;
      const trimmed = value.replace(/\r\n?/g, "\n").trim();
      return multiline ? trimmed : trimmed.replace(/\s+/g, " ");
    },
    z.string({ error: formMessages.field.notText(label) }).superRefine((value, ctx) => {
      const count = charCount(value);
      if (count === 0) ctx.addIssue({ code: "custom", message: formMessages.field.empty(label) });
      else if (count < min) ctx.addIssue({ code: "custom", message: formMessages.field.tooShort(label, min) });
      else if (count > max) ctx.addIssue({ code: "custom", message: formMessages.field.tooLongCounted(label, max, count) });
    }),
  );
}

/**
 * "120", "1,200.5", "１２０", "120万元", "120 万元" → 120 / 1200.5 …; anything else is left as
 * it is so the number schema rejects it. Only 万元 (or 万) is accepted as a unit: "1200000元"
 * would otherwise be read as 1,200,000 万元.
 */
function parseInvestment(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") return value;
  const compact = value.normalize("NFKC").replace(/\s+/g, "");
  if (compact === "") return undefined;
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:万元|万)?$/.exec(compact);
  if (!match) return value;
  // Group 1 is required by the pattern; group 2 (the decimals) is optional.
  return Number(match[1]!.replace(/,/g, "") + (match[2] ?? ""));
}

/** At most two decimals, with room for the binary noise of spreadsheet formulas (0.1 + 0.2). */
function hasAtMostTwoDecimals(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

export const investment = z.preprocess(
  parseInvestment,
  z
    .number({ error: (issue) => (issue.input === undefined ? formMessages.field.empty(LABELS.investment) : m.investmentFormat) })
    .min(0, m.investmentFormat)
    .lt(MAX_INVESTMENT_WAN_YUAN, m.investmentTooLarge(MAX_INVESTMENT_WAN_YUAN.toLocaleString("en-US")))
    .refine(hasAtMostTwoDecimals, {
      error: (issue) => m.investmentInexact(String(issue.input)),
    })
    .transform((value) => Math.round(value * 100) / 100),
);

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Completion = { year: number; month: number; day?: number } | { error: string };

function readCompletion(value: unknown): Completion {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: m.completionNotADate };
    // Spreadsheet dates carry no time zone; exceljs hands them over as UTC midnight.
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value === "number") {
    // A cell typed "2026.10" is stored by Excel as the number 2026.1: October and January
    // become the same value, so only the unambiguous months are taken from a number.
    const written = String(value);
    if (/^\d{4}\.1$/.test(written)) {
      return { error: m.completionMonthAmbiguous(written, written.slice(0, 4)) };
    }
    return readCompletion(written);
  }
  if (typeof value !== "string") return { error: m.completionFormat };
  const compact = value
    .normalize("NFKC")
    .trim()
    .replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, "") // "2026/12/31 0:00" as Excel writes dates to CSV
    .replace(/\s+/g, "");
  if (compact === "") return { error: formMessages.field.empty(LABELS.plannedCompletion) };

  const numeric = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?$/.exec(compact);
  if (numeric) {
    return { year: Number(numeric[1]), month: Number(numeric[3]), day: numeric[4] ? Number(numeric[4]) : undefined };
  }
  const chinese = /^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号]|底)?|底)$/.exec(compact);
  if (chinese) {
    // "2026年底" (by the end of 2026) is how many project tables state the deadline.
    return {
      year: Number(chinese[1]),
      month: chinese[2] ? Number(chinese[2]) : 12,
      day: chinese[3] ? Number(chinese[3]) : undefined,
    };
  }
  return { error: m.completionFormat };
}

/** → "YYYY-MM" or "YYYY-MM-DD". */
const plannedCompletion = z.unknown().transform((value, ctx) => {
  const read = readCompletion(value ?? "");
  if ("error" in read) {
    ctx.addIssue({ code: "custom", message: read.error });
    return z.NEVER;
  }
  const { year, month, day } = read;
  if (year < MIN_COMPLETION_YEAR || year > MAX_COMPLETION_YEAR) {
    ctx.addIssue({
      code: "custom",
      message: m.completionYear(MIN_COMPLETION_YEAR, MAX_COMPLETION_YEAR),
    });
    return z.NEVER;
  }
  const monthText = `${year}-${pad2(month)}`;
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > daysInMonth(year, month)))) {
    const written = day === undefined ? monthText : `${monthText}-${pad2(day)}`;
    ctx.addIssue({ code: "custom", message: m.completionDateInvalid(written) });
    return z.NEVER;
  }
  return day === undefined ? monthText : `${monthText}-${pad2(day)}`;
});

/** 候选项目: one project on the slate put to the deputies' vote. */
export const CandidateInputSchema = z.object({
  name: countedText(LABELS.name, 2, 60),
  content: countedText(LABELS.content, 1, 1000, { multiline: true }),
  investment,
  fundingSource: countedText(LABELS.fundingSource, 1, 100),
  plannedCompletion,
  responsibleUnit: countedText(LABELS.responsibleUnit, 1, 100),
});

export type CandidateInput = z.infer<typeof CandidateInputSchema>;

/** The field names offices see: on the form, in the slate file's header row, in every message. */
export const CANDIDATE_FIELD_LABELS: Record<keyof CandidateInput, string> = LABELS;
