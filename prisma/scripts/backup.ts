// npm run db:backup [-- --to data/backups/app-<time>.db] — an online, consistent copy of the
// database (DATABASE_URL) while the server runs, checked before it is reported. See README
// "Backups" for the schedule and what a backup holds.
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase } from "~/data/backup.server";
import { appDatabaseFile } from "~/data/sqlite.server";

const { values } = parseArgs({ options: { to: { type: "string" } } });
const file = appDatabaseFile();
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const to = values.to ?? path.join(path.dirname(file), "backups", `${path.basename(file, ".db")}-${stamp}.db`);
console.log(`备份开始 backup started: ${file}`);
const report = backupDatabase(file, to);
console.log(`备份完成 backup written: ${report.file} (${(report.bytes / 1024 / 1024).toFixed(1)} MiB, ${report.ms.toFixed(0)} ms, integrity ok)`);
