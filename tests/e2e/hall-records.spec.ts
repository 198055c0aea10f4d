/**
 * What a hall prints and a county reads after a session day (issue 12): the new-account form starts
 * empty after 已建立账户; the recorded roll (记名) reads at 1024×768 and fits A4 in print; the
 * printed notice and the other printable pages leave their on-screen-only lines off the paper; the
 * monitor counts a refused opening as its own figure, a quorum failure only for a session that never
 * reached the quorum, and labels its 出席率分布 axis in whole numbers.
 *
 * The county's tests work in a county of their own (claimCounty), so that its counts are theirs: the
 * first township publishes one notice (after an opening refused for want of quorum), the second
 * never reaches the quorum.
 */
import { devices, type Browser, type Page } from "@playwright/test";
import { addProjectsByHand, appointTellers, expect, rosterButton, rosterSettled, roundAction, sessionWithRoster, test, vote } from "./fixtures";
import { claimCounty, type County, type Township } from "./townships";

const DEPUTIES = ["欧阳明远", "李娜", "王芳", "张伟"]; // 4 seated: quorum 3, pass 3
// Long names, as townships write them: the roll's column headers used to wrap them to seven lines.
const PROJECTS = [
  "莲花镇桐木村至龙洞村通组公路硬化及安全防护设施建设工程",
  "集镇区农村饮水安全巩固提升及供水管网延伸改造工程",
  "莲花镇中心小学食堂及学生宿舍提质改造工程",
  "镇卫生院发热门诊及村卫生室标准化建设项目",
  "敬老院消防设施改造及适老化无障碍设施建设工程",
  "农村人居环境整治生活垃圾分类收集转运体系建设",
];
const tabletDevice = devices["Galaxy Tab S4"];

test.setTimeout(240_000);

