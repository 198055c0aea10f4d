/**
 * 实施与监督: after the vote. A published project gets a plan with the template's milestones, two
 * progress reports (each reaching a milestone after its planned day: flagged late), a milestone
 * left overdue, an inspection by three deputies and the mid-year report; the public progress page
 * shows it on a phone, reached from the township's page. At the next year's session the deputies
 * rate it by secret ballot on their tablets (满意度测评); the grade is on its notice and its page.
 */
import { expect } from "@playwright/test";
import {
  addProjectsByHand,
  appointTellers,
  checkInEveryone,
  issueCodes,
  publishPaperRoundByTotals,
  roundAction,
  sessionWithRoster,
  signInTablet,
  test,
} from "./fixtures";

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
  await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[1]!]);
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

  // 2027: the next year's session rates 2026's project by secret ballot on three tablets; two
  // deputies present do not rate it, and the grade counts against all five (过半数: 3).
  await clerk.goto(`/console/townships/${township.code}`);
  await clerk.getByLabel("会议名称").fill(`${township.name}第十八届人民代表大会第八次会议`);
  await clerk.getByLabel("会议日期").fill("2027-01-14");
  await clerk.getByLabel("会议地点").fill("镇政府大会议室");
  await clerk.getByRole("button", { name: "建立会议" }).click();
  await expect(clerk).toHaveURL(/\/console\/sessions\/\d+$/);
  const sessionUrl = clerk.url();
  await checkInEveryone(clerk, DEPUTIES);
  await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[1]!]);
  const codes = await issueCodes(clerk, DEPUTIES.slice(0, 3));
  const ratingSection = clerk.locator("#rating");
  await expect(ratingSection.getByRole("row", { name: /村道硬化工程\s*待测评/ })).toBeVisible();
  await expect(ratingSection.getByRole("rowheader", { name: "集镇公厕改造" })).toHaveCount(0);
  await ratingSection.getByRole("button", { name: "建立满意度测评轮次" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  await expect(clerk.getByRole("heading", { level: 1 })).toContainText("满意度测评");
  await expect(clerk.getByText("全体代表（默认：满意票须超过全体代表的半数）")).toBeVisible();
  await roundAction(clerk, "制发计票密钥卡");
  const keyCode = (await clerk.getByRole("article", { name: "无记名表决计票密钥卡" }).locator(".key-card-code").textContent())!.trim();
  await clerk.getByLabel("计票密钥（28位）").fill(keyCode);
  await roundAction(clerk, "核对");
  await roundAction(clerk, "开始投票");
  const ratings = ["满意", "满意", "基本满意"] as const;
  for (const [i, code] of codes.entries()) {
    const tablet = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: "zh-CN" })).newPage();
    await signInTablet(tablet, code);
    await expect(tablet.getByRole("heading", { name: /满意度测评/ })).toBeVisible();
    await tablet.getByRole("group", { name: "对“村道硬化工程”实施情况的测评" }).getByRole("radio", { name: ratings[i], exact: true }).check();
    await tablet.getByRole("button", { name: "下一步：核对选票" }).click();
    await expect(tablet.getByText(`满意 ${i < 2 ? 1 : 0} 个，基本满意 ${i < 2 ? 0 : 1} 个，不满意 0 个。`)).toBeVisible();
    await tablet.getByRole("button", { name: "确认投票" }).click();
    await expect(tablet.getByRole("heading", { name: "投票成功" })).toBeVisible();
    await tablet.context().close();
  }
  await roundAction(clerk, "截止投票");
  await clerk.getByLabel("计票密钥（28位）").fill(keyCode);
  await roundAction(clerk, "开箱计票");
  const tally = clerk.getByRole("table", { name: /计票结果/ });
  await expect(tally.getByRole("row", { name: /村道硬化工程\s*2\s*1\s*0\s*0\s*基本满意/ })).toBeVisible();
  await clerk.getByText("总监票人在本机确认").click();
  await clerk.getByLabel(/总监票人签到卡上的签到码/).fill(codes[0]!);
  await clerk.getByLabel("我是总监票人，已核对上列计票结果").check();
  await clerk.getByRole("button", { name: "确认计票结果" }).click();
  await expect(clerk.getByText("总监票人已确认计票结果。")).toBeVisible();
  await roundAction(clerk, "发布公告");
  await expect(clerk).toHaveURL(/\/rounds\/\d+$/); // back from the confirmation step: published
  await expect(clerk.getByRole("heading", { level: 1 })).toContainText("已公告");
  await clerk.goto(sessionUrl);
  await expect(clerk.locator("#rating").getByRole("row", { name: /村道硬化工程\s*已列入/ })).toBeVisible();
  await clerk
    .getByRole("link", { name: /^公告 第\d+号$/ })
    .first()
    .click();
  await expect(clerk.getByRole("heading", { level: 1 })).toContainText("满意度测评结果");
  await expect(clerk.getByText("测评等次以全体代表（5名）为基数")).toBeVisible();
  await expect(clerk.getByText("共测评项目1个，其中满意0个，基本满意1个，不满意0个。")).toBeVisible();
  await expect(clerk.getByRole("table", { name: "各项目测评情况" }).getByRole("row", { name: /村道硬化工程\s*2\s*1\s*0\s*0\s*基本满意/ })).toBeVisible();

  // The grade on the public progress page.
  await phone.goto(`/progress/${township.code}/2026`);
  await expect(project).toContainText("代表满意度测评：基本满意 · 满意2票，基本满意1票，不满意0票，未评0票");
  // The township's page lists the rating's notice as a rating, not as a vote.
  await phone.goto(`/townships/${township.code}`);
  await expect(phone.getByText("第1轮 满意度测评")).toBeVisible();

  // The county sees the grade beside the project's implementation: rated 1, 基本满意 1, none left to rate.
  const county = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await logIn(county, { role: "monitor", areaCode: township.countyCode });
  await county.goto(`/monitor/${township.countyCode}?year=2026`);
  const row = county.getByRole("table", { name: "各乡镇项目实施情况" }).getByRole("row").filter({ hasText: township.name });
  await expect(row.getByRole("cell").nth(-5)).toHaveText("1");
  await expect(row.getByRole("cell").nth(-3)).toHaveText("1");
  await expect(row.getByRole("cell").nth(-1)).toHaveText("0");
});
