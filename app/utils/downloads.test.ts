import { describe, expect, it } from "vitest";
import { csvCell, csvDocument, download } from "./downloads";

describe("csvCell", () => {
  it("defuses text a spreadsheet would run", () => {
    for (const formula of ["=1+1", "+1+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"])
      expect(csvCell(formula).replace(/^"/, "")).toMatch(/^'/);
  });
  it("leaves numbers, plain text and numbers typed as text alone", () => {
    expect([csvCell(-3), csvCell("-3"), csvCell("+12.5%"), csvCell("张伟"), csvCell(null), csvCell(0)]).toEqual(["-3", "-3", "+12.5%", "张伟", "", "0"]);
  });
  it("quotes commas, quotes and line breaks as RFC 4180 says", () => {
    expect(csvCell('甲,乙"丙"\n丁')).toBe('"甲,乙""丙""\n丁"');
  });
});

describe("csvDocument", () => {
  it("starts with a byte-order mark and ends every line with CRLF", () => {
    expect(
      csvDocument([
        ["代码", "名称"],
        ["430121", "=长沙县"],
      ]),
    ).toBe("\uFEFF代码,名称\r\n430121,'=长沙县\r\n");
  });
});

describe("download", () => {
  it("names the file in UTF-8 with an ASCII fallback, and keeps staff files out of caches", () => {
    const response = download("a", { type: "csv", name: "黄兴镇-第1轮.csv", asciiName: "roll-1-1.csv" });
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="roll-1-1.csv"; filename*=UTF-8''${encodeURIComponent("黄兴镇-第1轮.csv")}`);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });
});
