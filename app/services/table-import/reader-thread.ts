/** The table reader's thread: reads one file per message and answers with the result. */
import { parentPort } from "node:worker_threads";

import { readTable, type TableSpec } from "./read-table";
import { TABLES, type TableKind } from "./tables";

export interface TableReadJob {
  kind: TableKind;
  fileName: string;
  bytes: Uint8Array;
}

parentPort!.on("message", async ({ kind, fileName, bytes }: TableReadJob) => {
  parentPort!.postMessage(await readTable(TABLES[kind] as TableSpec<string, unknown>, fileName, bytes));
});
