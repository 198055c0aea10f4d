// Used by the stock Prisma CLI on a connected machine (`prisma migrate deploy`, `prisma studio`).
// Offline, the project's own scripts in prisma/scripts do the same with the WebAssembly engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/app.db" },
});
