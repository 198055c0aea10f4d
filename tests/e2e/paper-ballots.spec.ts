/**
 * 纸质选票: a township without tablets runs its vote on paper. A secret 12-for-10 round is printed,
 * issued, collected, entered paper by paper by two tellers (one discrepancy, found and fixed),
 * counted, confirmed by the chief teller with their own card at the console, and published; a second
 * round is entered as totals. The tellers' keyboard entry of 60 papers is timed.
 */
import { expect, type Page } from "@playwright/test";
import { addProjectsByHand, appointTellers, checkInEveryone, issueCodes, roundAction, sessionWithRoster, test } from "./fixtures";

const DEPUTIES = ["赵一", "钱二", "孙三", "李四", "周五", "吴六"];
const PROJECTS = Array.from({ length: 12 }, (_, i) => `第${i + 1}号民生工程`);

/** The papers of the round as the tellers read them: one key per project (1 赞成, 2 反对, 3 弃权, 0 未表决), or V (void). */
const PAPERS = ["111111111122", "111111111123", "111111111100", "111111111111", "V", "111111110022"];

async function preparePaperRound(clerk: Page, settings: { places: number; secret: boolean; entry: "逐张录入" | "汇总录入" }) {
  const prepare = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "建立本轮表决" }) });
  await prepare.getByLabel("应选名额（N）").fill(String(settings.places));
  await prepare.getByRole("radio", { name: settings.secret ? /^无记名投票/ : /^记名投票/ }).check();
  await prepare.getByRole("radio", { name: /^纸质选票/ }).check();
  await prepare.getByRole("radio", { name: new RegExp(`^${settings.entry}`) }).check();
  await prepare.getByRole("button", { name: "建立本轮表决" }).click();
  await expect(clerk).toHaveURL(/rounds\/\d+$/);
  return clerk.url();
}

/** 开始投票 with the papers issued (default: one to each deputy present), then 截止投票 with the papers returned. */
async function issueAndCollect(clerk: Page, returned: number) {
  await clerk.getByRole("button", { name: "开始投票（发放选票）" }).click();
  await expect(clerk.getByText(/发出 \d+ 张，收回 —/)).toBeVisible();
  await clerk.getByRole("link", { name: "截止投票" }).click();
  await clerk.getByLabel("收回选票张数").fill(String(returned));
  await clerk.getByRole("button", { name: "确认截止投票" }).click();
  await expect(clerk.getByRole("heading", { name: "录入选票" })).toBeVisible();
}

/** Types one paper on the entry screen, by keyboard only. */
async function typePaper(page: Page, keys: string) {
  await expect(page.getByRole("listitem", { name: /^1\. / })).toBeFocused();
  for (const key of keys === "V" ? ["v"] : [...keys]) await page.keyboard.press(key);
  await page.keyboard.press("Enter");
}

async function enterStack(page: Page, entryUrl: string, teller: string, papers: string[]) {
  await page.goto(entryUrl);
  await page.getByRole("radio", { name: new RegExp(`^${teller}`) }).check();
  await page.getByRole("button", { name: "开始录入" }).click();
  for (const [i, paper] of papers.entries()) {
    await expect(page.getByText(`第 ${i + 1} 张 / 收回 ${papers.length} 张`)).toBeVisible();
    await typePaper(page, paper);
  }
  await expect(page.getByText("本遍录入已完成。")).toBeVisible();
}

