/**
 * The hall as the clerk and the projector see it (issue 12, defects 2, 4 and 10): sign-in cards
 * whose QR codes send tablets to the configured hall address (HALL_URL), not to the address the
 * clerk's browser used; tablets left on their receipt that move to the next round by themselves;
 * and a big screen that says why 实到 is not 已投's m, in closing sentences a projector can carry.
 * Each test in a township of its own (the township fixture).
 */
import { devices, type Browser, type Page } from "@playwright/test";
import {
  checkInEveryone,
  decodeQr,
  expect,
  importFile,
  issueCodes,
  rosterButton,
  rosterSettled,
  roundAction,
  sessionWithRoster,
  signInTablet,
  test,
  type LogIn,
} from "./fixtures";
import type { Township } from "./townships";

const tabletDevice = devices["Galaxy Tab S4"];
const port = Number(process.env.E2E_PORT ?? 3210);
/** What playwright.config.ts sets HALL_URL to: another spelling of this machine than the browser's localhost. */
const HALL = `http://127.0.0.1:${port}`;

test.setTimeout(180_000);

async function openTownshipSession(clerk: Page, logIn: LogIn, township: Township, deputies: string[], projects: string[]) {
  await logIn(clerk);
  const sessionUrl = await sessionWithRoster(clerk, township.code, deputies, `${township.name}第十八届人民代表大会第六次会议`, "2026-01-16");
  // The slate from a file (the template's columns), as a clerk with twelve projects would.
  const rows = projects.map((name, i) =>
    [i + 1, name, `${name}：建设内容详见项目说明`, 80 + 10 * i, "县级财政补助、镇级自筹", "2026-12", "镇人民政府"].join(","),
  );
  const csv = ["序号,项目名称,项目内容,估算投资（万元）,资金来源,计划完成时间,责任单位", ...rows].join("\r\n");
  const imported = clerk.getByRole("status").filter({ hasText: "已导入" });
  await importFile(clerk, "候选项目文件（CSV 或 Excel .xlsx）", "导入", { name: "slate.csv", mimeType: "text/csv", buffer: Buffer.from(csv) }, imported);
  await expect(imported).toContainText(`已导入 ${projects.length} 个候选项目`);
  return { sessionUrl, sessionId: sessionUrl.split("/").pop()! };
}

async function newTablet(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ ...tabletDevice, isMobile: false, hasTouch: true, locale: "zh-CN", javaScriptEnabled });
  return context.newPage();
}

/** Signs a tablet in with a code the clerk read out. */
async function openTablet(browser: Browser, code: string, javaScriptEnabled = true): Promise<Page> {
  const page = await newTablet(browser, javaScriptEnabled);
  await signInTablet(page, code);
  return page;
}

/** A valid ballot: 赞成 on the first `places` projects, 弃权 on the rest. */
async function vote(page: Page, projects: string[], places: number) {
  await expect(page.getByRole("button", { name: "下一步：核对选票" })).toBeVisible({ timeout: 20_000 });
  for (const [i, project] of projects.entries()) {
    await page
      .getByRole("group", { name: `对“${project}”的表决` })
      .getByRole("radio", { name: i < places ? "赞成" : "弃权" })
      .check();
  }
  await page.getByRole("button", { name: "下一步：核对选票" }).click();
  await page.getByRole("button", { name: "确认投票", exact: true }).click();
  await expect(page.getByRole("heading", { name: "投票成功" })).toBeVisible();
}

