/**
 * 代表名单 as a table: what a roster file holds (read by read-table.ts). Every row goes through
 * RosterDeputySchema. Names, seat numbers and 代表证号 must not repeat within the file; that they
 * are not on the roster already is checked against the database by the roster service.
 */
import { DEPUTY_FIELD_LABELS, RosterDeputySchema, deputyNameKey, type RosterDeputy } from "~/schemas/deputy";

import type { TableImportError, TableSpec } from "./read-table";

export type RosterField = keyof RosterDeputy;

/** A township congress has at most 160 deputies (Election Law Art. 12), 168 with the 5% allowance. */
export const MAX_ROSTER_DEPUTIES = 200;

function parsed<K extends RosterField>(field: K, raw: unknown): RosterDeputy[K] | null {
  const result = RosterDeputySchema.shape[field].safeParse(raw);
  return result.success ? (result.data as RosterDeputy[K]) : null;
}

export const ROSTER_MESSAGES = {
  duplicateName: (name: string, firstRow: number) => `姓名“${name}”与第${firstRow}行重复；同名代表请加以区分（如“${name}（大）”）`,
  duplicateSeat: (seat: string, firstRow: number) => `座位号 ${seat} 与第${firstRow}行重复`,
  duplicateCard: (card: string, firstRow: number) => `代表证号“${card}”与第${firstRow}行重复`,
  nameOnRoster: (name: string) => `“${name}”已在代表名单上；同名代表请加以区分（如“${name}（大）”）`,
  seatOnRoster: (seat: number, holder: string) => `座位号 ${seat} 已是名单上 ${holder} 的座位号`,
  cardOnRoster: (card: string, holder: string) => `代表证号“${card}”已是名单上 ${holder} 的代表证号`,
} as const;

export const ROSTER_TABLE: TableSpec<RosterField, RosterDeputy> = {
  labels: DEPUTY_FIELD_LABELS,
  aliases: {
    name: ["姓名", "代表姓名", "名字"],
    seatNo: ["座位号", "座号", "座次号", "席位号"],
    cardNo: ["代表证号", "代表证编号", "证号"],
    gender: ["性别"],
    ethnicity: ["民族"],
    deputyGroup: ["代表小组", "代表团", "界别", "代表团/界别", "所在代表小组", "小组"],
    workUnit: ["工作单位", "单位", "工作单位及职务", "单位及职务"],
    position: ["职务", "职位", "现任职务"],
  },
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
      message: ROSTER_MESSAGES.duplicateName,
    },
    {
      field: "seatNo",
      value: (raw) => {
        const seat = parsed("seatNo", raw);
        return seat === null ? null : { key: String(seat), shown: String(seat) };
      },
      message: ROSTER_MESSAGES.duplicateSeat,
    },
    {
      field: "cardNo",
      value: (raw) => {
        const card = parsed("cardNo", raw);
        return card === null ? null : { key: deputyNameKey(card), shown: card };
      },
      message: ROSTER_MESSAGES.duplicateCard,
    },
  ],
  messages: {
    noRows: "文件中没有代表",
    tooMany: (count: number) => `一次最多导入${MAX_ROSTER_DEPUTIES}名代表，文件中有${count}名`,
    unpackedTooLarge: "Excel 文件内容过大，无法导入。请只保留代表名单表后另存再导入",
    readerGaveUp: "文件内容过大或过于复杂，无法导入。请只保留代表名单表，另存为新文件后再导入",
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
    if (names.has(deputyNameKey(value.name))) errors.push({ row, field: "name", message: ROSTER_MESSAGES.nameOnRoster(value.name) });
    const seatHolder = value.seatNo === null ? undefined : seats.get(value.seatNo);
    if (seatHolder) errors.push({ row, field: "seatNo", message: ROSTER_MESSAGES.seatOnRoster(value.seatNo!, seatHolder) });
    const cardHolder = value.cardNo === null ? undefined : cards.get(deputyNameKey(value.cardNo));
    if (cardHolder) errors.push({ row, field: "cardNo", message: ROSTER_MESSAGES.cardOnRoster(value.cardNo!, cardHolder) });
  }
  return errors;
}
