/**
 * Workbooks written byte by byte for the slate import's tests: a small zip writer, so that a test can
 * make an archive lie about its sizes, and the hostile workbooks of the security review (issue 19).
 * Everything is built in memory at run time; nothing binary is committed.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

/** A part already deflated (possibly far larger inflated than it is here). */
export interface DeflatedPart {
  deflated: Uint8Array;
  size: number;
  crc: number;
}

export interface ZipPart {
  name: string;
  data: string | Uint8Array | DeflatedPart;
  /** Written into both headers instead of the real size: an archive that lies. */
  declaredSize?: number;
}

const encoder = new TextEncoder();

/**
 * Deflates `segments` one by one, each flushed so that the next starts afresh: a segment repeated
 * `times` is compressed once and its bytes repeated, which is how a 1 MiB file inflates to 1 GiB.
 */
export function deflateSegments(segments: Array<{ text: string; times?: number }>): DeflatedPart {
  const pieces: Uint8Array[] = [];
  let size = 0;
  let crc = 0;
  for (const { text, times = 1 } of segments) {
    const bytes = encoder.encode(text);
    const deflated = deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
    for (let i = 0; i < times; i++) {
      pieces.push(deflated);
      crc = crc32(bytes, crc);
    }
    size += bytes.length * times;
  }
  pieces.push(Uint8Array.of(0x03, 0x00)); // the final, empty block
  return { deflated: Buffer.concat(pieces), size, crc };
}

/** A zip archive (deflate, no data descriptors), as Excel writes one. */
export function zipArchive(parts: ZipPart[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const part of parts) {
    const packed = typeof part.data === "string" || part.data instanceof Uint8Array ? deflateSegments([{ text: text(part.data) }]) : part.data;
    const size = part.declaredSize ?? packed.size;
    const name = encoder.encode(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeCommon(local, 4, packed, size, name.length);
    locals.push(local, name, packed.deflated);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    writeCommon(central, 6, packed, size, name.length);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + packed.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

function text(data: string | Uint8Array): string {
  return typeof data === "string" ? data : new TextDecoder().decode(data);
}

/** The fields local and central headers share, from "version needed" to the extra field's length. */
function writeCommon(header: Buffer, at: number, part: DeflatedPart, size: number, nameLength: number) {
  header.writeUInt16LE(20, at); // version needed
  header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
  header.writeUInt16LE(8, at + 4); // deflate
  header.writeUInt16LE(0, at + 6); // time
  header.writeUInt16LE(0x21, at + 8); // 1980-01-01
  header.writeUInt32LE(part.crc >>> 0, at + 10);
  header.writeUInt32LE(part.deflated.length, at + 14);
  header.writeUInt32LE(size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

// ---------------------------------------------------------------------------------------------
// Workbooks

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function xmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The start and end of a worksheet's XML, around its rows. */
export const SHEET_START = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheetData>`;
export const SHEET_END = "</sheetData></worksheet>";

/** One row of inline-string and number cells, in columns A, B, C… */
export function sheetRow(row: number, values: Array<string | number>): string {
  const cells = values.map((value, i) => {
    const ref = `${String.fromCharCode(65 + i)}${row}`;
    return typeof value === "number" ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlText(value)}</t></is></c>`;
  });
  return `<row r="${row}">${cells.join("")}</row>`;
}

/**
 * A workbook of one worksheet and nothing else a reader needs (no styles, no shared strings), with
 * `sheet` as the worksheet part. `extraParts` are added after it.
 */
export function workbook(sheet: ZipPart["data"], options: { sheetDeclaredSize?: number; extraParts?: ZipPart[] } = {}): Uint8Array {
  return zipArchive([
    {
      name: "[Content_Types].xml",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="候选项目" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: "xl/worksheets/sheet1.xml", data: sheet, declaredSize: options.sheetDeclaredSize },
    ...(options.extraParts ?? []),
  ]);
}

export const SLATE_HEADER = ["序号", "项目名称", "项目内容", "估算投资（万元）", "资金来源", "计划完成时间", "责任单位"];

export function slateRow(n: number): Array<string | number> {
  return [n, `第${n}村道路硬化工程`, "硬化村主干道2公里，路面宽4.5米，配套建设排水沟", 120 + (n % 50), "县级财政补助", "2026-12", "某镇人民政府"];
}

// ---------------------------------------------------------------------------------------------
// The hostile workbooks

const MiB = 1024 * 1024;

/**
 * About 1 MiB on disk that inflates to 1 GiB of worksheet XML, while both zip headers say the
 * worksheet is 1 KiB: a reader that trusts the declared sizes inflates all of it.
 */
export function lyingZipBomb(): Uint8Array {
  const padding = " ".repeat(MiB); // white space between rows: well-formed XML all the way
  return workbook(deflateSegments([{ text: SHEET_START + sheetRow(1, SLATE_HEADER) }, { text: padding, times: 1024 }, { text: SHEET_END }]), {
    sheetDeclaredSize: 1024,
  });
}

/** The same 1 GiB, declared honestly. */
export function honestZipBomb(): Uint8Array {
  return workbook(deflateSegments([{ text: SHEET_START }, { text: " ".repeat(MiB), times: 1024 }, { text: SHEET_END }]));
}

/**
 * A worksheet of `mebibytes` MiB of honest, ordinary rows (a slate of a few hundred thousand
 * projects): small on disk, all its sizes true.
 */
export function manyRowsWorkbook(mebibytes: number): Uint8Array {
  const segments: Array<{ text: string }> = [{ text: SHEET_START + sheetRow(1, SLATE_HEADER) }];
  // Projects described at the content's full length (1,000 characters): what makes 57 MiB of XML small on disk.
  const longRow = slateRow(1).map((value, i) => (i === 2 ? "硬化村主干道两公里，配套建设排水沟。".repeat(56).slice(0, 1000) : value));
  let row = 2;
  for (let written = 0; written < mebibytes * MiB;) {
    const rows: string[] = [];
    for (let bytes = 0; bytes < MiB; row++) {
      const line = sheetRow(row, longRow);
      rows.push(line);
      bytes += Buffer.byteLength(line);
    }
    const chunk = rows.join("");
    segments.push({ text: chunk });
    written += Buffer.byteLength(chunk);
  }
  segments.push({ text: SHEET_END });
  return workbook(deflateSegments(segments));
}

/** A worksheet whose DOCTYPE declares an entity from a file (XXE). */
export function externalEntityWorkbook(): Uint8Array {
  return workbook(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<worksheet xmlns="${MAIN}"><sheetData>` +
      `${sheetRow(1, SLATE_HEADER)}<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c></row>${SHEET_END}`,
  );
}

/** A worksheet whose DOCTYPE nests entities ten deep ("billion laughs": 10^9 "lol"s if expanded). */
export function billionLaughsWorkbook(): Uint8Array {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return workbook(
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [${entities.join("")}]>\n<worksheet xmlns="${MAIN}"><sheetData>` +
      `${sheetRow(1, SLATE_HEADER)}<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>&lol9;</t></is></c></row>${SHEET_END}`,
  );
}
