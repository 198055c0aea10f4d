import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import type { CandidateInput } from "~/schemas/candidate";

import {
  billionLaughsWorkbook,
  externalEntityWorkbook,
  honestZipBomb,
  lyingZipBomb,
  manyRowsWorkbook,
  SHEET_END,
  SHEET_START,
  sheetRow,
  SLATE_HEADER,
  slateRow,
  workbook,
} from "../../tests/factories/workbooks";
import { Refusal } from "./refusal";
import { MAX_SLATE_FILE_BYTES, parseSlateFile, slateResult, slateTemplateCsv, slateTemplateXlsx, type SlateImportResult } from "./slate-import.server";
import { TableReader } from "./table-reader.server";

const HEADER = "序号,项目名称,项目内容,估算投资（万元）,资金来源,计划完成时间,责任单位";

type RowValues = {
  name: string;
  content: string;
  investment: string;
  fundingSource: string;
  plannedCompletion: string;
  responsibleUnit: string;
};

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line of a good candidate, with some fields replaced. */
function row(n: number, overrides: Partial<RowValues> = {}): string {
  const values: RowValues = {
    name: `第${n}村道路硬化工程`,
    content: "硬化村主干道2公里",
    investment: "120",
    fundingSource: "县级财政补助",
    plannedCompletion: "2026-12",
    responsibleUnit: "某镇人民政府",
    ...overrides,
  };
  return [String(n), values.name, values.content, values.investment, values.fundingSource, values.plannedCompletion, values.responsibleUnit]
    .map(csvField)
    .join(",");
}

function utf8(...lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}

function candidates(result: SlateImportResult): CandidateInput[] {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.candidates;
}

function errors(result: SlateImportResult) {
  if (result.ok) throw new Error("expected the import to fail");
  expect(result).not.toHaveProperty("candidates");
  return result.errors;
}

/**
 * A GBK encoder built from the platform's own GB18030 decoder: every two-byte GBK code, decoded,
 * gives the character it stands for, so the table is right by construction.
 */
function gbkEncoder(): (text: string) => Uint8Array {
  const decoder = new TextDecoder("gb18030");
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const character = decoder.decode(Uint8Array.of(lead, trail));
      if (character.length === 1 && !table.has(character)) table.set(character, [lead, trail]);
    }
  }
  return (text) =>
    Uint8Array.from(
      [...text].flatMap((character) => {
        if (character.charCodeAt(0) < 0x80) return [character.charCodeAt(0)];
        const bytes = table.get(character);
        if (!bytes) throw new Error(`no GBK code for ${character}`);
        return bytes;
      }),
    );
}

