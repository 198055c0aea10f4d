/**
 * Roster files as a township office would upload them (代表名单导入), for unit, integration and
 * browser tests. `rosterCsv(45)` is a hall of 45 deputies with every column the template has;
 * upload it in Playwright with
 *   await page.getByLabel("代表名单文件（CSV 或 Excel .xlsx）").setInputFiles(rosterUpload(45));
 *   await page.getByRole("button", { name: "导入名单" }).click();
 */
import ExcelJS from "exceljs";

import { csvDocument } from "../../app/utils/downloads";

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
const GIVEN = ["建国", "秀英", "志强", "桂兰", "海波", "丽娟", "德明", "小红", "国庆", "春梅"];
const ETHNICITIES = ["汉族", "汉族", "汉族", "汉族", "土家族", "苗族"];
const POSITIONS = ["村党组织书记", "村民委员会主任", "种植大户", "乡村教师", "卫生院医生", "个体工商户"];

export const ROSTER_HEADER = ["姓名", "座位号", "代表证号", "性别", "民族", "代表小组", "工作单位", "职务"] as const;

export interface RosterFileOptions {
  /** Seat number of the first deputy (default 1); the others follow. */
  firstSeat?: number;
  /** Rows added at the end, in ROSTER_HEADER's columns (for a file with mistakes). */
  extraRows?: string[][];
}

/** The deputies of a roster file: distinct names (up to 200), seats from `firstSeat`. */
export function rosterRows(count: number, { firstSeat = 1 }: RosterFileOptions = {}): string[][] {
  if (count > SURNAMES.length * GIVEN.length) throw new Error(`roster-file: at most ${SURNAMES.length * GIVEN.length} deputies`);
  return Array.from({ length: count }, (_, i) => [
    SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length)]!,
    String(firstSeat + i),
    String(firstSeat + i).padStart(3, "0"),
    i % 2 === 0 ? "男" : "女",
    ETHNICITIES[i % ETHNICITIES.length]!,
    `第${(i % 5) + 1}代表小组`,
    `第${(i % 12) + 1}村村民委员会`,
    POSITIONS[i % POSITIONS.length]!,
  ]);
}

/** A roster CSV (UTF-8 with BOM, CRLF) as Excel saves it. */
export function rosterCsv(count: number, options: RosterFileOptions = {}): string {
  return csvDocument([[...ROSTER_HEADER], ...rosterRows(count, options), ...(options.extraRows ?? [])]);
}

/** The same roster as an .xlsx workbook, seat numbers as numbers as Excel keeps them. */
export async function rosterXlsx(count: number, options: RosterFileOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("代表名单");
  sheet.addRow([...ROSTER_HEADER]);
  for (const row of [...rosterRows(count, options), ...(options.extraRows ?? [])]) {
    sheet.addRow(row.map((value, column) => (column === 1 && /^\d+$/.test(value) ? Number(value) : value)));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** What Playwright's setInputFiles takes, for a roster CSV of `count` deputies. */
export function rosterUpload(count: number, options: RosterFileOptions = {}) {
  return { name: `代表名单${count}人.csv`, mimeType: "text/csv", buffer: Buffer.from(rosterCsv(count, options), "utf8") };
}
