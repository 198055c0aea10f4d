/**
 * Issue 12, defect 3 and the review screen: the steps that cannot be undone ask first, say what
 * cannot be undone, and work without JavaScript — 截止投票 (how many have not voted yet), 发布公告
 * (public and final, with the choice of printing the votes or only the selected projects), 重新制发
 * 密钥卡 (the printed card stops working), and 更换代表 on the tablet (the card's code stops
 * working). The tablet's review keeps its buttons in view with twelve projects, and a ballot that
 * would be void has 返回修改 as its filled button. Tablets at 1024×768 and 810×1080.
 */
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { appointTellers, checkInEveryone, expect, importFile, rosterButton, test } from "./fixtures";

const DEPUTIES = ["周敏", "吴刚", "郑洁"] as const; // 3 seated: quorum 2, pass 2
const PROJECTS = Array.from({ length: 12 }, (_, i) => `道林镇民生项目${i + 1}号`);
const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 810, height: 1080 };
const LAPTOP = { width: 1366, height: 1024 }; // the clerk's console

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

const hall = { sessionUrl: "", round1Url: "", sessionId: "", codes: [] as string[] };
const open: BrowserContext[] = [];

test.afterAll(async () => {
  for (const context of open) await context.close();
});

async function newPage(browser: Browser, options: { javaScript: boolean; viewport: { width: number; height: number } }): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport, hasTouch: true, locale: "zh-CN", javaScriptEnabled: options.javaScript });
  open.push(context);
  return context.newPage();
}

async function signInTablet(page: Page, code: string) {
  await page.goto(`/vote?code=${code}`);
  await page.getByRole("button", { name: "进入" }).click();
  await expect(page).toHaveURL(/\/vote\/ballot/);
}

async function mark(page: Page, projects: string[], choice: "赞成" | "反对") {
  for (const project of projects)
    await page
      .getByRole("group", { name: `对“${project}”的表决` })
      .getByRole("radio", { name: choice })
      .check();
}

async function confirmOnChiefTablet(chief: Page) {
  await chief.goto("/vote/ballot");
  await chief.getByLabel("我已与监票人核对计票结果，结果无误").check();
  await chief.getByRole("button", { name: "总监票人确认" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "您已确认本轮计票结果" })).toBeVisible();
}

async function prepareRound(clerk: Page, places: number, secret = false) {
  await clerk.goto(hall.sessionUrl);
  const prepare = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "建立本轮表决" }) });
  await prepare.getByLabel("应选名额（N）").fill(String(places));
  if (secret) await prepare.getByRole("radio", { name: /无记名投票/ }).check();
  await prepare.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  return clerk.url();
}

function status(page: Page) {
  return page.getByRole("heading", { level: 1 }).locator(".round-status");
}

let clerk: Page;
let chief: Page; // 周敏's tablet, with JavaScript, landscape
let noScriptTablet: Page; // 吴刚's tablet, without JavaScript, portrait

test("the hall: three deputies, twelve projects, tellers, an open round", async ({ browser, logIn, township }) => {
  clerk = await newPage(browser, { javaScript: true, viewport: LAPTOP });
  await logIn(clerk);
  await clerk.getByLabel("乡镇区划代码（9位），或县级人大的县代码（6位）").fill(township.code);
  await clerk.getByRole("button", { name: "打开", exact: true }).click();
  await clerk.getByLabel("代表姓名（每行一名，或用“，”“、”分隔）").fill(DEPUTIES.join("\n"));
  await clerk.getByRole("button", { name: "录入", exact: true }).click();
  await expect(clerk.getByRole("status")).toContainText("已录入 3 名代表");
  await clerk.getByLabel("会议名称").fill(`${township.name}第十八届人民代表大会第六次会议`);
  await clerk.getByLabel("会议日期").fill("2026-01-16");
  await clerk.getByLabel("会议地点").fill("镇政府大会议室");
  await clerk.getByRole("button", { name: "建立会议" }).click();
  await expect(clerk).toHaveURL(/\/console\/sessions\/\d+$/);
  hall.sessionUrl = clerk.url();
  hall.sessionId = hall.sessionUrl.split("/").pop()!;

  // Twelve projects from the office's own CSV template.
  const template = await (await clerk.request.get(`${hall.sessionUrl}/slate-template.csv`)).text();
  const header = template.replace(/^\uFEFF/, "").split("\r\n")[0]!;
  const rows = PROJECTS.map((name, i) => `${i + 1},${name},${name}：建设内容详见项目说明,${100 + i},县级财政补助、镇级自筹,2026-12,镇人民政府`);
  const file = { name: "候选项目.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [header, ...rows].join("\r\n") + "\r\n") };
  await importFile(clerk, "候选项目文件（CSV 或 Excel .xlsx）", "导入", file, clerk.getByRole("status").filter({ hasText: "已导入 12 个候选项目" }));

  await checkInEveryone(clerk, [...DEPUTIES]);
  await expect(clerk.getByText("已达到法定人数")).toBeVisible();
  await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[1]!]);
  for (const name of DEPUTIES) {
    await rosterButton(clerk, "发签到码", name).click();
    await expect(clerk.getByRole("dialog")).toContainText(name);
    hall.codes.push((await clerk.locator(".pass-code").textContent())!.trim());
  }

  hall.round1Url = await prepareRound(clerk, 3);
  await clerk.getByRole("button", { name: "开始投票" }).click();
  await expect(status(clerk)).toHaveText("投票中");
});

