/** The roster import (代表名单导入) against the real reader thread and a real database. */
import { describe, expect, it } from "vitest";

import { prisma } from "~/data/sqlite.server";
import { activeDeputies, townshipByCode } from "~/data/deputies.server";

import { rosterCsv, rosterXlsx } from "../../tests/factories/roster-file";
import { createSession } from "./congress-session.server";
import { Refusal, type Actor } from "./refusal";
import { rosterTemplateCsv, rosterTemplateXlsx } from "./roster-template.server";
import { addDeputiesToRoster, importRosterFile, retireFromRoster } from "./roster.server";

const clerk: Actor = { actor: "clerk:roster-test", device: "127.0.0.1 vitest" };
const utf8 = (text: string) => new TextEncoder().encode(text);

async function township(code: string) {
  const found = await townshipByCode(code);
  if (!found) throw new Error(`no township ${code}`);
  return found.id;
}

async function lastAudit() {
  return prisma.auditEntry.findFirst({ orderBy: { id: "desc" }, select: { action: true, outcome: true, detail: true } });
}

describe("importRosterFile", () => {
  it("imports nothing from a file with bad rows, and says which rows, in Chinese", async () => {
    const townshipId = await township("430112101");
    const file = rosterCsv(3, {
      extraRows: [
        ["", "4"], // row 5: no name
        ["王建国", "5"], // row 6: the name of row 2
        ["赵六", "2"], // row 7: the seat of row 3
        ["钱七", "八号", "", "未知"], // row 8: seat and gender unreadable
      ],
    });
    const result = await importRosterFile(clerk, townshipId, "名单.csv", utf8(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { row: 5, field: "name", message: "姓名不能为空" },
      { row: 6, field: "name", message: "姓名“王建国”与第2行重复；同名代表请加以区分（如“王建国（大）”）" },
      { row: 7, field: "seatNo", message: "座位号 2 与第3行重复" },
      { row: 8, field: "seatNo", message: "座位号须为1至999的整数" },
      { row: 8, field: "gender", message: "性别请填写“男”或“女”" },
    ]);
    expect(await activeDeputies(townshipId)).toEqual([]);
    expect(await lastAudit()).toMatchObject({ action: "roster.import", outcome: "refused" });
  });

  it("refuses a file without a name column, and files that are not tables", async () => {
    const townshipId = await township("430112101");
    const noName = await importRosterFile(clerk, townshipId, "a.csv", utf8("座位号,性别\r\n1,男\r\n"));
    expect(noName).toEqual({ ok: false, errors: [{ row: 1, message: "缺少必填列：姓名。请使用导入模板的表头" }] });
    const wrongType = await importRosterFile(clerk, townshipId, "名单.docx", utf8("王建国"));
    expect(wrongType).toEqual({ ok: false, errors: [{ row: 0, message: "仅支持 CSV 或 Excel（.xlsx）文件" }] });
    const broken = await importRosterFile(clerk, townshipId, "名单.xlsx", utf8("not a workbook"));
    expect(broken.ok).toBe(false);
    expect(await activeDeputies(townshipId)).toEqual([]);
  });

  it("imports a good CSV with every column, and the session seats deputies by their seat numbers", async () => {
    const townshipId = await township("430112103");
    const result = await importRosterFile(clerk, townshipId, "名单.csv", utf8(rosterCsv(45, { firstSeat: 11 })));
    expect(result).toEqual({ ok: true, count: 45 });
    const roster = await activeDeputies(townshipId);
    expect(roster).toHaveLength(45);
    expect(roster[0]).toMatchObject({
      name: "王建国",
      seatNo: 11,
      cardNo: "011",
      gender: "男",
      ethnicity: "汉族",
      deputyGroup: "第1代表小组",
      workUnit: "第1村村民委员会",
      position: "村党组织书记",
    });
    expect((await townshipByCode("430112103"))!.seatedDeputies).toBe(45);
    expect(await lastAudit()).toMatchObject({ action: "roster.import", outcome: "accepted" });

    const sessionId = await createSession(clerk, townshipId, { title: "茶亭镇人大会议", meetingDate: new Date("2026-01-15T09:00:00+08:00"), place: "镇政府" });
    const seats = await prisma.attendance.findMany({ where: { sessionId }, orderBy: { seatNo: "asc" }, select: { seatNo: true } });
    expect(seats.map((seat) => seat.seatNo)).toEqual(Array.from({ length: 45 }, (_, i) => 11 + i));
  });

  it("refuses names, seat numbers and 代表证号 already on the roster, row by row", async () => {
    const townshipId = await township("430112103"); // the 45 of the test above
    const file = "姓名,座位号,代表证号\r\n新代表甲,99,099\r\n王建国,,\r\n新代表乙,12,\r\n新代表丙,,013\r\n";
    const result = await importRosterFile(clerk, townshipId, "补充.csv", utf8(file));
    expect(result).toEqual({
      ok: false,
      errors: [
        { row: 3, field: "name", message: "“王建国”已在代表名单上；同名代表请加以区分（如“王建国（大）”）" },
        { row: 4, field: "seatNo", message: "座位号 12 已是名单上 李建国 的座位号" },
        { row: 5, field: "cardNo", message: "代表证号“013”已是名单上 张建国 的代表证号" },
      ],
    });
    expect(await activeDeputies(townshipId)).toHaveLength(45);
  });

  it("imports a good .xlsx, names padded for alignment read without the padding", async () => {
    const townshipId = await township("430112106");
    const bytes = await rosterXlsx(30, { extraRows: [["欧阳　明", "31"]] });
    expect(await importRosterFile(clerk, townshipId, "名单.xlsx", bytes)).toEqual({ ok: true, count: 31 });
    const roster = await activeDeputies(townshipId);
    expect(roster.at(-1)).toMatchObject({ name: "欧阳明", seatNo: 31, gender: null, cardNo: null });
    expect(roster[1]).toMatchObject({ name: "李建国", seatNo: 2, gender: "女" });
  });

  it("the templates import cleanly to the same example", async () => {
    const fromCsv = await importRosterFile(clerk, await township("430112107"), "模板.csv", utf8(rosterTemplateCsv()));
    expect(fromCsv).toEqual({ ok: true, count: 1 });
    const fromXlsx = await importRosterFile(clerk, await township("430112115"), "模板.xlsx", await rosterTemplateXlsx());
    expect(fromXlsx).toEqual({ ok: true, count: 1 });
    const [a] = await activeDeputies(await township("430112107"));
    const [b] = await activeDeputies(await township("430112115"));
    expect({ ...a, id: 0 }).toEqual({ ...b, id: 0 });
    expect(a).toMatchObject({ name: "张某某", seatNo: 1, cardNo: "001", gender: "女" });
  });
});

