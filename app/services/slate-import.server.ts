/**
 * 候选项目清单导入 — reads the candidate slate a township office prepared in Excel or as CSV
 * (what a slate file holds is table-import/slate-table.ts; it is read like every uploaded table,
 * in the reader thread of table-reader.server.ts), and the templates offices download.
 */
import ExcelJS from "exceljs";

import { CANDIDATE_FIELD_LABELS, type CandidateInput } from "~/schemas/candidate";

import { columnLetter } from "./table-import/read-table";
import { csvDocument } from "~/utils/downloads";
import { MAX_SLATE_CANDIDATES, SLATE_FIELDS as FIELDS, type SlateImportResult } from "./table-import/slate-table";
import { readTableFile } from "./table-reader.server";

export { MAX_TABLE_FILE_BYTES as MAX_SLATE_FILE_BYTES, WHOLE_FILE_ROW } from "./table-import/read-table";
export { MAX_SLATE_CANDIDATES, type SlateImportError, type SlateImportResult } from "./table-import/slate-table";

/** The rows of a read slate, or its errors. */
export function slateResult(result: Awaited<ReturnType<typeof readTableFile<"slate">>>): SlateImportResult {
  return result.ok ? { ok: true, candidates: result.rows.map((row) => row.value) } : result;
}

/**
 * Reads a slate file (.csv or .xlsx). Never throws for a bad file: every problem comes back
 * as an error with the spreadsheet row it is on. Throws a Refusal while another file is read.
 */
export async function parseSlateFile(fileName: string, bytes: Uint8Array): Promise<SlateImportResult> {
  return slateResult(await readTableFile("slate", fileName, bytes));
}

// ---------------------------------------------------------------------------------------------
// The template offices download

const TEMPLATE_EXAMPLE: CandidateInput = {
  name: "某村道路硬化工程",
  content: "硬化某村主干道2.5公里，路面宽4.5米，配套建设排水沟",
  investment: 120,
  fundingSource: "县级财政补助、镇自筹",
  plannedCompletion: "2026-12",
  responsibleUnit: "某镇人民政府（村镇建设办）",
};
const TEMPLATE_HEADER = ["序号", ...FIELDS.map((field) => CANDIDATE_FIELD_LABELS[field])];
const TEMPLATE_EXAMPLE_ROW = [1, ...FIELDS.map((field) => TEMPLATE_EXAMPLE[field])];

/** The CSV template. */
export function slateTemplateCsv(): string {
  return csvDocument([TEMPLATE_HEADER, TEMPLATE_EXAMPLE_ROW]);
}

/** The Excel template: the slate sheet first (the one the importer reads), then the instructions. */
export async function slateTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("候选项目", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [6, 24, 40, 16, 20, 14, 24].map((width) => ({ width }));
  // Text format for the completion date, so that a typed "2026.10" stays October and does
  // not become the number 2026.1.
  sheet.getColumn(FIELDS.indexOf("plannedCompletion") + 2).numFmt = "@";
  sheet.addRow(TEMPLATE_HEADER).font = { bold: true };
  sheet.addRow(TEMPLATE_EXAMPLE_ROW);
  const investmentColumn = columnLetter(FIELDS.indexOf("investment") + 1);
  for (let row = 2; row <= MAX_SLATE_CANDIDATES + 1; row++) {
    sheet.getCell(`${investmentColumn}${row}`).dataValidation = {
      type: "decimal",
      operator: "between",
      formulae: [0, 9_999_999.99],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: CANDIDATE_FIELD_LABELS.investment,
      error: "请填写以万元为单位的数字，最多两位小数",
    };
  }

  const notes = workbook.addWorksheet("填写说明");
  notes.getColumn(1).width = 90;
  for (const line of [
    "1. 每行填写一个候选项目，第1行表头请勿修改；第2行为示例，请替换为实际项目。",
    `2. ${CANDIDATE_FIELD_LABELS.name}：2至60个字，同一文件中不得重复。`,
    `3. ${CANDIDATE_FIELD_LABELS.investment}：以万元为单位的数字，最多两位小数，如 120 或 85.5。`,
    `4. ${CANDIDATE_FIELD_LABELS.plannedCompletion}：如 2026-12、2026年12月 或 2026-12-31。`,
    `5. 每个文件最多${MAX_SLATE_CANDIDATES}个项目；任一行有误时整个文件不导入，请按提示修改后重新导入。`,
  ]) {
    notes.addRow([line]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