test("the review keeps 确认投票 in view with twelve projects; on a void ballot 返回修改 is the filled button (1024×768)", async ({ browser }) => {
  chief = await newPage(browser, { javaScript: true, viewport: LANDSCAPE });
  await signInTablet(chief, hall.codes[0]!);
  await mark(chief, PROJECTS, "赞成"); // twelve yes for three places: void
  await chief.getByRole("button", { name: "下一步：核对选票" }).click();
  await expect(chief.getByRole("heading", { name: "核对选票" })).toBeVisible();
  await expect(chief.getByText("注意：这张选票将成为无效票")).toBeVisible();
  const back = chief.getByRole("button", { name: "返回修改" });
  const anyway = chief.getByRole("button", { name: "仍然确认投票" });
  await expect(back).toHaveClass(/\bprimary\b/);
  await expect(anyway).not.toHaveClass(/\bprimary\b/);
  await expect(back).toBeInViewport();
  await expect(anyway).toBeInViewport();

  await back.click();
  await mark(chief, PROJECTS.slice(3), "反对");
  await chief.getByRole("button", { name: "下一步：核对选票" }).click();
  const confirm = chief.getByRole("button", { name: "确认投票", exact: true });
  await expect(confirm).toHaveClass(/\bprimary\b/);
  await expect(chief.getByRole("button", { name: "返回修改" })).not.toHaveClass(/\bprimary\b/);
  await expect(confirm).toBeInViewport();
  await confirm.click();
  await expect(chief.getByRole("heading", { name: "投票成功" })).toBeVisible();
});

test("without JavaScript the server's review does the same (810×1080)", async ({ browser }) => {
  noScriptTablet = await newPage(browser, { javaScript: false, viewport: PORTRAIT });
  await signInTablet(noScriptTablet, hall.codes[1]!);
  await mark(noScriptTablet, PROJECTS, "赞成");
  await noScriptTablet.getByRole("button", { name: "下一步：核对选票" }).click();
  await expect(noScriptTablet.getByText("注意：这张选票将成为无效票")).toBeVisible();
  const back = noScriptTablet.getByRole("button", { name: "返回修改" });
  await expect(back).toHaveClass(/\bprimary\b/);
  await expect(noScriptTablet.getByRole("button", { name: "仍然确认投票" })).not.toHaveClass(/\bprimary\b/);
  await expect(back).toBeInViewport();

  await back.click();
  await mark(noScriptTablet, PROJECTS.slice(3), "反对");
  await noScriptTablet.getByRole("button", { name: "下一步：核对选票" }).click();
  const confirm = noScriptTablet.getByRole("button", { name: "确认投票", exact: true });
  await expect(confirm).toHaveClass(/\bprimary\b/);
  await expect(confirm).toBeInViewport();
  await confirm.click();
  await expect(noScriptTablet.getByRole("heading", { name: "投票成功" })).toBeVisible();
});

