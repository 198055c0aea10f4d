/**
 * Reading a slate file into candidates — runs in the slate reader's thread (reader-thread.ts).
 *
 * All or nothing: a slate goes before the congress as a whole, so one bad row means nothing is
 * imported and the office gets every problem at once, each with the row number Excel shows.
 * Every row goes through CandidateInputSchema, the same schema as the hand-entry form.
 *
 * Rows are taken one at a time (SlateRows) and only what the slate needs is kept, so a sheet of a
 * million rows costs no more memory than one of a hundred.
 */
import { parse as parseCsv } from "csv-parse/sync";

import { CANDIDATE_FIELD_LABELS, CandidateInputSchema, type CandidateInput } from "~/schemas/candidate";
import { readXlsxRows } from "./xlsx-rows";

type Field = keyof CandidateInput;

/** `row` is the spreadsheet row (1-based); 0 means the file as a whole. */
export type SlateImportError = { row: number; field?: Field; message: string };
export type SlateImportResult = { ok: true; candidates: CandidateInput[] } | { ok: false; errors: SlateImportError[] };

export const MAX_SLATE_FILE_BYTES = 2 * 1024 * 1024;
export const MAX_SLATE_CANDIDATES = 100;
/** Row number of errors about the whole file rather than one row. */
export const WHOLE_FILE_ROW = 0;

export const FIELDS = Object.keys(CANDIDATE_FIELD_LABELS) as Field[];

