/**
 * Reading SQLite's files as a forensic examiner would, without SQLite: every page of the database
 * file and every frame of the write-ahead log (valid or stale), every b-tree leaf cell on them with
 * where it sits on its page, and the records in those cells. Free pages and stale frames are read
 * too: whatever bytes are on disk count. (File format: https://www.sqlite.org/fileformat2.html)
 */
import { existsSync, readFileSync } from "node:fs";

export type Value = null | number | bigint | string | Buffer;

/** One b-tree leaf cell found somewhere in the files. */
export interface Cell {
  /** "db" for the database file, "wal" for the write-ahead log. */
  source: "db" | "wal";
  /** Page number in the database file, or frame index (0-based) in the log. */
  unit: number;
  /** For a log frame: the database page it holds, the commit it belongs to (frames up to the next commit frame), and its generation. */
  page: number;
  commit: number | null;
  generation: number | null;
  /** Byte offset of the cell on its page: SQLite fills a page from its end, so higher = inserted earlier. */
  offset: number;
  kind: "table" | "index";
  /** Table leaf cells: the row's key. */
  rowid: bigint | null;
  values: Value[];
}

export interface Files {
  db: Buffer;
  wal: Buffer;
  shm: Buffer;
}

export function readFiles(path: string): Files {
  const read = (file: string) => (existsSync(file) ? readFileSync(file) : Buffer.alloc(0));
  return { db: read(path), wal: read(`${path}-wal`), shm: read(`${path}-shm`) };
}

export function pageSizeOf(db: Buffer): number {
  const raw = db.readUInt16BE(16);
  return raw === 1 ? 65536 : raw;
}

/** Every leaf cell of every page of the database file and of every frame of its log. */
export function allCells(files: Files): Cell[] {
  const pageSize = pageSizeOf(files.db);
  const cells: Cell[] = [];
  for (let page = 1; page * pageSize <= files.db.length; page += 1) {
    const data = files.db.subarray((page - 1) * pageSize, page * pageSize);
    for (const cell of leafCells(data, page === 1 ? 100 : 0)) cells.push({ source: "db", unit: page, page, commit: null, generation: null, ...cell });
  }
  const frames = walFrames(files.wal);
  for (const frame of frames) {
    for (const cell of leafCells(frame.data, frame.page === 1 ? 100 : 0))
      cells.push({ source: "wal", unit: frame.index, page: frame.page, commit: frame.commit, generation: frame.generation, ...cell });
  }
  return cells;
}

export interface Frame {
  index: number;
  page: number;
  /** The commit this frame belongs to: the index of the next commit frame at or after it. */
  commit: number | null;
  /** The log's generation the frame was written in: salt-1 grows by one each time the log restarts. */
  generation: number;
  /** Whether the frame belongs to the log's current generation (salts match the header). */
  current: boolean;
  data: Buffer;
}

/** The frames of a write-ahead log, stale ones included (a log is reused from its start after a checkpoint). */
export function walFrames(wal: Buffer): Frame[] {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frames: Frame[] = [];
  for (let at = 32, index = 0; at + 24 + pageSize <= wal.length; at += 24 + pageSize, index += 1) {
    const page = wal.readUInt32BE(at);
    const sizeAfterCommit = wal.readUInt32BE(at + 4);
    frames.push({
      index,
      page,
      commit: sizeAfterCommit > 0 ? index : null,
      generation: wal.readUInt32BE(at + 8),
      current: wal.readUInt32BE(at + 8) === salt1 && wal.readUInt32BE(at + 12) === salt2,
      data: wal.subarray(at + 24, at + 24 + pageSize),
    });
  }
  // A frame belongs to the commit whose commit frame comes next in its generation.
  let commit: number | null = null;
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    if (i < frames.length - 1 && frames[i]!.generation !== frames[i + 1]!.generation) commit = null;
    if (frames[i]!.commit !== null) commit = frames[i]!.commit;
    frames[i]!.commit = commit;
  }
  return frames;
}

type ParsedCell = Pick<Cell, "offset" | "kind" | "rowid" | "values">;

/** The cells of a page if it is a b-tree leaf page (table 0x0D or index 0x0A); none otherwise. */
function leafCells(page: Buffer, headerAt: number): ParsedCell[] {
  const type = page[headerAt];
  if (type !== 0x0d && type !== 0x0a) return [];
  const count = page.readUInt16BE(headerAt + 3);
  const cells: ParsedCell[] = [];
  for (let i = 0; i < count; i += 1) {
    const pointerAt = headerAt + 8 + 2 * i;
    if (pointerAt + 2 > page.length) break;
    const offset = page.readUInt16BE(pointerAt);
    try {
      cells.push({ offset, ...parseCell(page, offset, type === 0x0d ? "table" : "index") });
    } catch {
      // Not a cell after all (a page that only looks like a leaf): skip it.
    }
  }
  return cells;
}

function parseCell(page: Buffer, offset: number, kind: "table" | "index"): Omit<ParsedCell, "offset"> {
  let at = offset;
  const [payloadSize, afterSize] = varint(page, at);
  at = afterSize;
  let rowid: bigint | null = null;
  if (kind === "table") {
    const [key, afterKey] = varint(page, at);
    rowid = key;
    at = afterKey;
  }
  const size = Number(payloadSize);
  // Payloads that spill onto overflow pages are read as far as they are on this page.
  const payload = page.subarray(at, Math.min(page.length, at + size));
  return { kind, rowid, values: parseRecord(payload) };
}

export function parseRecord(payload: Buffer): Value[] {
  const [headerSize, afterHeaderSize] = varint(payload, 0);
  const types: bigint[] = [];
  for (let at = afterHeaderSize; at < Number(headerSize);) {
    const [type, next] = varint(payload, at);
    types.push(type);
    at = next;
  }
  const values: Value[] = [];
  let at = Number(headerSize);
  for (const type of types.map(Number)) {
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      const width = [0, 1, 2, 3, 4, 6, 8][type]!;
      if (at + width > payload.length) throw new Error("record cut short");
      const value = BigInt.asIntN(width * 8, BigInt(`0x${payload.subarray(at, at + width).toString("hex")}`));
      values.push(value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
      at += width;
    } else if (type === 7) {
      values.push(payload.readDoubleBE(at));
      at += 8;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const length = Math.floor((type - 12) / 2);
      if (at + length > payload.length) throw new Error("record cut short");
      const bytes = payload.subarray(at, at + length);
      values.push(type % 2 === 0 ? Buffer.from(bytes) : bytes.toString("utf8"));
      at += length;
    } else throw new Error("reserved serial type");
  }
  return values;
}

function varint(buffer: Buffer, at: number): [bigint, number] {
  let value = 0n;
  for (let i = 0; i < 9; i += 1) {
    const byte = buffer[at + i];
    if (byte === undefined) throw new Error("varint past the end");
    if (i === 8) return [(value << 8n) | BigInt(byte), at + 9];
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw new Error("unreachable");
}

/** Every byte offset at which `needle` occurs in `haystack`. */
export function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}
