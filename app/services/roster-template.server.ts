/** The roster import templates offices download (what a roster file holds: table-import/roster-table.ts). */
import ExcelJS from "exceljs";

import { tableImportMessages } from "~/messages/table-import";
import { DEPUTY_FIELD_LABELS, type RosterDeputy } from "~/schemas/deputy";

import { MAX_ROSTER_DEPUTIES } from "./table-import/roster-table";
import { csvDocument } from "~/utils/downloads";

const FIELDS = Object.keys(DEPUTY_FIELD_LABELS) as Array<keyof RosterDeputy>;

const TEMPLATE = tableImportMessages.roster.template;
const TEMPLATE_HEADER = FIELDS.map((field) => DEPUTY_FIELD_LABELS[field]);
const TEMPLATE_EXAMPLE_ROW = FIELDS.map((field) => TEMPLATE.example[field] ?? "");

export function rosterTemplateCsv(): string {
  return csvDocument([TEMPLATE_HEADER, TEMPLATE_EXAMPLE_ROW]);
}

/** The Excel template: the roster sheet first (the one the importer reads), then the instructions. */
export async function rosterTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TEMPLATE.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [12, 8, 12, 6, 8, 16, 30, 16].map((width) => ({ width }));
  // Text format for 代表证号, so that "001" keeps its zeros.
  sheet.getColumn(FIELDS.indexOf("cardNo") + 1).numFmt = "@";
  sheet.addRow(TEMPLATE_HEADER).font = { bold: true };
  sheet.addRow(TEMPLATE_EXAMPLE_ROW);

  const notes = workbook.addWorksheet(TEMPLATE.notesSheet);
  notes.getColumn(1).width = 90;
  for (const line of TEMPLATE.notes(DEPUTY_FIELD_LABELS, MAX_ROSTER_DEPUTIES)) {
    notes.addRow([line]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
