export const sqliteSchemaPath: string;
export const postgresSchemaPath: string;
export function readSqliteSchema(): string;
export function postgresSchema(sqlite: string): string;