async function xlsx(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet("候选项目"), workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const HEADER_CELLS = HEADER.split(",");

describe("parseSlateFile: CSV", () => {
  it("imports a good file in file order", async () => {
    const result = await parseSlateFile("候选项目.csv", utf8(HEADER, row(1), row(2, { investment: "1,200.5", plannedCompletion: "2027年6月" })));
    expect(candidates(result)).toEqual([
      {
        name: "第1村道路硬化工程",
        content: "硬化村主干道2公里",
        investment: 120,
        fundingSource: "县级财政补助",
        plannedCompletion: "2026-12",
        responsibleUnit: "某镇人民政府",
      },
      {
        name: "第2村道路硬化工程",
        content: "硬化村主干道2公里",
        investment: 1200.5,
        fundingSource: "县级财政补助",
        plannedCompletion: "2027-06",
        responsibleUnit: "某镇人民政府",
      },
    ]);
  });

  it("reads UTF-8 with a BOM", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(HEADER, row(1))]);
    expect(candidates(await parseSlateFile("a.csv", bytes))[0]!.name).toBe("第1村道路硬化工程");
  });

  it("builds GBK bytes that the GB18030 decoder reads back (the encoder the next tests rely on)", () => {
    const encode = gbkEncoder();
    expect([...encode("项目名称")]).toEqual([0xcf, 0xee, 0xc4, 0xbf, 0xc3, 0xfb, 0xb3, 0xc6]);
    const text = `${HEADER}\r\n${row(1, { investment: "１２０万元", responsibleUnit: "某镇人民政府（村镇建设办）" })}\r\n`;
    expect(new TextDecoder("gb18030").decode(encode(text))).toBe(text);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(encode(text))).toThrow();
  });

  it("reads a CSV saved by Excel on Chinese Windows (GBK)", async () => {
    const encode = gbkEncoder();
    const bytes = encode(`${HEADER}\r\n${row(1, { responsibleUnit: "某镇人民政府（村镇建设办）" })}\r\n${row(2)}\r\n`);
    expect(candidates(await parseSlateFile("a.csv", bytes))).toMatchObject([
      { name: "第1村道路硬化工程", responsibleUnit: "某镇人民政府（村镇建设办）" },
      { name: "第2村道路硬化工程" },
    ]);
  });

  it("reports row errors in GBK files with the right Chinese text", async () => {
    const encode = gbkEncoder();
    const result = await parseSlateFile("a.csv", encode(`${HEADER}\r\n${row(1, { investment: "很多" })}\r\n`));
    expect(errors(result)).toEqual([{ row: 2, field: "investment", message: "估算投资（万元）须为不小于0的数字，最多两位小数" }]);
  });

  it("reads Excel's tab-separated Unicode text (UTF-16LE)", async () => {
    const text = [HEADER, row(1)].map((line) => line.replace(/,/g, "\t")).join("\r\n");
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect(candidates(await parseSlateFile("a.csv", bytes))[0]!.name).toBe("第1村道路硬化工程");
  });

  it("reports every bad field with its spreadsheet row, and imports nothing", async () => {
    const result = await parseSlateFile(
      "a.csv",
      utf8(
        HEADER,
        row(1),
        row(2, { name: "路", investment: "-3" }),
        "",
        row(4),
        row(5, { plannedCompletion: "2026-02-30", responsibleUnit: "" }),
        row(6, { content: "" }),
      ),
    );
    expect(errors(result)).toEqual([
      { row: 3, field: "name", message: "项目名称至少2个字" },
      { row: 3, field: "investment", message: "估算投资（万元）须为不小于0的数字，最多两位小数" },
      { row: 6, field: "plannedCompletion", message: "计划完成时间“2026-02-30”不是有效日期" },
      { row: 6, field: "responsibleUnit", message: "责任单位不能为空" },
      { row: 7, field: "content", message: "项目内容不能为空" },
    ]);
  });

  it("counts a quoted multi-line cell as one row, as Excel shows it", async () => {
    const result = await parseSlateFile("a.csv", utf8(HEADER, row(1, { content: "第一段，\n第二段" }), row(2, { investment: "x" })));
    expect(errors(result)).toEqual([{ row: 3, field: "investment", message: "估算投资（万元）须为不小于0的数字，最多两位小数" }]);
  });

  it.each([
    ["aliases and full-width brackets", "项目名称,建设内容,估算投资(万元),资金来源,完成时间,实施单位"],
    ["short aliases", "名称,主要内容,投资金额,资金来源,计划完成,牵头单位"],
    ["spaces, asterisks and a unit on 投资金额", " 序号 ,*项目名称, 项目 内容 ,投资金额（万元）,资金来源,计划完成时限,责任单位 "],
    ["投资（万元）", "序号,项目名称,项目内容,投资（万元）,资金来源,计划完成时间,责任单位"],
  ])("recognises the header with %s", async (_, header) => {
    const columns = header.split(",").length;
    const line = row(1)
      .split(",")
      .slice(7 - columns)
      .join(",");
    expect(candidates(await parseSlateFile("a.csv", utf8(header, line)))).toHaveLength(1);
  });

  it("reads columns in any order and ignores 序号 and unknown columns", async () => {
    const result = await parseSlateFile(
      "a.csv",
      utf8("责任单位,备注,计划完成时间,资金来源,估算投资（万元）,项目内容,项目名称", "某镇人民政府,无,2026-12,镇自筹,50,安装路灯80盏,某村路灯工程"),
    );
    expect(candidates(result)).toEqual([
      {
        name: "某村路灯工程",
        content: "安装路灯80盏",
        investment: 50,
        fundingSource: "镇自筹",
        plannedCompletion: "2026-12",
        responsibleUnit: "某镇人民政府",
      },
    ]);
  });

  it("names the missing columns in one error at the header row", async () => {
    const result = await parseSlateFile("a.csv", utf8("序号,项目名称,项目内容,资金来源,计划完成时间", "1,某村路灯工程,安装路灯,镇自筹,2026-12"));
    expect(errors(result)).toEqual([{ row: 1, message: "缺少必填列：估算投资（万元）、责任单位。请使用导入模板的表头" }]);
  });

  it("skips a title row above the header and numbers rows as the sheet does", async () => {
    const result = await parseSlateFile("a.csv", utf8("某镇2026年民生实事候选项目表,,,,,,", HEADER, row(1), row(2, { investment: "" })));
    expect(errors(result)).toEqual([{ row: 4, field: "investment", message: "估算投资（万元）不能为空" }]);
  });

  it("refuses an amount column in 元 rather than reading yuan as 万元", async () => {
    const result = await parseSlateFile("a.csv", utf8(HEADER.replace("估算投资（万元）", "投资金额（元）"), row(1)));
    expect(errors(result)).toEqual([
      {
        row: 1,
        field: "investment",
        message: "“投资金额（元）”列的单位须为万元：请换算为万元后填写，并将表头改为“估算投资（万元）”",
      },
    ]);
  });

  it("refuses two columns for the same field", async () => {
    const result = await parseSlateFile("a.csv", utf8(`${HEADER},名称`, `${row(1)},别名`));
    expect(errors(result)).toEqual([{ row: 1, field: "name", message: "表头中有多列都是“项目名称”（B、H列），请只保留一列" }]);
  });

  it("reports a duplicate project name on the later row", async () => {
    const result = await parseSlateFile(
      "a.csv",
      utf8(HEADER, row(1, { name: "某村路灯工程" }), row(2), row(3, { name: " 某村 路灯工程 " }), row(4, { name: "某村路灯工程", investment: "x" })),
    );
    expect(errors(result)).toEqual([
      { row: 4, field: "name", message: "项目名称“某村 路灯工程”与第2行重复" },
      { row: 5, field: "name", message: "项目名称“某村路灯工程”与第2行重复" },
      { row: 5, field: "investment", message: "估算投资（万元）须为不小于0的数字，最多两位小数" },
    ]);
  });

  it.each([
    ["an empty file", new Uint8Array()],
    ["only a BOM", new Uint8Array([0xef, 0xbb, 0xbf])],
    ["blank lines", utf8("", ",,,", "")],
    ["a header and no projects", utf8(HEADER)],
    ["a header and empty rows", utf8(HEADER, ",,,,,,", "", "   ,  ,")],
    ["rows with only 序号 filled in", utf8(HEADER, "1,,,,,,", "2,,,,,,")],
  ])("rejects %s: 文件中没有候选项目", async (_, bytes) => {
    expect(errors(await parseSlateFile("a.csv", bytes))).toEqual([{ row: 0, message: "文件中没有候选项目" }]);
  });

  it("skips empty rows between projects", async () => {
    expect(candidates(await parseSlateFile("a.csv", utf8(HEADER, row(1), ",,,,,,", "", "3,,,,,,", row(4))))).toHaveLength(2);
  });

  it("accepts 100 projects and refuses 101", async () => {
    const lines = (n: number) => [HEADER, ...Array.from({ length: n }, (_, i) => row(i + 1))];
    expect(candidates(await parseSlateFile("a.csv", utf8(...lines(100))))).toHaveLength(100);
    expect(errors(await parseSlateFile("a.csv", utf8(...lines(101))))).toEqual([{ row: 0, message: "候选项目不能超过100个，文件中有101个" }]);
  });

  it("refuses a file over 2 MB before reading it", async () => {
    const bytes = new Uint8Array(MAX_SLATE_FILE_BYTES + 1).fill(0x20);
    expect(errors(await parseSlateFile("a.csv", bytes))).toEqual([{ row: 0, message: "文件超过 2 MB，请删除多余的工作表、图片后再导入" }]);
    expect(errors(await parseSlateFile("a.xlsx", bytes))[0]!.message).toContain("2 MB");
  });

  it("refuses bytes that are not text (an Excel file named .csv)", async () => {
    const bytes = await slateTemplateXlsx();
    expect(errors(await parseSlateFile("a.csv", bytes))).toEqual([{ row: 0, message: "文件内容不是 CSV 文本。如为 Excel 文件，请使用 .xlsx 格式导入" }]);
  });

  it("refuses a CSV with an unclosed quote", async () => {
    const result = await parseSlateFile("a.csv", utf8(HEADER, '1,"某村路灯工程,安装路灯,50,镇自筹,2026-12,某镇人民政府'));
    expect(errors(result)).toEqual([{ row: 0, message: expect.stringContaining("CSV 文件无法解析") }]);
  });

  it.each([
    ["120", 120],
    ["1,200.5", 1200.5],
    ["１２０", 120],
    ["120万元", 120],
    ["120 万元", 120],
    ["0", 0],
    ["85.25", 85.25],
  ])("imports the amount %s as %d", async (investment, expected) => {
    expect(candidates(await parseSlateFile("a.csv", utf8(HEADER, row(1, { investment }))))[0]!.investment).toBe(expected);
  });

  it.each([
    ["2026-12", "2026-12"],
    ["2026-12-31", "2026-12-31"],
    ["2026/12", "2026-12"],
    ["2026年12月", "2026-12"],
    ["2026年12月31日", "2026-12-31"],
    ["2026.12", "2026-12"],
    ["2026/12/31 0:00", "2026-12-31"],
  ])("imports the completion date %s as %s", async (plannedCompletion, expected) => {
    expect(candidates(await parseSlateFile("a.csv", utf8(HEADER, row(1, { plannedCompletion }))))[0]!.plannedCompletion).toBe(expected);
  });
});

