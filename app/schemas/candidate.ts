/**
 * 候选项目 (candidate livelihood project) — the one schema for a candidate entered by hand or
 * imported from a slate file. Both paths must accept exactly the same things, so the tolerance
 * for what township offices actually type (full-width digits, "120万元", "2026年12月") lives here
 * and not in the importer.
 */
import { z } from "zod";

const LABELS = {
  name: "项目名称",
  content: "项目内容",
  investment: "估算投资（万元）",
  fundingSource: "资金来源",
  plannedCompletion: "计划完成时间",
  responsibleUnit: "责任单位",
} as const;

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
function text(label: string, min: number, max: number, { multiline = false } = {}) {
  return z.preprocess(
    (value) => {
      if (value === null || value === undefined) return "";
      if (typeof value === "number" && Number.isFinite(value)) return String(value);
      if (typeof value !== "string") return value;
      const trimmed = value.replace(/\r\n?/g, "\n").trim();
      return multiline ? trimmed : trimmed.replace(/\s+/g, " ");
    },
    z.string({ error: `${label}须为文字` }).superRefine((value, ctx) => {
      const count = charCount(value);
      if (count === 0) ctx.addIssue({ code: "custom", message: `${label}不能为空` });
      else if (count < min) ctx.addIssue({ code: "custom", message: `${label}至少${min}个字` });
      else if (count > max) ctx.addIssue({ code: "custom", message: `${label}不能超过${max}个字（现有${count}个字）` });
    }),
  );
}

const INVESTMENT_FORMAT = `${LABELS.investment}须为不小于0的数字，最多两位小数`;

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
  return Number(match[1].replace(/,/g, "") + (match[2] ?? ""));
}

/** At most two decimals, with room for the binary noise of spreadsheet formulas (0.1 + 0.2). */
function hasAtMostTwoDecimals(value: number): boolean {
  const cents = value * 100;
  return Math.abs(cents - Math.round(cents)) < 1e-6;
}

const investment = z.preprocess(
  parseInvestment,
  z
    .number({ error: (issue) => (issue.input === undefined ? `${LABELS.investment}不能为空` : INVESTMENT_FORMAT) })
    .min(0, INVESTMENT_FORMAT)
    .lt(MAX_INVESTMENT_WAN_YUAN, `${LABELS.investment}须小于${MAX_INVESTMENT_WAN_YUAN.toLocaleString("en-US")}万元`)
    .refine(hasAtMostTwoDecimals, {
      error: (issue) => `${INVESTMENT_FORMAT}（实际数值为 ${String(issue.input)}）`,
    })
    .transform((value) => Math.round(value * 100) / 100),
);

const COMPLETION_FORMAT = `${LABELS.plannedCompletion}格式不正确，请填写如“2026-12”“2026年12月”或“2026-12-31”`;

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

type Completion = { year: number; month: number; day?: number } | { error: string };

function readCompletion(value: unknown): Completion {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { error: `${LABELS.plannedCompletion}不是有效日期` };
    // Spreadsheet dates carry no time zone; exceljs hands them over as UTC midnight.
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value === "number") {
    // A cell typed "2026.10" is stored by Excel as the number 2026.1: October and January
    // become the same value, so only the unambiguous months are taken from a number.
    const written = String(value);
    if (/^\d{4}\.1$/.test(written)) {
      return {
        error: `${LABELS.plannedCompletion}“${written}”无法确定是1月还是10月，请填写为“${written.slice(0, 4)}年10月”或“${written.slice(0, 4)}年1月”`,
      };
    }
    return readCompletion(written);
  }
  if (typeof value !== "string") return { error: COMPLETION_FORMAT };
  const compact = value
    .normalize("NFKC")
    .trim()
    .replace(/\s+\d{1,2}:\d{2}(?::\d{2})?$/, "") // "2026/12/31 0:00" as Excel writes dates to CSV
    .replace(/\s+/g, "");
  if (compact === "") return { error: `${LABELS.plannedCompletion}不能为空` };

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
  return { error: COMPLETION_FORMAT };
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
      message: `${LABELS.plannedCompletion}的年份须在${MIN_COMPLETION_YEAR}年至${MAX_COMPLETION_YEAR}年之间`,
    });
    return z.NEVER;
  }
  const monthText = `${year}-${pad2(month)}`;
  if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > daysInMonth(year, month)))) {
    const written = day === undefined ? monthText : `${monthText}-${pad2(day)}`;
    ctx.addIssue({ code: "custom", message: `${LABELS.plannedCompletion}“${written}”不是有效日期` });
    return z.NEVER;
  }
  return day === undefined ? monthText : `${monthText}-${pad2(day)}`;
});

/** 候选项目: one project on the slate put to the deputies' vote. */
export const CandidateInputSchema = z.object({
  name: text(LABELS.name, 2, 60),
  content: text(LABELS.content, 1, 1000, { multiline: true }),
  investment,
  fundingSource: text(LABELS.fundingSource, 1, 100),
  plannedCompletion,
  responsibleUnit: text(LABELS.responsibleUnit, 1, 100),
});

export type CandidateInput = z.infer<typeof CandidateInputSchema>;

/** The field names offices see: on the form, in the slate file's header row, in every message. */
export const CANDIDATE_FIELD_LABELS: Record<keyof CandidateInput, string> = LABELS;
