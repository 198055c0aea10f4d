/**
 * Reading an uploaded table (CSV or .xlsx) into rows of one kind — candidate projects (a slate),
 * deputies (a roster) — in the table reader's thread (reader-thread.ts). What a kind of table
 * holds is its TableSpec (slate-table.ts, roster-table.ts); how any table is read is here, once.
 *
 * All or nothing: one bad row means nothing is imported and the office gets every problem at
 * once, each with the row number Excel shows. Every row goes through the kind's schema, the same
 * one as its hand-entry form.
 *
 * Rows are taken one at a time (TableRows) and only what the table needs is kept, so a sheet of a
 * million rows costs no more memory than one of a hundred.
 */
import { parse as parseCsv } from "csv-parse/sync";
import type { z } from "zod";

import { tableImportMessages } from "~/messages/table-import";
import { readXlsxRows } from "./xlsx-rows";

/** `row` is the spreadsheet row (1-based); 0 means the file as a whole. */
export type TableImportError<F extends string = string> = { row: number; field?: F; message: string };
export type TableImportResult<T, F extends string = string> =
  { ok: true; rows: Array<{ row: number; value: T }> } | { ok: false; errors: TableImportError<F>[] };

/** A value that must not repeat within the file: its key, and the text its message shows. */
export type UniqueValue = { key: string; shown: string };

/** What one kind of table holds and how its cells become a row. */
export interface TableSpec<F extends string, T> {
  /** The fields in template order, with their labels. */
  labels: Record<F, string>;
  /** Labels as offices write them; compared after normaliseHeader (so full-width brackets match). */
  aliases: Record<F, string[]>;
  /** Columns the file must have; the others may be left out. */
  required: readonly F[];
  /** The kind's one schema for a row; an issue's path[0] names the field. */
  schema: z.ZodType<T>;
  maxRows: number;
  /** The value a cell hands the schema (text by default). */
  cellValue?: (field: F, cell: SheetCell) => unknown;
  /** A header this kind refuses with its own message (a slate's amount in 元 rather than 万元). */
  refuseHeader?: (key: string, raw: string) => { field: F; message: string } | null;
  /** Fields that must not repeat within the file. */
  unique: Array<{ field: F; value: (raw: unknown) => UniqueValue | null; message: (shown: string, firstRow: number) => string }>;
  messages: {
    noRows: string;
    tooMany: (count: number) => string;
    unpackedTooLarge: string;
    /** The reader thread ran out of its memory or time (a file built to exhaust it). */
    readerGaveUp: string;
  };
}

export const MAX_TABLE_FILE_BYTES = 2 * 1024 * 1024;
/** Row number of errors about the whole file rather than one row. */
export const WHOLE_FILE_ROW = 0;

const MESSAGES = tableImportMessages.file;

export function fail<F extends string = string>(message: string): { ok: false; errors: TableImportError<F>[] } {
  return { ok: false, errors: [{ row: WHOLE_FILE_ROW, message }] };
}

// ---------------------------------------------------------------------------------------------
// Header recognition

const IGNORED_HEADERS = new Set(tableImportMessages.ignoredHeaders);
/** Rows searched for the header, so a title row above it (the township's own title of the table) does no harm. */
const HEADER_SEARCH_ROWS = 10;

/** Full-width brackets and spaces fold under NFKC; a leading "*" marks required columns in many templates. */
export function normaliseHeader(value: string): string {
  return value.normalize("NFKC").replace(/\s+/g, "").replace(/^\*+/, "");
}

type HeaderCell<F> = { field: F } | { ignored: true } | { refused: { field: F; message: string } } | null;

/** Reads a header cell of one kind of table. */
class Headers<F extends string> {
  private readonly byAlias: Map<string, F>;

  constructor(private readonly spec: TableSpec<F, unknown>) {
    const fields = Object.keys(spec.labels) as F[];
    this.byAlias = new Map(fields.flatMap((field) => spec.aliases[field].map((alias) => [normaliseHeader(alias), field] as const)));
  }

