/**
 * The two entry points Remix's compiler does not build (it makes one server bundle of app/, whose
 * entry module exports what the server needs: app/entry.server.tsx):
 *
 * - server.ts → build/server.js, the process's entry: wiring only. It imports no module of app/
 *   (only types), so the process holds one copy of the app — the Remix build's.
 * - the table reader's thread → build/reader-thread.js (a worker needs a file of its own to start
 *   from; decision 007). The thread runs only the table-reading code, bundled with it.
 *
 * `npm run build` runs `remix build` and then this file. No TypeScript loader runs in production.
 */
import { build } from "esbuild";

const common = { platform: "node", format: "esm", target: "node20", logLevel: "warning", sourcemap: "linked" };

await Promise.all([
  build({ ...common, entryPoints: ["server.ts"], outfile: "build/server.js", bundle: false }),
  build({
    ...common,
    entryPoints: ["app/services/table-import/reader-thread.ts"],
    outfile: "build/reader-thread.js",
    bundle: true,
    packages: "external",
  }),
]);
