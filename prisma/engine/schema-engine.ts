/**
 * The Prisma schema engine, offline: the WebAssembly build (`@prisma/schema-engine-wasm`)
 * driven through a driver adapter — better-sqlite3 for a SQLite file, pg for PostgreSQL (the same
 * module holds both connectors). Prisma's CLI would download a native engine at run time, which
 * neither this network nor a government intranet allows.
 * See docs/decisions/002-offline-prisma-migrations.md and 020-postgresql-second-engine.md.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine as WasmSchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { databaseEngine, withDatabase } from "~/utils/database-url";

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

/** What the engine connects through. */
type AdapterFactory = Pick<SqlMigrationAwareDriverAdapterFactory, "provider" | "adapterName" | "connect" | "connectToShadowDb">;

/**
 * Runs `work` with the schema engine on a database URL (`file:/path/to.db` or `postgresql://…`),
 * then frees the engine and closes the connections it opened: the engine does not close them
 * itself, and a connection left open keeps a SQLite file locked against the app.
 */
export async function withSchemaEngine<T>(databaseUrl: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  const factory = databaseEngine(databaseUrl) === "postgresql" ? postgresFactory(databaseUrl) : new PrismaBetterSqlite3({ url: databaseUrl });
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

/**
 * adapter-pg 7.10 as the schema engine needs it, with three corrections:
 * - catalog columns of PostgreSQL's one-byte `"char"` type are read as text (the adapter refuses
 *   the type: "Column type 'char' could not be deserialized", and the engine's introspection reads them);
 * - a migration script is sent whole, as one simple-protocol query (the adapter splits it on every
 *   `;`, which breaks on a semicolon inside a literal or a comment);
 * - the shadow database is a fresh database of the same server, made and dropped here (the stock
 *   one keeps the connection string, which names the main database, so it migrated the main one).
 */
function postgresFactory(databaseUrl: string): AdapterFactory {
  const CHAR_OID = 18;
  const TEXT_OID = 25;
  const relabel = (result: pg.QueryResult) => {
    for (const field of result.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
  const corrected = async (adapter: Awaited<ReturnType<PrismaPg["connect"]>>, pool: pg.Pool) => {
    const queryable = adapter as unknown as { performIO(query: unknown): Promise<pg.QueryResult> };
    const performIO = queryable.performIO.bind(adapter);
    queryable.performIO = async (query) => relabel(await performIO(query));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolation) => {
      const tx = await startTransaction(isolation);
      const txQueryable = tx as unknown as typeof queryable;
      const txPerformIO = txQueryable.performIO.bind(tx);
      txQueryable.performIO = async (query) => relabel(await txPerformIO(query));
      return tx;
    };
    adapter.executeScript = async (script) => {
      await pool.query(script);
    };
    return adapter;
  };
  const open = async (url: string, dispose?: () => Promise<void>) => {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const adapter = await new PrismaPg(pool).connect();
    const release = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await release();
      await pool.end();
      await dispose?.();
    };
    return corrected(adapter, pool);
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => open(databaseUrl),
    connectToShadowDb: async () => {
      const name = `shadow_${process.pid}_${Date.now().toString(36)}`;
      await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
      return open(withDatabase(databaseUrl, name), () => adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** One statement on a short-lived connection of its own (CREATE/DROP DATABASE cannot run in a transaction). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
