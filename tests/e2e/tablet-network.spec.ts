/**
 * The hall's Wi-Fi at the moment of 确认投票 (README, decision 005): the tablet keeps the deputy's
 * marks, says it could not send, and a later 确认投票 casts the ballot once. Two ways to lose it: the
 * network is gone before the ballot leaves (nothing reached the server), and the ballot reached the
 * server but its answer was lost (the tablet retries with the same ballot key and gets the receipt
 * the server already made). Either way the console counts one ballot, never two.
 *
 * Written against what the deputy and the clerk see, not the tablet's wire format: the only request
 * touched is the tablet's one POST at confirming, whatever its address.
 */
import type { Page } from "@playwright/test";
import { expect, openRound, signInTablet, test } from "./fixtures";

const DEPUTIES = ["石慧敏", "舒建平", "田茂林"]; // 3 seated: quorum 2
const PROJECTS = ["集镇污水处理设施", "村级养老服务站", "农村公路安防工程"];
const RECEIPT = /[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}/;

// An offline tablet's failed loads (its ballot post, its live feed) are logged by the browser.
test.use({ expectedConsoleErrors: /net::ERR_(INTERNET_DISCONNECTED|FAILED|CONNECTION_RESET)/ });
test.setTimeout(120_000);

const marks = { [PROJECTS[0]!]: "赞成", [PROJECTS[1]!]: "反对", [PROJECTS[2]!]: "弃权" } as const;

async function markAndReview(tablet: Page) {
  await expect(tablet.getByRole("button", { name: "下一步：核对选票" })).toBeVisible({ timeout: 20_000 });
  for (const [project, choice] of Object.entries(marks)) {
    await tablet
      .getByRole("group", { name: `对“${project}”的表决` })
      .getByRole("radio", { name: choice })
      .check();
  }
  await tablet.getByRole("button", { name: "下一步：核对选票" }).click();
}

async function expectMarks(tablet: Page) {
  for (const [project, choice] of Object.entries(marks)) {
    await expect(tablet.getByRole("group", { name: `对“${project}”的表决` }).getByRole("radio", { name: choice })).toBeChecked();
  }
}

test("the network is gone at 确认投票: the marks stay, the tablet says so, and the next 确认投票 casts one ballot", async ({
  page: tablet,
  browser,
  logIn,
  township,
}) => {
  const clerk = await (await browser.newContext()).newPage();
  await logIn(clerk);
  const { roundUrl, codes } = await openRound(clerk, township, { deputies: DEPUTIES, projects: PROJECTS, places: 3, form: "per-project" });
  await signInTablet(tablet, codes[0]!);
  await markAndReview(tablet);

  await tablet.context().setOffline(true);
  await tablet.getByRole("button", { name: "确认投票", exact: true }).click();
  await expect(tablet.getByText(/网络不稳定，正在重试/)).toBeVisible();
  // Four retries (1 + 2 + 4 + 8 s), then the deputy is asked to tap again.
  await expect(tablet.getByRole("alert")).toContainText("网络连接失败，您的选择已保存在本平板上。", { timeout: 30_000 });
  await expect(tablet.getByRole("heading", { name: "投票成功" })).toHaveCount(0);
  await clerk.goto(roundUrl);
  await expect(clerk.getByText("已投 0 / 发出 3")).toBeVisible();

  // The marks are still on the ballot.
  await tablet.getByRole("button", { name: "返回修改" }).click();
  await expectMarks(tablet);

  await tablet.context().setOffline(false);
  await tablet.getByRole("button", { name: "下一步：核对选票" }).click();
  await tablet.getByRole("button", { name: "确认投票", exact: true }).click();
  await expect(tablet.getByRole("heading", { name: "投票成功" })).toBeVisible();
  await expect(tablet.getByText(RECEIPT).first()).toBeVisible();
  await clerk.reload();
  await expect(clerk.getByText("已投 1 / 发出 3")).toBeVisible();
  await clerk.context().close();
});

test("the ballot arrived but its answer was lost: the retry gets the same receipt, and one ballot is counted", async ({
  page: tablet,
  browser,
  logIn,
  township,
}) => {
  const clerk = await (await browser.newContext()).newPage();
  await logIn(clerk);
  const { roundUrl, codes } = await openRound(clerk, township, { deputies: DEPUTIES, projects: PROJECTS, places: 3, form: "per-project" });
  await signInTablet(tablet, codes[0]!);
  await markAndReview(tablet);

  // The first POST goes through to the server; its answer never reaches the tablet.
  const lost = { answer: null as string | null, posts: 0 };
  await tablet.route("**/*", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    lost.posts += 1;
    if (lost.answer !== null) return route.fallback();
    const response = await route.fetch();
    lost.answer = decodeURIComponent(`${response.headers()["location"] ?? ""} ${await response.text()}`);
    await route.abort("connectionreset");
  });
  await tablet.getByRole("button", { name: "确认投票", exact: true }).click();
  await expect(tablet.getByRole("heading", { name: "投票成功" })).toBeVisible({ timeout: 30_000 });

  // The receipt the server made the first time is the one the tablet shows.
  const lostReceipt = lost.answer?.match(RECEIPT)?.[0];
  expect(lostReceipt, "the receipt in the answer that was lost").toBeTruthy();
  await expect(tablet.getByText(lostReceipt!, { exact: true })).toBeVisible();
  expect(lost.posts, "the tablet sent its ballot again").toBeGreaterThanOrEqual(2);

  await clerk.goto(roundUrl);
  await expect(clerk.getByText("已投 1 / 发出 3")).toBeVisible();
  await clerk.context().close();
});
