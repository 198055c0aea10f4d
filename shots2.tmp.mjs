import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const base = "http://localhost:3303";
const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" });
const page = await context.newPage();
await page.goto(base + "/login?redirectTo=/monitor");
await page.getByLabel("用户名").fill("admin");
await page.getByLabel("密码").fill("admin-password-123");
await page.getByRole("button", { name: "登录" }).click();
await page.waitForURL(/\/monitor\/43/);
const [path, name, ...ys] = process.argv.slice(2);
await page.goto(base + path);
await page.setViewportSize({ width: 1024, height: 1100 }); for (const y of ys) { await page.evaluate((y) => window.scrollTo(0, y), Number(y)); await page.waitForTimeout(100); await page.screenshot({ path: `/tmp/clip-${name}-${y}.png` }); }
const h = await page.evaluate(() => document.body.scrollHeight);
console.log("height", h);
await browser.close();
