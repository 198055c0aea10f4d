// npm run db:setup — create the database if needed, migrate it, seed the register. Safe to re-run.
import { env } from "~/utils/env.server";
import { setupDatabase } from "../setup.ts";

const { DATABASE_URL } = env();
const started = performance.now();
const { migrations, inserted } = await setupDatabase(DATABASE_URL);
const ms = Math.round(performance.now() - started);
console.log(
  `${DATABASE_URL}: migrations applied ${migrations.length}; inserted ${inserted.cities} cities, ${inserted.counties} counties, ${inserted.townships} townships, ${inserted.congresses} county congresses (${ms} ms)`,
);
