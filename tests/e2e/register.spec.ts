import { expect, test } from "@playwright/test";

test("the home page shows the province with its 14 cities and 1,522 townships", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1, name: "湖南省" })).toBeVisible();
  const cities = page.getByRole("table", { name: "市州" }).getByRole("row");
  await expect(cities).toHaveCount(1 + 14);
  await expect(page.getByRole("link", { name: "长沙市" })).toBeVisible();
  await expect(page.getByRole("link", { name: "湘西土家族苗族自治州" })).toBeVisible();
  const summary = page.getByLabel("全省概况");
  await expect(summary).toContainText("1,522");
  await expect(summary).toContainText("122");
  await expect(page.getByText("民政统计口径为 1,524 个乡镇")).toBeVisible();
});

test("a county page lists its townships with their codes, reached by browsing", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "长沙市" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "长沙市" })).toBeVisible();
  await page.getByRole("link", { name: "长沙县" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /长沙县/ })).toBeVisible();
  const rows = page.getByRole("table", { name: "乡镇" }).getByRole("row");
  expect(await rows.count()).toBeGreaterThan(5);
  const firstTownship = rows.nth(1);
  await expect(firstTownship.getByRole("cell").first()).toHaveText(/^430121[1-3]\d\d$/);
  await expect(page.getByText(/按村（居）委会数估算/)).toBeVisible();
});

test("an unknown county answers 404 with a Chinese message", async ({ page }) => {
  const response = await page.goto("/counties/999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "没有这个县市区。" })).toBeVisible();
});