describe("parseSlateFile: file types", () => {
  it.each(["候选项目.xls", "候选项目.txt", "候选项目", "候选项目.csv.exe", "候选项目.numbers", ".xlsx.pdf"])("refuses %s", async (fileName) => {
    expect(errors(await parseSlateFile(fileName, utf8(HEADER, row(1))))).toEqual([{ row: 0, message: "仅支持 CSV 或 Excel（.xlsx）文件" }]);
  });

  it("accepts upper-case extensions", async () => {
    expect(candidates(await parseSlateFile("候选项目.CSV", utf8(HEADER, row(1))))).toHaveLength(1);
    expect(candidates(await parseSlateFile("候选项目.XLSX", await slateTemplateXlsx()))).toHaveLength(1);
  });
});

describe("parseSlateFile: Excel (.xlsx)", () => {
  it("reads numbers, dates, rich text, formulas and hyperlinks from the first worksheet", async () => {
    const bytes = await xlsx((sheet, workbook) => {
      sheet.addRow(HEADER_CELLS);
      sheet.addRow([
        1,
        { richText: [{ text: "某村", font: { bold: true } }, { text: "饮水安全工程" }] },
        "新建蓄水池1座，铺设管网3公里",
        85.5,
        "省级专项资金",
        new Date(Date.UTC(2026, 9, 31)),
        { text: "某镇水利站", hyperlink: "https://example.org" },
      ]);
      sheet.addRow([2, "某村卫生室改造", "改造卫生室120平方米", { formula: "20*3", result: 60 }, "镇自筹", "2026年12月", "某镇卫生院"]);
      sheet.addRow([3, 2026, "2026号工程", 0.1 + 0.2, "镇自筹", "2026/6", "某镇人民政府"]);
      workbook.addWorksheet("另一个表").addRow(["不读这里"]);
    });
    expect(candidates(await parseSlateFile("a.xlsx", bytes))).toEqual([
      {
        name: "某村饮水安全工程",
        content: "新建蓄水池1座，铺设管网3公里",
        investment: 85.5,
        fundingSource: "省级专项资金",
        plannedCompletion: "2026-10-31",
        responsibleUnit: "某镇水利站",
      },
      {
        name: "某村卫生室改造",
        content: "改造卫生室120平方米",
        investment: 60,
        fundingSource: "镇自筹",
        plannedCompletion: "2026-12",
        responsibleUnit: "某镇卫生院",
      },
      {
        name: "2026",
        content: "2026号工程",
        investment: 0.3,
        fundingSource: "镇自筹",
        plannedCompletion: "2026-06",
        responsibleUnit: "某镇人民政府",
      },
    ]);
  });

  it("keeps a date cell shown as a month (Excel's reading of a typed 2026/12) to the month", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER_CELLS);
      sheet.addRow([1, "某村路灯工程", "安装路灯", 50, "镇自筹", new Date(Date.UTC(2026, 11, 1)), "某镇人民政府"]);
      sheet.getCell("F2").numFmt = 'yyyy"年"m"月"';
      sheet.addRow([2, "某村桥梁工程", "新建桥梁", 50, "镇自筹", new Date(Date.UTC(2026, 11, 1)), "某镇人民政府"]);
      sheet.getCell("F3").numFmt = "yyyy/m/d";
    });
    expect(candidates(await parseSlateFile("a.xlsx", bytes)).map((candidate) => candidate.plannedCompletion)).toEqual(["2026-12", "2026-12-01"]);
  });

  it("reports bad cells with the sheet's row numbers, and imports nothing", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.getRow(3).values = HEADER_CELLS; // two empty rows above the header
      sheet.getRow(4).values = [1, "某村路灯工程", "安装路灯", 50, "镇自筹", "2026-12", "某镇人民政府"];
      sheet.getRow(6).values = [2, "某村桥梁工程", "新建桥梁", -1, "镇自筹", new Date(Date.UTC(1990, 0, 1)), "某镇人民政府"];
      sheet.getRow(7).values = [3, "某村公厕", "新建公厕", { formula: "1/0", result: { error: "#DIV/0!" } }, "镇自筹", 2026.1, "某镇人民政府"];
      sheet.getRow(8).values = [4, "某村广场", "硬化广场", { formula: "A1*2" }, "镇自筹", 2026.11, "某镇人民政府"];
    });
    expect(errors(await parseSlateFile("a.xlsx", bytes))).toEqual([
      { row: 6, field: "investment", message: "估算投资（万元）须为不小于0的数字，最多两位小数" },
      { row: 6, field: "plannedCompletion", message: "计划完成时间的年份须在2000年至2100年之间" },
      { row: 7, field: "investment", message: "估算投资（万元）单元格为错误值 #DIV/0!，请修正公式或改填数值" },
      {
        row: 7,
        field: "plannedCompletion",
        message: "计划完成时间“2026.1”无法确定是1月还是10月，请填写为“2026年10月”或“2026年1月”",
      },
      {
        row: 8,
        field: "investment",
        message: "估算投资（万元）单元格的公式没有计算结果，请在 Excel 中打开并保存后再导入",
      },
    ]);
  });

  it("names missing columns at the header row", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["项目名称", "项目内容", "估算投资（万元）"]);
      sheet.addRow(["某村路灯工程", "安装路灯", 50]);
    });
    expect(errors(await parseSlateFile("a.xlsx", bytes))).toEqual([{ row: 1, message: "缺少必填列：资金来源、计划完成时间、责任单位。请使用导入模板的表头" }]);
  });

  it("reports duplicate names and refuses more than 100 projects", async () => {
    const duplicate = await xlsx((sheet) => {
      sheet.addRow(HEADER_CELLS);
      sheet.addRow([1, "某村路灯工程", "安装路灯", 50, "镇自筹", "2026-12", "某镇人民政府"]);
      sheet.addRow([2, "某村路灯工程", "安装路灯", 50, "镇自筹", "2026-12", "某镇人民政府"]);
    });
    expect(errors(await parseSlateFile("a.xlsx", duplicate))).toEqual([{ row: 3, field: "name", message: "项目名称“某村路灯工程”与第2行重复" }]);

    const tooMany = await xlsx((sheet) => {
      sheet.addRow(HEADER_CELLS);
      for (let i = 1; i <= 101; i++) sheet.addRow([i, `第${i}号工程`, "内容", 1, "镇自筹", "2026-12", "某镇人民政府"]);
    });
    expect(errors(await parseSlateFile("a.xlsx", tooMany))).toEqual([{ row: 0, message: "候选项目不能超过100个，文件中有101个" }]);
  });

  it("rejects an empty workbook", async () => {
    const bytes = await xlsx(() => {});
    expect(errors(await parseSlateFile("a.xlsx", bytes))).toEqual([{ row: 0, message: "文件中没有候选项目" }]);
  });

  const BROKEN = "无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。请在 Excel 中打开并另存为“Excel 工作簿（*.xlsx）”后再导入";

  it("rejects a corrupt or truncated workbook with a message, never an exception", async () => {
    const good = await slateTemplateXlsx();
    const flipped = Uint8Array.from(good);
    // Damages the compressed parts but leaves the zip directory intact, so exceljs itself has to cope.
    for (let i = 200; i < flipped.length / 2; i += 97) flipped[i]! ^= 0xff;
    for (const bytes of [
      good.slice(0, good.length / 2),
      good.slice(0, good.length - 10),
      flipped,
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
      utf8(HEADER, row(1)), // a CSV named .xlsx
    ]) {
      expect(errors(await parseSlateFile("a.xlsx", bytes))).toEqual([{ row: 0, message: BROKEN }]);
    }
  });
});

