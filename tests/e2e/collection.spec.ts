/**
 * 征集: a township's year of intake. The clerk opens a collection; residents propose on a phone
 * without JavaScript (one of them twice, one a spam); a deputy proposes through their own link from
 * the printed sheet, a village committee's proposal is entered at the console;
 * the clerk moderates, screens, merges and declines, records the Party committee's approval, takes
 * the slate from the pool; the deputies vote (on paper, by totals); the public page shows the funnel
 * and each proposal's outcome, without who proposed it.
 */
import { expect, type Browser, type Page } from "@playwright/test";
import { appointTellers, checkInEveryone, decodeQr, issueCodes, publishPaperRoundByTotals, sessionWithRoster, test } from "./fixtures";

const DEPUTIES = ["欧一", "欧二", "欧三", "欧四", "欧五", "欧六"];
const PHONE = { width: 390, height: 844 };

function isoDay(offset: number) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + offset * 86_400_000));
}

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "zh-CN", javaScriptEnabled: false });
  return context.newPage();
}

async function propose(resident: Page, campaignUrl: string, fields: { title: string; place: string; reason: string; cost?: string; contact?: string }) {
  await resident.goto(campaignUrl);
  await resident.getByRole("link", { name: "提交建议" }).click();
  await resident.getByLabel("想办的事（项目名称和内容）").fill(fields.title);
  await resident.getByLabel("在哪里").fill(fields.place);
  await resident.getByLabel("为什么要办").fill(fields.reason);
  if (fields.cost) await resident.getByLabel(/大概要花多少钱/).fill(fields.cost);
  await resident.getByLabel("您所在的村（社区）").fill("欧家村");
  if (fields.contact) await resident.getByLabel(/联系方式/).fill(fields.contact);
  await resident.getByRole("button", { name: "提交建议" }).click();
}