test("更换代表 asks first and says the card stops working; the code is then refused", async ({ browser }) => {
  const tablet = await newPage(browser, { javaScript: true, viewport: PORTRAIT });
  await signInTablet(tablet, hall.codes[2]!);
  await expect(tablet.getByRole("button", { name: "下一步：核对选票" })).toBeVisible();
  await tablet.getByRole("link", { name: "更换代表" }).click();
  await expect(tablet.getByRole("heading", { name: "更换代表？" })).toBeVisible();
  await expect(tablet.getByText(`${DEPUTIES[2]}代表的签到卡随即失效，卡上的签到码不能再用`)).toBeVisible();
  await tablet.getByRole("link", { name: "取消，返回" }).click();
  await expect(tablet.getByRole("button", { name: "下一步：核对选票" })).toBeVisible();
  await expect(tablet.getByText(`代表：${DEPUTIES[2]}`)).toBeVisible();

  await tablet.getByRole("link", { name: "更换代表" }).click();
  await tablet.getByRole("button", { name: "确认更换代表" }).click();
  await expect(tablet).toHaveURL(/\/vote$/);
  await signInRefused(tablet, hall.codes[2]!);
});

test("更换代表 without JavaScript: the same step, from the receipt page", async () => {
  await expect(noScriptTablet.getByRole("heading", { name: "投票成功" })).toBeVisible();
  await noScriptTablet.getByRole("link", { name: "更换代表" }).click();
  await expect(noScriptTablet.getByRole("heading", { name: "更换代表？" })).toBeVisible();
  await expect(noScriptTablet.getByText(`${DEPUTIES[1]}代表的签到卡随即失效`)).toBeVisible();
  await noScriptTablet.getByRole("button", { name: "确认更换代表" }).click();
  await expect(noScriptTablet).toHaveURL(/\/vote$/);
  await signInRefused(noScriptTablet, hall.codes[1]!);
});

async function signInRefused(tablet: Page, code: string) {
  await tablet.goto(`/vote?code=${code}`);
  await tablet.getByRole("button", { name: "进入" }).click();
  await expect(tablet.getByRole("alert")).toContainText("签到码无效、已使用或已过期");
}

test("截止投票 asks first and says how many have not voted; 取消 leaves the round open", async () => {
  await clerk.goto(hall.round1Url);
  await clerk.getByRole("link", { name: "截止投票" }).click();
  const step = clerk.getByRole("region", { name: "确认截止投票" });
  await expect(step).toContainText("还有 1 名代表未投票");
  await expect(step).toContainText("截止不能撤回");
  await step.getByRole("link", { name: "取消" }).click();
  await expect(step).toHaveCount(0);
  await expect(status(clerk)).toHaveText("投票中");

  await clerk.getByRole("link", { name: "截止投票" }).click();
  await clerk.getByRole("button", { name: "确认截止投票" }).click();
  await expect(clerk.getByRole("status").filter({ hasText: "已截止投票，计票完成。" })).toBeVisible();
  await expect(status(clerk)).toHaveText("已计票，待监票人确认");
});

test("发布公告 without JavaScript: asks first, says it is public and final, and may print only the selected projects", async ({ browser, logIn }) => {
  await confirmOnChiefTablet(chief);
  const noScript = await newPage(browser, { javaScript: false, viewport: LAPTOP });
  await logIn(noScript);
  await noScript.goto(hall.round1Url);
  await noScript.getByRole("link", { name: "发布公告" }).click();
  const step = noScript.getByRole("region", { name: "确认发布公告" });
  await expect(step).toContainText("向社会公开");
  await expect(step).toContainText("不能撤回或修改");
  await step.getByRole("radio", { name: "只列出当选的项目，不列得票数" }).check();
  await step.getByRole("button", { name: "确认发布公告" }).click();
  await expect(noScript.getByText("已发布公告第1号。")).toBeVisible();

  const notice = await newPage(browser, { javaScript: false, viewport: LANDSCAPE });
  await notice.goto(`/notices/${hall.sessionId}/1`);
  await expect(notice.getByRole("heading", { name: /公告\s*第1号/ })).toBeVisible();
  await expect(notice.getByRole("table", { name: "各项目得票情况" })).toHaveCount(0);
  const selected = notice.getByRole("table", { name: "当选的民生实事项目" });
  for (const project of PROJECTS.slice(0, 3)) await expect(selected.getByRole("rowheader", { name: project, exact: true })).toBeVisible();
  await expect(notice.getByText(`监票：总监票人${DEPUTIES[0]}、监票人${DEPUTIES[1]}`)).toBeVisible();
  // The counts stay on record: the notice's CSV has them.
  const csv = await (await notice.request.get(`/notices/${hall.sessionId}/1.csv`)).text();
  expect(csv).toContain(`1,${PROJECTS[0]},2,0,`);
});

