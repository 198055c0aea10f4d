/**
 * Shared steps of the browser tests: each test's own township and staff login (fixtures), reading a
 * QR code, the console's common steps, and pages that fail the test on a console error.
 */
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { expect, test as base, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { logInContext, type StaffAccount } from "./staff-login";
import { claimTownship, type Township } from "./townships";

const jsQrPath = createRequire(import.meta.url).resolve("jsqr/dist/jsQR.js");

/** Reads a QR code as a phone would: the card's SVG drawn on a canvas, decoded by jsQR. */
export async function decodeQr(browser: Browser, svg: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.setContent("<canvas width='400' height='400'></canvas>");
    await page.addScriptTag({ path: jsQrPath });
    return await page.evaluate(async (markup) => {
      const image = new Image();
      image.src = `data:image/svg+xml;base64,${btoa(markup)}`;
      await image.decode();
      const canvas = document.querySelector("canvas")!;
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
      return (window as unknown as { jsQR: JsQr }).jsQR(pixels.data, pixels.width, pixels.height)?.data ?? null;
    }, svg);
  } finally {
    await page.close();
  }
}

/** A roster row's button, e.g. 签到 for 张伟 (its accessible name is "签到 ：张伟"). */
export function rosterButton(page: Page, action: string, deputy: string) {
  return page.getByRole("button", { name: new RegExp(`^${action}\\s*：${deputy}$`) });
}

/** A step on the console's round page; 截止投票 and 发布公告 ask first, and are confirmed. */
export async function roundAction(console: Page, button: string) {
  const asksFirst = button === "截止投票" || button === "发布公告";
  await console.getByRole(asksFirst ? "link" : "button", { name: button }).click();
  if (asksFirst) await console.getByRole("button", { name: `确认${button}` }).click();
  await console.waitForLoadState("networkidle");
}

/** Opens the township on the console, enters its roster by hand and creates a session; returns the session's URL. */
export async function sessionWithRoster(clerk: Page, township: string, deputies: string[], title: string, meetingDate = "2026-01-15") {
  await clerk.goto("/console");
  await clerk.getByLabel("乡镇区划代码（9位），或县级人大的县代码（6位）").fill(township);
  await clerk.getByRole("button", { name: "打开", exact: true }).click();
  await clerk.getByLabel("代表姓名（每行一名，或用“，”“、”分隔）").fill(deputies.join("\n"));
  await clerk.getByRole("button", { name: "录入", exact: true }).click();
  await expect(clerk.getByRole("status")).toContainText(`已录入 ${deputies.length} 名代表`);
  await clerk.getByLabel("会议名称").fill(title);
  await clerk.getByLabel("会议日期").fill(meetingDate);
  await clerk.getByLabel("会议地点").fill("镇政府大会议室");
  await clerk.getByRole("button", { name: "建立会议" }).click();
  await expect(clerk).toHaveURL(/\/console\/sessions\/\d+$/);
  return clerk.url();
}

/**
 * 签到 for every deputy on the roster, tapped down the list as fast as the clerk can (each row posts
 * on its own: no tap cancels another), and waits until the console counts them all present.
 */
export async function checkInEveryone(clerk: Page, deputies: string[]) {
  for (const name of deputies) await rosterButton(clerk, "签到", name).click();
  await expect(clerk.getByRole("table", { name: /^代表名单（实到/ })).toHaveAccessibleName(`代表名单（实到 ${deputies.length} / 应到 ${deputies.length}）`);
  await rosterSettled(clerk);
}

/**
 * Every roster row's post has answered and the page has reloaded after it (no row is aria-busy): the
 * caption may count a check-in from the live stream before the row's own post is done, and a form
 * submitted meanwhile races that row's reload.
 */
export async function rosterSettled(clerk: Page) {
  await expect(clerk.locator("tr[aria-busy=true]")).toHaveCount(0);
}

/** 确定监票人 on the session console: the chief teller and the tellers, waiting until the console says so. */
export async function appointTellers(clerk: Page, chief: string, tellers: string[]) {
  await clerk.getByLabel("总监票人").selectOption({ label: chief });
  for (const name of tellers) await clerk.getByRole("checkbox", { name }).check();
  await clerk.getByRole("button", { name: "确定监票人" }).click();
  await expect(clerk.getByText("已确定总监票人和监票人。")).toBeVisible();
}

