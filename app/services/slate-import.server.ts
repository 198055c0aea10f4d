/**
 * 候选项目清单导入 — reads the candidate slate a township office prepared in Excel or as CSV.
 *
 * All or nothing: a slate goes before the congress as a whole, so one bad row means nothing is
 * imported and the office gets every problem at once, each with the row number Excel shows.
 * Every row goes through CandidateInputSchema, the same schema as the hand-entry form.
 */
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";

import { CANDIDATE_FIELD_LABELS, CandidateInputSchema, type CandidateInput } from "~/schemas/candidate";

type Field = keyof CandidateInput;

/** `row` is the spreadsheet row (1-based); 0 means the file as a whole. */
export type SlateImportError = { row: number; field?: Field; message: string };
export type SlateImportResult = { ok: true; candidates: CandidateInput[] } | { ok: false; errors: SlateImportError[] };

export const MAX_SLATE_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_SLATE_CANDIDATES = 100;
/** Row number of errors about the whole file rather than one row. */
export const WHOLE_FILE_ROW = 0;

/** A 2 MB upload may not inflate past this: exceljs unpacks the whole archive in memory. */
const MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024;

const FIELDS = Object.keys(CANDIDATE_FIELD_LABELS) as Field[];

const MESSAGES = {
  unsupportedType: "仅支持 CSV 或 Excel（.xlsx）文件",
  tooLarge: `文件超过 ${MAX_SLATE_FILE_BYTES / 1024 / 1024} MB，请删除多余的工作表、图片后再导入`,
  noCandidates: "文件中没有候选项目",
  tooMany: (count: number) => `候选项目不能超过${MAX_SLATE_CANDIDATES}个，文件中有${count}个`,
  brokenXlsx:
    "无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。请在 Excel 中打开并另存为“Excel 工作簿（*.xlsx）”后再导入",
  unpackedTooLarge: "Excel 文件内容过大，无法导入。请只保留候选项目表后另存再导入",
  notCsvText: "文件内容不是 CSV 文本。如为 Excel 文件，请使用 .xlsx 格式导入",
  brokenCsv: (line?: number) => `CSV 文件无法解析${line ? `（第${line}行附近）` : ""}，请检查引号是否成对`,
  missingColumns: (labels: string[]) => `缺少必填列：${labels.join("、")}。请使用导入模板的表头`,
  duplicateColumn: (label: string, columns: string[]) =>
    `表头中有多列都是“${label}”（${columns.join("、")}列），请只保留一列`,
  wrongUnit: (header: string) => `“${header}”列的单位须为万元：请换算为万元后填写，并将表头改为“估算投资（万元）”`,
  duplicateName: (name: string, firstRow: number) => `项目名称“${name}”与第${firstRow}行重复`,
  cellError: (label: string, error: string) => `${label}单元格为错误值 ${error}，请修正公式或改填数值`,
  formulaWithoutResult: (label: string) => `${label}单元格的公式没有计算结果，请在 Excel 中打开并保存后再导入`,
} as const;

// ---------------------------------------------------------------------------------------------
// Header recognition

/** Labels as offices write them; compared after normaliseHeader (so full-width brackets match). */
const HEADER_ALIASES: Record<Field, string[]> = {
  name: ["项目名称", "名称"],
  content: ["项目内容", "建设内容", "主要内容"],
  investment: ["估算投资(万元)", "估算投资", "投资(万元)", "投资金额"],
  fundingSource: ["资金来源"],
  plannedCompletion: ["计划完成时间", "完成时间", "计划完成", "完成时限", "计划完成时限"],
  responsibleUnit: ["责任单位", "实施单位", "牵头单位"],
};
const IGNORED_HEADERS = new Set(["序号"]);
const INVESTMENT_BASES = new Set(["估算投资", "投资金额", "投资"]);
/** Rows searched for the header, so a title row above it ("某镇2026年民生实事候选项目表") does no harm. */
const HEADER_SEARCH_ROWS = 10;

/** Full-width brackets and spaces fold under NFKC; a leading "*" marks required columns in many templates. */
function normaliseHeader(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").replace(/^\*+/, "");
}

const ALIAS_TO_FIELD = new Map<string, Field>(
  FIELDS.flatMap((field) => HEADER_ALIASES[field].map((alias) => [normaliseHeader(alias), field] as const)),
);

type HeaderCell = { field: Field } | { ignored: true } | { wrongUnit: string } | null;