describe("parseSlateFile: Excel features read as Excel shows them", () => {
  it("gives a merged cell's value to every row of the merge", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(HEADER_CELLS);
      sheet.addRow([1, "某村路灯工程", "安装路灯", 50, "镇自筹", "2026-12", "某镇人民政府"]);
      sheet.addRow([2, "某村桥梁工程", "新建桥梁", 80, null, "2026-10", null]);
      sheet.addRow([3, "某村公厕", "新建公厕", 20, null, "2026-06", null]);
      sheet.mergeCells("E2:E4");
      sheet.mergeCells("G2:G4");
    });
    expect(candidates(await parseSlateFile("a.xlsx", bytes)).map((c) => [c.name, c.fundingSource, c.responsibleUnit])).toEqual([
      ["某村路灯工程", "镇自筹", "某镇人民政府"],
      ["某村桥梁工程", "镇自筹", "某镇人民政府"],
      ["某村公厕", "镇自筹", "某镇人民政府"],
    ]);
  });

  it("reads booleans, shared formulas and 1904-based dates", async () => {
    const bytes = await xlsx((sheet, book) => {
      book.properties.date1904 = true;
      sheet.addRow(HEADER_CELLS);
      sheet.addRow([1, "某村路灯工程", true, { formula: "20*3", result: 60 }, "镇自筹", new Date(Date.UTC(2026, 9, 31)), "某镇人民政府"]);
      sheet.addRow([2, "某村桥梁工程", "新建桥梁", { sharedFormula: "D2", result: 61 }, "镇自筹", "2026-12", "某镇人民政府"]);
    });
    expect(candidates(await parseSlateFile("a.xlsx", bytes))).toMatchObject([
      { content: "TRUE", investment: 60, plannedCompletion: "2026-10-31" },
      { investment: 61 },
    ]);
  });

  it("reads inline strings, as tools other than Excel write them", async () => {
    const bytes = workbook(SHEET_START + sheetRow(1, SLATE_HEADER) + sheetRow(2, slateRow(1)) + SHEET_END);
    expect(candidates(await parseSlateFile("a.xlsx", bytes))).toEqual([
      {
        name: "第1村道路硬化工程",
        content: "硬化村主干道2公里，路面宽4.5米，配套建设排水沟",
        investment: 121,
        fundingSource: "县级财政补助",
        plannedCompletion: "2026-12",
        responsibleUnit: "某镇人民政府",
      },
    ]);
  });
});