/** 发签到码 for each deputy on the session console; returns the codes as the dialog shows them. */
export async function issueCodes(clerk: Page, deputies: string[]): Promise<string[]> {
  const codes: string[] = [];
  for (const name of deputies) {
    await rosterButton(clerk, "发签到码", name).click();
    await expect(clerk.getByRole("dialog")).toContainText(name);
    codes.push((await clerk.locator(".pass-code").textContent())!.trim());
  }
  await clerk.getByRole("dialog").getByRole("link", { name: "关闭" }).click();
  return codes;
}

/** A tablet signs in with the code the clerk read out (typed into the address, as the QR would). */
export async function signInTablet(tablet: Page, code: string) {
  await tablet.goto(`/vote?code=${code}`);
  await tablet.getByRole("button", { name: "进入" }).click();
  await expect(tablet).toHaveURL(/\/vote\/ballot/, { timeout: 20_000 }); // several sign in at once on a busy machine
}

type FilePayload = { name: string; mimeType: string; buffer: Buffer };

/**
 * Imports a file on a console form (a roster, a slate) and waits for `done`. The server reads one
 * file at a time (so that imports never hold up the ballots) and asks a clerk whose file arrives
 * while another is read to try again: with tests in parallel that happens, and this tries again.
 */
export async function importFile(page: Page, field: string, button: string, file: FilePayload, done: Locator) {
  const busy = page.getByRole("alert").filter({ hasText: "系统正在读取另一个导入文件，请稍后再试" });
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel(field).setInputFiles(file);
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(done.or(busy).first()).toBeVisible({ timeout: 30_000 });
    if (!(await busy.isVisible())) return;
    await page.goto(page.url()); // the page afresh, without the refusal
  }
}

/** Enters projects on the session console's slate form, one by one, as a clerk without a file would. */
export async function addProjectsByHand(clerk: Page, projects: string[]) {
  for (const [i, name] of projects.entries()) {
    const form = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "加入候选项目" }) });
    await form.getByLabel("名称").fill(name);
    await form.getByLabel("内容").fill(`${name}：建设内容详见项目说明`);
    await form.getByLabel(/估算投资/).fill(String(100 + 20 * i));
    await form.getByLabel("资金来源").fill("县级财政补助、镇级自筹");
    await form.getByLabel(/计划完成/).fill("2026-12");
    await form.getByLabel("责任单位").fill("镇人民政府");
    await form.getByRole("button", { name: "加入候选项目" }).click();
    await expect(clerk.getByRole("rowheader", { name, exact: true })).toBeVisible();
  }
}

/**
 * A hall ready to vote: the township's roster and session, the slate entered by hand, everyone
 * checked in, a recorded round of the given form open, and a sign-in code for each deputy.
 */
export async function openRound(
  clerk: Page,
  township: Township,
  hall: { deputies: string[]; projects: string[]; places: number; form: "per-project" | "choose-n" },
) {
  await sessionWithRoster(clerk, township.code, hall.deputies, `${township.name}第十八届人民代表大会第六次会议`);
  await addProjectsByHand(clerk, hall.projects);
  await checkInEveryone(clerk, hall.deputies);
  const codes = await issueCodes(clerk, hall.deputies);
  const prepare = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "建立本轮表决" }) });
  await prepare.getByRole("radio", { name: hall.form === "choose-n" ? "限选N项（勾选）" : /^逐项表决/ }).check();
  await prepare.getByLabel("应选名额（N）").fill(String(hall.places));
  await prepare.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  await roundAction(clerk, "开始投票");
  return { roundUrl: clerk.url(), codes };
}

/**
 * A secret paper round over the whole slate, entered as totals (each project's 赞成, 反对, 弃权; no
 * void paper), counted, confirmed by the chief teller with their card's code at the console, and
 * published: the quickest whole vote a hall without tablets holds. Tellers must be chosen first.
 */