test("a secret paper round entered twice, a discrepancy fixed, counted, confirmed at the console and published; then a round by totals", async ({
  page: clerk,
  logIn,
  township,
}) => {
  test.setTimeout(240_000);
  await logIn(clerk);
  const sessionUrl = await sessionWithRoster(clerk, township.code, DEPUTIES, `${township.name}第十八届人民代表大会第七次会议`);
  await addProjectsByHand(clerk, PROJECTS);
  await checkInEveryone(clerk, DEPUTIES);
  await appointTellers(clerk, DEPUTIES[0]!, [DEPUTIES[1]!]);
  const [chiefCode] = await issueCodes(clerk, [DEPUTIES[0]!]);

  const roundUrl = await preparePaperRound(clerk, { places: 10, secret: true, entry: "逐张录入" });
  await expect(clerk.getByText("纸质选票", { exact: true }).first()).toBeVisible();

  // The papers print identical, with no name, seat or serial number.
  await clerk.getByRole("link", { name: "打印选票" }).click();
  await expect(clerk.getByText("赞成的项目不能超过10个，否则选票无效").first()).toBeVisible();
  for (const name of DEPUTIES) await expect(clerk.getByText(name)).toHaveCount(0);
  await clerk.goto(roundUrl);

  await issueAndCollect(clerk, PAPERS.length);

  // Two tellers enter the stack independently; the second misreads paper 3.
  const misread = [...PAPERS];
  misread[2] = "111111111200";
  await enterStack(clerk, `${roundUrl}/entry/1`, DEPUTIES[0]!, PAPERS);
  await enterStack(clerk, `${roundUrl}/entry/2`, DEPUTIES[1]!, misread);
  await expect(clerk.getByRole("heading", { name: /两遍录入不一致/ })).toBeVisible();
  await clerk.goto(roundUrl);
  await expect(clerk.getByText("两遍录入有 2 处不一致")).toBeVisible();
  await clerk.getByRole("button", { name: "计票" }).click();
  await expect(clerk.getByRole("alert").first()).toContainText("两遍录入有2处不一致");

  // Held against the paper, the second entry is corrected.
  await clerk.goto(`${roundUrl}/entry/2`);
  await clerk.getByRole("link", { name: "更正第 3 张" }).click();
  await expect(clerk.getByText("正在更正第 3 张")).toBeVisible();
  await typePaper(clerk, PAPERS[2]!);
  await expect(clerk.getByRole("heading", { name: /两遍录入一致/ })).toBeVisible();

  await clerk.goto(roundUrl);
  await expect(clerk.getByText("两遍录入完全一致，可以计票。")).toBeVisible();
  await clerk.getByRole("button", { name: "计票" }).click();
  await expect(clerk.getByText("已计票，请总监票人核对并确认。")).toBeVisible();
  // 4 valid papers (one over-marked and one judged void are not); 10 places, pass threshold 4 of 6.
  await expect(clerk.getByText("共发出选票6张，收回选票6张，其中有效票4张，无效票2张。")).toBeVisible();

  // No tablet in this hall: the chief teller types their own card's code at the console.
  await clerk.getByText("总监票人在本机确认").click();
  await clerk.getByLabel(/总监票人签到卡上的签到码/).fill("ABCDEFGH");
  await clerk.getByLabel("我是总监票人，已核对上列计票结果").check();
  await clerk.getByRole("button", { name: "确认计票结果" }).click();
  await expect(clerk.getByRole("alert").first()).toContainText("这不是本次会议总监票人的签到卡代码");
  await clerk.getByLabel(/总监票人签到卡上的签到码/).fill(chiefCode!);
  await clerk.getByLabel("我是总监票人，已核对上列计票结果").check();
  await clerk.getByRole("button", { name: "确认计票结果" }).click();
  await expect(clerk.getByText("总监票人已确认计票结果。")).toBeVisible();
  await roundAction(clerk, "发布公告");
  const notice = clerk.getByRole("link", { name: /查看公告/ });
  await notice.click();
  await expect(clerk.getByText("共发出选票6张，收回选票6张，其中有效票4张，无效票2张。")).toBeVisible();
  await expect(clerk.getByRole("row", { name: "1 第1号民生工程 4 0 0 0 当选" })).toBeVisible();
  await expect(clerk.getByText(/以纸质选票无记名投票方式/)).toBeVisible();
  await expect(clerk.getByRole("region", { name: /选票回执码/ })).toHaveCount(0);

  // In coverage: the township's public page lists the notice.
  await clerk.goto(`/townships/${township.code}`);
  await expect(clerk.locator(`a[href$="/1"]`).filter({ hasText: /公告/ }).first()).toBeVisible();

  // A second round, entered as totals: 3 projects for 2 places, 5 papers returned, 1 void.
  await clerk.goto(sessionUrl);
  const prepare = clerk.locator("form").filter({ has: clerk.getByRole("button", { name: "建立本轮表决" }) });
  for (const name of PROJECTS.slice(3)) await prepare.getByRole("checkbox", { name: new RegExp(`${name}$`) }).uncheck();
  const round2Url = await preparePaperRound(clerk, { places: 2, secret: true, entry: "汇总录入" });
  await issueAndCollect(clerk, 5);
  await clerk.getByRole("link", { name: "进入汇总录入" }).click();
  await clerk.getByRole("radio", { name: new RegExp(`^${DEPUTIES[1]}`) }).check();
  await clerk.getByRole("button", { name: "开始录入" }).click();
  const totals: Array<[number, number, number, number]> = [
    [4, 0, 0, 0],
    [4, 0, 0, 0],
    [0, 2, 2, 0],
  ];
  await clerk.getByLabel("无效票").fill("1");
  // First an impossible total: project 3's marks add up to 5, but only 4 papers are valid.
  for (const [i, [yes, no, abstain, notVoted]] of totals.entries()) {
    await clerk.getByLabel(`第${i + 1}项 赞成`).fill(String(yes));
    await clerk.getByLabel(`第${i + 1}项 反对`).fill(String(no));
    await clerk.getByLabel(`第${i + 1}项 弃权`).fill(String(abstain));
    await clerk.getByLabel(`第${i + 1}项 未表决`).fill(String(i === 2 ? 1 : notVoted));
  }
  await clerk.getByRole("button", { name: "保存汇总" }).click();
  await expect(clerk.getByRole("alert").first()).toContainText("第3个项目的赞成、反对、弃权、未表决合计5票，与有效票4张不符");
  await clerk.getByLabel("第3项 未表决").fill("0");
  await clerk.getByRole("button", { name: "保存汇总" }).click();
  await expect(clerk.getByText(/汇总数已保存/)).toBeVisible();
  await clerk.goto(round2Url);
  await clerk.getByRole("button", { name: "计票" }).click();
  await expect(clerk.getByText("共发出选票6张，收回选票5张，其中有效票4张，无效票1张。")).toBeVisible();
  await expect(clerk.getByText(/第1号民生工程、第2号民生工程共2个项目当选/)).toBeVisible();
});