  recognise(raw: string): HeaderCell<F> {
    const key = normaliseHeader(raw);
    if (key === "") return null;
    if (IGNORED_HEADERS.has(key)) return { ignored: true };
    const field = this.byAlias.get(key) ?? this.byAlias.get(key.replace(/\((万元|万)\)$/, ""));
    if (field) return { field };
    const refused = this.spec.refuseHeader?.(key, raw);
    return refused ? { refused } : null;
  }
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

export function cellText(cell: SheetCell): string {
  if (typeof cell === "string") return cell;
  if (typeof cell === "number") return String(cell);
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "" : cell.toISOString().slice(0, 10);
  return "";
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
// Turning rows into values

type HeaderMap<F> = { row: number; columns: Map<F, number> } | { errors: TableImportError[] };

/**
 * A sheet's rows, taken one at a time. The header is the first non-empty row, unless a row a
 * little further down carries at least three recognised labels: then the rows above it are a title
 * (某镇2026年民生实事候选项目表). After the header, a row with something in one of the table's
 * columns is a row of the table; past maxRows they are only counted, not kept.
 */
class TableRows<F extends string, T> {
  private readonly fields: F[];
  private readonly headers: Headers<F>;
  private searched: SheetRow[] = [];
  private header: HeaderMap<F> | null = null;
  private kept: SheetRow[] = [];
  private count = 0;

  constructor(private readonly spec: TableSpec<F, T>) {
    this.fields = Object.keys(spec.labels) as F[];
    this.headers = new Headers(spec as TableSpec<F, unknown>);
  }

  /** Takes the next row; false once no later row can change the outcome (the header is wrong). */
  add(row: SheetRow): boolean {
    if (row.cells.every(isBlank)) return true;
    if (this.header) return this.addAfterHeader(row);
    this.searched.push(row);
    if (this.recognisedIn(row) >= 3) this.settleHeader(this.searched.length - 1);
    else if (this.searched.length === HEADER_SEARCH_ROWS) this.settleHeader(0);
    return this.header === null || !("errors" in this.header);
  }

  result(): TableImportResult<T, F> {
    if (!this.header) {
      if (this.searched.length === 0) return fail(this.spec.messages.noRows);
      this.settleHeader(0);
    }
    const header = this.header!;
    if ("errors" in header) return { ok: false, errors: header.errors as TableImportError<F>[] };
    if (this.count === 0) return fail(this.spec.messages.noRows);
    if (this.count > this.spec.maxRows) return fail(this.spec.messages.tooMany(this.count));
    return this.values(header.columns);
  }

  private recognisedIn(row: SheetRow): number {
    return row.cells.filter((cell) => {
      const header = this.headers.recognise(cellText(cell ?? null));
      return header !== null && "field" in header;
    }).length;
  }

  private mapHeader({ row, cells }: SheetRow): HeaderMap<F> {
    const found = new Map<F, number[]>();
    const errors: TableImportError<F>[] = [];
    cells.forEach((cell, column) => {
      const header = this.headers.recognise(cellText(cell ?? null));
      if (header === null || "ignored" in header) return;
      if ("refused" in header) errors.push({ row, ...header.refused });
      else found.set(header.field, [...(found.get(header.field) ?? []), column]);
    });
    for (const [field, columns] of found) {
      if (columns.length > 1) {
        errors.push({ row, field, message: MESSAGES.duplicateColumn(this.spec.labels[field], columns.map(columnLetter)) });
      }
    }
    // A refused column is there but wrong; it has its own message rather than "missing".
    const missing = this.spec.required.filter((field) => !found.has(field) && !errors.some((error) => error.field === field));
    if (missing.length > 0) {
      errors.unshift({ row, message: MESSAGES.missingColumns(missing.map((field) => this.spec.labels[field])) });
    }
    if (errors.length > 0) return { errors };
    return { row, columns: new Map([...found].map(([field, columns]) => [field, columns[0]!])) };
  }

  private settleHeader(index: number) {
    const [chosen, ...after] = this.searched.slice(index);
    this.searched = [];
    this.header = this.mapHeader(chosen!);
    for (const row of after) this.addAfterHeader(row);
  }

  private addAfterHeader(row: SheetRow): boolean {
    const header = this.header!;
    if ("errors" in header) return false;
    if ([...header.columns.values()].every((column) => isBlank(row.cells[column]))) return true;
    this.count++;
    if (this.count <= this.spec.maxRows) this.kept.push(row);
    else this.kept = []; // too many whatever they hold: the count is all that is left to report
    return true;
  }

  private values(columns: Map<F, number>): TableImportResult<T, F> {
    const { spec, fields } = this;
    const errors: TableImportError<F>[] = [];
    const values: Array<{ row: number; value: T }> = [];
    const firstRows = spec.unique.map(() => new Map<string, number>());
    for (const { row, cells } of this.kept) {
      const input: Partial<Record<F, unknown>> = {};
      const rowErrors = new Map<F, string>();
      for (const field of fields) {
        const column = columns.get(field);
        const cell = column === undefined ? null : (cells[column] ?? null);
        const label = spec.labels[field];
        if (cell !== null && typeof cell === "object" && "problem" in cell) {
          rowErrors.set(field, cell.problem === "error" ? MESSAGES.cellError(label, cell.error) : MESSAGES.formulaWithoutResult(label));
        } else {
          input[field] = spec.cellValue ? spec.cellValue(field, cell) : cellText(cell);
        }
      }

      const parsed = spec.schema.safeParse(input);
      if (parsed.success && rowErrors.size === 0) {
        values.push({ row, value: parsed.data });
      } else if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = issue.path[0] as F;
          if (!rowErrors.has(field)) rowErrors.set(field, issue.message);
        }
      }

      spec.unique.forEach(({ field, value, message }, index) => {
        const unique = rowErrors.has(field) ? null : value(input[field]);
        if (!unique) return;
        const firstRow = firstRows[index]!.get(unique.key);
        if (firstRow === undefined) firstRows[index]!.set(unique.key, row);
        else rowErrors.set(field, message(unique.shown, firstRow));
      });
      for (const [field, message] of rowErrors) errors.push({ row, field, message });
    }

    if (errors.length > 0) {
      const fieldOrder = (error: TableImportError<F>) => (error.field ? fields.indexOf(error.field) : -1);
      return { ok: false, errors: errors.sort((a, b) => a.row - b.row || fieldOrder(a) - fieldOrder(b)) };
    }
    return { ok: true, rows: values };
  }
}