function recogniseHeader(raw: string): HeaderCell {
  const key = normaliseHeader(raw);
  if (key === "") return null;
  if (IGNORED_HEADERS.has(key)) return { ignored: true };
  const field = ALIAS_TO_FIELD.get(key) ?? ALIAS_TO_FIELD.get(key.replace(/\((万元|万)\)$/, ""));
  if (field) return { field };
  const unit = /^(.+)\(([^()]*元)\)$/.exec(key);
  if (unit && INVESTMENT_BASES.has(unit[1])) return { wrongUnit: raw.trim() };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading the file into rows of cells

/** A cell as read from the file; `problem` is a cell Excel itself could not give a value for. */
type SheetCell = string | number | Date | null | { problem: "error"; error: string } | { problem: "noResult" };
type SheetRow = { row: number; cells: SheetCell[] };
type ReadResult = { rows: SheetRow[] } | { error: string };

function readCsv(bytes: Uint8Array): ReadResult {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    // Excel's "Unicode 文本" export: UTF-16LE, tab-separated.
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a BOM
    } catch {
      // Excel on Chinese Windows saves "CSV (逗号分隔)" in the ANSI code page, i.e. GBK.
      text = new TextDecoder("gb18030").decode(bytes);
    }
  }
  if (text.includes("\u0000")) return { error: MESSAGES.notCsvText };

  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  const delimiter = count(firstLine, "\t") > count(firstLine, ",") ? "\t" : ",";
  let records: string[][];
  try {
    // Empty lines are kept as records so that record i is row i + 1, as Excel numbers them;
    // a quoted field may span lines but is still one spreadsheet row.
    records = parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return { error: MESSAGES.brokenCsv(typeof line === "number" ? line : undefined) };
  }
  return { rows: records.map((cells, index) => ({ row: index + 1, cells })) };
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/**
 * Totals of a zip archive's declared entry sizes, from its central directory. Returns null when
 * the bytes are not a zip archive at all.
 */
function declaredUnpackedBytes(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const END_SIGNATURE = 0x06054b50;
  const ENTRY_SIGNATURE = 0x02014b50;
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_SIGNATURE) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== ENTRY_SIGNATURE) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: far beyond any slate
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const unpacked = declaredUnpackedBytes(bytes);
  if (unpacked === null) return { error: MESSAGES.brokenXlsx };
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) return { error: MESSAGES.unpackedTooLarge };

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its argument as its own Buffer interface; at run time it hands it to JSZip.
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch {
    return { error: MESSAGES.brokenXlsx };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { error: MESSAGES.brokenXlsx };

  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = fromExcel(cell.value, cell.numFmt);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? null) });
  });
  return { rows };
}