describe("changing the roster by hand", () => {
  it("adds deputies with their audit entry, and records a refused add or retire in the log", async () => {
    const townshipId = await township("430112115");
    await addDeputiesToRoster(clerk, townshipId, ["周一", "周二"]);
    expect(await lastAudit()).toMatchObject({ action: "roster.add", outcome: "accepted" });

    await expect(addDeputiesToRoster(clerk, townshipId, ["周一"])).rejects.toBeInstanceOf(Refusal);
    const refusedAdd = await lastAudit();
    expect(refusedAdd).toMatchObject({ action: "roster.add", outcome: "refused" });
    expect(JSON.parse(refusedAdd!.detail)).toMatchObject({ code: "names-on-roster", townshipId });
    expect((await activeDeputies(townshipId)).filter((deputy) => deputy.name === "周一")).toHaveLength(1);

    const [first] = (await activeDeputies(townshipId)).filter((deputy) => deputy.name === "周二");
    await retireFromRoster(clerk, townshipId, first!.id);
    expect(await lastAudit()).toMatchObject({ action: "roster.retire", outcome: "accepted" });
    await expect(retireFromRoster(clerk, townshipId, first!.id)).rejects.toBeInstanceOf(Refusal);
    const refusedRetire = await lastAudit();
    expect(refusedRetire).toMatchObject({ action: "roster.retire", outcome: "refused" });
    expect(JSON.parse(refusedRetire!.detail)).toMatchObject({ code: "deputy-not-active", townshipId, deputyId: first!.id });
  });
});
