/** The roster import templates offices download (what a roster file holds: table-import/roster-table.ts). */
import ExcelJS from "exceljs";

import { DEPUTY_FIELD_LABELS, type RosterDeputy } from "~/schemas/deputy";

import { MAX_ROSTER_DEPUTIES } from "./table-import/roster-table";
import { csvDocument } from "~/utils/downloads";

const FIELDS = Object.keys(DEPUTY_FIELD_LABELS) as Array<keyof RosterDeputy>;

const TEMPLATE_EXAMPLE: RosterDeputy = {
  name: "张某某",
  seatNo: 1,
  cardNo: "001",
  gender: "女",
  ethnicity: "汉族",
  deputyGroup: "第一代表小组",
  workUnit: "某村村民委员会",
  position: "村委会主任",
};
const TEMPLATE_HEADER = FIELDS.map((field) => DEPUTY_FIELD_LABELS[field]);
const TEMPLATE_EXAMPLE_ROW = FIELDS.map((field) => TEMPLATE_EXAMPLE[field] ?? "");

export function rosterTemplateCsv(): string {
  return csvDocument([TEMPLATE_HEADER, TEMPLATE_EXAMPLE_ROW]);
}

/** The Excel template: the roster sheet first (the one the importer reads), then the instructions. */
export async function rosterTemplateXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("代表名单", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = [12, 8, 12, 6, 8, 16, 30, 16].map((width) => ({ width }));
  // Text format for 代表证号, so that "001" keeps its zeros.
  sheet.getColumn(FIELDS.indexOf("cardNo") + 1).numFmt = "@";
  sheet.addRow(TEMPLATE_HEADER).font = { bold: true };
  sheet.addRow(TEMPLATE_EXAMPLE_ROW);

  const notes = workbook.addWorksheet("填写说明");
  notes.getColumn(1).width = 90;
  for (const line of [
    "1. 每行填写一名代表，第1行表头请勿修改；第2行为示例，请替换为实际代表。",
    `2. ${DEPUTY_FIELD_LABELS.name}必填，同一文件中、与已有代表名单都不得重复；同名代表请加以区分（如“张伟（大）”）。`,
    `3. 其余各列可不填。${DEPUTY_FIELD_LABELS.seatNo}为1至999的整数，不得重复；不填座位号的代表，建立会议时依次排在最大座位号之后。`,
    `4. ${DEPUTY_FIELD_LABELS.gender}填写“男”或“女”；${DEPUTY_FIELD_LABELS.cardNo}不得重复。`,
    `5. 每个文件最多${MAX_ROSTER_DEPUTIES}名代表；任一行有误时整个文件不导入，请按提示修改后重新导入。`,
  ]) {
    notes.addRow([line]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