// ---------------------------------------------------------------------------------------------
// The file formats

function readCsv(bytes: Uint8Array, rows: TableRows<string, unknown>): string | null {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    // Excel's Unicode text export (Unicode 文本): UTF-16LE, tab-separated.
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a BOM
    } catch {
      // Excel on Chinese Windows saves CSV (逗号分隔) in the ANSI code page, i.e. GBK.
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

async function readXlsx(bytes: Uint8Array, rows: TableRows<string, unknown>, spec: TableSpec<string, unknown>): Promise<string | null> {
  const problem = await readXlsxRows(bytes, (row) => rows.add(row));
  if (problem === "tooLarge") return spec.messages.unpackedTooLarge;
  if (problem === "broken") return MESSAGES.brokenXlsx;
  return null;
}

/** The checks that need no reading: the file's type and size. Returns the refusal, or the type. */
export function checkTableFile(
  spec: TableSpec<string, unknown>,
  fileName: string,
  bytes: Uint8Array,
): { refused: TableImportResult<never, never> } | { type: "csv" | "xlsx" } {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension !== "csv" && extension !== "xlsx") return { refused: fail(MESSAGES.unsupportedType) };
  if (bytes.byteLength > MAX_TABLE_FILE_BYTES) return { refused: fail(MESSAGES.tooLarge(MAX_TABLE_FILE_BYTES / 1024 / 1024)) };
  if (bytes.byteLength === 0) return { refused: fail(spec.messages.noRows) };
  return { type: extension };
}

/**
 * Reads a table file (.csv or .xlsx) of one kind. Never throws for a bad file: every problem
 * comes back as an error with the spreadsheet row it is on.
 */
export async function readTable<F extends string, T>(spec: TableSpec<F, T>, fileName: string, bytes: Uint8Array): Promise<TableImportResult<T, F>> {
  const general = spec as unknown as TableSpec<string, unknown>;
  const checked = checkTableFile(general, fileName, bytes);
  if ("refused" in checked) return checked.refused;
  const rows = new TableRows(spec);
  const asGeneral = rows as unknown as TableRows<string, unknown>;
  const problem = checked.type === "csv" ? readCsv(bytes, asGeneral) : await readXlsx(bytes, asGeneral, general);
  if (problem) return fail(problem);
  return rows.result();
}
