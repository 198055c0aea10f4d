/**
 * The layers of app/ and what each may import: read by the ESLint config (import boundaries, as
 * you type) and by tests/architecture/architecture.test.ts (the same rules, plus the ones ESLint
 * does not express, over every file). A folder of app/ without an entry fails the test.
 *
 * `types` lists layers a layer may import types from, but no code (a component showing a service's
 * view model). Test files may import any layer to set up what they test.
 */
export const LAYERS = {
  "app/domain": { imports: [], types: [], about: "the law as pure functions: no database, no framework, no clock" },
  "app/messages": { imports: ["app/domain"], types: ["app/schemas"], about: "Chinese text: codes and labels to words" },
  "app/schemas": { imports: ["app/domain", "app/messages"], types: [], about: "Zod schemas of inputs" },
  "app/utils": { imports: ["app/domain", "app/messages", "app/schemas"], types: [], about: "small helpers: no service, no database" },
  "app/data": { imports: ["app/domain", "app/messages", "app/schemas", "app/utils", "app/generated"], types: [], about: "the only owner of the database" },
  "app/services": {
    imports: ["app/domain", "app/messages", "app/schemas", "app/utils", "app/data"],
    types: [],
    about: "use cases through one audited transaction",
  },
  "app/http": {
    imports: ["app/domain", "app/messages", "app/utils", "app/services", "app/data", "prisma"],
    types: [],
    about: "what answers in front of Remix",
  },
  "app/components": { imports: ["app/domain", "app/messages", "app/schemas", "app/utils", "app/http"], types: ["app/services"], about: "UI pieces" },
  "app/routes": {
    imports: ["app/domain", "app/messages", "app/schemas", "app/utils", "app/services", "app/data", "app/components", "app/styles", "app/http"],
    types: [],
    about: "screens",
  },
  "app/styles": { imports: [], types: [], about: "CSS" },
  "app/generated": { imports: [], types: [], about: "the generated Prisma client" },
  prisma: { imports: ["app/data", "app/domain", "app/utils"], types: [], about: "migrations, the database set-up and the register (outside app/)" },
};

/** Packages that open the database: imported only inside app/data (and app/generated, prisma/, tests/). */
export const DATABASE_PACKAGES = [
  "better-sqlite3",
  "pg",
  "@prisma/client",
  "@prisma/adapter-better-sqlite3",
  "@prisma/adapter-pg",
  "@prisma/driver-adapter-utils",
];

/** Files that may hold Chinese text besides app/messages: the domain's notice wording (公告). */
export const CHINESE_TEXT_ALLOWED = ["app/messages/", "app/domain/notice-text.ts"];
