/**
 * 候选项目清单导入 — reads the candidate slate a township office prepared in Excel or as CSV
 * (what a slate file holds is table-import/slate-table.ts; it is read like every uploaded table,
 * in the reader thread of table-reader.server.ts), and the templates offices download.
 */
import ExcelJS from "exceljs";

import { tableImportMessages } from "~/messages/table-import";
import { CANDIDATE_FIELD_LABELS } from "~/schemas/candidate";

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

const TEMPLATE = tableImportMessages.slate.template;
const TEMPLATE_HEADER = [TEMPLATE.position, ...FIELDS.map((field) => CANDIDATE_FIELD_LABELS[field])];
const TEMPLATE_EXAMPLE_ROW = [1, ...FIELDS.map((field) => TEMPLATE.example[field])];

/** The CSV template. */
export function slateTemplateCsv(): string {
  return csvDocument([TEMPLATE_HEADER, TEMPLATE_EXAMPLE_ROW]);
}

/** The Excel template: the slate sheet first (the one the importer reads), then the instructions. */
export async function slateTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
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
      error: TEMPLATE.investmentError,
    };
  }

  const notes = workbook.addWorksheet(TEMPLATE.notesSheet);
  notes.getColumn(1).width = 90;
  for (const line of TEMPLATE.notes(CANDIDATE_FIELD_LABELS, MAX_SLATE_CANDIDATES)) {
    notes.addRow([line]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