export async function publishPaperRoundByTotals(
  clerk: Page,
  round: { places: number; returned: number; teller: string; chiefCode: string; totals: Array<[number, number, number]>; selected: string },
) {
  const prepare = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "建立本轮表决" }) });
  await prepare.getByLabel("应选名额（N）").fill(String(round.places));
  await prepare.getByRole("radio", { name: /^无记名投票/ }).check();
  await prepare.getByRole("radio", { name: /^纸质选票/ }).check();
  await prepare.getByRole("radio", { name: /^汇总录入/ }).check();
  await prepare.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  const roundUrl = clerk.url();
  await clerk.getByRole("button", { name: "开始投票（发放选票）" }).click();
  await clerk.getByRole("link", { name: "截止投票" }).click();
  await clerk.getByLabel("收回选票张数").fill(String(round.returned));
  await clerk.getByRole("button", { name: "确认截止投票" }).click();
  await clerk.getByRole("link", { name: "进入汇总录入" }).click();
  await clerk.getByRole("radio", { name: new RegExp(`^${round.teller}`) }).check();
  await clerk.getByRole("button", { name: "开始录入" }).click();
  await clerk.getByLabel("无效票").fill("0");
  for (const [i, [yes, no, abstain]] of round.totals.entries()) {
    await clerk.getByLabel(`第${i + 1}项 赞成`).fill(String(yes));
    await clerk.getByLabel(`第${i + 1}项 反对`).fill(String(no));
    await clerk.getByLabel(`第${i + 1}项 弃权`).fill(String(abstain));
    await clerk.getByLabel(`第${i + 1}项 未表决`).fill("0");
  }
  await clerk.getByRole("button", { name: "保存汇总" }).click();
  await expect(clerk.getByText(/汇总数已保存/)).toBeVisible();
  await clerk.goto(roundUrl);
  await clerk.getByRole("button", { name: "计票" }).click();
  await expect(clerk.getByText(round.selected)).toBeVisible();
  await clerk.getByText("总监票人在本机确认").click();
  await clerk.getByLabel(/总监票人签到卡上的签到码/).fill(round.chiefCode);
  await clerk.getByLabel("我是总监票人，已核对上列计票结果").check();
  await clerk.getByRole("button", { name: "确认计票结果" }).click();
  await expect(clerk.getByText("总监票人已确认计票结果。")).toBeVisible();
  await roundAction(clerk, "发布公告");
  return roundUrl;
}

/** Marks the projects as given, reviews, confirms (a void ballot too); returns the receipt code shown. */
export async function vote(page: Page, marks: Record<string, "赞成" | "反对" | "弃权">) {
  await expect(page.getByRole("button", { name: "下一步：核对选票" })).toBeVisible({ timeout: 20_000 });
  for (const [project, choice] of Object.entries(marks)) {
    await page
      .getByRole("group", { name: `对“${project}”的表决` })
      .getByRole("radio", { name: choice })
      .check();
  }
  await page.getByRole("button", { name: "下一步：核对选票" }).click();
  await page.getByRole("button", { name: /^(确认投票|仍然确认投票)$/ }).click();
  await expect(page.getByRole("heading", { name: "投票成功" })).toBeVisible();
  return (await page
    .getByText(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/)
    .first()
    .textContent())!.trim();
}

/** Logs a page's (or a context's) browser in as a fresh staff account, an administrator unless told otherwise; a page is then on the console. */
export type LogIn = (target: Page | BrowserContext, account?: Partial<StaffAccount>) => Promise<void>;

/**
 * A test with its own township (claimed in the e2e database, see townships.ts), a login that needs
 * no form, and pages that fail it on a console error (a CSP refusal, a hydration error, a 500).
 */
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp; township: Township; logIn: LogIn }>({
  /** Console errors a test causes on purpose (a dropped network logs its failed loads): one pattern, none by default. */
  expectedConsoleErrors: [/(?!)/, { option: true }],
  // Claimed when a test asks for it; nothing to undo after (the township stays used).
  township: async ({}, use) => {
    await use(await claimTownship());
  },
  logIn: async ({}, use, testInfo) => {
    await use(async (target, account) => {
      const page = "context" in target ? target : null;
      const username = account?.username ?? `e2e-w${testInfo.workerIndex}-${randomBytes(4).toString("hex")}`;
      await logInContext(page ? page.context() : (target as BrowserContext), { role: "admin", ...account, username });
      // A page lands on the console, as after the login form.
      if (page) {
        await page.goto("/console");
        await expect(page.getByText(username).first()).toBeVisible();
      }
    });
  },
  consoleErrors: [
    async ({ context, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      context.on("console", (message) => {
        // A refused step answers 4xx on purpose (and says why on the page); a 5xx never is.
        const expected = [/status of 4\d\d/, expectedConsoleErrors];
        if (message.type() === "error" && !expected.some((pattern) => pattern.test(message.text()))) errors.push(message.text());
      });
      context.on("weberror", (error) => errors.push(String(error.error())));
      await use(errors);
      expect(errors, "console errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
