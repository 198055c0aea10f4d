// npm run db:migrate — applies pending migrations to DATABASE_URL, offline.
import { env } from "~/utils/env.server";
import { applyPendingMigrations } from "../engine/migrations.ts";

const { DATABASE_URL } = env();
const applied = await applyPendingMigrations(DATABASE_URL);
console.log(applied.length ? `已应用迁移 applied: ${applied.join(", ")}` : "数据库已是最新 (no pending migrations)");
