// npm run db:restore -- --from <backup.db> — with the server stopped, puts a checked backup in
// place of the database (DATABASE_URL); the file it replaces is kept beside it. Then start the
// server (it applies any migration the backup lacks) and run `npm run audit:verify`.
import { parseArgs } from "node:util";
import { restoreDatabase } from "~/data/backup.server";
import { appDatabaseFile } from "~/data/sqlite.server";
import { migrationStatus } from "../engine/migrations.ts";

const { values } = parseArgs({ options: { from: { type: "string" } } });
if (!values.from) {
  console.error("Usage: npm run db:restore -- --from <backup.db>");
  process.exit(2);
}
const { unknown } = await migrationStatus(`file:${values.from}`);
if (unknown.length > 0) {
  console.error(`这个备份由更新版本的程序写入，本版本不能恢复它 (backup newer than the code: ${unknown.join(", ")})`);
  process.exit(1);
}
const file = appDatabaseFile();
const keptAs = restoreDatabase(values.from, file);
console.log(`恢复完成 restored ${values.from} → ${file}` + (keptAs ? `; the replaced database is kept as ${keptAs}` : ""));