function fromExcel(value: ExcelJS.CellValue, numFmt: string | undefined): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) {
    // Excel turns a typed "2026/12" or "2026年12月" into 1 December 2026 shown as a month;
    // the format is all that tells it apart from a real first-of-the-month deadline.
    if (isMonthOnlyFormat(numFmt) && !Number.isNaN(value.getTime())) {
      return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, "0")}`;
    }
    return value;
  }
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return { problem: "error", error: value.error };
  if ("formula" in value || "sharedFormula" in value) {
    return value.result === undefined ? { problem: "noResult" } : fromExcel(value.result, numFmt);
  }
  if ("hyperlink" in value) {
    // The typings say string; files written by other tools put rich text here too.
    return fromExcel(value.text as ExcelJS.CellValue, numFmt);
  }
  return null;
}

function isMonthOnlyFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const code = numFmt
    .split(";")[0]
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .toLowerCase();
  return code.includes("y") && code.includes("m") && !/[dhs]/.test(code);
}

// ---------------------------------------------------------------------------------------------
// Turning rows into candidates

function isBlank(cell: SheetCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function cellText(cell: SheetCell): string {
  if (typeof cell === "string") return cell;
  if (typeof cell === "number") return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  return "";
}

/** Text fields get text; the amount and the date keep a spreadsheet's number or date for the schema. */
function schemaValue(field: Field, cell: SheetCell): unknown {
  if (field === "investment" || field === "plannedCompletion") return cell;
  return cellText(cell);
}

/** 0 → "A", 25 → "Z", 26 → "AA": columns named as Excel names them. */
function columnLetter(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

type HeaderMap = { row: number; columns: Map<Field, number> } | { errors: SlateImportError[] };

/**
 * The header is the first non-empty row, unless a row a little further down carries at least
 * three recognised labels: then the rows above it are a title ("某镇2026年民生实事候选项目表").
 */
function findHeader(rows: SheetRow[]): { headerIndex: number; header: HeaderMap } | null {
  const nonEmpty = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.cells.some((cell) => !isBlank(cell)));
  if (nonEmpty.length === 0) return null;
  const recognisedIn = (row: SheetRow) =>
    row.cells.filter((cell) => {
      const header = recogniseHeader(cellText(cell ?? null));
      return header !== null && "field" in header;
    }).length;
  const chosen = nonEmpty.slice(0, HEADER_SEARCH_ROWS).find(({ row }) => recognisedIn(row) >= 3) ?? nonEmpty[0];
  return { headerIndex: chosen.index, header: mapHeader(chosen.row) };
}

function mapHeader({ row, cells }: SheetRow): HeaderMap {
  const found = new Map<Field, number[]>();
  const errors: SlateImportError[] = [];
  cells.forEach((cell, column) => {
    const header = recogniseHeader(cellText(cell ?? null));
    if (header === null || "ignored" in header) return;
    if ("wrongUnit" in header) errors.push({ row, field: "investment", message: MESSAGES.wrongUnit(header.wrongUnit) });
    else found.set(header.field, [...(found.get(header.field) ?? []), column]);
  });
  for (const [field, columns] of found) {
    if (columns.length > 1) {
      errors.push({
        row,
        field,
        message: MESSAGES.duplicateColumn(CANDIDATE_FIELD_LABELS[field], columns.map(columnLetter)),
      });
    }
  }
  // An amount column in 元 is there but wrong; it has its own message rather than "missing".
  const missing = FIELDS.filter((field) => !found.has(field) && !errors.some((error) => error.field === field));
  if (missing.length > 0) {
    errors.unshift({ row, message: MESSAGES.missingColumns(missing.map((field) => CANDIDATE_FIELD_LABELS[field])) });
  }
  if (errors.length > 0) return { errors };
  return { row, columns: new Map([...found].map(([field, columns]) => [field, columns[0]])) };
}

/** Two names that differ only in spacing or full/half-width forms are the same project. */
function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

function byRowThenField(a: SlateImportError, b: SlateImportError): number {
  const fieldOrder = (error: SlateImportError) => (error.field ? FIELDS.indexOf(error.field) : -1);
  return a.row - b.row || fieldOrder(a) - fieldOrder(b);
}

function fail(message: string): SlateImportResult {
  return { ok: false, errors: [{ row: WHOLE_FILE_ROW, message }] };
}

function candidatesFrom(rows: SheetRow[]): SlateImportResult {
  const found = findHeader(rows);
  if (!found) return fail(MESSAGES.noCandidates);
  if ("errors" in found.header) return { ok: false, errors: found.header.errors };
  const { columns } = found.header;

  const dataRows = rows
    .slice(found.headerIndex + 1)
    .filter((row) => FIELDS.some((field) => !isBlank(row.cells[columns.get(field)!])));
  if (dataRows.length === 0) return fail(MESSAGES.noCandidates);
  if (dataRows.length > MAX_SLATE_CANDIDATES) return fail(MESSAGES.tooMany(dataRows.length));

  const errors: SlateImportError[] = [];
  const candidates: CandidateInput[] = [];
  const firstRowByName = new Map<string, number>();
  for (const { row, cells } of dataRows) {
    const input: Partial<Record<Field, unknown>> = {};
    const rowErrors = new Map<Field, string>();
    for (const field of FIELDS) {
      const cell = cells[columns.get(field)!] ?? null;
      const label = CANDIDATE_FIELD_LABELS[field];
      if (cell !== null && typeof cell === "object" && "problem" in cell) {
        rowErrors.set(
          field,
          cell.problem === "error" ? MESSAGES.cellError(label, cell.error) : MESSAGES.formulaWithoutResult(label),
        );
      } else {
        input[field] = schemaValue(field, cell);
      }
    }

    const parsed = CandidateInputSchema.safeParse(input);
    if (parsed.success && rowErrors.size === 0) {
      candidates.push(parsed.data);
    } else if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        if (!rowErrors.has(field)) rowErrors.set(field, issue.message);
      }
    }

    const name = CandidateInputSchema.shape.name.safeParse(input.name);
    if (name.success && !rowErrors.has("name")) {
      const key = nameKey(name.data);
      const firstRow = firstRowByName.get(key);
      if (firstRow === undefined) firstRowByName.set(key, row);
      else rowErrors.set("name", MESSAGES.duplicateName(name.data, firstRow));
    }
    for (const [field, message] of rowErrors) errors.push({ row, field, message });
  }

  if (errors.length > 0) return { ok: false, errors: errors.sort(byRowThenField) };
  return { ok: true, candidates };
}

/**
 * Reads a slate file (.csv or .xlsx). Never throws for a bad file: every problem comes back
 * as an error with the spreadsheet row it is on.
 */
export async function parseSlateFile(fileName: string, bytes: Uint8Array): Promise<SlateImportResult> {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension !== "csv" && extension !== "xlsx") return fail(MESSAGES.unsupportedType);
  if (bytes.byteLength > MAX_SLATE_FILE_BYTES) return fail(MESSAGES.tooLarge);
  if (bytes.byteLength === 0) return fail(MESSAGES.noCandidates);

  const read = extension === "csv" ? readCsv(bytes) : await readXlsx(bytes);
  if ("error" in read) return fail(read.error);
  return candidatesFrom(read.rows);
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

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV template. It starts with a BOM and uses CRLF: without the BOM, Excel on Chinese
 * Windows opens UTF-8 as GBK and shows mojibake.
 */
export function slateTemplateCsv(): string {
  return (
    "\uFEFF" + [TEMPLATE_HEADER, TEMPLATE_EXAMPLE_ROW].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n"
  );
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
