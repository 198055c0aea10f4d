/**
 * 备份与恢复 (SQLite, the embedded engine). A backup is an online, consistent copy taken while the
 * server runs: `VACUUM INTO` reads the whole database inside one read transaction, so the copy is
 * the database as of one moment (every ballot committed before it, none after), and writers are
 * never blocked (WAL). The copy is checked (integrity_check) before it is reported. A restore puts
 * a checked backup in place of the database, with the server stopped; the file it replaces is kept
 * beside it.
 *
 * What a backup holds: everything the database holds. During an open secret round that is its
 * sealed ballots, encrypted to the round's key: their contents cannot be read from the backup (nor
 * from the database) without the chief teller's key card. The audit chain's key is not in the
 * database (AUDIT_KEY_FILE): keep it apart from the backups, and with them for a restore.
 */
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { openConnection } from "./sqlite.server";

export interface BackupReport {
  file: string;
  bytes: number;
  ms: number;
}

/** Throws unless `file` is a whole, readable SQLite database. */
function checkedCopy(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new Error(`${file}: integrity_check says ${String(result)}`);
  } finally {
    db.close();
  }
}

/** Writes an online, consistent copy of the database `file` to `to` (which must not exist), and checks it. */
export function backupDatabase(file: string, to: string): BackupReport {
  if (existsSync(to)) throw new Error(`${to} exists already: a backup never overwrites a file`);
  mkdirSync(path.dirname(to), { recursive: true });
  const started = performance.now();
  const db = openConnection("maintenance", file);
  try {
    db.prepare("VACUUM INTO ?").run(to);
  } finally {
    db.close();
  }
  chmodSync(to, 0o600);
  checkedCopy(to);
  return { file: to, bytes: statSync(to).size, ms: performance.now() - started };
}

/**
 * Puts the backup `from` in place of the database `file`, with the server stopped: refused while a
 * write-ahead log lies beside the database (a server has it open, or stopped without closing it —
 * start and stop it once). The backup is checked first; the replaced file is kept as
 * `<file>.before-restore-<time>`. Returns that name, or null when there was no database.
 */
export function restoreDatabase(from: string, file: string): string | null {
  checkedCopy(from);
  if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) {
    throw new Error(`${file}-wal exists: stop the server (it closes the log) before restoring`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const incoming = `${file}.restoring`;
  copyFileSync(from, incoming);
  chmodSync(incoming, 0o600);
  const fd = openSync(incoming, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  let keptAs: string | null = null;
  if (existsSync(file)) {
    keptAs = `${file}.before-restore-${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}`;
    renameSync(file, keptAs);
  }
  // An empty log and the shared-memory index belong to the file they were beside.
  for (const side of ["-wal", "-shm"]) {
    if (!existsSync(`${file}${side}`)) continue;
    if (keptAs) renameSync(`${file}${side}`, `${keptAs}${side}`);
    else unlinkSync(`${file}${side}`);
  }
  renameSync(incoming, file);
  return keptAs;
}
