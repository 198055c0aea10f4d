/**
 * The first worksheet of an .xlsx file, row by row, in bounded memory and time whatever the file
 * says about itself (issue 19: a zip bomb that lied about its sizes took the server down).
 *
 * - The archive is read with yauzl from its central directory. Only the parts a table needs are
 *   inflated, each only if it declares at most MAX_XLSX_PART_BYTES; yauzl counts the bytes it
 *   really inflates and fails the moment they pass the declared size, so a lie costs nothing.
 * - The XML is parsed as a stream (saxes): no part is ever whole in memory, the reader stops as
 *   soon as the slate has what it needs, and a DOCTYPE — which Excel never writes, and which is
 *   where XXE and "billion laughs" live — refuses the file.
 *
 * Cells are read as Excel shows them: shared and inline strings, numbers, dates (by the cell's
 * number format, 1900 or 1904 based), booleans, error values, formulas with their cached result,
 * and merged ranges, whose value shows in every cell of the range.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import yauzl, { type Entry, type ZipFile } from "yauzl";

import type { SheetCell, SheetRow } from "./read-table";

/** Each part is inflated to at most this: some 40 times what a sheet of 100 full projects takes. */
export const MAX_XLSX_PART_BYTES = 8 * 1024 * 1024;
/** Merged ranges in the worksheet; a slate of 100 projects merged cell by cell has fewer. */
const MAX_MERGED_RANGES = 2_000;
/** Excel's own limits. */
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export type XlsxProblem = "broken" | "tooLarge";

class Unreadable extends Error {
  constructor(readonly problem: XlsxProblem) {
    super(problem);
  }
}

/**
 * Hands the first worksheet's rows, in order, to `onRow` until it returns false or the sheet
 * ends. Returns what is wrong with the file, or null.
 */
