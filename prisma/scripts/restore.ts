// npm run db:restore -- --from <backup> — with the server stopped, puts a checked backup in place of
// the database (DATABASE_URL); what it replaces is kept beside it (the SQLite file renamed, the
// PostgreSQL database renamed). Then start the server (it applies any migration the backup lacks)
// and run `npm run audit:verify`.
import { parseArgs } from "node:util";
import { BackupNewerThanCode, restorePostgres } from "~/data/backup-postgres.server";
import { restoreDatabase } from "~/data/backup.server";
import { appDatabaseFile, appEngine } from "~/data/sqlite.server";
import { databaseName } from "~/utils/database-url";
import { env } from "~/utils/env.server";
import { migrationStatus } from "../engine/migrations.ts";

const { values } = parseArgs({ options: { from: { type: "string" } } });
if (!values.from) {
  console.error("Usage: npm run db:restore -- --from <backup>");
  process.exit(2);
}
const newer = (unknown: string[]) => `这个备份由更新版本的程序写入，本版本不能恢复它 (backup newer than the code: ${unknown.join(", ")})`;
if (appEngine() === "postgresql") {
  const url = env().DATABASE_URL;
  try {
    const keptAs = await restorePostgres(values.from, url, async (candidate) => (await migrationStatus(candidate)).unknown);
    console.log(`恢复完成 restored ${values.from} → ${databaseName(url)}` + (keptAs ? `; the replaced database is kept as ${keptAs}` : ""));
  } catch (error) {
    console.error(error instanceof BackupNewerThanCode ? newer(error.migrations) : String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
} else {
  const { unknown } = await migrationStatus(`file:${values.from}`);
  if (unknown.length > 0) {
    console.error(newer(unknown));
    process.exit(1);
  }
  const file = appDatabaseFile();
  const keptAs = restoreDatabase(values.from, file);
  console.log(`恢复完成 restored ${values.from} → ${file}` + (keptAs ? `; the replaced file is kept as ${keptAs}` : ""));
}
