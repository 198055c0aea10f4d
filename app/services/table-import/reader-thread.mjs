// The table reader's thread starts here (see TableReader in ../table-reader.server.ts).
//
// A worker needs a file to start from, and the server build bundles app/ into one file that is no
// such entry, so the thread starts from this file in the source tree, which the server ships
// anyway (server.ts imports app/ from source). Node 20 does not hand its loader hooks on to
// workers, so the thread registers tsx itself — the loader server.ts already runs under — with the
// project's tsconfig, and then loads the TypeScript behind it.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)) });
await import("./reader-thread.ts");