describe("parseSlateFile: hostile workbooks (issue 19)", () => {
  const BROKEN = "无法读取该 Excel 文件，文件可能已损坏或不是 .xlsx 格式。请在 Excel 中打开并另存为“Excel 工作簿（*.xlsx）”后再导入";
  const TOO_BIG = "Excel 文件内容过大，无法导入。请只保留候选项目表后另存再导入";
  /** Far below what reading these files cost before (+1.1 GiB for the lying zip bomb). */
  const MEMORY_BOUND_MIB = 192;

  /** How far the process's resident memory rose above where it stood while `work` ran. */
  async function memoryRise<T>(work: () => Promise<T>): Promise<{ result: T; risenMiB: number }> {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const result = await work();
      // The kernel's high-water mark also catches a peak while the event loop was blocked.
      peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
      return { result, risenMiB: (peak - before) / 2 ** 20 };
    } finally {
      clearInterval(sampler);
    }
  }

  it("refuses a zip bomb that lies about its sizes, in bounded memory", async () => {
    const bomb = lyingZipBomb();
    expect(bomb.byteLength).toBeLessThan(MAX_SLATE_FILE_BYTES);
    const { result, risenMiB } = await memoryRise(() => parseSlateFile("候选项目.xlsx", bomb));
    expect(errors(result)).toEqual([{ row: 0, message: BROKEN }]);
    expect(risenMiB).toBeLessThan(MEMORY_BOUND_MIB);
  });

  it("refuses 57 MiB of honest worksheet XML as too big, in bounded memory", async () => {
    const large = manyRowsWorkbook(57);
    expect(large.byteLength).toBeLessThan(MAX_SLATE_FILE_BYTES);
    const { result, risenMiB } = await memoryRise(() => parseSlateFile("候选项目.xlsx", large));
    expect(errors(result)).toEqual([{ row: 0, message: TOO_BIG }]);
    expect(risenMiB).toBeLessThan(MEMORY_BOUND_MIB);
  });

  it("reads a worksheet under the size limit row by row, keeping only what the slate needs", async () => {
    const { result, risenMiB } = await memoryRise(() => parseSlateFile("候选项目.xlsx", manyRowsWorkbook(6)));
    expect(errors(result)).toEqual([{ row: 0, message: expect.stringMatching(/^候选项目不能超过100个，文件中有\d{4,}个$/) }]);
    expect(risenMiB).toBeLessThan(MEMORY_BOUND_MIB);
  });

  it("refuses an honest zip bomb, an external entity (XXE) and nested entities (billion laughs)", async () => {
    expect(errors(await parseSlateFile("a.xlsx", honestZipBomb()))).toEqual([{ row: 0, message: TOO_BIG }]);
    for (const bytes of [externalEntityWorkbook(), billionLaughsWorkbook()]) {
      const result = await parseSlateFile("a.xlsx", bytes);
      expect(errors(result)).toEqual([{ row: 0, message: BROKEN }]);
      expect(JSON.stringify(result)).not.toMatch(/root:|lollol/);
    }
  });

  it("reads one file at a time and refuses another meanwhile with a Chinese message", async () => {
    const first = parseSlateFile("a.xlsx", manyRowsWorkbook(6));
    const second = parseSlateFile("b.xlsx", await slateTemplateXlsx());
    await expect(second).rejects.toThrow(Refusal);
    await expect(second).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/稍后再试/) });
    expect((await first).ok).toBe(false);
    expect(candidates(await parseSlateFile("b.xlsx", await slateTemplateXlsx()))).toHaveLength(1);
  });

  it("stops a reader that runs out of memory or time, and the next file gets a fresh one", async () => {
    const starved = new TableReader({ timeoutMs: 60_000, resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });
    expect(errors(slateResult(await starved.read("slate", "a.xlsx", manyRowsWorkbook(6))))).toEqual([{ row: 0, message: expect.stringContaining("过于复杂") }]);
    const hurried = new TableReader({ timeoutMs: 1 });
    expect(errors(slateResult(await hurried.read("slate", "a.xlsx", manyRowsWorkbook(6))))).toEqual([{ row: 0, message: expect.stringContaining("过于复杂") }]);
    const reader = new TableReader();
    expect(errors(slateResult(await reader.read("slate", "a.xlsx", manyRowsWorkbook(6))))[0]!.message).toContain("不能超过100个");
    expect(candidates(slateResult(await reader.read("slate", "a.xlsx", await slateTemplateXlsx())))).toHaveLength(1);
    await reader.close();
  });
});

