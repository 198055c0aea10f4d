/**
 * Coverage and monitoring in the browser. The data is made before the tests through the app's own
 * services (tests/e2e/seed/monitor-seed.ts, on the e2e database the server is using), in a county
 * claimed for these tests alone: its first two townships published, the third voted but did not
 * publish, the rest have not held their vote. A county staffer logs in (through the login form: the
 * one test that does) and sees which townships have not voted and what the others decided. What the
 * province holds depends on every other test, so province-wide checks are relative to the page.
 */
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Locator, Page } from "@playwright/test";
import { databaseUrl } from "../../playwright.config";
import { expect, test } from "./fixtures";
import { claimCounty, type County, type Township } from "./townships";

const root = path.resolve(import.meta.dirname, "../..");
const percent = new Intl.NumberFormat("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
let county: County;
let seeded: { monitor: { username: string; password: string }; notices: string[] };
/** The county's townships as seeded: two published (the second with places vacant), one held, the rest not held. */
let published: Township, vacant: Township, held: Township, notHeld: Township[];

/** Claims the county and seeds it (tests/e2e/seed/monitor-seed.ts). */
async function seedCounty() {
  county = await claimCounty(4);
  [published, vacant, held, ...notHeld] = county.townships as [Township, Township, Township, ...Township[]];
  const output = execFileSync("npx", ["tsx", "tests/e2e/seed/monitor-seed.ts", county.code, published.code, vacant.code, held.code], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
    encoding: "utf8",
  });
  seeded = JSON.parse(output.trim().split("\n").pop()!);
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join("; ")})`,
    ),
  ).toEqual([]);
}

/** The 覆盖率 column of an area table, as numbers (12.5% reads 12.5). */
async function coverageColumn(table: Locator): Promise<number[]> {
  return table.evaluate((element) => {
    const headers = [...element.querySelectorAll("thead th")].map((cell) => cell.textContent ?? "");
    const column = headers.findIndex((text) => text.startsWith("覆盖率"));
    return [...element.querySelectorAll("tbody tr")].map((row) => parseFloat(row.children[column]!.textContent!.replace(/[,%]/g, "")));
  });
}

async function logInAs(page: Page, user: { username: string; password: string }, to: string) {
  await page.goto(to);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
}

test.describe("a county of its own", () => {
  test.describe.configure({ mode: "serial" });
  test.beforeAll(seedCounty);

  test("the public coverage page names its register and shows the province's coverage by city and county", async ({ page }) => {
    await page.goto("/coverage?year=2026");
    await expect(page.getByRole("heading", { level: 1, name: "2026年票决覆盖情况" })).toBeVisible();
    const headline = page.getByLabel("覆盖率", { exact: true });
    await expect(headline).toContainText("覆盖率");
    await expect(headline).toContainText(/\d+(\.\d)?%/);
    await expect(page.getByText(/统计口径：国家统计局2023年统计用区划代码，共 1,522 个乡镇/)).toBeVisible();
    const cities = page.getByRole("table", { name: "各市州覆盖情况" });
    await expect(cities.getByRole("row")).toHaveCount(1 + 14);
    const city = cities.getByRole("row").filter({ has: page.getByRole("rowheader", { name: county.cityName }) });
    await expect(city.getByRole("cell").nth(1)).not.toHaveText("0");
    const total = county.townships.length;
    const ours = page
      .getByRole("table", { name: "各县市区覆盖情况" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: county.name, exact: true }) });
    // Its own congress has not voted (县级人大票决: 未举行).
    await expect(ours.getByRole("cell")).toHaveText([county.cityName, String(total), "2", percent.format(2 / total), "未举行"]);
    await expect(page.getByRole("img", { name: /各市州覆盖率/ })).toBeVisible();
    await expectAccessible(page);
  });

  test("the public finds a township by name, reads its sessions and opens a published notice", async ({ page }) => {
    await page.goto("/");
    // By name without its 镇 or 乡, as people search.
    const partial = published.name.replace(/(镇|乡)$/, "");
    await page.getByLabel("乡镇名称或区划代码").fill(partial);
    await page.getByRole("button", { name: "查找" }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    const results = page.getByRole("table", { name: `“${partial}”的查找结果` });
    await expect(results).toBeVisible();
    await expectAccessible(page);
    await results.getByRole("row").filter({ hasText: published.code }).getByRole("link", { name: published.name }).click();
    await expect(page).toHaveURL(new RegExp(`/townships/${published.code}$`));
    await expect(page.getByRole("heading", { level: 1, name: published.name })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "2026年" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "公告第1号" }).click();
    await expect(page).toHaveURL(new RegExp(`${seeded.notices[0]}$`));

    // A full 9-digit code goes straight to the township.
    await page.goto(`/search?q=${vacant.code}`);
    await expect(page).toHaveURL(new RegExp(`/townships/${vacant.code}$`));
    await expect(page.getByRole("heading", { level: 1, name: vacant.name })).toBeVisible();
  });

  test("a county staffer logs in and sees which townships have not voted and what the others decided", async ({ page }) => {
    await logInAs(page, seeded.monitor, "/monitor");
    await expect(page).toHaveURL(new RegExp(`/monitor/${county.code}(\\?|$)`));
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`${county.name} \\d{4}年票决监测`) })).toBeVisible();

    const notPublished = page.getByRole("region", { name: `尚未公告票决结果的乡镇（${1 + notHeld.length}个）` });
    await expect(notPublished.getByRole("link")).toHaveText([held.name, ...notHeld.map((township) => township.name)]);
    await expect(notPublished).toContainText("已表决，未公告");
    await expect(notPublished).toContainText("未举行");

    const townships = page.getByRole("table", { name: "各乡镇票决情况" });
    const first = townships.getByRole("row").filter({ has: page.getByRole("rowheader", { name: published.name, exact: true }) });
    await expect(first).toContainText("已公告");
    await expect(first).toContainText("清溪村道路硬化（9）");
    await expect(first).toContainText("集镇污水管网改造（7）");
    await expect(first).toContainText("100.0%"); // turnout: 9 of 9

    const anomalies = page.getByRole("table", { name: "需要关注的情况", exact: true });
    await expect(anomalies.getByRole("row").filter({ hasText: "名额空缺" })).toContainText(vacant.name);
    await expect(anomalies.getByRole("row").filter({ hasText: "已表决未公告" })).toContainText(held.name);
    await expect(page.getByRole("img", { name: /出席率分布/ })).toBeVisible();
    // The collection (征集): the third township collected proposals; the others did not.
    const collection = page.getByRole("region", { name: "民生实事项目征集" });
    const collected = collection.getByRole("table", { name: "各乡镇征集情况" });
    const rowOf = (township: Township) => collected.getByRole("row").filter({ has: page.getByRole("rowheader", { name: township.name, exact: true }) });
    await expect(rowOf(published)).toContainText("未开展");
    // 群众 1, 代表 0, 政府部门 1, 村（居）委会 1, 合计 3; 入库 2, 候选 0, 选中 0.
    await expect(rowOf(held).getByRole("cell")).toHaveText(["已开展，未审定", "1", "0", "1", "1", "3", "2", "0", "0"]);
    await expect(collection.getByRole("img", { name: /征集漏斗/ })).toBeVisible();
    // The implementation (实施): the published township's two projects, neither planned yet, none late.
    const implementation = page.getByRole("region", { name: "民生实事项目实施" });
    const implemented = implementation.getByRole("table", { name: "各乡镇项目实施情况" });
    const implementedRow = implemented.getByRole("row").filter({ has: page.getByRole("rowheader", { name: published.name, exact: true }) });
    await expect(implementedRow.getByRole("cell").nth(0)).toHaveText("2");
    await expect(implementedRow.getByRole("cell").nth(4)).toHaveText("2"); // 未开工
    await expect(implementation.getByRole("heading", { name: "逾期项目（0个）" })).toBeVisible();
    await expect(implementation.getByRole("img", { name: /项目实施进展/ })).toBeVisible();
    await expectAccessible(page);

    // Only their own county (asked without navigating, so that the browser logs no failed load).
    expect((await page.request.get("/monitor/43")).status()).toBe(403);
    expect((await page.request.get(`/monitor/${county.code}/export.csv?table=townships`)).status()).toBe(200);
  });

  test("the province view sorts by coverage without JavaScript, and its exports match its tables", async ({ page, browser, logIn }) => {
    // A province-wide page and a 1,522-row workbook: slower than the rest.
    test.setTimeout(150_000);
    await logIn(page);
    await page.goto("/monitor/43?year=2026");
    // Sorting is a link: it works with JavaScript off, too.
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
    const plain = await noScript.newPage();
    await plain.goto("/monitor/43?year=2026");
    await plain
      .getByRole("table", { name: "各市州", exact: true })
      .getByRole("link", { name: /^覆盖率/ })
      .click();
    await expect(plain).toHaveURL(/sort=coverage&dir=desc/);
    await expect(plain.getByRole("table", { name: "各市州", exact: true }).getByRole("columnheader", { name: /覆盖率/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    await noScript.close();

    const cities = page.getByRole("table", { name: "各市州", exact: true });
    await cities.getByRole("link", { name: /^覆盖率/ }).click();
    await expect(page).toHaveURL(/sort=coverage&dir=desc/);
    await expect(cities.getByRole("columnheader", { name: /覆盖率/ })).toHaveAttribute("aria-sort", "descending");
    // Highest coverage first, whatever the other tests have published meanwhile.
    const coverage = await coverageColumn(cities);
    expect(coverage).toHaveLength(14);
    expect(coverage[0]).toBeGreaterThan(0);
    expect(coverage).toEqual([...coverage].sort((a, b) => b - a));

    // The exports against the page, read right after it. Other tests change the province meanwhile,
    // so the comparison is made again on a fresh reading until nothing changed between the reads.
    await expect(async () => {
      await page.reload();
      const [csvResponse, xlsx] = await Promise.all([
        page.request.get("/monitor/43/export.csv?year=2026&table=children&sort=coverage&dir=desc"),
        page.request.get("/monitor/43/export.xlsx?year=2026"),
      ]);

      // The same table as CSV: a byte-order mark, and the same rows in the same order.
      const htmlRows = await cities.getByRole("row").evaluateAll((rows) => rows.slice(1).map((row) => (row.querySelector("th")?.textContent ?? "").trim()));
      expect(csvResponse.headers()["content-type"]).toContain("text/csv");
      const csvBytes = await csvResponse.body();
      expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csvLines = csvBytes.toString("utf8").slice(1).trim().split("\r\n");
      expect(csvLines[0]).toBe("代码,名称,乡镇数,已举行,已公告,未举行,覆盖率,当选项目,估算投资（万元）,平均出席率,平均赞成率");
      expect(csvLines.slice(1).map((line) => line.split(",")[1])).toEqual(htmlRows);

      // Every table as Excel: it opens, and each sheet has the page's rows.
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
      // 历年对比 is there when the database holds another year (another test's next-year session, say).
      const yearOverYear = (await page.getByRole("heading", { name: "历年对比" }).count()) > 0;
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        "各市州覆盖情况",
        "各乡镇票决情况",
        "尚未公告的乡镇",
        "县级人大票决情况",
        "需要关注的情况",
        ...(yearOverYear ? ["历年对比"] : []),
        "各市州征集情况",
        "各乡镇征集情况",
        "各市州项目实施情况",
        "各乡镇项目实施情况",
        "逾期项目",
        "测评为不满意的项目",
      ]);
      expect(workbook.getWorksheet("各市州覆盖情况")!.rowCount).toBe(1 + 14);
      expect(workbook.getWorksheet("各乡镇票决情况")!.rowCount).toBe(1 + 1522);
      // 县级人大票决: the province's 122 county congresses, one row each.
      expect(workbook.getWorksheet("县级人大票决情况")!.rowCount).toBe(1 + 122);
      // The collection (征集): each city and the province's total row; every township.
      expect(workbook.getWorksheet("各市州征集情况")!.rowCount).toBe(1 + 14 + 1);
      expect(workbook.getWorksheet("各乡镇征集情况")!.rowCount).toBe(1 + 1522);
      const notHeldOnPage = await page
        .getByRole("region", { name: /尚未公告票决结果的乡镇/ })
        .getByRole("listitem")
        .count();
      expect(workbook.getWorksheet("尚未公告的乡镇")!.rowCount).toBe(1 + notHeldOnPage);
      // The province counts anomalies by city; the sheet lists each one.
      const byCity = await page
        .getByRole("table", { name: "各市州需要关注的情况" })
        .getByRole("row")
        .evaluateAll((rows) =>
          rows.slice(1).reduce((sum, row) => sum + [...row.querySelectorAll("td")].reduce((s, cell) => s + Number(cell.textContent!.replace(/,/g, "")), 0), 0),
        );
      expect(workbook.getWorksheet("需要关注的情况")!.rowCount).toBe(1 + byCity);
    }).toPass({ timeout: 60_000 });

    // The province by county: every county with townships, sortable the same way.
    await page.getByRole("link", { name: /按县市区查看/ }).click();
    await expect(page).toHaveURL(/by=county/);
    const counties = page.getByRole("table", { name: "各县市区", exact: true });
    await expect(counties.getByRole("rowheader", { name: `${county.cityName} ${county.name}` })).toBeVisible();
    expect(await counties.getByRole("row").count()).toBeGreaterThan(100);

    // The printable report: the same figures, no navigation or export buttons on paper.
    await page.goto(`/monitor/${county.code}/report?year=2026`);
    await expect(page.getByRole("heading", { level: 1, name: `${county.name}2026年乡镇民生实事项目票决情况汇总` })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("link", { name: "返回监测页面" })).toBeHidden();
    await expect(page.getByRole("table", { name: "各乡镇票决情况" })).toBeVisible();
  });
});

// Apart from the county's tests, so that the scan of a province-wide page runs beside them.
test("the province's monitoring page, sorted by coverage, passes an accessibility scan", async ({ page, logIn }) => {
  test.setTimeout(150_000);
  await logIn(page);
  await page.goto("/monitor/43?year=2026&sort=coverage&dir=desc");
  await expect(page.getByRole("table", { name: "各市州", exact: true }).getByRole("columnheader", { name: /覆盖率/ })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expectAccessible(page);
});

test("monitoring needs a staff login", async ({ page }) => {
  await page.goto("/monitor/430382");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmonitor%2F430382/);
});
