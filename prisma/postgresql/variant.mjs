// The PostgreSQL variant of the data model (decision 020): prisma/schema.prisma is the one source;
// the provider is static per schema, so this file derives the PostgreSQL schema from it, and
// prisma/scripts/generate.mjs writes it to prisma/postgresql/schema.prisma (checked in, with its own
// migrations in prisma/postgresql/migrations). The differences, each for a reason:
// - provider "postgresql", and the client generated into app/generated/prisma-postgresql;
// - every DateTime is a timestamptz with milliseconds, so that an instant is the same instant
//   whatever the server's or the session's time zone (a plain timestamp was 8 h off under
//   TZ=Asia/Shanghai between raw pg writes and Prisma's);
// - the random keys of Ballot and SealedBallot (up to 2^48) are BigInt: PostgreSQL's integer is 32 bits.
//   SQLite keeps them Int, which there is INTEGER PRIMARY KEY, the rowid itself: a BIGINT key would
//   give the table a second, insertion-ordered rowid (decision 006).
import { readFileSync } from "node:fs";

const prismaDir = new URL("..", import.meta.url).pathname;
export const sqliteSchemaPath = `${prismaDir}schema.prisma`;
export const postgresSchemaPath = `${prismaDir}postgresql/schema.prisma`;
const RANDOM_KEYED = ["Ballot", "SealedBallot"];

export function readSqliteSchema() {
  return readFileSync(sqliteSchemaPath, "utf8");
}

/** The PostgreSQL schema derived from the SQLite one. */
export function postgresSchema(sqlite) {
  let model = "";
  const lines = sqlite.split("\n").map((line) => {
    const opened = /^model (\w+) \{/.exec(line);
    if (opened) model = opened[1];
    if (line === "}") model = "";
    if (/^\s+output\s+= "\.\.\/app\/generated\/prisma"$/.test(line))
      return line.replace('"../app/generated/prisma"', '"../../app/generated/prisma-postgresql"');
    if (/^\s+provider = "sqlite"$/.test(line)) return line.replace('"sqlite"', '"postgresql"');
    if (RANDOM_KEYED.includes(model) && /^\s+id\s+Int\s+@id$/.test(line)) return line.replace(/Int(\s+)@id$/, "BigInt$1@id");
    if (/^\s+\w+\s+DateTime\??(\s|$)/.test(line)) return `${line.trimEnd()} @db.Timestamptz(3)`;
    return line;
  });
  return [
    "// GENERATED from prisma/schema.prisma by prisma/scripts/generate.mjs (prisma/postgresql/variant.mjs):",
    "// edit prisma/schema.prisma, run `node prisma/scripts/generate.mjs`, then `npm run db:migration:new`.",
    ...lines,
  ].join("\n");
}
