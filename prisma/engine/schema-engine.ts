/**
 * The Prisma schema engine, offline: the WebAssembly build (`@prisma/schema-engine-wasm`)
 * driven through the better-sqlite3 driver adapter. Prisma's CLI would download a native
 * engine at run time, which neither this network nor a government intranet allows.
 * See docs/decisions/002-offline-prisma-migrations.md.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine as WasmSchemaEngine } from "@prisma/schema-engine-wasm";

export type SchemaEngine = WasmSchemaEngine;

const require = createRequire(import.meta.url);
let loaded: Promise<typeof engineGlue> | undefined;

/** The package's entry imports its `.wasm` as an ES module, which Node cannot load: instantiate by hand. */
function loadEngineModule(): Promise<typeof engineGlue> {
  loaded ??= (async () => {
    const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(path.join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": engineGlue as unknown as WebAssembly.ModuleImports,
    });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return engineGlue;
  })();
  return loaded;
}

/**
 * Runs `work` with the schema engine on a SQLite file URL (`file:/path/to.db`), then frees the
 * engine and closes the connections it opened: the engine does not close them itself, and a
 * connection left open keeps the file locked against the app.
 */
export async function withSchemaEngine<T>(databaseUrl: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  const factory = new PrismaBetterSqlite3({ url: databaseUrl });
  const connections: Array<{ dispose(): Promise<void> }> = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => remember(await factory.connect()),
    connectToShadowDb: async () => remember(await factory.connectToShadowDb()),
  };
  function remember<A extends { dispose(): Promise<void> }>(connection: A): A {
    connections.push(connection);
    return connection;
  }
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", message);
  };
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, log, bindMigrationAwareSqlAdapterFactory(tracked));
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(connections.map((connection) => connection.dispose()));
  }
}
