/**
 * Coverage and monitoring in the browser. The data is made before the tests through the app's own
 * services (tests/e2e/seed/monitor-seed.ts, on the e2e database the server is using): in 韶山市
 * (430382) 清溪镇 and 银田镇 published, 韶山乡 voted but did not publish, 杨林乡 has not held its vote.
 * A county staffer logs in and sees which townships have not voted and what the others decided.
 */
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { ADMIN, expect, test } from "./fixtures";

const COUNTY_MONITOR = { username: "e2e-shaoshan", password: "e2e-shaoshan-password" };
const root = path.resolve(import.meta.dirname, "../..");
let seeded: { published: string[]; notices: string[]; held: string; notHeld: string };

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  // The database the web server of playwright.config.ts uses (one per port).
  const database = `tests/.tmp/e2e-${Number(process.env.E2E_PORT ?? 3210)}.db`;
  const output = execFileSync("npx", ["tsx", "tests/e2e/seed/monitor-seed.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${database}`, NODE_ENV: "production" },
    encoding: "utf8",
  });
  seeded = JSON.parse(output.trim().split("\n").pop()!);
});

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`)).toEqual([]);
}

async function logInAs(page: Page, user: { username: string; password: string }, to: string) {
  await page.goto(to);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
}

test("the public coverage page names its register and shows the province's coverage by city and county", async ({ page }) => {
  await page.goto("/coverage?year=2026");
  await expect(page.getByRole("heading", { level: 1, name: "2026年票决覆盖情况" })).toBeVisible();
  const headline = page.getByLabel("覆盖率", { exact: true });
  await expect(headline).toContainText("覆盖率");
  await expect(headline).toContainText(/\d+(\.\d)?%/);
  await expect(page.getByText(/统计口径：国家统计局2023年统计用区划代码，共 1,522 个乡镇/)).toBeVisible();
  const cities = page.getByRole("table", { name: "各市州覆盖情况" });
  await expect(cities.getByRole("row")).toHaveCount(1 + 14);
  const xiangtan = cities.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "湘潭市" }) });
  await expect(xiangtan.getByRole("cell").nth(1)).not.toHaveText("0");
  const shaoshan = page.getByRole("table", { name: "各县市区覆盖情况" }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: "韶山市" }) });
  await expect(shaoshan.getByRole("cell")).toHaveText(["湘潭市", "4", "2", "50.0%"]);
  await expect(page.getByRole("img", { name: /各市州覆盖率/ })).toBeVisible();
  await expectAccessible(page);
});

test("the public finds a township by name, reads its sessions and opens a published notice", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("乡镇名称或区划代码").fill("清溪");
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  const results = page.getByRole("table", { name: "“清溪”的查找结果" });
  await expect(results).toBeVisible();
  await expectAccessible(page);
  await results.getByRole("row").filter({ hasText: "430382100" }).getByRole("link", { name: "清溪镇" }).click();
  await expect(page).toHaveURL(/\/townships\/430382100$/);
  await expect(page.getByRole("heading", { level: 1, name: /清溪镇/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "2026年" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "公告第1号" }).click();
  await expect(page).toHaveURL(new RegExp(`${seeded.notices[0]}$`));

  // A full 9-digit code goes straight to the township.
  await page.goto("/search?q=430382101");
  await expect(page).toHaveURL(/\/townships\/430382101$/);
  await expect(page.getByRole("heading", { level: 1, name: /银田镇/ })).toBeVisible();
});

test("a county staffer logs in and sees which townships have not voted and what the others decided", async ({ page }) => {
  await logInAs(page, COUNTY_MONITOR, "/monitor");
  await expect(page).toHaveURL(/\/monitor\/430382(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: /韶山市 \d{4}年票决监测/ })).toBeVisible();

  const notHeld = page.getByRole("region", { name: /尚未公告票决结果的乡镇（2个）/ });
  await expect(notHeld.getByRole("link")).toHaveText([seeded.held, seeded.notHeld]);
  await expect(notHeld).toContainText("已表决，未公告");
  await expect(notHeld).toContainText("未举行");

  const townships = page.getByRole("table", { name: "各乡镇票决情况" });
  const qingxi = townships.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "清溪镇" }) });
  await expect(qingxi).toContainText("已公告");
  await expect(qingxi).toContainText("清溪村道路硬化（9）");
  await expect(qingxi).toContainText("集镇污水管网改造（7）");
  await expect(qingxi).toContainText("100.0%"); // turnout: 9 of 9

  const anomalies = page.getByRole("table", { name: "需要关注的情况", exact: true });
  await expect(anomalies.getByRole("row").filter({ hasText: "名额空缺" })).toContainText("银田镇");
  await expect(anomalies.getByRole("row").filter({ hasText: "已表决未公告" })).toContainText(seeded.held);
  await expect(page.getByRole("img", { name: /出席率分布/ })).toBeVisible();
  await expectAccessible(page);

  // Only their own county (asked without navigating, so that the browser logs no failed load).
  expect((await page.request.get("/monitor/43")).status()).toBe(403);
  expect((await page.request.get("/monitor/430382/export.csv?table=townships")).status()).toBe(200);
});

test("the province view sorts by coverage without JavaScript, and its exports match its tables", async ({ page, browser }) => {
  // A province-wide page under an accessibility scan and a 1,522-row workbook: slower than the rest.
  test.setTimeout(150_000);
  await logInAs(page, ADMIN, "/monitor/43?year=2026");
  await expect(page).toHaveURL(/\/monitor\/43\?year=2026/);
  // Sorting is a link: it works with JavaScript off, too.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto("/monitor/43?year=2026");
  await plain.getByRole("table", { name: "各市州", exact: true }).getByRole("link", { name: /^覆盖率/ }).click();
  await expect(plain).toHaveURL(/sort=coverage&dir=desc/);
  await expect(plain.getByRole("table", { name: "各市州", exact: true }).getByRole("columnheader", { name: /覆盖率/ })).toHaveAttribute("aria-sort", "descending");
  await noScript.close();

  const cities = page.getByRole("table", { name: "各市州", exact: true });
  await cities.getByRole("link", { name: /^覆盖率/ }).click();
  await expect(page).toHaveURL(/sort=coverage&dir=desc/);
  await expect(cities.getByRole("columnheader", { name: /覆盖率/ })).toHaveAttribute("aria-sort", "descending");
  const firstCity = await cities.getByRole("row").nth(1).getByRole("rowheader").textContent();
  expect(["湘潭市", "长沙市"]).toContain(firstCity);
  await expectAccessible(page);

  // The same table as CSV: a byte-order mark, and the same rows in the same order.
  const htmlRows = await cities.getByRole("row").evaluateAll((rows) => rows.slice(1).map((row) => (row.querySelector("th")?.textContent ?? "").trim()));
  const csvResponse = await page.request.get("/monitor/43/export.csv?year=2026&table=children&sort=coverage&dir=desc");
  expect(csvResponse.headers()["content-type"]).toContain("text/csv");
  const csvBytes = await csvResponse.body();
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvLines = csvBytes.toString("utf8").slice(1).trim().split("\r\n");
  expect(csvLines[0]).toBe("代码,名称,乡镇数,已举行,已公告,未举行,覆盖率,当选项目,估算投资（万元）,平均出席率,平均赞成率");
  expect(csvLines.slice(1).map((line) => line.split(",")[1])).toEqual(htmlRows);

  // Every table as Excel: it opens, and each sheet has the page's rows.
  const xlsx = await page.request.get("/monitor/43/export.xlsx?year=2026");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["各市州覆盖情况", "各乡镇票决情况", "尚未公告的乡镇", "需要关注的情况"]);
  expect(workbook.getWorksheet("各市州覆盖情况")!.rowCount).toBe(1 + 14);
  expect(workbook.getWorksheet("各乡镇票决情况")!.rowCount).toBe(1 + 1522);
  const notHeldOnPage = await page.getByRole("region", { name: /尚未公告票决结果的乡镇/ }).getByRole("listitem").count();
  expect(workbook.getWorksheet("尚未公告的乡镇")!.rowCount).toBe(1 + notHeldOnPage);
  // The province counts anomalies by city; the sheet lists each one.
  const byCity = await page.getByRole("table", { name: "各市州需要关注的情况" }).getByRole("row").evaluateAll((rows) =>
    rows.slice(1).reduce((sum, row) => sum + [...row.querySelectorAll("td")].reduce((s, cell) => s + Number(cell.textContent!.replace(/,/g, "")), 0), 0),
  );
  expect(workbook.getWorksheet("需要关注的情况")!.rowCount).toBe(1 + byCity);

  // The province by county: every county with townships, sortable the same way.
  await page.getByRole("link", { name: /按县市区查看/ }).click();
  await expect(page).toHaveURL(/by=county/);
  const counties = page.getByRole("table", { name: "各县市区", exact: true });
  await expect(counties.getByRole("rowheader", { name: "湘潭市 韶山市" })).toBeVisible();
  expect(await counties.getByRole("row").count()).toBeGreaterThan(100);

  // The printable report: the same figures, no navigation or export buttons on paper.
  await page.goto("/monitor/430382/report?year=2026");
  await expect(page.getByRole("heading", { level: 1, name: "韶山市2026年乡镇民生实事项目票决情况汇总" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "返回监测页面" })).toBeHidden();
  await expect(page.getByRole("table", { name: "各乡镇票决情况" })).toBeVisible();
});

test("monitoring needs a staff login", async ({ page }) => {
  await page.goto("/monitor/430382");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmonitor%2F430382/);
});