test("sign-in cards and the display link point at the configured hall address, printed under each QR code", async ({
  page: clerk,
  browser,
  logIn,
  township,
}) => {
  const deputies = ["欧阳明", "罗晓红", "黎建国"];
  const { sessionUrl, sessionId } = await openTownshipSession(clerk, logIn, township, deputies, ["社港集镇污水管网"]);
  expect(new URL(clerk.url()).host).toBe(`localhost:${port}`); // the console is opened as the README says

  await clerk.goto(`${sessionUrl}/passes`);
  await clerk.getByRole("button", { name: `为名单上全部 ${deputies.length} 名代表发码` }).click();
  const cards = clerk.getByRole("article", { name: /代表签到卡/ });
  await expect(cards).toHaveCount(deputies.length);

  const scanned: string[] = [];
  for (const [i, name] of deputies.entries()) {
    const card = clerk.getByRole("article", { name: `${name} 代表签到卡` });
    const code = (await card.locator(".pass-card-code").textContent())!.trim().replace("-", "");
    const decoded = await decodeQr(browser, await card.locator(".qr").innerHTML());
    expect(decoded, `${name}'s QR code (card ${i + 1})`).toBe(`${HALL}/vote?code=${code}`);
    // The plain address under the QR code, for a tablet that cannot scan.
    await expect(card.locator("figcaption")).toHaveText(`${HALL}/vote`);
    scanned.push(decoded!);
  }
  await expect(clerk.getByText("签到卡二维码指向的投票地址：")).toContainText(`${HALL}/vote`);
  // 127.0.0.1 is this machine only: the clerk is told the tablets will not reach it.
  await expect(clerk.getByRole("alert")).toContainText(`${HALL}/vote 只指向本机`);

  // A tablet that scans the card opens the hall's address and signs in.
  const tablet = await newTablet(browser);
  await tablet.goto(scanned[0]!);
  await tablet.getByRole("button", { name: "进入" }).click();
  await expect(tablet).toHaveURL(new RegExp(`^${HALL}/vote/ballot`));
  await expect(tablet.getByText(deputies[0]!)).toBeVisible();

  // The display link carries the hall's address too, and the big screen prints the voting page's.
  await clerk.goto(sessionUrl);
  await clerk.getByRole("button", { name: "开启大屏显示链接" }).click();
  const displayLink = await clerk.getByLabel(/大屏显示链接已开启/).inputValue();
  expect(displayLink.startsWith(`${HALL}/screen/${sessionId}?key=`)).toBe(true);
  const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await screen.goto(displayLink);
  await expect(screen.getByText("平板投票地址")).toContainText(`${HALL}/vote`);

  await tablet.context().close();
  await screen.context().close();
});

test("tablets left on their receipt move to the next round when it opens", async ({ page: clerk, browser, logIn, township }) => {
  const deputies = ["汤志远", "邓丽华", "寻海波", "周桂英", "胡建军"];
  const projects = ["官渡老街提质改造", "竹联村安全饮水工程", "中心卫生院康复科"];
  const { sessionUrl } = await openTownshipSession(clerk, logIn, township, deputies, projects);
  await checkInEveryone(clerk, deputies);
  const codes = await issueCodes(clerk, deputies);
  const tablets = await Promise.all(codes.slice(0, 4).map((code) => openTablet(browser, code)));
  const plain = await openTablet(browser, codes[4]!, false); // a tablet whose JavaScript never loads

  await clerk.getByLabel("应选名额（N）").fill("2");
  await clerk.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  await roundAction(clerk, "开始投票");
  await Promise.all([...tablets, plain].map((tablet) => vote(tablet, projects, 2)));
  for (const tablet of [...tablets, plain]) await expect(tablet).toHaveURL(/\/vote\/receipt\?/);
  await roundAction(clerk, "截止投票");

  // The next round: the tablets are still on their receipts, and nobody touches them.
  await clerk.goto(sessionUrl);
  await clerk.getByLabel("应选名额（N）").fill("1");
  await clerk.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  for (const tablet of tablets) await expect.soft(tablet.getByRole("status").filter({ hasText: "下一轮表决开始时，本页会自动转到选票" })).toBeVisible();
  await roundAction(clerk, "开始投票");
  // "Within a few seconds": measured at well under one on an idle machine; 6 s leaves room for a busy one.
  const opened = Date.now();
  await Promise.all(
    tablets.map(async (tablet) => {
      await expect(tablet).toHaveURL(/\/vote\/ballot/, { timeout: 6_000 });
      await expect(tablet.getByText("第2轮表决").first()).toBeVisible({ timeout: 6_000 });
      await expect(tablet.getByRole("button", { name: "下一步：核对选票" })).toBeVisible({ timeout: 6_000 });
    }),
  );
  console.log(`next round open → all ${tablets.length} receipt tablets on its ballot: ${Date.now() - opened} ms`);
  // Without JavaScript the receipt refreshes itself every 5 s, and the refresh lands on the ballot.
  await expect(plain).toHaveURL(/\/vote\/ballot/, { timeout: 15_000 });
  await expect(plain.getByRole("button", { name: "下一步：核对选票" })).toBeVisible();
  await Promise.all([...tablets, plain].map((tablet) => tablet.context().close()));
});

