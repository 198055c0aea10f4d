/**
 * Reading the tables clerks upload (a slate, a roster — the kinds are in table-import/tables.ts;
 * how a file is read is table-import/read-table.ts).
 *
 * A file is read in a thread of its own (TableReader), with a memory limit and a time limit, one
 * file at a time whatever its kind: a hostile workbook costs a bounded amount of memory and time,
 * cannot bring the server down, and leaves the main thread — where every township's ballots are
 * answered — free (decision 007).
 */
import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";

import { projectRoot } from "~/utils/env.server";

import { Refusal } from "./refusal";
import { tableImportMessages } from "~/messages/table-import";
import { checkTableFile, fail, type TableImportResult, type TableSpec } from "./table-import/read-table";
import type { TableReadJob } from "./table-import/reader-thread";
import { TABLES, type TableKind } from "./table-import/tables";

/** Built by `npm run build` (esbuild.config.mjs): the thread's code alone, bundled. */
const READER_THREAD = path.join(projectRoot, "build/reader-thread.js");

/**
 * Generous for the largest real file (each workbook part is inflated to at most 8 MiB and only
 * the kept rows stay in memory); a file built to exhaust the reader hits these instead.
 */
const READER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };
/** Reading the largest file the limits allow takes about a second on a busy 2-core machine. */
const READER_TIMEOUT_MS = 20_000;
/** A thread left unused this long is stopped; the next import starts another (~0.5 s). */
const READER_IDLE_MS = 60_000;

/** What a kind of table reads into, as the thread hands it back. */
export type TableResult<K extends TableKind> = (typeof TABLES)[K] extends TableSpec<infer F, infer T> ? TableImportResult<T, F> : never;

/**
 * Reads table files in a worker thread of its own, one at a time: a file that arrives while
 * another is being read is refused (409, "try again shortly") rather than queued. A thread that
 * runs out of memory or time is stopped, the file refused, and the next file gets a fresh thread.
 * What needs no reading (the file's type and size) is checked before the thread is asked.
 */
export class TableReader {
  private worker: Worker | null = null;
  private busy = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { timeoutMs?: number; resourceLimits?: ResourceLimits } = {}) {}

  async read<K extends TableKind>(kind: K, fileName: string, bytes: Uint8Array): Promise<TableResult<K>> {
    const spec = TABLES[kind] as TableSpec<string, unknown>;
    const checked = checkTableFile(spec, fileName, bytes);
    if ("refused" in checked) return checked.refused as unknown as TableResult<K>;
    if (this.busy) throw new Refusal({ code: "table-reader-busy" });
    this.busy = true;
    try {
      return (await this.inThread({ kind, fileName, bytes }, spec)) as TableResult<K>;
    } finally {
      this.busy = false;
    }
  }

  /** Stops the thread, if one is running. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private startThread(): Worker {
    const worker = new Worker(READER_THREAD, {
      execArgv: [],
      resourceLimits: this.options.resourceLimits ?? READER_LIMITS,
    });
    // Always listened for, so that a thread failing after its file was answered (a late timeout's
    // out-of-memory) cannot be an unhandled 'error' event in the server.
    worker.on("error", () => this.retire(worker)).on("exit", () => this.retire(worker));
    return worker;
  }

  private retire(worker: Worker) {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  private inThread(job: TableReadJob, spec: TableSpec<string, unknown>): Promise<TableImportResult<unknown>> {
    clearTimeout(this.idleTimer);
    const worker = (this.worker ??= this.startThread());
    worker.ref();
    const gaveUp = () => fail(spec.messages.readerGaveUp);
    return new Promise((resolve) => {
      const finish = (result: TableImportResult<unknown>, healthy: boolean) => {
        clearTimeout(timeout);
        worker.off("message", onMessage).off("error", onError).off("exit", onExit);
        if (healthy) {
          worker.unref();
          this.idleTimer = setTimeout(() => void this.close(), READER_IDLE_MS).unref();
        } else {
          this.retire(worker);
        }
        resolve(result);
      };
      const onMessage = (result: TableImportResult<unknown>) => finish(result, true);
      const onError = (error: Error & { code?: string }) => {
        // Running out of memory is what the limits are for; anything else is a bug worth a log line.
        if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") console.error(tableImportMessages.file.readerFailed, error);
        finish(gaveUp(), false);
      };
      const onExit = () => finish(gaveUp(), false);
      const timeout = setTimeout(() => finish(gaveUp(), false), this.options.timeoutMs ?? READER_TIMEOUT_MS);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage(job);
    });
  }
}

const reader = new TableReader();

/**
 * Reads an uploaded table of one kind (.csv or .xlsx), in the one reader thread every upload
 * shares. Never throws for a bad file: every problem comes back as an error with the spreadsheet
 * row it is on. Throws a Refusal while another file is read.
 */
export function readTableFile<K extends TableKind>(kind: K, fileName: string, bytes: Uint8Array): Promise<TableResult<K>> {
  return reader.read(kind, fileName, bytes);
}