export const MESSAGES = {
  unsupportedType: "仅支持 CSV 或 Excel（.xlsx）文件",
  tooLarge: `文件超过 ${MAX_SLATE_FILE_BYTES / 1024 / 1024} MB，请删除多余的工作表、图片后再导入`,
  noCandidates: "文件中没有候选项目",
  tooMany: (count: number) => `候选项目不能超过${MAX_SLATE_CANDIDATES}个，文件中有${count}个`,
  brokenXlsx:
    "无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。请在 Excel 中打开并另存为“Excel 工作簿（*.xlsx）”后再导入",
  unpackedTooLarge: "Excel 文件内容过大，无法导入。请只保留候选项目表后另存再导入",
  /** The reader thread ran out of its memory or time (a file built to exhaust it). */
  readerGaveUp: "文件内容过大或过于复杂，无法导入。请只保留候选项目表，另存为新文件后再导入",
  /** Another import is being read: one file at a time, so that imports never hold up the ballots. */
  readerBusy: "系统正在读取另一个导入文件，请稍后再试",
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

export function fail(message: string): SlateImportResult {
  return { ok: false, errors: [{ row: WHOLE_FILE_ROW, message }] };
}

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
// Cells and rows as read from the file

/** A cell as read from the file; `problem` is a cell Excel itself could not give a value for. */
export type SheetCell = string | number | Date | null | { problem: "error"; error: string } | { problem: "noResult" };
/** `cells` may have holes (columns the file leaves out): a hole is an empty cell. */
export type SheetRow = { row: number; cells: SheetCell[] };

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
export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Turning rows into candidates

type HeaderMap = { row: number; columns: Map<Field, number> } | { errors: SlateImportError[] };

function recognisedIn(row: SheetRow): number {
  return row.cells.filter((cell) => {
    const header = recogniseHeader(cellText(cell ?? null));
    return header !== null && "field" in header;
  }).length;
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

/**
 * A sheet's rows, taken one at a time. The header is the first non-empty row, unless a row a
 * little further down carries at least three recognised labels: then the rows above it are a title
 * ("某镇2026年民生实事候选项目表"). After the header, a row with something in one of the slate's
 * columns is a project; past MAX_SLATE_CANDIDATES projects are only counted, not kept.
 */
class SlateRows {
  private searched: SheetRow[] = [];
  private header: HeaderMap | null = null;
  private projects: SheetRow[] = [];
  private projectCount = 0;

  /** Takes the next row; false once no later row can change the outcome (the header is wrong). */
  add(row: SheetRow): boolean {
    if (row.cells.every(isBlank)) return true;
    if (this.header) return this.addAfterHeader(row);
    this.searched.push(row);
    if (recognisedIn(row) >= 3) this.settleHeader(this.searched.length - 1);
    else if (this.searched.length === HEADER_SEARCH_ROWS) this.settleHeader(0);
    return this.header === null || !("errors" in this.header);
  }

  result(): SlateImportResult {
    if (!this.header) {
      if (this.searched.length === 0) return fail(MESSAGES.noCandidates);
      this.settleHeader(0);
    }
    const header = this.header!;
    if ("errors" in header) return { ok: false, errors: header.errors };
    if (this.projectCount === 0) return fail(MESSAGES.noCandidates);
    if (this.projectCount > MAX_SLATE_CANDIDATES) return fail(MESSAGES.tooMany(this.projectCount));
    return candidatesFrom(this.projects, header.columns);
  }

  private settleHeader(index: number) {
    const [chosen, ...after] = this.searched.slice(index);
    this.searched = [];
    this.header = mapHeader(chosen!);
    for (const row of after) this.addAfterHeader(row);
  }

  private addAfterHeader(row: SheetRow): boolean {
    const header = this.header!;
    if ("errors" in header) return false;
    if (FIELDS.every((field) => isBlank(row.cells[header.columns.get(field)!]))) return true;
    this.projectCount++;
    if (this.projectCount <= MAX_SLATE_CANDIDATES) this.projects.push(row);
    else this.projects = []; // too many whatever they hold: the count is all that is left to report
    return true;
  }
}

/** Two names that differ only in spacing or full/half-width forms are the same project. */
function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

function byRowThenField(a: SlateImportError, b: SlateImportError): number {
  const fieldOrder = (error: SlateImportError) => (error.field ? FIELDS.indexOf(error.field) : -1);
  return a.row - b.row || fieldOrder(a) - fieldOrder(b);
}

function candidatesFrom(rows: SheetRow[], columns: Map<Field, number>): SlateImportResult {
  const errors: SlateImportError[] = [];
  const candidates: CandidateInput[] = [];
  const firstRowByName = new Map<string, number>();
  for (const { row, cells } of rows) {
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

// ---------------------------------------------------------------------------------------------
// The file formats

function readCsv(bytes: Uint8Array, rows: SlateRows): string | null {
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
  if (text.includes("\u0000")) return MESSAGES.notCsvText;

  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  const delimiter = count(firstLine, "\t") > count(firstLine, ",") ? "\t" : ",";
  let row = 0;
  try {
    // Empty lines are kept as records so that record i is row i + 1, as Excel numbers them;
    // a quoted field may span lines but is still one spreadsheet row. Records go to `rows` as
    // they are parsed (on_record returns null: none is kept here).
    parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (cells: string[]) => {
        rows.add({ row: ++row, cells });
        return null;
      },
    });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    return MESSAGES.brokenCsv(typeof line === "number" ? line : undefined);
  }
  return null;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

async function readXlsx(bytes: Uint8Array, rows: SlateRows): Promise<string | null> {
  const problem = await readXlsxRows(bytes, (row) => rows.add(row));
  if (problem === "tooLarge") return MESSAGES.unpackedTooLarge;
  if (problem === "broken") return MESSAGES.brokenXlsx;
  return null;
}

/** The checks that need no reading: the file's type and size. Returns the refusal, or the type. */
export function checkSlateFile(
  fileName: string,
  bytes: Uint8Array,
): { refused: SlateImportResult } | { type: "csv" | "xlsx" } {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension !== "csv" && extension !== "xlsx") return { refused: fail(MESSAGES.unsupportedType) };
  if (bytes.byteLength > MAX_SLATE_FILE_BYTES) return { refused: fail(MESSAGES.tooLarge) };
  if (bytes.byteLength === 0) return { refused: fail(MESSAGES.noCandidates) };
  return { type: extension };
}

/**
 * Reads a slate file (.csv or .xlsx). Never throws for a bad file: every problem comes back
 * as an error with the spreadsheet row it is on.
 */
export async function readSlate(fileName: string, bytes: Uint8Array): Promise<SlateImportResult> {
  const checked = checkSlateFile(fileName, bytes);
  if ("refused" in checked) return checked.refused;
  const rows = new SlateRows();
  const problem = checked.type === "csv" ? readCsv(bytes, rows) : await readXlsx(bytes, rows);
  if (problem) return fail(problem);
  return rows.result();
}
