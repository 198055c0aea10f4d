/**
 * Issue 12, the clerk's part before the vote: the roster imported from a file, check-in at the door
 * of the hall (search, large targets, bulk 签到), and the township page before a roster exists.
 * Each test in a township of its own (the township fixture).
 */
import type { Browser, Page } from "@playwright/test";
import { rosterUpload } from "../factories/roster-file";
import { expect, importFile, test } from "./fixtures";

test.use({ viewport: { width: 1024, height: 768 } });

const ROSTER_FIELD = "代表名单文件（CSV 或 Excel .xlsx）";

async function openTownship(page: Page, code: string) {
  await page.goto(`/console/townships/${code}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
}

async function importRoster(page: Page, count: number) {
  await importFile(page, ROSTER_FIELD, "导入名单", rosterUpload(count), page.getByText(`已导入 ${count} 名代表。`));
}

async function createSession(page: Page, title: string) {
  await page.getByLabel("会议名称").fill(title);
  await page.getByLabel("会议日期").fill("2026-01-15");
  await page.getByLabel("会议地点").fill("镇政府大会议室");
  await page.getByRole("button", { name: "建立会议" }).click();
  await expect(page).toHaveURL(/\/console\/sessions\/\d+$/);
}

const rosterTable = (page: Page) => page.getByRole("table", { name: /^代表名单（实到/ });

async function clerkWithoutScript(browser: Browser, page: Page) {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 1024, height: 768 },
    storageState: await page.context().storageState(),
  });
  return context.newPage();
}

test("before a roster exists the township page labels the register's estimate, and asks for the roster first, above its forms", async ({
  page,
  logIn,
  township,
}) => {
  await logIn(page);
  await openTownship(page, township.code);
  await expect(page.getByText(/实有代表/)).toHaveCount(0);
  await expect(page.getByText(new RegExp(`代表名额估算 ${township.deputyQuota} 名.*仅供参考`))).toBeVisible();

  const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.indexOf("代表名单")).toBeGreaterThanOrEqual(0);
  expect(headings.indexOf("代表名单")).toBeLessThan(headings.indexOf("本乡镇的会议"));
  await expect(page.getByRole("button", { name: "建立会议" })).toHaveCount(0);
  await expect(page.getByText(/请先在上方录入代表名单/)).toBeVisible();

  // The note that points at the forms sits above them.
  const note = await page.getByText(/还没有录入代表/).boundingBox();
  const importForm = await page.getByLabel("代表名单文件（CSV 或 Excel .xlsx）").boundingBox();
  const handForm = await page.getByLabel("代表姓名（每行一名，或用“，”“、”分隔）").boundingBox();
  expect(note!.y).toBeLessThan(importForm!.y);
  expect(note!.y).toBeLessThan(handForm!.y);

  // The templates download.
  for (const extension of ["csv", "xlsx"]) {
    const response = await page.request.get(`/console/townships/${township.code}/roster-template.${extension}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toContain(encodeURIComponent("代表名单导入模板"));
  }
});

test("a roster file with mistakes imports nothing and names each row; the corrected file imports all 45", async ({ page, logIn, township }) => {
  await logIn(page);
  await openTownship(page, township.code);
  const bad = rosterUpload(45, {
    extraRows: [
      ["王建国", "46"],
      ["新代表", "12"],
      ["", "47", "", "男"],
    ],
  });
  await importFile(page, ROSTER_FIELD, "导入名单", bad, page.getByText("文件有误，未导入任何代表："));
  const errors = page.getByRole("list", { name: "导入错误" });
  await expect(errors.getByRole("listitem")).toHaveText([
    "第47行 姓名：“王建国”与第2行重复；同名代表请加以区分（如“王建国（大）”）",
    "第48行 座位号：12 与第13行重复",
    "第49行 姓名：不能为空",
  ]);
  await expect(page.getByText(/还没有录入代表/)).toBeVisible();

  await importRoster(page, 45);
  await expect(page.getByText(`实有代表 45 名（代表名额估算 ${township.deputyQuota} 名）`)).toBeVisible();
  await expect(page.getByRole("list", { name: "代表名单（45）" }).getByRole("listitem")).toHaveCount(45);
  await expect(page.getByRole("button", { name: "建立会议" })).toBeVisible();

  // The same file again: every name and seat is already on the roster.
  await importFile(page, ROSTER_FIELD, "导入名单", rosterUpload(2), errors);
  await expect(errors.getByRole("listitem")).toHaveText([
    "第2行 姓名：“王建国”已在代表名单上；同名代表请加以区分（如“王建国（大）”）",
    "第2行 座位号：1 已是名单上 王建国 的座位号",
    "第2行 代表证号：“001”已是名单上 王建国 的代表证号",
    "第3行 姓名：“李建国”已在代表名单上；同名代表请加以区分（如“李建国（大）”）",
    "第3行 座位号：2 已是名单上 李建国 的座位号",
    "第3行 代表证号：“002”已是名单上 李建国 的代表证号",
  ]);
  await expect(page.getByText(`实有代表 45 名（代表名额估算 ${township.deputyQuota} 名）`)).toBeVisible();
});