export async function readXlsxRows(bytes: Uint8Array, onRow: (row: SheetRow) => boolean): Promise<XlsxProblem | null> {
  let zip: ZipFile | undefined;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      autoClose: false,
    });
    const parts = new Map<string, Entry>();
    for await (const entry of zip.eachEntry()) {
      if (parts.has(entry.fileName)) return "broken"; // two parts of one name: which would Excel read?
      parts.set(entry.fileName, entry);
    }
    const archive = { zip, parts };
    const worksheets = await readWorksheetRelationships(archive);
    const { sheetPath, date1904 } = await readWorkbook(archive, worksheets);
    const numberFormats = await readNumberFormats(archive);
    const sharedStrings = await readSharedStrings(archive);
    const merges = await readMerges(archive, sheetPath);
    await readRows(archive, sheetPath, { date1904, numberFormats, sharedStrings, merges }, onRow);
    return null;
  } catch (error) {
    return error instanceof Unreadable ? error.problem : "broken";
  } finally {
    zip?.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Streaming one part

interface Archive {
  zip: ZipFile;
  parts: Map<string, Entry>;
}

type Handlers = {
  open?: (tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** Thrown by a handler to stop reading a part early: the rest of it is not needed. */
class Enough extends Error {}

/**
 * Streams the part `name` through a SAX parser. Returns false when the archive has no such part.
 * A handler throws Enough to stop early.
 */
async function streamPart({ zip, parts }: Archive, name: string, handlers: Handlers): Promise<boolean> {
  const entry = parts.get(name);
  if (!entry) return false;
  if (entry.uncompressedSize > MAX_XLSX_PART_BYTES) throw new Unreadable("tooLarge");

  const parser = new SaxesParser();
  parser.on("doctype", () => {
    throw new Unreadable("broken");
  });
  if (handlers.open) parser.on("opentag", handlers.open);
  if (handlers.close) parser.on("closetag", (tag) => handlers.close!(tag.name));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  const stream = await zip.openReadStreamPromise(entry);
  const decoder = new TextDecoder();
  try {
    for await (const chunk of stream) parser.write(decoder.decode(chunk as Uint8Array, { stream: true }));
    parser.write(decoder.decode());
    parser.close();
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  } finally {
    stream.destroy();
  }
  return true;
}

async function requirePart(archive: Archive, name: string, handlers: Handlers) {
  if (!(await streamPart(archive, name, handlers))) throw new Unreadable("broken");
}

// ---------------------------------------------------------------------------------------------
// The workbook, its styles and its strings

const WORKSHEET_TYPE = /\/worksheet$/;

/** Relationship id → the worksheet part it points at. */
async function readWorksheetRelationships(archive: Archive): Promise<Map<string, string>> {
  const worksheets = new Map<string, string>();
  await requirePart(archive, "xl/_rels/workbook.xml.rels", {
    open({ name, attributes }) {
      if (name !== "Relationship" || !WORKSHEET_TYPE.test(attributes.Type ?? "") || !attributes.Target) return;
      const target = attributes.Target;
      worksheets.set(attributes.Id ?? "", target.startsWith("/") ? target.slice(1) : `xl/${target}`);
    },
  });
  return worksheets;
}

/** The first worksheet in the workbook's own order (the tab Excel shows first), and the date system. */
async function readWorkbook(archive: Archive, worksheets: Map<string, string>) {
  let sheetPath: string | undefined;
  let date1904 = false;
  await requirePart(archive, "xl/workbook.xml", {
    open({ name, attributes }) {
      if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      if (name === "sheet") sheetPath ??= worksheets.get(attributes["r:id"] ?? "");
    },
    close(name) {
      if (name === "sheets") throw new Enough();
    },
  });
  if (sheetPath === undefined) throw new Unreadable("broken");
  return { sheetPath, date1904 };
}

/**
 * ECMA-376's built-in number formats that show a date or a time; the others show numbers. (The
 * East Asian built-ins 27–36 and 50–58 depend on the reader's locale and are read as numbers.)
 */
const BUILT_IN_DATE_FORMATS: Record<number, string> = {
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
};

/** Style index (a cell's `s`) → its number format code, if it has one. */
async function readNumberFormats(archive: Archive): Promise<Array<string | undefined>> {
  const custom = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellFormats = false;
  await streamPart(archive, "xl/styles.xml", {
    open({ name, attributes }) {
      if (name === "numFmt") custom.set(Number(attributes.numFmtId), attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellFormats = true;
      else if (name === "xf" && inCellFormats) formatIds.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === "cellXfs") throw new Enough();
    },
  });
  return formatIds.map((id) => (id ? (custom.get(id) ?? BUILT_IN_DATE_FORMATS[id]) : undefined));
}

/** Excel's escape for characters XML cannot carry: "_x000D_" is a carriage return. */
function unescapeText(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Collects a string's text: its <t> elements (one per run of rich text), leaving out phonetic
 * guides (<rPh>), which Excel does not show in the cell.
 */
function textCollector() {
  let text: string | undefined;
  let inText = false;
  let inPhonetic = false;
  return {
    reset: () => (text = undefined),
    open(name: string) {
      if (name === "rPh") inPhonetic = true;
      else if (name === "t" && !inPhonetic) inText = true;
    },
    close(name: string) {
      if (name === "rPh") inPhonetic = false;
      else if (name === "t") inText = false;
    },
    text(value: string) {
      if (inText) text = (text ?? "") + value;
    },
    value: () => (text === undefined ? undefined : unescapeText(text)),
  };
}

async function readSharedStrings(archive: Archive): Promise<string[]> {
  const strings: string[] = [];
  const collector = textCollector();
  await streamPart(archive, "xl/sharedStrings.xml", {
    open({ name }) {
      if (name === "si") collector.reset();
      collector.open(name);
    },
    close(name) {
      collector.close(name);
      if (name === "si") strings.push(collector.value() ?? "");
    },
    text: collector.text,
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// The worksheet

/** A merged range, 1-based rows and 0-based columns as SheetRow has them; `value` is its top-left cell's. */
type Merge = { top: number; left: number; bottom: number; right: number; value: SheetCell };

/** "B12" → { row: 12, column: 1 }; null for anything else. */
function cellAddress(ref: string): { row: number; column: number } | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  const row = Number(match[2]);
  if (column > MAX_COLUMNS || row < 1 || row > MAX_ROWS) return null;
  return { row, column: column - 1 };
}

/** The merged ranges come after the rows in the file: a first pass reads them and nothing else. */
async function readMerges(archive: Archive, sheetPath: string): Promise<Merge[]> {
  const merges: Merge[] = [];
  await requirePart(archive, sheetPath, {
    open({ name, attributes }) {
      if (name !== "mergeCell") return;
      const [from, to] = (attributes.ref ?? "").split(":").map(cellAddress);
      if (!from || !to) return;
      if (merges.length === MAX_MERGED_RANGES) throw new Unreadable("tooLarge");
      merges.push({ top: from.row, left: from.column, bottom: to.row, right: to.column, value: null });
    },
  });
  return merges.sort((a, b) => a.top - b.top);
}

interface SheetContext {
  date1904: boolean;
  numberFormats: Array<string | undefined>;
  sharedStrings: string[];
  merges: Merge[];
}

/** A number format shows a date if it has date or time letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** Excel's month-only display of a date (2026年12月, mmm-yy): the cell means the month. */
function isMonthOnlyFormat(format: string | undefined): boolean {
  if (!format) return false;
  const [firstSection = ""] = format.split(";");
  const code = firstSection
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/\\./g, "")
    .toLowerCase();
  return code.includes("y") && code.includes("m") && !/[dhs]/.test(code);
}

/** A number shown with a date format is a date: days since 1900 (or 1904), as Excel counts them. */
function numberCell(text: string, format: string | undefined, date1904: boolean): SheetCell {
  const value = parseFloat(text);
  if (!isDateFormat(format)) return value;
  const date = new Date(Math.round((value - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
  // Excel turns a typed 2026/12 or 2026年12月 into 1 December 2026 shown as a month;
  // the format is all that tells it apart from a real first-of-the-month deadline.
  if (isMonthOnlyFormat(format) && !Number.isNaN(date.getTime())) {
    return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
  }
  return date;
}

/** A cell as the worksheet writes it: its type (`t`), number format (by `s`), <f> and <v>. */
interface CellXml {
  type: string;
  format: string | undefined;
  formula: boolean;
  value: string | undefined;
}

function cellValue({ type, format, formula, value }: CellXml, inlineText: string | undefined, context: SheetContext): SheetCell {
  // A formula's value is the result Excel saved with it; none means the file was never recalculated.
  if (formula && !value) return { problem: "noResult" };
  if (type === "inlineStr") return inlineText ?? null;
  if (value === undefined) return null;
  if (type === "s") return context.sharedStrings[parseInt(value, 10)] ?? null;
  if (type === "str") return value;
  if (type === "b") return parseInt(value, 10) !== 0 ? "TRUE" : "FALSE";
  if (type === "e") return { problem: "error", error: value };
  return numberCell(value, format, context.date1904);
}

async function readRows(archive: Archive, sheetPath: string, context: SheetContext, onRow: (row: SheetRow) => boolean) {
  const { merges } = context;
  let nextMerge = 0;
  let active: Merge[] = [];
  let row: SheetRow | null = null;
  let lastRow = 0;
  let lastColumn = -1;
  let cell: (CellXml & { column: number }) | null = null;
  let inValue = false;
  let inFormula = false;
  const inline = textCollector();

  const finishCell = () => {
    const { column } = cell!;
    const read = cellValue(cell!, inline.value(), context);
    if (read !== null) row!.cells[column] = read;
    for (const merge of active) if (merge.top === row!.row && merge.left === column) merge.value = read;
    cell = null;
  };

  const finishRow = () => {
    const current = row!;
    for (const merge of active) {
      if (merge.value === null) continue;
      for (let column = merge.left; column <= merge.right; column++) {
        if (current.row !== merge.top || column !== merge.left) current.cells[column] = merge.value;
      }
    }
    row = null;
    if (!onRow(current)) throw new Enough();
  };

  await requirePart(archive, sheetPath, {
    open({ name, attributes }) {
      if (row === null) {
        if (name !== "row") return;
        const number = attributes.r === undefined ? lastRow + 1 : Number(attributes.r);
        // Excel writes rows in order, each once; anything else is not a file Excel made or would open.
        if (!Number.isInteger(number) || number <= lastRow || number > MAX_ROWS) throw new Unreadable("broken");
        lastRow = number;
        lastColumn = -1;
        row = { row: number, cells: [] };
        while (nextMerge < merges.length && merges[nextMerge]!.top <= number) active.push(merges[nextMerge++]!);
        active = active.filter((merge) => merge.bottom >= number);
        return;
      }
      if (name === "c") {
        const address = attributes.r === undefined ? null : cellAddress(attributes.r);
        if (attributes.r !== undefined && address?.row !== row.row) throw new Unreadable("broken");
        const column = address ? address.column : lastColumn + 1;
        if (column <= lastColumn || column >= MAX_COLUMNS) throw new Unreadable("broken");
        lastColumn = column;
        const style = attributes.s === undefined ? undefined : context.numberFormats[parseInt(attributes.s, 10)];
        cell = { column, type: attributes.t ?? "n", format: style, formula: false, value: undefined };
        inline.reset();
      } else if (cell) {
        if (name === "v") inValue = true;
        else if (name === "f") {
          inFormula = true;
          // A shared formula's later cells carry only its index (t="shared" si="0").
          if (attributes.t !== undefined) cell.formula = true;
        } else inline.open(name);
      }
    },
    close(name) {
      if (name === "sheetData") throw new Enough();
      if (row === null) return;
      if (name === "v") inValue = false;
      else if (name === "f") inFormula = false;
      else if (name === "c" && cell) finishCell();
      else if (name === "row") finishRow();
      else inline.close(name);
    },
    text(text) {
      if (!cell) return;
      if (inValue) cell.value = (cell.value ?? "") + text;
      else if (inFormula) cell.formula ||= text !== "";
      else inline.text(text);
    },
  });
}
