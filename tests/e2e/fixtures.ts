/** Shared steps of the browser tests: staff login, and a page that fails on console errors. */
import { expect, test as base, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "e2e-admin-password" };

export async function logIn(page: Page, user = ADMIN) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console/);
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