async function openTablet(browser: Browser, code: string): Promise<Page> {
  const context = await browser.newContext({ ...tabletDevice, isMobile: false, hasTouch: true, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`/vote?code=${code}`);
  await page.getByRole("button", { name: "进入" }).click();
  await expect(page).toHaveURL(/\/vote\/ballot/);
  return page;
}

/** Roster, session and slate of a township, by the console's own forms. */
async function setUpSession(clerk: Page, township: string, title: string, deputies: string[], projects: string[]) {
  const sessionUrl = await sessionWithRoster(clerk, township, deputies, title);
  await addProjectsByHand(clerk, projects);
  return new URL(sessionUrl).pathname;
}

/** Heights of a table's cells in lines of its own text: a header that wraps to seven lines reads 7. */
async function tallestCellInLines(page: Page, table: string) {
  return page.getByRole("table", { name: table }).evaluate((element) => {
    let tallest = 0;
    for (const cell of element.querySelectorAll("th, td")) {
      const style = getComputedStyle(cell);
      const line = parseFloat(style.fontSize) * 1.6;
      const content = cell.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      // A tag inside a cell (无效票) counts by its own height too: one character per line shows there.
      const tags = [...cell.querySelectorAll(".tag")].map((tag) => tag.getBoundingClientRect().height / (parseFloat(getComputedStyle(tag).fontSize) * 1.6));
      tallest = Math.max(tallest, content / line, ...tags);
    }
    return Math.round(tallest * 10) / 10;
  });
}

/** On paper: no button, field or disclosure, and nothing marked on-screen-only, is visible. */
async function expectNothingOnScreenOnlyPrinted(page: Page) {
  await page.emulateMedia({ media: "print" });
  const visible = await page
    .locator("button, input:not([type=hidden]), select, textarea, summary, .no-print")
    .evaluateAll((elements) =>
      elements
        .filter((element) => (element as HTMLElement).offsetParent !== null || getComputedStyle(element).position === "fixed")
        .map((element) => element.outerHTML.slice(0, 120)),
    );
  expect.soft(visible, `on paper at ${page.url()}`).toEqual([]);
  await page.emulateMedia({ media: "screen" });
}

test("the new-account form starts empty after 已建立账户, with and without JavaScript", async ({ page, browser, logIn, township }) => {
  await logIn(page);
  await page.goto("/console/admin/accounts");
  const create = async (on: Page, username: string) => {
    await on.getByLabel("用户名").fill(username);
    await on.getByLabel("姓名").fill("跳马镇文书");
    await on.getByLabel("初始密码（至少10位）").fill("hall-d-clerk-password");
    await on.getByLabel("角色").selectOption("clerk");
    await on.getByLabel("所属乡镇（9位）或县级人大（6位县代码）区划代码（文书）").fill(township.code);
    await on.getByRole("button", { name: "建立账户" }).click();
    await expect(on.getByRole("status")).toHaveText(`已建立账户 ${username}。`);
    await expect(on.getByRole("rowheader", { name: username })).toBeVisible();
    await expect(on.getByLabel("用户名")).toHaveValue("");
    await expect(on.getByLabel("姓名")).toHaveValue("");
    await expect(on.getByLabel("初始密码（至少10位）")).toHaveValue("");
    await expect(on.getByLabel("所属乡镇（9位）或县级人大（6位县代码）区划代码（文书）")).toHaveValue("");
    await expect(on.getByLabel("角色")).toHaveValue("clerk");
  };
  const clerk = `e2e-clerk-${township.code}`;
  await create(page, clerk);

  // A password reset empties its field too.
  await page.getByLabel(`${clerk} 的新密码`).fill("another-password-1");
  await page.getByRole("row").filter({ hasText: clerk }).getByRole("button", { name: "重设" }).click();
  await expect(page.getByRole("status")).toHaveText("密码已重设，该账户的登录已全部失效。");
  await expect(page.getByLabel(`${clerk} 的新密码`)).toHaveValue("");

  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const noScript = await plain.newPage();
  await noScript.goto("/console/admin/accounts");
  await create(noScript, `${clerk}-2`);
  await plain.close();
});

test.describe("a county's session day", () => {
  test.describe.configure({ mode: "serial" });
  let county: County;
  test.beforeAll(async () => {
    county = await claimCounty(2);
  });

  test("the recorded roll reads at 1024×768 and on A4; the printed notice leaves on-screen lines off", async ({ page: clerk, browser, logIn }) => {
    await logIn(clerk);
    const published = county.townships[0]!;
    const sessionUrl = await setUpSession(clerk, published.code, `${published.name}第十八届人民代表大会第六次会议`, DEPUTIES, PROJECTS);
    const [A, B, C] = PROJECTS as [string, string, string];

    // Two of four present: the opening is refused for want of quorum (3); then it opens the same day.
    for (const name of DEPUTIES.slice(0, 2)) await rosterButton(clerk, "签到", name).click();
    await rosterSettled(clerk);
    await clerk.getByLabel("应选名额（N）").fill("2");
    await clerk.getByRole("button", { name: "建立本轮表决" }).click();
    await expect(clerk).toHaveURL(/rounds\/\d+$/);
    const roundUrl = clerk.url();
    await roundAction(clerk, "开始投票");
    await expect(clerk.getByRole("alert")).toContainText("还差1名");
    await clerk.goto(sessionUrl);
    for (const name of DEPUTIES.slice(2)) await rosterButton(clerk, "签到", name).click();
    await rosterSettled(clerk);
    await expect(clerk.getByText("已达到法定人数")).toBeVisible();
    const codes: string[] = [];
    for (const name of DEPUTIES.slice(0, 3)) {
      await rosterButton(clerk, "发签到码", name).click();
      await expect(clerk.getByRole("dialog")).toContainText(name);
      codes.push((await clerk.locator(".pass-code").textContent())!.trim());
    }
    await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[2]!]);
    const passesUrl = `${sessionUrl}/passes`;
    await clerk.goto(roundUrl);
    await roundAction(clerk, "开始投票");

    // Three ballots: two valid, one void (three 赞成 for two places); 张伟 does not vote.
    const tablets = await Promise.all(codes.map((code) => openTablet(browser, code)));
    const others = (yes: string[]) => Object.fromEntries(PROJECTS.map((p) => [p, yes.includes(p) ? "赞成" : "反对"])) as Record<string, "赞成">;
    await Promise.all([vote(tablets[0]!, others([A, B])), vote(tablets[1]!, others([A, B, C])), vote(tablets[2]!, others([A, B]))]);
    await clerk.reload();
    await roundAction(clerk, "截止投票");
    await clerk.setViewportSize({ width: 1024, height: 768 });

    // The roll: numbered columns with the names in a legend; no header or 无效票 stacked line by line.
    // Soft: every measure is reported, not only the first that is wrong.
    const roll = clerk.getByRole("table", { name: "第1轮表决记录" });
    await expect.soft(roll).toBeVisible();
    for (const [i, name] of PROJECTS.entries()) {
      await expect.soft(roll.getByRole("columnheader", { name: new RegExp(`^${i + 1}\\D.*${name}`) })).toBeVisible();
      await expect.soft(clerk.getByRole("list", { name: "项目编号" }).getByText(name)).toBeVisible();
    }
    await expect.soft(roll.getByRole("row").filter({ hasText: DEPUTIES[1]! })).toContainText("无效票");
    await expect.soft(roll.getByRole("row").filter({ hasText: DEPUTIES[3]! })).toContainText("未投票");
    expect.soft(await tallestCellInLines(clerk, "第1轮表决记录")).toBeLessThanOrEqual(1.5);
    const scroll = await roll.evaluate((table) => ({ table: table.scrollWidth, box: table.parentElement!.clientWidth }));
    expect.soft(scroll.table, "the roll fits 1024 px without scrolling sideways").toBeLessThanOrEqual(scroll.box);

    // On A4 (210 mm ≈ 794 px): the whole roll on the paper's width, still one line a cell.
    await clerk.setViewportSize({ width: 794, height: 1123 });
    await clerk.emulateMedia({ media: "print" });
    const printed = await roll.evaluate((table) => ({ right: table.getBoundingClientRect().right, width: document.documentElement.clientWidth }));
    expect.soft(printed.right).toBeLessThanOrEqual(printed.width);
    expect.soft(await tallestCellInLines(clerk, "第1轮表决记录")).toBeLessThanOrEqual(1.5);
    await expect.soft(clerk.getByRole("list", { name: "项目编号" })).toBeVisible();
    await clerk.emulateMedia({ media: "screen" });
    await expectNothingOnScreenOnlyPrinted(clerk);
    await clerk.setViewportSize(tabletDevice.viewport);

    // Confirmed on the chief teller's tablet, published.
    await tablets[0]!.goto("/vote/ballot");
    await tablets[0]!.getByLabel("我已与监票人核对计票结果，结果无误").check();
    await tablets[0]!.getByRole("button", { name: "总监票人确认" }).click();
    await expect(tablets[0]!.getByRole("status").filter({ hasText: "您已确认本轮计票结果" })).toBeVisible();
    await clerk.reload();
    await roundAction(clerk, "发布公告");
    const noticeUrl = (await clerk.getByRole("link", { name: /查看公告/ }).getAttribute("href"))!;

    // The notice: the link to check a receipt is on screen, not on paper.
    const notice = await browser.newPage();
    await notice.goto(noticeUrl);
    const check = notice.getByRole("link", { name: "按回执码核对本人选票是否计入" });
    await expect(check).toBeVisible();
    await notice.emulateMedia({ media: "print" });
    await expect.soft(check).toBeHidden();
    await expect(notice.getByRole("heading", { name: /公告\s*第1号/ })).toBeVisible();
    await notice.emulateMedia({ media: "screen" });
    await expectNothingOnScreenOnlyPrinted(notice);
    await notice.close();

    // The other printable pages: the pass cards (张伟's, the one deputy without a tablet).
    await clerk.goto(passesUrl);
    await clerk.getByRole("button", { name: /为名单上全部 4 名代表发码/ }).click();
    await expect(clerk.locator(".pass-card")).toHaveCount(1);
    await expectNothingOnScreenOnlyPrinted(clerk);
    await Promise.all(tablets.map((tablet) => tablet.context().close()));
  });

  test("the county monitor: a refused opening is its own figure, a quorum failure is a session that never reached it", async ({ page: clerk, logIn }) => {
    await logIn(clerk);
    const [published, short] = county.townships as [Township, Township];
    await setUpSession(clerk, short.code, `${short.name}第十八届人民代表大会第六次会议`, ["周敏", "吴强", "郑洁"], PROJECTS.slice(0, 2));
    await rosterButton(clerk, "签到", "周敏").click(); // 1 of 3: the quorum is 2
    // The row's post answered (see the roster's caption) before the page is left for the round's.
    await expect(clerk.getByRole("table", { name: /^代表名单（实到/ })).toHaveAccessibleName("代表名单（实到 1 / 应到 3）");
    await rosterSettled(clerk);
    await clerk.getByLabel("应选名额（N）").fill("1");
    await clerk.getByRole("button", { name: "建立本轮表决" }).click();
    await roundAction(clerk, "开始投票");
    await expect(clerk.getByRole("alert")).toContainText("还差1名");

    // Soft: each figure is checked even when another is wrong.
    await clerk.goto(`/monitor/${county.code}?year=2026`);
    const counts = clerk.getByRole("list", { name: "各类情况数" });
    await expect.soft(counts.getByRole("listitem").filter({ hasText: "未达法定人数" })).toHaveText(/未达法定人数\s*1$/);
    await expect.soft(counts.getByRole("listitem").filter({ hasText: "人数不足未能开始表决" })).toHaveText(/人数不足未能开始表决\s*2$/);
    const anomalies = clerk.getByRole("table", { name: "需要关注的情况", exact: true });
    const failed = anomalies.getByRole("row").filter({ hasText: "未达法定人数" });
    await expect.soft(failed).toHaveCount(1);
    await expect.soft(failed).toContainText(short.name);
    await expect
      .soft(anomalies.getByRole("row").filter({ hasText: published.name }).filter({ hasText: "人数不足未能开始表决" }))
      .toContainText("其后补足人数开始表决");

    // The exports say the same.
    const csv = (await (await clerk.request.get(`/monitor/${county.code}/export.csv?year=2026&table=anomalies`)).text()).split("\r\n");
    expect.soft(csv.filter((line) => line.startsWith("未达法定人数,"))).toHaveLength(1);
    expect.soft(csv.filter((line) => line.startsWith("人数不足未能开始表决,"))).toHaveLength(2);

    // 出席率分布 with one published township: its axis reads 0 and 1, each once.
    const chart = clerk.getByRole("img", { name: /出席率分布/ });
    const labels = await chart.locator("text.chart-tick[text-anchor=end]").allTextContents();
    expect.soft(labels).toEqual(["0", "1"]);

    // The A4 report prints none of the screen's controls.
    await clerk.goto(`/monitor/${county.code}/report?year=2026`);
    await expectNothingOnScreenOnlyPrinted(clerk);
  });
});
