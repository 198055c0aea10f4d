/** The slate reader's thread: reads one file per message and answers with the result. */
import { parentPort } from "node:worker_threads";

import { readSlate } from "./read-slate";

export interface SlateReadJob {
  fileName: string;
  bytes: Uint8Array;
}

parentPort!.on("message", async ({ fileName, bytes }: SlateReadJob) => {
  parentPort!.postMessage(await readSlate(fileName, bytes));
});
