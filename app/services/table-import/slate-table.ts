/**
 * 候选项目清单 as a table: what a slate file holds (read by read-table.ts). Every row goes through
 * CandidateInputSchema, the same schema as the hand-entry form.
 */
import { tableImportMessages } from "~/messages/table-import";
import { CANDIDATE_FIELD_LABELS, CandidateInputSchema, type CandidateInput } from "~/schemas/candidate";

import type { SheetCell, TableImportError, TableSpec } from "./read-table";
import { cellText } from "./read-table";

export type SlateField = keyof CandidateInput;
export type SlateImportError = TableImportError<SlateField>;
export type SlateImportResult = { ok: true; candidates: CandidateInput[] } | { ok: false; errors: SlateImportError[] };

export const MAX_SLATE_CANDIDATES = 100;
export const SLATE_FIELDS = Object.keys(CANDIDATE_FIELD_LABELS) as SlateField[];

const MESSAGES = tableImportMessages.slate;
const INVESTMENT_BASES = new Set(MESSAGES.investmentBases);

/** Two names that differ only in spacing or full/half-width forms are the same project. */
function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export const SLATE_TABLE: TableSpec<SlateField, CandidateInput> = {
  labels: CANDIDATE_FIELD_LABELS,
  aliases: MESSAGES.headers,
  required: SLATE_FIELDS,
  schema: CandidateInputSchema,
  maxRows: MAX_SLATE_CANDIDATES,
  /** Text fields get text; the amount and the date keep a spreadsheet's number or date for the schema. */
  cellValue: (field: SlateField, cell: SheetCell) => (field === "investment" || field === "plannedCompletion" ? cell : cellText(cell)),
  refuseHeader: (key, raw) => {
    const unit = /^(.+)\(([^()]*元)\)$/.exec(key);
    if (!unit || !INVESTMENT_BASES.has(unit[1]!)) return null;
    return { field: "investment", message: MESSAGES.investmentNotInWan(raw.trim()) };
  },
  unique: [
    {
      field: "name",
      value: (raw) => {
        const name = CandidateInputSchema.shape.name.safeParse(raw);
        return name.success ? { key: nameKey(name.data), shown: name.data } : null;
      },
      message: MESSAGES.duplicateName,
    },
  ],
  messages: {
    noRows: MESSAGES.noRows,
    tooMany: (count: number) => MESSAGES.tooMany(MAX_SLATE_CANDIDATES, count),
    unpackedTooLarge: MESSAGES.unpackedTooLarge,
    readerGaveUp: MESSAGES.readerGaveUp,
  },
};
