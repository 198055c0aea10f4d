/**
 * 候选项目清单导入 — reads the candidate slate a township office prepared in Excel or as CSV
 * (the rules of reading are in slate-import/read-slate.ts), and the templates offices download.
 *
 * A file is read in a thread of its own (SlateReader), with a memory limit and a time limit, one
 * file at a time: a hostile workbook costs a bounded amount of memory and time, cannot bring the
 * server down, and leaves the main thread — where every township's ballots are answered — free.
 */
import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";
import ExcelJS from "exceljs";

import { CANDIDATE_FIELD_LABELS, type CandidateInput } from "~/schemas/candidate";
import { projectRoot } from "~/utils/env.server";

import { Refusal } from "./refusal";
import type { SlateReadJob } from "./slate-import/reader-thread";
import { csvDocument } from "~/utils/downloads";
import {
  checkSlateFile,
  columnLetter,
  fail,
  FIELDS,
  MAX_SLATE_CANDIDATES,
  MESSAGES,
  type SlateImportResult,
} from "./slate-import/read-slate";

export {
  MAX_SLATE_CANDIDATES,
  MAX_SLATE_FILE_BYTES,
  WHOLE_FILE_ROW,
  type SlateImportError,
  type SlateImportResult,
} from "./slate-import/read-slate";

/** From the source tree, in the server build too: see the comment in that file. */
const READER_THREAD = path.join(projectRoot, "app/services/slate-import/reader-thread.mjs");

/**
 * Generous for the largest real file (each workbook part is inflated to at most 8 MiB and only
 * the kept rows stay in memory); a file built to exhaust the reader hits these instead.
 */
const READER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };
/** Reading the largest file the limits allow takes about a second on a busy 2-core machine. */
const READER_TIMEOUT_MS = 20_000;
/** A thread left unused this long is stopped; the next import starts another (~0.5 s). */
const READER_IDLE_MS = 60_000;

/**
 * Reads slate files in a worker thread of its own, one at a time: a file that arrives while
 * another is being read is refused (409, "try again shortly") rather than queued. A thread that
 * runs out of memory or time is stopped, the file refused, and the next file gets a fresh thread.
 * What needs no reading (the file's type and size) is checked before the thread is asked.
 */
export class SlateReader {
  private worker: Worker | null = null;
  private busy = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: { timeoutMs?: number; resourceLimits?: ResourceLimits } = {}) {}

  async read(fileName: string, bytes: Uint8Array): Promise<SlateImportResult> {
    const checked = checkSlateFile(fileName, bytes);
    if ("refused" in checked) return checked.refused;
    if (this.busy) throw new Refusal(MESSAGES.readerBusy, 409);
    this.busy = true;
    try {
      return await this.inThread({ fileName, bytes });
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

  private inThread(job: SlateReadJob): Promise<SlateImportResult> {
    clearTimeout(this.idleTimer);
    const worker = (this.worker ??= this.startThread());
    worker.ref();
    return new Promise((resolve) => {
      const finish = (result: SlateImportResult, healthy: boolean) => {
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
      const onMessage = (result: SlateImportResult) => finish(result, true);
      const onError = (error: Error & { code?: string }) => {
        // Running out of memory is what the limits are for; anything else is a bug worth a log line.
        if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") console.error("候选项目文件读取线程出错", error);
        finish(fail(MESSAGES.readerGaveUp), false);
      };
      const onExit = () => finish(fail(MESSAGES.readerGaveUp), false);
      const timeout = setTimeout(
        () => finish(fail(MESSAGES.readerGaveUp), false),
        this.options.timeoutMs ?? READER_TIMEOUT_MS,
      );
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
      worker.postMessage(job);
    });
  }
}

const reader = new SlateReader();

/**
 * Reads a slate file (.csv or .xlsx). Never throws for a bad file: every problem comes back
 * as an error with the spreadsheet row it is on. Throws a Refusal while another file is read.
 */
export function parseSlateFile(fileName: string, bytes: Uint8Array): Promise<SlateImportResult> {
  return reader.read(fileName, bytes);
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

/**
 * The CSV template. It starts with a BOM and uses CRLF: without the BOM, Excel on Chinese
 * Windows opens UTF-8 as GBK and shows mojibake.
 */
export function slateTemplateCsv(): string {
  return csvDocument([TEMPLATE_HEADER, TEMPLATE_EXAMPLE_ROW]);
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