test("截止投票 without JavaScript, and 发布公告 with it, printing the votes", async ({ browser, logIn }) => {
  const round2Url = await prepareRound(clerk, 1);
  await clerk.getByRole("button", { name: "开始投票" }).click();
  await expect(status(clerk)).toHaveText("投票中");

  const noScript = await newPage(browser, { javaScript: false, viewport: LAPTOP });
  await logIn(noScript);
  await noScript.goto(round2Url);
  await noScript.getByRole("link", { name: "截止投票" }).click();
  await expect(noScript.getByRole("region", { name: "确认截止投票" })).toContainText("还有 3 名代表未投票");
  await noScript.getByRole("link", { name: "取消" }).click();
  await expect(status(noScript)).toHaveText("投票中");
  await noScript.getByRole("link", { name: "截止投票" }).click();
  await noScript.getByRole("button", { name: "确认截止投票" }).click();
  await expect(status(noScript)).toHaveText("已计票，待监票人确认");

  await confirmOnChiefTablet(chief);
  await clerk.goto(round2Url);
  await clerk.getByRole("link", { name: "发布公告" }).click();
  const step = clerk.getByRole("region", { name: "确认发布公告" });
  await expect(step.getByRole("radio", { name: "列出各项目的得票数（赞成、反对、弃权、未表决）" })).toBeChecked();
  await step.getByRole("link", { name: "取消" }).click();
  await expect(status(clerk)).toHaveText("监票人已确认");
  await clerk.getByRole("link", { name: "发布公告" }).click();
  await clerk.getByRole("button", { name: "确认发布公告" }).click();
  await expect(clerk.getByText("已发布公告第2号。")).toBeVisible();
  await clerk.goto(`/notices/${hall.sessionId}/2`);
  await expect(clerk.getByRole("table", { name: "各项目得票情况" })).toBeVisible();
  await expect(clerk.getByText(`监票：总监票人${DEPUTIES[0]}、监票人${DEPUTIES[1]}`)).toBeVisible();
});

test("重新制发密钥卡 asks first, with JavaScript and without: the printed card stops working", async ({ browser, logIn }) => {
  const round3Url = await prepareRound(clerk, 1, true);
  await clerk.getByRole("button", { name: "制发计票密钥卡" }).click();
  const card = clerk.getByRole("article", { name: "无记名表决计票密钥卡" });
  const first = (await card.locator(".key-card-code").textContent())!.trim();

  await clerk.getByRole("link", { name: "重新制发密钥卡" }).click();
  const step = clerk.getByRole("region", { name: "确认重新制发密钥卡" });
  await expect(step).toContainText("此前打印的密钥卡立即作废");
  await step.getByRole("link", { name: "取消" }).click();
  await expect(step).toHaveCount(0);
  await clerk.getByRole("link", { name: "重新制发密钥卡" }).click();
  await clerk.getByRole("button", { name: "确认重新制发" }).click();
  const second = (await card.locator(".key-card-code").textContent())!.trim();
  expect(second).not.toBe(first);

  const noScript = await newPage(browser, { javaScript: false, viewport: LAPTOP });
  await logIn(noScript);
  await noScript.goto(round3Url);
  await noScript.getByRole("link", { name: "重新制发密钥卡" }).click();
  await expect(noScript.getByRole("region", { name: "确认重新制发密钥卡" })).toContainText("此前打印的密钥卡立即作废");
  await noScript.getByRole("button", { name: "确认重新制发" }).click();
  const third = (await noScript.getByRole("article", { name: "无记名表决计票密钥卡" }).locator(".key-card-code").textContent())!.trim();
  expect(third).not.toBe(second);
});
