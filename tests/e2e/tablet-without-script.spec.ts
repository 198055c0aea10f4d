/**
 * The ballot without JavaScript (README, decision 005): the tablet's page is plain forms, so a
 * tablet whose script never loads still signs in with its code, marks, reviews on the server,
 * confirms and gets its receipt. A choose-N ballot with too many ticks is explained in Chinese and
 * comes back with its ticks; a confirm that arrives after the round closed is refused in Chinese and
 * counts nothing. The clerk's console (with JavaScript, on its own login) shows the count.
 */
import { expect, openRound, roundAction, signInTablet, test } from "./fixtures";

const DEPUTIES = ["覃立新", "龙秀梅", "向德华"]; // 3 seated: quorum 2
const PROJECTS = ["村组公路硬化", "集镇自来水管网改造", "中心完小食堂改造", "卫生院住院楼维修"];
const RECEIPT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/;

test.use({ javaScriptEnabled: false });
test.setTimeout(120_000);

test("without JavaScript: too many ticks are explained and kept, the ballot is cast with a receipt, a late confirm is refused", async ({
  page: tablet,
  browser,
  logIn,
  township,
}) => {
  const clerkContext = await browser.newContext({ javaScriptEnabled: true });
  const clerk = await clerkContext.newPage();
  await logIn(clerk);
  const { roundUrl, codes } = await openRound(clerk, township, { deputies: DEPUTIES, projects: PROJECTS, places: 2, form: "choose-n" });
  const tick = (project: string) => tablet.getByRole("checkbox", { name: `赞成“${project}”` });
  const [A, B, C] = PROJECTS as [string, string, string];

  await signInTablet(tablet, codes[0]!);
  await expect(tablet.getByText("请勾选您赞成的项目，最多2个；勾选超过2个，选票无效。")).toBeVisible();

  // Three ticks for two places: the server's review says the ballot would be void, and why.
  for (const project of [A, B, C]) await tick(project).check();
  await tablet.getByRole("button", { name: "下一步：核对选票" }).click();
  await expect(tablet.getByRole("heading", { name: "核对选票" })).toBeVisible();
  await expect(tablet.getByRole("alert")).toContainText("您赞成了3个项目，超过应选名额2个，这张选票将作为无效票。请减少赞成的项目。");

  // Back to the ballot: the three ticks are still there; one comes off.
  await tablet.getByRole("button", { name: "返回修改" }).click();
  for (const project of [A, B, C]) await expect(tick(project)).toBeChecked();
  await expect(tick(PROJECTS[3]!)).not.toBeChecked();
  await tick(C).uncheck();
  await tablet.getByRole("button", { name: "下一步：核对选票" }).click();
  await expect(tablet.getByText("您在 4 个项目中勾选了 2 个（最多可选 2 个）。")).toBeVisible();
  await expect(tablet.getByRole("alert")).toHaveCount(0);
  await tablet.getByRole("button", { name: "确认投票", exact: true }).click();

  await expect(tablet).toHaveURL(/\/vote\/receipt\?/);
  await expect(tablet.getByRole("heading", { name: "投票成功" })).toBeVisible();
  await expect(tablet.getByText(RECEIPT).first()).toBeVisible();
  await clerk.goto(roundUrl);
  await expect(clerk.getByText("已投 1 / 发出 3")).toBeVisible();

  // A second deputy reviews; the clerk closes the round before they confirm.
  const late = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInTablet(late, codes[1]!);
  await late.getByRole("checkbox", { name: `赞成“${A}”` }).check();
  await late.getByRole("button", { name: "下一步：核对选票" }).click();
  await expect(late.getByRole("heading", { name: "核对选票" })).toBeVisible();
  await roundAction(clerk, "截止投票");
  await late.getByRole("button", { name: "确认投票", exact: true }).click();
  await expect(late.getByRole("alert")).toContainText(/截止/);
  await expect(late.getByRole("heading", { name: "投票成功" })).toHaveCount(0);

  // One ballot counted, with 赞成 on the two projects ticked.
  await clerk.reload();
  await expect(clerk.getByText("已投 1 / 发出 3")).toBeVisible();
  const roll = clerk.getByRole("table", { name: "第1轮表决记录" });
  await expect(roll.getByRole("row").filter({ hasText: DEPUTIES[0]! })).toContainText("赞成");
  await expect(roll.getByRole("row").filter({ hasText: DEPUTIES[1]! })).toContainText("未投票");
  await late.context().close();
  await clerkContext.close();
});