test("check-in at the door: find by name or seat, one filled button per row, tick several and check them in at once", async ({ page, logIn, township }) => {
  await logIn(page);
  await openTownship(page, township.code);
  await importRoster(page, 45);
  await createSession(page, `${township.name}第十八届人民代表大会第六次会议`);
  const table = rosterTable(page);
  await expect(table.getByRole("rowheader")).toHaveCount(45);

  // Each row offers one filled action, with a large target; the tick box too.
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "王建国", exact: true }) });
  await expect(row.locator("button.primary, button.current")).toHaveCount(1);
  const checkIn = await row.getByRole("button", { name: /^签到\s*：王建国$/ }).boundingBox();
  expect(checkIn!.height).toBeGreaterThanOrEqual(48);
  const tick = await row
    .locator("label")
    .filter({ has: page.getByRole("checkbox") })
    .boundingBox();
  expect(Math.min(tick!.width, tick!.height)).toBeGreaterThanOrEqual(48);

  // Filters as the clerk types: by name, then by seat number.
  const search = page.getByLabel("按姓名或座位号查找");
  await search.fill("王");
  await expect(table.getByRole("rowheader")).toHaveText(["王建国", "王秀英", "王志强"]);
  await page.getByRole("checkbox", { name: "选择 王建国" }).check();
  await page.getByRole("checkbox", { name: "选择 王秀英" }).check();
  await search.fill("12");
  await expect(table.getByRole("rowheader")).toHaveText(["孙建国"]);
  await page.getByRole("checkbox", { name: "选择 孙建国" }).check();
  await search.fill("没有这个人");
  await expect(page.getByText("没有找到“没有这个人”：请核对姓名或座位号。")).toBeVisible();

  // What was ticked before each search is checked in together; the quorum follows.
  await page.getByRole("button", { name: "签到所选代表（3 名）" }).click();
  await expect(page.getByText("已签到 3 名：王建国、孙建国、王秀英")).toBeVisible();
  await expect(table).toHaveAccessibleName("代表名单（实到 3 / 应到 45）");
  await search.fill("");
  await expect(table.getByRole("rowheader")).toHaveCount(45);
  await expect(row.locator("button.primary, button.current")).toHaveCount(0);

  // Everyone else at once.
  await page.getByRole("button", { name: "全选显示的未签到代表" }).click();
  await page.getByRole("button", { name: "签到所选代表（42 名）" }).click();
  await expect(page.getByText(/^已签到 42 名：/)).toBeVisible();
  await expect(page.getByText("已达到法定人数")).toBeVisible();
  await expect(page.getByText("批量签到：42 名代表")).toBeAttached(); // in the collapsed audit log
});

test("check-in without JavaScript: the search is a GET filter that stays through the 签到 post", async ({ page, browser, logIn, township }) => {
  await logIn(page);
  const clerk = await clerkWithoutScript(browser, page);
  await openTownship(clerk, township.code);
  await importFile(clerk, ROSTER_FIELD, "导入名单", rosterUpload(45), clerk.getByText("已导入 45 名代表。"));
  await createSession(clerk, `${township.name}第十八届人民代表大会第六次会议`);
  const sessionUrl = clerk.url();

  await clerk.getByLabel("按姓名或座位号查找").fill("王");
  await clerk.getByRole("button", { name: "查找", exact: true }).click();
  await expect(clerk).toHaveURL(/\?q=%E7%8E%8B$/);
  const table = rosterTable(clerk);
  await expect(table.getByRole("rowheader")).toHaveText(["王建国", "王秀英", "王志强"]);

  await clerk.getByRole("checkbox", { name: "选择 王建国" }).check();
  await clerk.getByRole("checkbox", { name: "选择 王志强" }).check();
  await clerk.getByRole("button", { name: /^签到所选代表/ }).click();
  await expect(clerk.getByText("已签到 2 名：王建国、王志强")).toBeVisible();
  await expect(table.getByRole("rowheader")).toHaveText(["王建国", "王秀英", "王志强"]);
  await expect(table).toHaveAccessibleName("代表名单（实到 2 / 应到 45）");

  await clerk.goto(`${sessionUrl}?q=${encodeURIComponent("１２")}`);
  await expect(table.getByRole("rowheader")).toHaveText(["孙建国"]);
  await table.getByRole("button", { name: /^签到\s*：孙建国$/ }).click();
  await expect(table).toHaveAccessibleName("代表名单（实到 3 / 应到 45）");
  await clerk.context().close();
});