test("the big screen says why 实到 is not 已投's m, and its closing sentences are projector-sized", async ({ page: clerk, browser, logIn, township }) => {
  const deputies = ["李文清", "黄秋菊", "陈国强", "曾小燕", "易志刚"]; // 5 seated: quorum 4
  // Twelve long names, as the issue's hall had: the board must still fit a 1280×720 projector.
  const projects = [
    "田溪村至上洪村公路提质改造及安全防护工程",
    "中心敬老院消防设施改造与适老化提升工程",
    "集镇区雨污分流管网建设工程",
    "白石村安全饮水巩固提升工程",
    "中心小学风雨操场及食堂改造",
    "卫生院发热门诊与康复科建设",
    "桃树村山塘清淤扩容及灌溉渠道修复",
    "集镇农贸市场提质改造工程",
    "上洪村至金坑村通组公路硬化",
    "镇村两级便民服务中心适老化改造",
    "小河乡村振兴示范片区人居环境整治",
    "全镇农村公路危桥改造及安防工程",
  ].map((name) => `张坊镇${name}`);
  const { sessionUrl, sessionId } = await openTownshipSession(clerk, logIn, township, deputies, projects);
  await clerk.getByRole("button", { name: "开启大屏显示链接" }).click();
  const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await screen.goto(await clerk.getByLabel(/大屏显示链接已开启/).inputValue());
  await expect(screen).toHaveURL(new RegExp(`/screen/${sessionId}$`));

  const early = deputies.slice(0, 4);
  for (const name of early) await rosterButton(clerk, "签到", name).click();
  await rosterSettled(clerk);
  const tablets = await Promise.all((await issueCodes(clerk, early)).map((code) => openTablet(browser, code)));
  await clerk.getByLabel("应选名额（N）").fill("10");
  await clerk.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  const roundUrl = clerk.url();
  await roundAction(clerk, "开始投票");
  await expect(screen.getByText(/已投\s*0\s*\/\s*4/)).toBeVisible();
  await expect(screen.getByText("本轮选票在开始投票时按实到")).toHaveCount(0); // nobody late yet: nothing to explain

  // The fifth deputy arrives after the round opened: 实到 5, but 4 ballots.
  await clerk.goto(sessionUrl);
  await rosterButton(clerk, "签到", deputies[4]!).click();
  await expect(screen.getByText(/实到\s*5/)).toBeVisible();
  await expect.soft(screen.getByText("本轮选票在开始投票时按实到 4 名代表发出 4 张；此后签到的代表没有本轮选票。")).toBeVisible();

  await Promise.all(tablets.map((tablet) => vote(tablet, projects, 10)));
  await expect(screen.getByText(/已投\s*4\s*\/\s*4/)).toBeVisible();
  await clerk.goto(roundUrl);
  await roundAction(clerk, "截止投票");

  // The closing sentences (rule, ballots, outcome) are at least 28 px, and the board still fits.
  const sentences = screen.locator(".screen-text p");
  await expect(sentences).toHaveCount(3);
  await expect.soft(screen.getByText("本轮选票在开始投票时按实到 4 名代表发出 4 张；此后签到的代表没有本轮选票。")).toBeVisible();
  for (const size of await sentences.evaluateAll((nodes) => nodes.map((node) => parseFloat(getComputedStyle(node).fontSize)))) {
    expect.soft(size, "a closing sentence's font size (px)").toBeGreaterThanOrEqual(28);
  }
  const overflow = await screen.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow, "the results board scrolls on a 1280×720 projector").toBeLessThanOrEqual(1);

  await Promise.all(tablets.map((tablet) => tablet.context().close()));
  await screen.context().close();
});