test("a year's intake: proposals from a phone, moderation, screening, approval, the slate from the pool, the vote and the public funnel", async ({
  page: clerk,
  browser,
  logIn,
  township,
}) => {
  test.setTimeout(240_000);
  await logIn(clerk);
  const sessionUrl = await sessionWithRoster(clerk, township.code, DEPUTIES, `${township.name}第十八届人民代表大会第七次会议`);

  // The clerk opens the year's collection from the township's console.
  await clerk.goto(`/console/townships/${township.code}`);
  await clerk.getByRole("link", { name: "2026年民生实事项目征集" }).click();
  await clerk.getByLabel("开始日期").fill(isoDay(-3));
  await clerk.getByLabel("截止日期（含当日）").fill(isoDay(20));
  await clerk.getByRole("button", { name: "新建征集活动" }).click();
  await expect(clerk.getByRole("status").first()).toContainText("征集活动已建立。");
  const campaignUrl = `/campaigns/${township.code}/2026`;

  // The poster carries a QR code of the form's address.
  await clerk.goto(`${campaignUrl}/poster`);
  await expect(clerk.getByText("手机扫码提交建议")).toBeVisible();
  const qr = await clerk.locator(".poster-qr").innerHTML();
  expect(await decodeQr(browser, qr)).toBe(new URL(`${campaignUrl}/propose`, clerk.url()).href);
  await expect(clerk.getByText(new RegExp(`${campaignUrl}/propose$`))).toBeVisible();

  // Residents on phones, without JavaScript.
  const resident = await phone(browser);
  await propose(resident, campaignUrl, {
    title: "硬化欧家组到村部的通组公路",
    place: "欧家村欧家组",
    reason: "雨天泥泞，孩子上学不便。",
    cost: "80",
    contact: "13912345678",
  });
  await expect(resident.getByRole("status")).toContainText("已收到您的建议（第1号）");
  // The same text again, spaced differently: already received.
  await propose(resident, campaignUrl, { title: "硬化 欧家组到村部的 通组公路", place: "欧家村 欧家组", reason: "雨天泥泞 孩子上学不便" });
  await expect(resident.getByRole("alert")).toContainText("内容相同的建议已经收到（第1号）");
  await propose(resident, campaignUrl, { title: "欧家组通组公路拓宽并装路灯", place: "欧家组", reason: "路窄，晚上看不见。" });
  await expect(resident.getByRole("status")).toContainText("第2号");
  await propose(resident, campaignUrl, { title: "在村部建一座音乐喷泉广场", place: "欧家村村部", reason: "丰富文化生活。", cost: "900" });
  await expect(resident.getByRole("status")).toContainText("第3号");
  await propose(resident, campaignUrl, { title: "加微信领取免费礼品", place: "网上", reason: "点击链接领取礼品" });
  await expect(resident.getByRole("status")).toContainText("第4号");
  // Too short a place, said in Chinese; nothing stored.
  await propose(resident, campaignUrl, { title: "修一座桥", place: "桥", reason: "过河不方便。" });
  await expect(resident.getByRole("alert").first()).toContainText("地点至少2个字");
  // Nothing from the public is shown before the clerk admits it.
  await resident.goto(campaignUrl);
  await expect(resident.getByText("硬化欧家组到村部的通组公路")).toHaveCount(0);

  // Moderation: three taken in, the spam not.
  await clerk.goto(`/console/townships/${township.code}/campaign/2026`);
  await expect(clerk.getByRole("heading", { name: "待审核（群众提交）（4）" })).toBeVisible();
  for (const n of [1, 2, 3]) await clerk.getByRole("button", { name: `受理 第${n}号`, exact: true }).click();
  await clerk.getByRole("button", { name: "不予受理 第4号", exact: true }).click();
  await expect(clerk.getByRole("status").first()).toContainText("第4号建议不予受理。");
  await expect(clerk.getByRole("heading", { name: "待审核（群众提交）（0）" })).toBeVisible();

  // A deputy proposes through their own link, from the printed sheet.
  await clerk.getByRole("link", { name: "代表提交链接（打印）" }).click();
  await clerk.getByRole("button", { name: "为全体代表生成链接并打印" }).click();
  const card = clerk.getByRole("listitem").filter({ hasText: DEPUTIES[2]! });
  const link = (await card.locator(".poster-url").textContent())!.trim();
  expect(await decodeQr(browser, await card.locator(".poster-qr").innerHTML())).toBe(link);
  const deputy = await phone(browser);
  await deputy.goto(link);
  await expect(deputy.getByText(`您正在以人大代表${DEPUTIES[2]}的身份提交建议`)).toBeVisible();
  await deputy.getByLabel("想办的事（项目名称和内容）").fill("欧家村安全饮水巩固提升");
  await deputy.getByLabel("在哪里").fill("欧家村");
  await deputy.getByLabel("为什么要办").fill("夏季水压不足，水质浑浊。");
  await deputy.getByRole("button", { name: "提交建议" }).click();
  await expect(deputy.getByRole("status")).toContainText("已收到您的建议（第5号），已进入初审。");

  // A village committee's proposal, entered at the console.
  await clerk.goto(`/console/townships/${township.code}/campaign/2026`);
  const enter = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "录入建议" }) });
  await enter.getByLabel("来源").selectOption({ label: "村（居）委会" });
  await enter.getByLabel("建议人（代表姓名或提出单位）").fill("欧家村村委会");
  await enter.getByLabel("想办的事（项目名称和内容）").fill("欧家村主干道安装路灯");
  await enter.getByLabel("在哪里").fill("欧家村主干道");
  await enter.getByLabel("为什么要办").fill("夜间出行没有照明。");
  await enter.getByRole("button", { name: "录入建议" }).click();
  await expect(clerk.getByRole("status").first()).toContainText("已录入第6号建议。");
  await expect(clerk.getByRole("row", { name: /第5号.*人大代表.*欧三.*待初审/ })).toBeVisible();

  // Screening: 1 into the pool, 2 merged into it, 5 into the pool, 3 declined.
  const screen = async (n: number) => {
    await clerk.goto(`/console/townships/${township.code}/campaign/2026/proposals/${n}`);
    await expect(clerk.getByRole("heading", { name: `初审：第${n}号建议` })).toBeVisible();
  };
  const pool = async (name: string) => {
    const form = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "纳入项目库" }) });
    await form.getByLabel("名称").fill(name);
    await form.getByLabel(/估算投资/).fill("120");
    await form.getByLabel("资金来源").fill("县级财政补助、镇级自筹");
    await form.getByLabel(/计划完成/).fill("2026-12");
    await form.getByLabel("责任单位").fill("镇人民政府");
    await form.getByRole("button", { name: "纳入项目库" }).click();
    await expect(clerk).toHaveURL(/\/campaign\/2026$/);
  };
  await screen(1);
  await pool("欧家组通组公路硬化工程");
  await screen(2);
  await clerk.getByRole("combobox", { name: /^合并到/ }).selectOption({ label: "项目1 欧家组通组公路硬化工程" });
  await clerk.getByRole("button", { name: "合并" }).click();
  await expect(clerk).toHaveURL(/\/campaign\/2026$/);
  await screen(5);
  await pool("欧家村安全饮水巩固提升工程");
  await screen(3);
  await clerk.getByLabel("理由").selectOption({ label: "投资过大，超出乡镇财力" });
  await clerk.getByLabel("说明（公开）").fill("建议由县里统筹文化设施");
  await clerk.getByRole("button", { name: "不予采纳" }).click();
  await expect(clerk).toHaveURL(/\/campaign\/2026$/);
  await screen(6);
  await clerk.getByLabel("理由").selectOption({ label: "已列入其他计划或正在实施" });
  await clerk.getByRole("button", { name: "不予采纳" }).click();
  await expect(clerk).toHaveURL(/\/campaign\/2026$/);
  await expect(clerk.getByRole("table", { name: "项目库" }).getByRole("row")).toHaveCount(3);
  await expect(clerk.getByRole("row", { name: /欧家组通组公路硬化工程.*第1号、第2号/ })).toBeVisible();

  // The collection closes (the clerk moves its last day to yesterday), then the approval.
  await clerk.getByText("征集活动设置").first().click();
  await clerk.getByLabel("截止日期（含当日）").fill(isoDay(-1));
  await clerk.getByRole("button", { name: "保存设置" }).click();
  await expect(clerk.getByText("已截止")).toBeVisible();
  const approval = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "记录审定" }) });
  await approval.getByLabel("文号或会议纪要编号").fill("欧家镇党委〔2026〕3号");
  clerk.once("dialog", (dialog) => void dialog.accept());
  await approval.getByRole("button", { name: "记录审定" }).click();
  await expect(clerk.getByRole("status").first()).toContainText("已记录审定：候选项目2项。");

  // The slate, from the pool; the vote on paper, by totals: the road passes, the water does not.
  await clerk.goto(sessionUrl);
  await clerk.getByRole("button", { name: "选入候选项目" }).click();
  await expect(clerk.getByRole("status").filter({ hasText: "已从项目库选入2个候选项目。" })).toBeVisible();
  await expect(clerk.getByRole("rowheader", { name: "欧家组通组公路硬化工程" })).toBeVisible();
  await checkInEveryone(clerk, DEPUTIES);
  await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[1]!]);
  const [chiefCode] = await issueCodes(clerk, [DEPUTIES[0]!]);
  // One place of two: a valid paper says 赞成 to one project at most.
  await publishPaperRoundByTotals(clerk, {
    places: 1,
    returned: 6,
    teller: DEPUTIES[1]!,
    chiefCode: chiefCode!,
    totals: [
      [5, 1, 0],
      [1, 4, 1],
    ],
    selected: "欧家组通组公路硬化工程当选。",
  });

  // The public page, from the township's page: the funnel and each proposal's outcome, never who proposed it.
  await resident.goto(`/townships/${township.code}`);
  await resident.getByRole("link", { name: "2026年民生实事项目征集" }).click();
  await expect(resident).toHaveURL(new RegExp(`${campaignUrl}$`));
  const funnel = resident.getByRole("list", { name: "征集结果" });
  await expect(funnel).toContainText("收到建议 5 条");
  await expect(funnel).toContainText("合并、初审后纳入项目库 2 项");
  await expect(funnel).toContainText("党委审定候选项目 2 项");
  await expect(funnel).toContainText("代表票决选中 1 项");
  await expect(resident.getByText("候选项目名单经乡镇党委")).toContainText("欧家镇党委〔2026〕3号");
  await expect(
    resident
      .getByRole("listitem")
      .filter({ hasText: /第1号 硬化欧家组到村部的通组公路.*与第2号建议合并为：欧家组通组公路硬化工程；党委审定为候选项目；经代表票决选中/ }),
  ).toBeVisible();
  await expect(resident.getByRole("listitem").filter({ hasText: /第2号.*与第1号建议合并为：欧家组通组公路硬化工程/ })).toBeVisible();
  await expect(resident.getByRole("listitem").filter({ hasText: /第3号.*不予采纳：投资过大，超出乡镇财力（建议由县里统筹文化设施）/ })).toBeVisible();
  await expect(resident.getByRole("listitem").filter({ hasText: /第5号.*票决未选中/ })).toBeVisible();
  await expect(resident.getByRole("listitem").filter({ hasText: /第6号.*不予采纳：已列入其他计划或正在实施/ })).toBeVisible();
  // Neither a contact, nor a proposer, nor what the clerk did not take in.
  for (const hidden of ["13912345678", "加微信领取免费礼品", DEPUTIES[2]!, "欧家村村委会"]) await expect(resident.getByText(hidden)).toHaveCount(0);
  // The form is closed now.
  await resident.goto(`${campaignUrl}/propose`);
  await expect(resident.getByText(/征集已于.*截止/)).toBeVisible();
  await expect(resident.getByRole("button", { name: "提交建议" })).toHaveCount(0);
});
