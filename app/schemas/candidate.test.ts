import { describe, expect, it } from "vitest";

import { CANDIDATE_FIELD_LABELS, CandidateInputSchema, type CandidateInput } from "./candidate";

const valid = {
  name: "某村道路硬化工程",
  content: "硬化某村主干道2.5公里",
  investment: "120",
  fundingSource: "县级财政补助",
  plannedCompletion: "2026-12",
  responsibleUnit: "某镇人民政府",
};

/** Messages of a failed parse, by field. */
function errorsOf(input: Record<string, unknown>): Partial<Record<keyof CandidateInput, string[]>> {
  const result = CandidateInputSchema.safeParse(input);
  if (result.success) return {};
  const errors: Partial<Record<keyof CandidateInput, string[]>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof CandidateInput;
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}

function parsed(overrides: Record<string, unknown>): CandidateInput {
  return CandidateInputSchema.parse({ ...valid, ...overrides });
}

describe("CandidateInputSchema (候选项目)", () => {
  it("accepts a complete candidate and normalises it", () => {
    expect(
      CandidateInputSchema.parse({
        ...valid,
        name: "  某村道路\n硬化工程 ",
        content: "第一段\r\n第二段 ",
        investment: "1,200.5万元",
        responsibleUnit: " 某镇人民政府 ",
      }),
    ).toEqual({
      name: "某村道路 硬化工程",
      content: "第一段\n第二段",
      investment: 1200.5,
      fundingSource: "县级财政补助",
      plannedCompletion: "2026-12",
      responsibleUnit: "某镇人民政府",
    });
  });

  it("labels every field in Chinese", () => {
    expect(CANDIDATE_FIELD_LABELS).toEqual({
      name: "项目名称",
      content: "项目内容",
      investment: "估算投资（万元）",
      fundingSource: "资金来源",
      plannedCompletion: "计划完成时间",
      responsibleUnit: "责任单位",
    });
  });

  it("names each missing field by its Chinese label", () => {
    expect(errorsOf({})).toEqual({
      name: ["项目名称不能为空"],
      content: ["项目内容不能为空"],
      investment: ["估算投资（万元）不能为空"],
      fundingSource: ["资金来源不能为空"],
      plannedCompletion: ["计划完成时间不能为空"],
      responsibleUnit: ["责任单位不能为空"],
    });
    expect(
      errorsOf({
        name: " ",
        content: "",
        investment: "  ",
        fundingSource: "\n",
        plannedCompletion: "",
        responsibleUnit: null,
      }),
    ).toEqual(errorsOf({}));
  });

  describe("text lengths", () => {
    it("项目名称 is 2 to 60 characters", () => {
      expect(errorsOf({ ...valid, name: "路" }).name).toEqual(["项目名称至少2个字"]);
      expect(parsed({ name: "修路" }).name).toBe("修路");
      expect(parsed({ name: "路".repeat(60) }).name).toHaveLength(60);
      expect(errorsOf({ ...valid, name: "路".repeat(61) }).name).toEqual(["项目名称不能超过60个字（现有61个字）"]);
    });

    it("counts a rare place-name character (outside the BMP) once", () => {
      expect(parsed({ name: "𠮷村" }).name).toBe("𠮷村");
      expect(parsed({ name: "𠮷".repeat(60) }).name).toHaveLength(120);
    });

    it("项目内容 is 1 to 1000 characters, 资金来源 and 责任单位 1 to 100", () => {
      expect(parsed({ content: "修" }).content).toBe("修");
      expect(parsed({ content: "修".repeat(1000) }).content).toHaveLength(1000);
      expect(errorsOf({ ...valid, content: "修".repeat(1001) }).content).toEqual(["项目内容不能超过1000个字（现有1001个字）"]);
      expect(errorsOf({ ...valid, fundingSource: "财".repeat(101) }).fundingSource).toEqual(["资金来源不能超过100个字（现有101个字）"]);
      expect(errorsOf({ ...valid, responsibleUnit: "单".repeat(101) }).responsibleUnit).toEqual(["责任单位不能超过100个字（现有101个字）"]);
      expect(parsed({ fundingSource: "财".repeat(100), responsibleUnit: "单".repeat(100) }).responsibleUnit).toHaveLength(100);
    });

    it("takes a number typed into a text field as its text, and rejects other types", () => {
      expect(parsed({ name: 2026 }).name).toBe("2026");
      expect(errorsOf({ ...valid, fundingSource: { a: 1 } }).fundingSource).toEqual(["资金来源须为文字"]);
    });
  });

  describe("估算投资（万元）", () => {
    it.each<[unknown, number]>([
      ["120", 120],
      ["1,200.5", 1200.5],
      ["１２０", 120],
      ["１，２００．５", 1200.5],
      ["120万元", 120],
      ["120 万元", 120],
      ["120万", 120],
      [" 85.50 ", 85.5],
      ["0", 0],
      ["1,234,567.89", 1234567.89],
      ["9999999.99", 9999999.99],
      [0, 0],
      [120.5, 120.5],
      [0.1 + 0.2, 0.3], // a spreadsheet formula's binary noise is not a third decimal
    ])("accepts %j as %d", (input, expected) => {
      expect(parsed({ investment: input }).investment).toBe(expected);
    });

    const FORMAT = "估算投资（万元）须为不小于0的数字，最多两位小数";
    it.each<[unknown, string]>([
      ["-5", FORMAT],
      [-0.01, FORMAT],
      ["abc", FORMAT],
      ["1,20", FORMAT],
      ["12,00.5", FORMAT],
      ["120元", FORMAT], // 元 is not 万元: never guess the unit
      ["1200000元", FORMAT],
      ["1.2亿", FORMAT],
      ["120.", FORMAT],
      [true, FORMAT],
      [Number.NaN, FORMAT],
      [Number.POSITIVE_INFINITY, FORMAT],
      ["1.234", `${FORMAT}（实际数值为 1.234）`],
      [33.333333333333336, `${FORMAT}（实际数值为 33.333333333333336）`],
      ["10000000", "估算投资（万元）须小于10,000,000万元"],
      [10_000_000, "估算投资（万元）须小于10,000,000万元"],
      ["", "估算投资（万元）不能为空"],
      [null, "估算投资（万元）不能为空"],
    ])("rejects %j", (input, message) => {
      expect(errorsOf({ ...valid, investment: input }).investment?.[0]).toBe(message);
    });
  });

  describe("计划完成时间", () => {
    it.each<[unknown, string]>([
      ["2026-12", "2026-12"],
      ["2026-12-31", "2026-12-31"],
      ["2026/12", "2026-12"],
      ["2026/12/31", "2026-12-31"],
      ["2026年12月", "2026-12"],
      ["2026年12月31日", "2026-12-31"],
      ["2026 年 12 月 31 日", "2026-12-31"],
      ["2026年3月5号", "2026-03-05"],
      ["2026.12", "2026-12"],
      ["2026.10", "2026-10"],
      ["2026.12.31", "2026-12-31"],
      ["2026-3", "2026-03"],
      ["２０２６年１２月", "2026-12"],
      ["2026年12月底", "2026-12"],
      ["2026年底", "2026-12"],
      ["2026/12/31 0:00", "2026-12-31"],
      ["2028-02-29", "2028-02-29"],
      ["2000-01", "2000-01"],
      ["2100-12-31", "2100-12-31"],
      [new Date(Date.UTC(2026, 11, 31)), "2026-12-31"],
      [new Date(Date.UTC(2028, 1, 29)), "2028-02-29"],
      [2026.12, "2026-12"],
      [2026.9, "2026-09"],
    ])("accepts %j as %s", (input, expected) => {
      expect(parsed({ plannedCompletion: input }).plannedCompletion).toBe(expected);
    });

    const FORMAT = "计划完成时间格式不正确，请填写如“2026-12”“2026年12月”或“2026-12-31”";
    it.each<[unknown, string]>([
      ["2026-13", "计划完成时间“2026-13”不是有效日期"],
      ["2026-00", "计划完成时间“2026-00”不是有效日期"],
      ["2026-02-29", "计划完成时间“2026-02-29”不是有效日期"],
      ["2026-04-31", "计划完成时间“2026-04-31”不是有效日期"],
      ["2026年2月30日", "计划完成时间“2026-02-30”不是有效日期"],
      ["1999-12", "计划完成时间的年份须在2000年至2100年之间"],
      ["2101-01", "计划完成时间的年份须在2000年至2100年之间"],
      [new Date(Date.UTC(1899, 11, 31)), "计划完成时间的年份须在2000年至2100年之间"],
      [new Date(Number.NaN), "计划完成时间不是有效日期"],
      [2026.1, "计划完成时间“2026.1”无法确定是1月还是10月，请填写为“2026年10月”或“2026年1月”"],
      ["12/2026", FORMAT],
      ["2026", FORMAT],
      ["2026-12/31", FORMAT],
      ["明年年底", FORMAT],
      [46022, FORMAT],
      ["", "计划完成时间不能为空"],
      [undefined, "计划完成时间不能为空"],
    ])("rejects %j", (input, message) => {
      expect(errorsOf({ ...valid, plannedCompletion: input }).plannedCompletion).toEqual([message]);
    });
  });
});