describe("templates", () => {
  it("the CSV template has a BOM, the header and one example, and imports cleanly", async () => {
    const csv = slateTemplateCsv();
    expect(csv.startsWith("\uFEFF序号,项目名称,项目内容,估算投资（万元）,资金来源,计划完成时间,责任单位\r\n")).toBe(true);
    expect(csv.trim().split("\r\n")).toHaveLength(2);
    expect(candidates(await parseSlateFile("template.csv", new TextEncoder().encode(csv)))).toEqual([
      {
        name: "某村道路硬化工程",
        content: "硬化某村主干道2.5公里，路面宽4.5米，配套建设排水沟",
        investment: 120,
        fundingSource: "县级财政补助、镇自筹",
        plannedCompletion: "2026-12",
        responsibleUnit: "某镇人民政府（村镇建设办）",
      },
    ]);
  });

  it("the Excel template imports cleanly to the same example", async () => {
    const fromXlsx = candidates(await parseSlateFile("template.xlsx", await slateTemplateXlsx()));
    const fromCsv = candidates(await parseSlateFile("template.csv", new TextEncoder().encode(slateTemplateCsv())));
    expect(fromXlsx).toEqual(fromCsv);
  });

  it("the Excel template keeps the completion date column as text", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await slateTemplateXlsx()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("候选项目");
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER_CELLS]);
    expect(sheet.getCell("F2").value).toBe("2026-12");
    expect(sheet.getCell("F50").numFmt).toBe("@");
  });
});
