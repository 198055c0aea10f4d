/** The kinds of table a clerk uploads; the reader thread is told which one a file is. */
import { ROSTER_TABLE } from "./roster-table";
import { SLATE_TABLE } from "./slate-table";

export const TABLES = { slate: SLATE_TABLE, roster: ROSTER_TABLE } as const;
export type TableKind = keyof typeof TABLES;
