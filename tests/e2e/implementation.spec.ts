/**
 * 实施与监督: after the vote. A published project gets a plan with the template's milestones, two
 * progress reports (each reaching a milestone after its planned day: flagged late), a milestone
 * left overdue, an inspection by three deputies and the mid-year report; the public progress page
 * shows it on a phone, reached from the township's page.
 */
import { expect } from "@playwright/test";
import { addProjectsByHand, checkInEveryone, issueCodes, publishPaperRoundByTotals, sessionWithRoster, test } from "./fixtures";

const DEPUTIES = ["施一", "施二", "施三", "施四", "施五"];
const PROJECTS = ["村道硬化工程", "集镇公厕改造"];

function isoDay(offset: number) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + offset * 86_400_000));
}
const daysSince = (day: string) => Math.round((Date.parse(`${isoDay(0)}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);

test("a published project's plan, two reports with late milestones, an overdue one, an inspection, and the public progress page", async ({
  page: clerk,
  browser,
  logIn,
  township,
}) => {
  test.setTimeout(180_000);
  await logIn(clerk);
  // The session of 15 January 2026 votes: the road is selected.
  await sessionWithRoster(clerk, township.code, DEPUTIES, `${township.name}第十八届人民代表大会第七次会议`, "2026-01-15");
  await addProjectsByHand(clerk, PROJECTS);
  await checkInEveryone(clerk, DEPUTIES);
  await clerk.getByLabel("总监票人").selectOption({ label: DEPUTIES[0] });
  await clerk.getByRole("checkbox", { name: DEPUTIES[1] }).check();
  await clerk.getByRole("button", { name: "确定监票人" }).click();
  const [chiefCode] = await issueCodes(clerk, [DEPUTIES[0]!]);
  await publishPaperRoundByTotals(clerk, {
    places: 1,
    returned: 5,
    teller: DEPUTIES[1]!,
    chiefCode: chiefCode!,
    totals: [
      [5, 0, 0],
      [0, 5, 0],
    ],
    selected: "村道硬化工程当选。",
  });

  // The plan, from the township's console.
  await clerk.goto(`/console/townships/${township.code}`);
  await clerk.getByRole("link", { name: "2026年项目实施与监督" }).click();
  await expect(clerk.getByRole("rowheader", { name: "集镇公厕改造" })).toHaveCount(0);
  await clerk.getByRole("link", { name: "村道硬化工程" }).click();
  const plan = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "保存实施计划" }) });
  await plan.getByLabel("预算（万元）").fill("120");
  await plan.getByLabel("计划开工日期").fill("2026-02-01");
  await plan.getByLabel("计划完成日期").fill(isoDay(60));
  // A day before the vote is refused, and said why.
  await plan.getByLabel("立项 计划日期").fill("2026-01-10");
  await plan.getByRole("button", { name: "保存实施计划" }).click();
  await expect(clerk.getByRole("alert").first()).toContainText("早于本项目的票决之日（2026年1月15日）");
  await plan.getByLabel("立项 计划日期").fill("2026-01-20");
  await plan.getByLabel("招标 计划日期").fill("2026-02-10");
  await plan.getByLabel("开工 计划日期").fill("2026-03-01");
  await plan.getByLabel("完工 计划日期").fill(isoDay(30));
  await plan.getByLabel("验收 计划日期").fill(isoDay(60));
  await plan.getByRole("button", { name: "保存实施计划" }).click();
  await expect(clerk.getByRole("table", { name: "节点" }).getByRole("row")).toHaveCount(6);

  // Two reports: 立项 reached 12 days late, 招标 26 days late; 开工 is overdue ever since 1 March.
  const report = async (day: string, progress: string, spent: string, reached: string, text: string) => {
    const form = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "提交进度报告" }) });
    await form.getByLabel("报告日期").fill(day);
    await form.getByLabel("完成进度（%）").fill(progress);
    await form.getByLabel("已完成投资（万元）").fill(spent);
    await form.getByLabel("本次完成的节点（可不选）").selectOption({ label: reached });
    await form.getByLabel("进展情况").fill(text);
    await form.getByRole("button", { name: "提交进度报告" }).click();
    await expect(clerk.getByRole("status").first()).toContainText("进度报告已提交。");
  };
  await report("2026-02-01", "10", "5", "立项", "项目已立项，完成测量设计。");
  await report("2026-03-08", "40", "48", "招标", "完成招标，施工队进场。");
  // Progress cannot go back.
  const form = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "提交进度报告" }) });
  await form.getByLabel("完成进度（%）").fill("30");
  await form.getByLabel("进展情况").fill("有误");
  await form.getByRole("button", { name: "提交进度报告" }).click();
  await expect(clerk.getByRole("alert").first()).toContainText("完成进度30%低于上次报告的40%");
  const milestones = clerk.getByRole("table", { name: "节点" });
  await expect(milestones.getByRole("row", { name: /立项.*2026年2月1日完成（逾期12天）/ })).toBeVisible();
  await expect(milestones.getByRole("row", { name: /招标.*2026年3月8日完成（逾期26天）/ })).toBeVisible();
  await expect(milestones.getByRole("row", { name: new RegExp(`开工.*逾期${daysSince("2026-03-01")}天未完成`) })).toBeVisible();
  await expect(clerk.getByText(`1个节点逾期，最长${daysSince("2026-03-01")}天`).first()).toBeVisible();

  // The presidium's inspection by three deputies, and the mid-year report.
  await clerk
    .getByRole("link", { name: "返回项目实施" })
    .or(clerk.getByRole("link", { name: "2026年民生实事项目实施与监督" }))
    .first()
    .click();
  const inspection = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "记录视察" }) });
  await inspection.getByLabel("视察日期").fill("2026-06-10");
  await inspection.getByRole("checkbox", { name: "村道硬化工程" }).check();
  for (const name of DEPUTIES.slice(0, 3)) await inspection.getByRole("checkbox", { name }).check();
  await inspection.getByLabel("视察发现的问题和意见").fill("部分路段路基压实不足。");
  await inspection.getByLabel("整改落实情况").fill("已督促施工方返工。");
  await inspection.getByRole("button", { name: "记录视察" }).click();
  await expect(clerk.getByRole("status").first()).toContainText("视察已记录。");
  await expect(clerk.getByText("2026年6月10日，3名代表视察：村道硬化工程")).toBeVisible();
  const midYear = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "保存年中报告" }) });
  await midYear.getByLabel("听取报告日期").fill("2026-07-01");
  await midYear.getByLabel("报告要点").fill("上半年完成投资48万元，开工节点滞后。");
  await midYear.getByRole("button", { name: "保存年中报告" }).click();
  await expect(clerk.getByText("主席团已于2026年7月1日听取年中报告。")).toBeVisible();

  // The public page on a phone, from the township's page.
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: "zh-CN", javaScriptEnabled: false })
  ).newPage();
  await phone.goto(`/townships/${township.code}`);
  await phone.getByRole("link", { name: "2026年项目实施情况" }).click();
  const project = phone.getByRole("listitem").filter({ has: phone.getByRole("heading", { name: "村道硬化工程" }) });
  await expect(project).toContainText("实施中 · 完成40%");
  await expect(project).toContainText(`1个节点逾期，最长${daysSince("2026-03-01")}天`);
  await expect(project).toContainText("最近报告（2026年3月8日）：完成招标，施工队进场。");
  await expect(project).toContainText("代表视察1次");
  await expect(phone.getByRole("heading", { name: "集镇公厕改造" })).toHaveCount(0);
});
