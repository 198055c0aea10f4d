/** Which engine a DATABASE_URL names (decision 020): a SQLite file (`file:…`) or a PostgreSQL server. */
export type DatabaseEngine = "sqlite" | "postgresql";

export function databaseEngine(url: string): DatabaseEngine {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}
