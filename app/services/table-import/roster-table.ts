/**
 * 代表名单 as a table: what a roster file holds (read by read-table.ts). Every row goes through
 * RosterDeputySchema. Names, seat numbers and 代表证号 must not repeat within the file; that they
 * are not on the roster already is checked against the database by the roster service.
 */
import { tableImportMessages } from "~/messages/table-import";
import { DEPUTY_FIELD_LABELS, RosterDeputySchema, deputyNameKey, type RosterDeputy } from "~/schemas/deputy";

import type { TableImportError, TableSpec } from "./read-table";

export type RosterField = keyof RosterDeputy;

/**
 * A roster file's bound: a county congress has at most 450 deputies (Election Law Art. 12), 472
 * with the 5% allowance; a township congress at most 160. Not a legal check, a bound on the file.
 */
export const MAX_ROSTER_DEPUTIES = 480;

function parsed<K extends RosterField>(field: K, raw: unknown): RosterDeputy[K] | null {
  const result = RosterDeputySchema.shape[field].safeParse(raw);
  return result.success ? (result.data as RosterDeputy[K]) : null;
}

const MESSAGES = tableImportMessages.roster;

export const ROSTER_TABLE: TableSpec<RosterField, RosterDeputy> = {
  labels: DEPUTY_FIELD_LABELS,
  aliases: MESSAGES.headers,
  required: ["name"],
  schema: RosterDeputySchema,
  maxRows: MAX_ROSTER_DEPUTIES,
  unique: [
    {
      field: "name",
      value: (raw) => {
        const name = parsed("name", raw);
        return name ? { key: deputyNameKey(name), shown: name } : null;
      },
      message: MESSAGES.duplicateName,
    },
    {
      field: "seatNo",
      value: (raw) => {
        const seat = parsed("seatNo", raw);
        return seat === null ? null : { key: String(seat), shown: String(seat) };
      },
      message: MESSAGES.duplicateSeat,
    },
    {
      field: "cardNo",
      value: (raw) => {
        const card = parsed("cardNo", raw);
        return card === null ? null : { key: deputyNameKey(card), shown: card };
      },
      message: MESSAGES.duplicateCard,
    },
  ],
  messages: {
    noRows: MESSAGES.noRows,
    tooMany: (count: number) => MESSAGES.tooMany(MAX_ROSTER_DEPUTIES, count),
    unpackedTooLarge: MESSAGES.unpackedTooLarge,
    readerGaveUp: MESSAGES.readerGaveUp,
  },
};

type OnRoster = { name: string; seatNo: number | null; cardNo: string | null };

/** Rows of a read roster file whose name, seat number or 代表证号 the roster already has. */
export function conflictsWithRoster(roster: OnRoster[], rows: Array<{ row: number; value: RosterDeputy }>): TableImportError<RosterField>[] {
  const names = new Set(roster.map((deputy) => deputyNameKey(deputy.name)));
  const seats = new Map(roster.flatMap((deputy) => (deputy.seatNo === null ? [] : [[deputy.seatNo, deputy.name] as const])));
  const cards = new Map(roster.flatMap((deputy) => (deputy.cardNo === null ? [] : [[deputyNameKey(deputy.cardNo), deputy.name] as const])));
  const errors: TableImportError<RosterField>[] = [];
  for (const { row, value } of rows) {
    if (names.has(deputyNameKey(value.name))) errors.push({ row, field: "name", message: MESSAGES.nameOnRoster(value.name) });
    const seatHolder = value.seatNo === null ? undefined : seats.get(value.seatNo);
    if (seatHolder) errors.push({ row, field: "seatNo", message: MESSAGES.seatOnRoster(value.seatNo!, seatHolder) });
    const cardHolder = value.cardNo === null ? undefined : cards.get(deputyNameKey(value.cardNo));
    if (cardHolder) errors.push({ row, field: "cardNo", message: MESSAGES.cardOnRoster(value.cardNo!, cardHolder) });
  }
  return errors;
}
