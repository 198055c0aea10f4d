/**
 * 县级人大票决 in the browser (decision 019): the administrator opens an account for a county
 * congress's clerk (bound to the county's 6-digit code); the clerk imports a roster of 150 deputies,
 * creates the session, imports a slate of 15 projects for 12 places, checks in the hall at once,
 * chooses tellers and holds a secret paper round entered as totals, to the notice of the session's
 * presidium. The county then counts in the county-level coverage ("县级 N / 122") on /coverage, on
 * the map and in its city's monitoring — and not among its townships.
 */
import type { Page } from "@playwright/test";
import { rosterUpload } from "../factories/roster-file";
import { appointTellers, expect, importFile, issueCodes, publishPaperRoundByTotals, test } from "./fixtures";
import { claimCountyCongress } from "./townships";

const SEATED = 150; // quorum 100, majority of all deputies 76
const PRESENT = 140;
const PROJECTS = Array.from({ length: 15 }, (_, i) => `县域民生实事项目${i + 1}号`);
/** 赞成 for each project in slate order: twelve reach 76 and rank first; the 13th passes but ranks below; the last two fail. */
const YES = [138, 135, 132, 129, 126, 123, 120, 117, 114, 111, 108, 105, 90, 70, 40];

async function logInThroughForm(page: Page, user: { username: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("密码").fill(user.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console/);
}

test("a county congress's session of 150 deputies, 15 projects for 12 places, to its notice and the county-level coverage", async ({
  page: admin,
  browser,
  logIn,
}) => {
  test.setTimeout(180_000);
  const congress = await claimCountyCongress();
  const title = `${congress.name}第十七届人民代表大会第五次会议`;

  // The administrator opens the county congress clerk's account, bound to the county's code.
  await logIn(admin);
  await admin.goto("/console/admin/accounts");
  const user = { username: `county-${congress.code}-${Date.now() % 100_000}`, password: "county-clerk-password" };
  await admin.getByLabel("用户名").fill(user.username);
  await admin.getByLabel("姓名").fill(`${congress.name}人大常委会工作人员`);
  await admin.getByLabel("初始密码（至少10位）").fill(user.password);
  await admin.getByLabel("角色").selectOption({ label: "会务文书（乡镇、县级人大）" });
  await admin.getByLabel("所属乡镇（9位）或县级人大（6位县代码）区划代码（文书）").fill(congress.code);
  await admin.getByRole("button", { name: "建立账户" }).click();
  await expect(admin.getByRole("status")).toContainText(`已建立账户 ${user.username}`);
  await expect(admin.getByRole("row", { name: new RegExp(user.username) })).toContainText(`${congress.name}人民代表大会（${congress.code}）`);

  // The clerk's console opens the county congress.
  const clerk = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logInThroughForm(clerk, user);
  await clerk.getByRole("link", { name: `${congress.name}人民代表大会` }).click();
  await expect(clerk.getByRole("heading", { level: 1 })).toHaveText(`${congress.name}人民代表大会 县级人大`);
  await importFile(clerk, "代表名单文件（CSV 或 Excel .xlsx）", "导入名单", rosterUpload(SEATED), clerk.getByText(`已导入 ${SEATED} 名代表。`));
  await clerk.getByLabel("会议名称").fill(title);
  await clerk.getByLabel("会议日期").fill("2026-01-08");
  await clerk.getByLabel("会议地点").fill(`${congress.name}人民会堂`);
  await clerk.getByRole("button", { name: "建立会议" }).click();
  await expect(clerk).toHaveURL(/\/console\/sessions\/\d+$/);
  const sessionUrl = clerk.url();
  const sessionId = sessionUrl.split("/").pop()!;

  // Fifteen projects from the office's own CSV template.
  const template = await (await clerk.request.get(`${sessionUrl}/slate-template.csv`)).text();
  const header = template.replace(/^\uFEFF/, "").split("\r\n")[0]!;
  const rows = PROJECTS.map((name, i) => `${i + 1},${name},${name}：建设内容详见项目说明,${800 + 50 * i},市级财政、县级配套,2026-12,${congress.name}人民政府`);
  const slate = { name: "候选项目.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [header, ...rows].join("\r\n") + "\r\n") };
  await importFile(clerk, "候选项目文件（CSV 或 Excel .xlsx）", "导入", slate, clerk.getByRole("status").filter({ hasText: "已导入 15 个候选项目" }));

  // The hall checks in: everyone shown, then ten taken off again by searching and 请假.
  await clerk.getByRole("button", { name: "全选显示的未签到代表" }).click();
  await clerk.getByRole("button", { name: `签到所选代表（${SEATED} 名）` }).click();
  await expect(clerk.getByRole("table", { name: /^代表名单（实到/ })).toHaveAccessibleName(`代表名单（实到 ${SEATED} / 应到 ${SEATED}）`);
  const roster = clerk.getByRole("table", { name: /^代表名单（实到/ });
  const names = (await roster.locator("tbody th[scope=row]").allTextContents()).map((text) => text.trim());
  for (const name of names.slice(-(SEATED - PRESENT))) {
    await clerk.getByRole("button", { name: new RegExp(`^请假\\s*：${name}$`) }).click();
    await expect(clerk.getByRole("button", { name: new RegExp(`^请假\\s*：${name}$`) })).toHaveCount(0);
  }
  await expect(roster).toHaveAccessibleName(`代表名单（实到 ${PRESENT} / 应到 ${SEATED}）`);
  await expect(clerk.getByText("已达到法定人数")).toBeVisible();
  await appointTellers(clerk, names[0]!, [names[1]!]);
  const [chiefCode] = await issueCodes(clerk, [names[0]!]);

  const roundUrl = await publishPaperRoundByTotals(clerk, {
    places: 12,
    returned: PRESENT,
    teller: names[1]!,
    chiefCode: chiefCode!,
    totals: YES.map((yes) => [yes, PRESENT - yes, 0]),
    selected: "共12个项目当选",
  });
  await expect(clerk).toHaveURL(/\/rounds\/\d+$/);
  expect(roundUrl).toContain("/rounds/");

  // The notice: the session's presidium issues it; twelve selected of fifteen.
  const noticePath = `/notices/${sessionId}/1`;
  await clerk.goto(noticePath);
  await expect(clerk.getByRole("heading", { level: 1 })).toContainText(`${title}主席团公告`);
  await expect(clerk.getByText(`本次会议应到代表${SEATED}名，实到代表${PRESENT}名，达到法定人数（三分之二以上，即100名）。`)).toBeVisible();
  await expect(clerk.getByText("项目须获得全体代表过半数（76票以上）赞成方可通过。")).toBeVisible();
  await expect(clerk.getByText(/共12个项目当选。/)).toBeVisible();
  const votes = clerk.getByRole("table", { name: "各项目得票情况" });
  const project = (name: string) => votes.getByRole("row").filter({ has: clerk.getByRole("rowheader", { name, exact: true }) });
  await expect(project(PROJECTS[0]!).getByRole("cell").last()).toHaveText("✓ 当选");
  await expect(project(PROJECTS[12]!).getByRole("cell").last()).toHaveText(/未当选$/);
  await expect(project(PROJECTS[14]!).getByRole("cell").last()).toHaveText(/未通过$/);

  // County-level coverage on the public page: "县级 N / 122", the county's column and its mark on the map.
  const visitor = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await expect(async () => {
    await visitor.goto("/coverage?year=2026");
    const row = visitor.getByRole("table", { name: "各县市区覆盖情况" }).getByRole("row", { name: new RegExp(`^${congress.name}`) });
    await expect(row.getByRole("cell").last()).toHaveText("已公告", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const county = await visitor
    .locator('dl[aria-label="县级人大票决"] .stat')
    .filter({ has: visitor.locator("dt", { hasText: /^县级$/ }) })
    .locator("dd")
    .textContent();
  const [published, register] = county!.split("/").map((part) => Number(part.replace(/\D/g, "")));
  expect(register).toBe(122);
  expect(published).toBeGreaterThanOrEqual(1);
  const onMap = visitor.locator(`a.map-county[href="/counties/${congress.code}"]`);
  await expect(onMap.locator("circle.map-congress")).toHaveCount(1);
  await expect(onMap.locator("title")).toHaveText(/；县级人大已公告票决结果$/);
  // The county's public page lists its congress's notice beside its townships.
  await visitor.goto(`/counties/${congress.code}`);
  await expect(visitor.getByRole("heading", { name: `${congress.name}人民代表大会票决` })).toBeVisible();
  await expect(visitor.locator(`a[href="${noticePath}"]`)).toBeVisible();

  // The city's monitor: the county congress in 县级人大票决情况, published, with its notice.
  const monitor = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logIn(monitor, { role: "monitor", areaCode: congress.code.slice(0, 4) });
  await monitor.goto(`/monitor/${congress.code.slice(0, 4)}?year=2026`);
  const section = monitor.getByRole("region", { name: "县级人大票决情况" });
  await expect(section.getByText(/^县级 \d+ \/ \d+：/)).toBeVisible();
  const congressRow = section.getByRole("row", { name: new RegExp(`^${congress.name}`) });
  await expect(congressRow).toContainText("已公告");
  await expect(congressRow.locator(`a[href="${noticePath}"]`)).toBeVisible();
});
