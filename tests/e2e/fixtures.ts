/** Shared steps of the browser tests: staff login, reading a QR code, and a page that fails on console errors. */
import { createRequire } from "node:module";
import { expect, test as base, type Browser, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "e2e-admin-password" };

export async function logIn(page: Page, user = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console/);
}

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
  await clerk.getByLabel("乡镇区划代码（9位数字）").fill(township);
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

/** Marks the projects as given, reviews, confirms (a void ballot too); returns the receipt code shown. */
export async function vote(page: Page, marks: Record<string, "赞成" | "反对" | "弃权">) {
  await expect(page.getByRole("button", { name: "下一步：核对选票" })).toBeVisible({ timeout: 20_000 });
  for (const [project, choice] of Object.entries(marks)) {
    await page.getByRole("group", { name: `对“${project}”的表决` }).getByRole("radio", { name: choice }).check();
  }
  await page.getByRole("button", { name: "下一步：核对选票" }).click();
  await page.getByRole("button", { name: /^(确认投票|仍然确认投票)$/ }).click();
  await expect(page.getByRole("heading", { name: "投票成功" })).toBeVisible();
  return (await page.getByText(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/).first().textContent())!.trim();
}

/** A test whose pages fail it on a console error (a CSP refusal, a hydration error, a 500). */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on("console", (message) => {
        // A refused step answers 4xx on purpose (and says why on the page); a 5xx never is.
        if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
      });
      context.on("weberror", (error) => errors.push(String(error.error())));
      await use(errors);
      expect(errors, "console errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