test("the tellers enter 60 papers of a 12-project ballot by keyboard", async ({ page: clerk, logIn, township }) => {
  test.setTimeout(300_000);
  await logIn(clerk);
  const deputies = Array.from({ length: 60 }, (_, i) => `代表${String(i + 1).padStart(2, "0")}`);
  await sessionWithRoster(clerk, township.code, deputies, `${township.name}第十八届人民代表大会第八次会议`);
  await addProjectsByHand(clerk, PROJECTS);
  await checkInEveryone(clerk, deputies);
  await appointTellers(clerk, deputies[0]!, [deputies[1]!]);
  const roundUrl = await preparePaperRound(clerk, { places: 10, secret: true, entry: "逐张录入" });
  await issueAndCollect(clerk, 60);
  const papers = Array.from({ length: 60 }, (_, i) => [...PAPERS[i % 4]!].map((key, j) => ((i + j) % 7 === 0 ? "2" : key)).join(""));
  const started = Date.now();
  await enterStack(clerk, `${roundUrl}/entry/1`, deputies[0]!, papers);
  const seconds = (Date.now() - started) / 1000;
  console.log(`paper entry: 60 papers × 12 projects in ${seconds.toFixed(1)} s (${((seconds * 1000) / 60).toFixed(0)} ms a paper, keyboard only)`);
  await clerk.goto(roundUrl);
  await expect(clerk.getByText("已录 60 / 60 张")).toBeVisible();
});
