// npm run db:backup [-- --to <file>] — an online, consistent copy of the database (DATABASE_URL)
// while the server runs, checked before it is reported: SQLite's VACUUM INTO to
// data/backups/app-<time>.db, or PostgreSQL's pg_dump to <DATA_DIR>/backups/<db>-<time>.dump. See
// README "Backups" for the schedule and what a backup holds.
import path from "node:path";
import { parseArgs } from "node:util";
import { backupPostgres } from "~/data/backup-postgres.server";
import { backupDatabase } from "~/data/backup.server";
import { appDatabaseFile, appEngine } from "~/data/sqlite.server";
import { databaseName } from "~/utils/database-url";
import { env, projectRoot } from "~/utils/env.server";

const { values } = parseArgs({ options: { to: { type: "string" } } });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
let report;
let check = "integrity ok";
if (appEngine() === "postgresql") {
  const url = env().DATABASE_URL;
  const name = databaseName(url);
  const to = values.to ?? path.join(path.resolve(projectRoot, env().DATA_DIR ?? "data"), "backups", `${name}-${stamp}.dump`);
  console.log(`备份开始 backup started: PostgreSQL database ${name}`);
  report = backupPostgres(url, to);
  check = "pg_restore --list ok";
} else {
  const file = appDatabaseFile();
  const to = values.to ?? path.join(path.dirname(file), "backups", `${path.basename(file, ".db")}-${stamp}.db`);
  console.log(`备份开始 backup started: ${file}`);
  report = backupDatabase(file, to);
}
console.log(`备份完成 backup written: ${report.file} (${(report.bytes / 1024 / 1024).toFixed(1)} MiB, ${report.ms.toFixed(0)} ms, ${check})`);
