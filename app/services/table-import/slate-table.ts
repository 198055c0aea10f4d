/**
 * 候选项目清单 as a table: what a slate file holds (read by read-table.ts). Every row goes through
 * CandidateInputSchema, the same schema as the hand-entry form.
 */
import { CANDIDATE_FIELD_LABELS, CandidateInputSchema, type CandidateInput } from "~/schemas/candidate";

import type { SheetCell, TableImportError, TableSpec } from "./read-table";
import { cellText } from "./read-table";

export type SlateField = keyof CandidateInput;
export type SlateImportError = TableImportError<SlateField>;
export type SlateImportResult = { ok: true; candidates: CandidateInput[] } | { ok: false; errors: SlateImportError[] };

export const MAX_SLATE_CANDIDATES = 100;
export const SLATE_FIELDS = Object.keys(CANDIDATE_FIELD_LABELS) as SlateField[];

const INVESTMENT_BASES = new Set(["估算投资", "投资金额", "投资"]);

/** Two names that differ only in spacing or full/half-width forms are the same project. */
function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export const SLATE_TABLE: TableSpec<SlateField, CandidateInput> = {
  labels: CANDIDATE_FIELD_LABELS,
  aliases: {
    name: ["项目名称", "名称"],
    content: ["项目内容", "建设内容", "主要内容"],
    investment: ["估算投资(万元)", "估算投资", "投资(万元)", "投资金额"],
    fundingSource: ["资金来源"],
    plannedCompletion: ["计划完成时间", "完成时间", "计划完成", "完成时限", "计划完成时限"],
    responsibleUnit: ["责任单位", "实施单位", "牵头单位"],
  },
  required: SLATE_FIELDS,
  schema: CandidateInputSchema,
  maxRows: MAX_SLATE_CANDIDATES,
  /** Text fields get text; the amount and the date keep a spreadsheet's number or date for the schema. */
  cellValue: (field: SlateField, cell: SheetCell) => (field === "investment" || field === "plannedCompletion" ? cell : cellText(cell)),
  refuseHeader: (key, raw) => {
    const unit = /^(.+)\(([^()]*元)\)$/.exec(key);
    if (!unit || !INVESTMENT_BASES.has(unit[1]!)) return null;
    return { field: "investment", message: `“${raw.trim()}”列的单位须为万元：请换算为万元后填写，并将表头改为“估算投资（万元）”` };
  },
  unique: [
    {
      field: "name",
      value: (raw) => {
        const name = CandidateInputSchema.shape.name.safeParse(raw);
        return name.success ? { key: nameKey(name.data), shown: name.data } : null;
      },
      message: (name, firstRow) => `项目名称“${name}”与第${firstRow}行重复`,
    },
  ],
  messages: {
    noRows: "文件中没有候选项目",
    tooMany: (count: number) => `候选项目不能超过${MAX_SLATE_CANDIDATES}个，文件中有${count}个`,
    unpackedTooLarge: "Excel 文件内容过大，无法导入。请只保留候选项目表后另存再导入",
    readerGaveUp: "文件内容过大或过于复杂，无法导入。请只保留候选项目表，另存为新文件后再导入",
  },
};
