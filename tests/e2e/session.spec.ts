/**
 * A whole township congress session in the browser: the clerk's console on a laptop, seven
 * deputies on tablets in parallel browser contexts. Check-in and quorum, a competitive round that
 * ends in a tie, the run-off, tellers' confirmation, publication and the notice; then a secret
 * round after which no page or export shows any deputy's choice. The big screen opens only with the
 * clerk's display link, and goes dark when the clerk revokes it.
 */
import { devices, type Browser, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { databaseUrl } from "../../playwright.config";
import { csvDocument } from "../../app/utils/downloads";
import { ROSTER_HEADER } from "../factories/roster-file";
import { addProjectsByHand, appointTellers, decodeQr, expect, importFile, rosterButton, rosterSettled, roundAction, test, vote } from "./fixtures";

const DEPUTIES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊"]; // 7 seated: quorum 5, pass 4
const PROJECTS = ["黄花村道路硬化工程", "集镇饮水安全提质工程", "中心小学食堂改造", "卫生院发热门诊建设", "敬老院消防改造"];
const tabletDevice = devices["Galaxy Tab S4"];
/** The hall's address the server is configured with (playwright.config.ts): the clerk's browser uses localhost. */
const HALL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210)}`;
/** The roster as the township office keeps it, in the import template's columns. */
const ROSTER_FILE = {
  name: "黄花镇代表名单.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(
    csvDocument([
      [...ROSTER_HEADER],
      ...DEPUTIES.map((name, i) => [
        name,
        i + 1,
        `HH${String(i + 1).padStart(3, "0")}`,
        i % 2 ? "女" : "男",
        "汉族",
        `第${(i % 2) + 1}代表小组`,
        "黄花镇人民政府",
        "代表",
      ]),
    ]),
  ),
};

test.setTimeout(240_000);

/** Ballot keys the server's pages offered a tablet, and the keys the tablet sent with its ballots. */
const offeredKeys = new Set<string>();
const sentKeys: string[] = [];

/** A tablet opened at the address its card's QR code carries: the hall's, not the clerk's localhost. */
async function openTablet(browser: Browser, address: string): Promise<Page> {
  const context = await browser.newContext({ ...tabletDevice, isMobile: false, hasTouch: true, locale: "zh-CN", baseURL: HALL });
  const page = await context.newPage();
  page.on("response", async (response) => {
    if (!response.url().includes("/vote/ballot")) return;
    const body = await response.text().catch(() => "");
    for (const match of body.matchAll(/"ballotKey":"([A-Za-z0-9_-]{16,64})"/g)) offeredKeys.add(match[1]!);
  });
  // The tablet's cast (app/http/tablet-contract.ts): JSON to /vote/cast.
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/vote/cast")
      sentKeys.push(String((request.postDataJSON() as { ballotKey?: unknown }).ballotKey ?? ""));
  });
  await page.goto(address);
  await page.getByRole("button", { name: "进入" }).click();
  await expect(page).toHaveURL(new RegExp(`^${HALL}/vote/ballot`));
  return page;
}

/** 总监票人确认 on the chief teller's own tablet; the clerk's console then offers publication. */
async function confirmOnChiefTablet(chief: Page, clerk: Page) {
  await chief.goto("/vote/ballot");
  await chief.getByLabel("我已与监票人核对计票结果，结果无误").check();
  await chief.getByRole("button", { name: "总监票人确认" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "您已确认本轮计票结果" })).toBeVisible();
  await clerk.reload();
  await expect(clerk.getByRole("link", { name: "发布公告" })).toBeVisible();
}

/** A step of the round's console; 截止投票 and 发布公告 cannot be undone and ask first, on a step of their own. */
test("a session from check-in to published notices, with a tie, a run-off and a secret round", async ({ page: clerk, browser, logIn, township }) => {
  await logIn(clerk);

  // The roster and the session.
  await clerk.getByLabel("乡镇区划代码（9位），或县级人大的县代码（6位）").fill(township.code);
  await clerk.getByRole("button", { name: "打开", exact: true }).click();
  await importFile(clerk, "代表名单文件（CSV 或 Excel .xlsx）", "导入名单", ROSTER_FILE, clerk.getByText("已导入 7 名代表。"));
  await clerk.getByLabel("会议名称").fill(`${township.name}第十八届人民代表大会第六次会议`);
  await clerk.getByLabel("会议日期").fill("2026-01-15");
  await clerk.getByLabel("会议地点").fill("镇政府大会议室");
  await clerk.getByRole("button", { name: "建立会议" }).click();
  await expect(clerk).toHaveURL(/\/console\/sessions\/\d+$/);
  const sessionUrl = clerk.url();
  const sessionId = sessionUrl.split("/").pop()!;

  // The big screen follows along in its own window, not logged in: it needs the clerk's display link.
  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const screen = await screenContext.newPage();
  await screen.goto(`/screen/${sessionId}`);
  await expect(screen.getByRole("alert")).toContainText("需要会务人员在会务工作台开启的大屏显示链接");
  await clerk.getByRole("button", { name: "开启大屏显示链接" }).click();
  const displayLink = await clerk.getByLabel(/大屏显示链接已开启/).inputValue();
  expect(displayLink).toMatch(new RegExp(`/screen/${sessionId}\\?key=`));
  await screen.goto(displayLink);
  // The key leaves the address bar at once (the hall sees it); the screen keeps it in a cookie.
  await expect(screen).toHaveURL(new RegExp(`/screen/${sessionId}$`));
  await expect(screen.getByText("等待开始表决")).toBeVisible();

  // The slate: five projects entered by hand.
  await addProjectsByHand(clerk, PROJECTS);

  // Check-in: four of seven is short of the quorum of five.
  for (const name of DEPUTIES.slice(0, 4)) await rosterButton(clerk, "签到", name).click();
  await rosterSettled(clerk);
  await expect(clerk.getByText("已达到法定人数")).toHaveCount(0);

  // A competitive round: 5 projects for 3 places, recorded, results on the screen after close.
  await clerk.getByLabel("应选名额（N）").fill("3");
  await clerk.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  const round1Url = clerk.url();
  await roundAction(clerk, "开始投票");
  await expect(clerk.getByRole("alert")).toContainText("还差1名");

  // Two more arrive; one checks in on a tablet.
  await clerk.goto(sessionUrl);
  await rosterButton(clerk, "签到", DEPUTIES[4]!).click();
  await rosterSettled(clerk);
  // Each card's QR code is read as a tablet's camera would, and carries the configured hall address.
  const addresses: string[] = [];
  for (const name of DEPUTIES.slice(0, 6)) {
    await rosterButton(clerk, "发签到码", name).click();
    const dialog = clerk.getByRole("dialog");
    await expect(dialog).toContainText(name);
    const code = (await dialog.locator(".pass-code").textContent())!.trim().replace(/-/g, "");
    const address = await decodeQr(browser, await dialog.locator(".qr").innerHTML());
    expect(address, `${name}'s QR code`).toBe(`${HALL}/vote?code=${code}`);
    await expect(dialog.locator("figcaption")).toHaveText(`${HALL}/vote`);
    addresses.push(address!);
  }
  const tablets = await Promise.all(addresses.map((address) => openTablet(browser, address)));
  await tablets[5]!.getByRole("button", { name: "签到", exact: true }).click();
  await expect(clerk.getByText("已达到法定人数")).toBeVisible();
  await expect(screen.getByText(/实到\s*6/)).toBeVisible();

  await clerk.goto(round1Url);
  await roundAction(clerk, "开始投票");

  // Six ballots in parallel: A on all; B, C, D four each — tied across the 2nd and 3rd places.
  const [A, B, C, D, E] = PROJECTS as [string, string, string, string, string];
  const picks = [
    [A, B, C],
    [A, B, D],
    [A, C, D],
    [A, B, C],
    [A, B, D],
    [A, C, D],
  ];
  const receipts = await Promise.all(
    tablets.map((tablet, i) =>
      vote(tablet, Object.fromEntries(PROJECTS.map((p) => [p, picks[i]!.includes(p) ? "赞成" : p === E ? "反对" : "弃权"])) as Record<string, "赞成">),
    ),
  );
  await expect(screen.getByText(/已投\s*6\s*\/\s*6/)).toBeVisible();

  await roundAction(clerk, "截止投票");
  await expect(clerk.getByText(/得票相同/).first()).toBeVisible();

  // Tellers, chosen from those present, confirm; the notice is published.
  await clerk.goto(sessionUrl);
  await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[1]!]);
  await clerk.goto(round1Url);
  // The console cannot confirm: the chief teller does, on their own tablet.
  await expect(clerk.getByText(`请总监票人 ${DEPUTIES[0]} 在本人的投票平板上核对并确认计票结果`, { exact: false })).toBeVisible();
  await expect(clerk.getByRole("button", { name: "总监票人确认" })).toHaveCount(0);
  await tablets[1]!.goto("/vote/ballot"); // a teller's tablet has no such step
  await expect(tablets[1]!.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(tablets[1]!.getByRole("button", { name: "总监票人确认" })).toHaveCount(0);
  await confirmOnChiefTablet(tablets[0]!, clerk);
  await roundAction(clerk, "发布公告");
  await clerk.getByRole("button", { name: /安排再次票决/ }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  await roundAction(clerk, "开始投票");

  // The run-off: B, C, D for the 2 places left.
  const runoffPicks = [
    [B, C],
    [B, C],
    [B, D],
    [B, C],
    [C, D],
    [B, D],
  ];
  await Promise.all(
    tablets.map(async (tablet, i) => {
      await tablet.goto("/vote/ballot");
      await vote(tablet, Object.fromEntries([B, C, D].map((p) => [p, runoffPicks[i]!.includes(p) ? "赞成" : "反对"])) as Record<string, "赞成">);
    }),
  );
  await roundAction(clerk, "截止投票");
  await confirmOnChiefTablet(tablets[0]!, clerk);
  await roundAction(clerk, "发布公告");

  // The notices: 第1号 (A selected, run-off pending) and 第2号 (B and C selected).
  const notice1 = await browser.newPage();
  await notice1.goto(`/notices/${sessionId}/1`);
  await expect(notice1.getByRole("heading", { name: /公告\s*第1号/ })).toBeVisible();
  await expect(notice1.getByText(/应到代表7名，实到代表6名/).first()).toBeVisible();
  // The notice prints its anchor in the audit chain; audit:verify holds the log against it.
  const anchor = (await notice1.getByText(/^审计链锚点：第 \d+ 条/).textContent())!.match(/第 (\d+) 条 ([0-9a-f ]+)/)!;
  const verified = execFileSync(
    process.execPath,
    ["--import", "tsx", "prisma/scripts/audit-verify.ts", "--anchor", `${anchor[1]}:${anchor[2]!.replace(/ /g, "")}`],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    },
  );
  expect(verified).toContain("1 个公告锚点均在");
  await expect(notice1.getByText(/需再次票决/).first()).toBeVisible();
  for (const receipt of receipts) await expect(notice1.getByText(receipt)).toBeVisible();
  await notice1.getByRole("link", { name: /按回执码核对/ }).click();
  await expect(notice1).toHaveURL(/\/receipts$/);
  await notice1.getByRole("textbox", { name: "回执码" }).fill(receipts[0]!.toLowerCase());
  await notice1.getByRole("button", { name: "核对" }).click();
  await expect(notice1.getByRole("status")).toContainText("已计入");
  await notice1.goto(`/notices/${sessionId}/2`);
  await expect(notice1.getByRole("heading", { name: /公告\s*第2号/ })).toBeVisible();
  const selected = notice1.getByRole("table", { name: "当选的民生实事项目" });
  await expect(selected.getByRole("rowheader", { name: B, exact: true })).toBeVisible();
  await expect(selected.getByRole("rowheader", { name: C, exact: true })).toBeVisible();
  await expect(selected.getByRole("rowheader", { name: D, exact: true })).toHaveCount(0);
  const csv = await (await notice1.request.get(`/notices/${sessionId}/2.csv`)).text();
  expect(csv).toContain(B);

  // A secret round: one project, approved or rejected on its own.
  await clerk.goto(sessionUrl);
  const prepare = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "建立本轮表决" }) });
  for (const name of PROJECTS) if (name !== E) await prepare.getByRole("checkbox", { name: new RegExp(name) }).uncheck();
  await prepare.getByLabel("应选名额（N）").fill("1");
  await prepare.getByRole("radio", { name: /无记名投票/ }).check();
  await prepare.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  // The chief teller's key card: issued, read off the printed card, typed back before the vote.
  await roundAction(clerk, "开始投票");
  await expect(clerk.getByRole("alert")).toContainText("制发计票密钥卡");
  await roundAction(clerk, "制发计票密钥卡");
  const card = clerk.getByRole("article", { name: "无记名表决计票密钥卡" });
  await expect(card).toContainText(`交总监票人 ${DEPUTIES[0]} 保管`);
  const keyCode = (await card.locator(".key-card-code").textContent())!.trim();
  expect(keyCode).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){6}$/);
  await expect(clerk.getByRole("button", { name: "打印密钥卡" })).toBeVisible();
  await clerk.getByLabel("计票密钥（28位）").fill(keyCode.replace(/-/g, "").toLowerCase());
  await roundAction(clerk, "核对");
  await expect(clerk.getByText(/密钥卡已由总监票人核对/)).toBeVisible();
  await expect(card).toHaveCount(0); // shown once: gone from the page once read back
  await roundAction(clerk, "开始投票");
  const secretChoices = ["赞成", "反对", "赞成", "弃权", "赞成", "反对"] as const;
  // Measured, not asserted: the time from the first deputy's confirm tap to the big screen's count.
  await expect(screen.getByText(/已投\s*0\s*\/\s*6/)).toBeVisible();
  await tablets[0]!.goto("/vote/ballot");
  await tablets[0]!
    .getByRole("group", { name: `对“${E}”的表决` })
    .getByRole("radio", { name: secretChoices[0] })
    .check();
  await tablets[0]!.getByRole("button", { name: "下一步：核对选票" }).click();
  const tapped = Date.now();
  await tablets[0]!.getByRole("button", { name: "确认投票" }).click();
  await expect(screen.getByText(/已投\s*1\s*\/\s*6/)).toBeVisible();
  const tapToScreenMs = Date.now() - tapped;
  test.info().annotations.push({ type: "tap-to-screen-ms", description: String(tapToScreenMs) });
  console.log(`confirm tap → big screen count: ${tapToScreenMs} ms`);
  await expect(tablets[0]!.getByText(/无记名投票：您的选择不与您的身份关联/)).toBeVisible();
  await Promise.all(
    tablets.slice(1).map(async (tablet, i) => {
      await tablet.goto("/vote/ballot");
      await vote(tablet, { [E]: secretChoices[i + 1]! });
      await expect(tablet.getByText(/无记名投票：您的选择不与您的身份关联/)).toBeVisible();
    }),
  );
  await roundAction(clerk, "截止投票");
  // Sealed until the chief teller's card opens it: a wrong key is refused, the right one counts.
  await expect(clerk.getByText(/选票保持密封/).first()).toBeVisible();
  const wrongKey = keyCode.replace(/^(.)/, (ch) => (ch === "2" ? "3" : "2"));
  await clerk.getByLabel("计票密钥（28位）").fill(wrongKey);
  await roundAction(clerk, "开箱计票");
  await expect(clerk.getByRole("alert").first()).toContainText(/密钥有误|不是本轮的/);
  await clerk.getByLabel("计票密钥（28位）").fill(keyCode);
  await roundAction(clerk, "开箱计票");
  await expect(clerk.getByRole("status").filter({ hasText: "开箱计票完成" })).toBeVisible();
  await confirmOnChiefTablet(tablets[0]!, clerk);
  await roundAction(clerk, "发布公告");
  await expect(clerk).toHaveURL(/\/rounds\/\d+$/); // back from the confirmation step
  const secretRoundUrl = clerk.url();

  // Nothing shows who chose what: the round page lists who voted, never a choice by name.
  const roundPage = await clerk.content();
  expect(roundPage).toContain("无记名表决");
  for (const name of DEPUTIES) {
    const row = clerk.getByRole("row").filter({ hasText: name });
    for (const choice of ["赞成", "反对", "弃权"]) await expect(row.filter({ hasText: choice })).toHaveCount(0);
  }
  expect((await clerk.request.get(`${secretRoundUrl}/roll.csv`)).status()).toBe(404);
  await notice1.goto(`/notices/${sessionId}/3`);
  // The tellers sign the notice by name (监票：总监票人…、监票人…); no other name is on it.
  const tellers = (await notice1.locator(".notice-tellers").textContent())!.replace(/^监票：/, "");
  const noticeHtml = (await notice1.content()).replaceAll(tellers, "");
  const noticeCsv = await (await notice1.request.get(`/notices/${sessionId}/3.csv`)).text();
  for (const name of DEPUTIES) {
    expect(noticeHtml).not.toContain(name);
    expect(noticeCsv).not.toContain(name);
  }
  await expect(notice1.getByRole("row", { name: `1 ${E} 3 2 1 0 未通过` })).toBeVisible();

  // The clerk revokes the display link: the screen goes dark at once, and a reload shows nothing.
  await clerk.goto(sessionUrl);
  await clerk.getByRole("button", { name: "停用大屏显示链接" }).click();
  await expect(clerk.getByText("大屏显示链接已停用。")).toBeVisible();
  await expect(screen.getByText("大屏显示链接已停用或更换，本窗口不再更新。")).toBeVisible();
  await screen.reload();
  await expect(screen.getByRole("alert")).toContainText("需要会务人员在会务工作台开启的大屏显示链接");

  // The ballot key each receipt comes from was made on the tablet, never one the server offered.
  expect(sentKeys.length).toBeGreaterThanOrEqual(18);
  expect(offeredKeys.size).toBeGreaterThan(0);
  expect(sentKeys.filter((key) => offeredKeys.has(key))).toEqual([]);

  await Promise.all(tablets.map((tablet) => tablet.context().close()));
  await screenContext.close();
});
