/**
 * Every page the server renders is valid UTF-8 without a NUL byte (issue 12, defect 1). React
 * 18.3's streaming renderer flushed its whole 2,048-byte buffer when a multi-byte character did
 * not fit at its end, so pages full of Chinese carried NUL bytes, and one landing in an attribute
 * or in the inline hydration data became U+FFFD. This test crawls one URL of every route (the
 * table must name every route module) on a session with long Chinese text — a 60-deputy roster, a
 * 12-project slate with long names and descriptions, a published round, an open round, a sealed
 * secret round — reads the raw bytes as they left the server, and fails on any NUL or invalid
 * UTF-8. Several of the pages are over 20 KB, where a streaming flush boundary falls many times.
 */
import { enterPaper, startEntry } from "~/services/paper-ballots.server";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCandidates, chooseTellers, closeRound, confirmRound, openRound, prepareRound, publishRound } from "~/services/congress-session.server";
import { createAccount } from "~/services/accounts.server";
import {
  approveCandidates,
  createCampaign,
  declineProposal,
  moderateProposal,
  issueProposalLinks,
  poolProposal,
  submitProposal,
  updateCampaign,
} from "~/services/collection.server";
import * as campaigns from "~/data/campaigns.server";
import { createPlan, reportProgress } from "~/services/implementation.server";
import { selectedProjectsOf } from "~/data/implementation.server";
import { prisma } from "~/data/sqlite.server";
import { isoDay } from "~/utils/format";
import { candidates } from "~/data/sessions.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot, issueSignInCodes } from "~/services/voting.server";
import { candidateInput, checkIn, clerk, keyCardFor, sessionWithDeputies, tablet } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { closeReadOnlyDb, logInStaff, post, signInTablet } from "./helpers";

const TOWNSHIP = "430121102"; // the factory's first township
const COUNTY = "430121";
const PASSWORD = "page-bytes-password";
/** Binary downloads: not text, checked by the tests of their own (the workbooks open in ExcelJS). */
const BINARY = new Set([
  "routes/console.sessions.$sessionId.slate-template[.]xlsx",
  "routes/console.townships.$code.roster-template[.]xlsx",
  "routes/monitor.$code.export[.]xlsx",
]);

type Who = "public" | "admin" | "deputy";
interface Page {
  route: string;
  url: string;
  who: Who;
}

let server: RunningServer;
const cookies: Record<Who, string> = { public: "", admin: "", deputy: "" };
let pages: Page[] = [];
/** A deputy's link key (代表提交链接) of the open campaign. */
let linkKey = "";
/** A selected project of round 1 with a plan and a report. */
let underWay = 0;
/** The no-JavaScript review page: the answer to a ballot posted with intent=review. */
let review: { cookie: string; fields: Array<[string, string]> };

function longProject(i: number) {
  return candidateInput(i, {
    name: `第${i}号${["村组道路硬化及安全防护设施建设工程（含排水沟渠与错车道）", "集镇饮水安全巩固提升工程（含管网改造与水质监测站）", "中心小学食堂与学生宿舍提质改造工程"][i % 3]}`,
    content:
      "对全镇十二个行政村的通组道路进行硬化和拓宽，同步建设排水沟渠、错车道、波形护栏和交通标志标线，" +
      "解决群众出行难、农产品运输难的问题；项目由镇人民政府组织实施，村民委员会协助做好征地拆迁和群众工作，" +
      `完工后由县交通运输局组织验收。第${i}号项目。`,
    responsibleUnit: "镇人民政府农业农村综合服务中心（乡村振兴办公室）",
    fundingSource: "县级财政补助资金、镇级财政自筹资金及社会捐赠",
  });
}

beforeAll(async () => {
  const { sessionId, deputyIds, townshipId } = await sessionWithDeputies(60);
  await checkIn(sessionId, deputyIds.slice(0, 55));
  await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!, deputyIds[2]!]);

  // Round 1: recorded, twelve long projects, 45 ballots, published as notice 1: the first six selected.
  await addCandidates(
    clerk,
    sessionId,
    Array.from({ length: 12 }, (_, i) => longProject(i + 1)),
    "form",
  );
  const projectIds = (await candidates(sessionId)).map((candidate) => candidate.id);
  const round1 = await prepareRound(clerk, sessionId, { candidateIds: projectIds, places: 6, form: "per-project", secret: false, liveResults: false });
  await openRound(clerk, sessionId, round1);
  const receipts: string[] = [];
  for (const [n, deputyId] of deputyIds.slice(0, 45).entries()) {
    const pass = await tablet(sessionId, deputyId);
    const choices = Object.fromEntries(projectIds.map((id, i) => [id, i < 6 ? "yes" : (i + n) % 3 === 0 ? "abstain" : "no"] as const));
    receipts.push((await castBallot(pass, "crawl", { roundId: round1, ballotKey: newBallotKey(), choices })).receipt);
  }
  await closeRound(clerk, sessionId, round1);
  await confirmRound(await tablet(sessionId, deputyIds[0]!), "crawl", round1);
  expect(await publishRound(clerk, sessionId, round1)).toBe(1);

  // Round 2: secret, sealed after ten ballots. Round 3: recorded and open, for the ballot page.
  const round2 = await prepareRound(clerk, sessionId, {
    candidateIds: projectIds.slice(0, 8),
    places: 4,
    form: "per-project",
    secret: true,
    liveResults: false,
  });
  await keyCardFor(sessionId, round2);
  await openRound(clerk, sessionId, round2);
  for (const deputyId of deputyIds.slice(3, 13)) {
    const choices = Object.fromEntries(projectIds.slice(0, 8).map((id) => [id, "yes"] as const));
    await castBallot(await tablet(sessionId, deputyId), "crawl", { roundId: round2, ballotKey: newBallotKey(), choices });
  }
  expect(await closeRound(clerk, sessionId, round2)).toBe("sealed");
  // Round 3: on paper, collected, two of its three papers entered.
  const paperRound = await prepareRound(clerk, sessionId, {
    candidateIds: projectIds,
    places: 6,
    form: "per-project",
    secret: true,
    liveResults: false,
    medium: "paper",
    entryMethod: "per-ballot",
  });
  await openRound(clerk, sessionId, paperRound);
  expect(await closeRound(clerk, sessionId, paperRound, { papersReturned: 3 })).toBe("entering");
  await startEntry(clerk, sessionId, paperRound, 1, deputyIds[0]!);
  for (const number of [1, 2]) {
    await enterPaper(clerk, sessionId, paperRound, 1, number, { seatNo: null, marks: Object.fromEntries(projectIds.map((id) => [String(id), "yes"])) });
  }
  const round3 = await prepareRound(clerk, sessionId, { candidateIds: projectIds, places: 6, form: "per-project", secret: false, liveResults: true });
  await openRound(clerk, sessionId, round3);

  // A project selected in round 1, under way: a plan with the template's milestones, a report.
  underWay = (await selectedProjectsOf(prisma, townshipId, 2026))[0]!.candidateId;
  await createPlan(clerk, townshipId, 2026, underWay, {
    responsibleUnit: longProject(1).responsibleUnit,
    budgetCents: 12_345,
    plannedStart: "2026-02-01",
    plannedCompletion: "2026-11-30",
    milestones: ["approval", "tender", "start", "completion", "acceptance"].map((kind, i) => ({
      kind: kind as "approval",
      name: null,
      plannedOn: `2026-0${i + 2}-01`,
    })),
  });
  await reportProgress(clerk, townshipId, 2026, underWay, { reportedOn: "2026-03-15", progress: 35, spent: 40, text: longProject(1).content });

  // The year's collection, closed: 30 long proposals, screened into the pool or declined, the list approved.
  const day = (offset: number) => isoDay(new Date(Date.now() + offset * 86_400_000));
  const longCall = "为办好民生实事，镇人民代表大会主席团面向全镇群众、人大代表和各村（社区）公开征集民生实事项目建议。".repeat(6);
  const campaign = await createCampaign(clerk, townshipId, 2026, {
    title: "黄兴镇2026年民生实事项目征集",
    callText: longCall,
    opensOn: day(-40),
    closesOn: day(5),
    channels: ["online", "liaison-station", "wechat"],
  });
  for (let i = 1; i <= 30; i++) {
    const text = {
      title: `${longProject(i).name}（群众建议第${i}条）`,
      place: `第${i}村民小组至镇中心小学路段`,
      reason: longProject(i).content,
      cost: undefined,
      village: `第${i}村`,
      contact: null,
    };
    await submitProposal({ device: `10.8.0.${i} crawl` }, campaign, { ...text, website: undefined });
    await moderateProposal(clerk, campaign, i, "admit");
    if (i % 3 === 0) await declineProposal(clerk, campaign, i, "too-costly", "超出本年度镇级财力，建议列入下一年度计划统筹考虑");
    else await poolProposal(clerk, campaign, i, longProject(i));
  }
  await updateCampaign(clerk, campaign, {
    title: "黄兴镇2026年民生实事项目征集",
    callText: longCall,
    opensOn: day(-40),
    closesOn: day(-1),
    channels: ["online"],
  });
  const pool = await campaigns.poolOf(prisma, campaign);
  await approveCandidates(clerk, campaign, { approvedOn: day(0), approvalDocNo: "黄兴镇党委〔2026〕1号", projectIds: pool.slice(0, 12).map((row) => row.id) });
  const campaign2027 = await createCampaign(clerk, townshipId, 2027, {
    title: "黄兴镇2027年民生实事项目征集",
    callText: longCall,
    opensOn: day(-1),
    closesOn: day(30),
    channels: ["online"],
  });
  linkKey = (await issueProposalLinks(clerk, campaign2027))[0]!.key;

  await createAccount({ username: "page-bytes-admin", displayName: "省人大常委会办公厅管理员", password: PASSWORD, role: "admin" });
  server = await startTestServer();
  const base = server.url;
  cookies.admin = await logInStaff(base, "page-bytes-admin", PASSWORD);
  const [code] = await issueSignInCodes(clerk, sessionId, [deputyIds[50]!]);
  cookies.deputy = await signInTablet(base, code!);
  const cast = await post(base, "/vote/ballot", {
    cookie: cookies.deputy,
    fields: [
      ["intent", "confirm"],
      ["roundId", String(round3)],
      ["ballotKey", newBallotKey()],
      ...projectIds.map((id): [string, string] => [`choice.${id}`, "yes"]),
    ],
  });
  expect(cast.status, cast.body.slice(0, 300)).toBe(302);

  const [second] = await issueSignInCodes(clerk, sessionId, [deputyIds[51]!]);
  review = {
    cookie: await signInTablet(base, second!),
    fields: [
      ["intent", "review"],
      ["roundId", String(round3)],
      ["ballotKey", newBallotKey()],
      ...projectIds.map((id, i): [string, string] => [`choice.${id}`, i % 2 ? "yes" : "no"]),
    ],
  };

  const S = `/console/sessions/${sessionId}`;
  const chinese = encodeURIComponent("黄兴");
  pages = [
    { route: "root", url: "/", who: "public" },
    { route: "routes/_index", url: "/", who: "public" },
    { route: "routes/bench.noop", url: "/bench/noop", who: "public" },
    { route: "routes/cities.$code", url: "/cities/4301", who: "public" },
    { route: "routes/counties.$code", url: `/counties/${COUNTY}`, who: "public" },
    { route: "routes/counties.$code", url: "/counties/439999", who: "public" },
    { route: "routes/console", url: "/console", who: "admin" },
    { route: "routes/console._index", url: `/console?code=${TOWNSHIP}`, who: "admin" },
    { route: "routes/console.admin.accounts", url: "/console/admin/accounts", who: "admin" },
    { route: "routes/console.admin.townships", url: "/console/admin/townships", who: "admin" },
    { route: "routes/console.sessions.$sessionId._index", url: S, who: "admin" },
    { route: "routes/console.sessions.$sessionId.passes", url: `${S}/passes`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId", url: `${S}/rounds/${round1}`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId", url: `${S}/rounds/${round2}`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId", url: `${S}/rounds/${round3}`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId", url: `${S}/rounds/${round3}?confirm=close`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId", url: `${S}/rounds/${paperRound}`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId_.papers", url: `${S}/rounds/${paperRound}/papers`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId_.entry.$slot", url: `${S}/rounds/${paperRound}/entry/1`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId_.totals", url: `${S}/rounds/${paperRound}/totals`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.rounds.$roundId.roll[.]csv", url: `${S}/rounds/${round1}/roll.csv`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.slate-template[.]csv", url: `${S}/slate-template.csv`, who: "admin" },
    { route: "routes/console.sessions.$sessionId.slate-template[.]xlsx", url: `${S}/slate-template.xlsx`, who: "admin" },
    { route: "routes/console.townships.$code", url: `/console/townships/${TOWNSHIP}`, who: "admin" },
    { route: "routes/console.townships.$code_.campaign.$year", url: `/console/townships/${TOWNSHIP}/campaign/2026`, who: "admin" },
    {
      route: "routes/console.townships.$code_.campaign.$year_.proposals.$number",
      url: `/console/townships/${TOWNSHIP}/campaign/2026/proposals/1`,
      who: "admin",
    },
    { route: "routes/console.townships.$code_.campaign.$year_.links", url: `/console/townships/${TOWNSHIP}/campaign/2027/links`, who: "admin" },
    { route: "routes/campaigns.$code.$year", url: `/campaigns/${TOWNSHIP}/2026`, who: "public" },
    { route: "routes/console.townships.$code_.implementation.$year", url: `/console/townships/${TOWNSHIP}/implementation/2026`, who: "admin" },
    {
      route: "routes/console.townships.$code_.implementation.$year_.projects.$candidateId",
      url: `/console/townships/${TOWNSHIP}/implementation/2026/projects/${underWay}`,
      who: "admin",
    },
    { route: "routes/progress.$code.$year", url: `/progress/${TOWNSHIP}/2026`, who: "public" },
    { route: "routes/campaigns.$code.$year_.propose", url: `/campaigns/${TOWNSHIP}/2027/propose?key=${encodeURIComponent(linkKey)}`, who: "public" },
    { route: "routes/campaigns.$code.$year", url: `/campaigns/${TOWNSHIP}/2027`, who: "public" },
    { route: "routes/campaigns.$code.$year_.propose", url: `/campaigns/${TOWNSHIP}/2027/propose`, who: "public" },
    { route: "routes/campaigns.$code.$year_.poster", url: `/campaigns/${TOWNSHIP}/2026/poster`, who: "public" },
    { route: "routes/console.townships.$code.roster-template[.]csv", url: `/console/townships/${TOWNSHIP}/roster-template.csv`, who: "admin" },
    { route: "routes/console.townships.$code.roster-template[.]xlsx", url: `/console/townships/${TOWNSHIP}/roster-template.xlsx`, who: "admin" },
    { route: "routes/coverage", url: "/coverage?year=2026", who: "public" },
    { route: "routes/login", url: "/login", who: "public" },
    { route: "routes/logout", url: "/logout", who: "public" },
    { route: "routes/monitor._index", url: "/monitor", who: "admin" },
    { route: "routes/monitor.$code._index", url: "/monitor/43?year=2026&by=county", who: "admin" },
    { route: "routes/monitor.$code._index", url: `/monitor/${COUNTY}?year=2026`, who: "admin" },
    { route: "routes/monitor.$code.export[.]csv", url: "/monitor/43/export.csv?year=2026&table=townships", who: "admin" },
    { route: "routes/monitor.$code.export[.]xlsx", url: `/monitor/${COUNTY}/export.xlsx?year=2026`, who: "admin" },
    { route: "routes/monitor.$code.report", url: `/monitor/${COUNTY}/report?year=2026`, who: "admin" },
    { route: "routes/notices._index", url: "/notices", who: "public" },
    { route: "routes/notices.$sessionId.$noticeNo", url: `/notices/${sessionId}/1`, who: "public" },
    { route: "routes/notices.$sessionId.$noticeNo[.]csv", url: `/notices/${sessionId}/1.csv`, who: "public" },
    { route: "routes/receipts", url: `/receipts?code=${receipts[0]}`, who: "public" },
    { route: "routes/screen.$sessionId", url: `/screen/${sessionId}`, who: "admin" },
    { route: "routes/search", url: `/search?q=${chinese}`, who: "public" },
    { route: "routes/townships.$code", url: `/townships/${TOWNSHIP}`, who: "public" },
    { route: "routes/vote._index", url: "/vote", who: "public" },
    { route: "routes/vote.ballot", url: "/vote/ballot", who: "deputy" },
    { route: "routes/vote.receipt", url: cast.location!, who: "deputy" },
  ];
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

/** The first byte offset at which `bytes` is not UTF-8, or -1. */
function invalidUtf8At(bytes: Uint8Array): number {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return -1;
  } catch {
    for (let end = 1; end <= bytes.length; end++) {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      } catch {
        return end - 1;
      }
    }
    return bytes.length;
  }
}

function around(bytes: Uint8Array, at: number): string {
  return new TextDecoder().decode(bytes.subarray(Math.max(0, at - 60), at + 30)).replace(/\0/g, "\\0");
}

describe("the bytes of every page", () => {
  it("names one URL for every route module", () => {
    const modules = readdirSync(path.resolve(import.meta.dirname, "../../app/routes"))
      .filter((name) => /\.tsx?$/.test(name) && !/\.(test|bench)\.tsx?$/.test(name))
      .map((name) => `routes/${name.replace(/\.tsx?$/, "")}`);
    expect([...new Set(pages.map((page) => page.route))].sort()).toEqual(["root", ...modules].sort());
  });

  it("has no NUL byte and no invalid UTF-8, on pages small and large", async () => {
    const findings: string[] = [];
    const sizes: number[] = [];
    const requests = pages
      .filter((page) => !BINARY.has(page.route))
      .map((page) => ({ url: page.url, init: { headers: page.who === "public" ? {} : { cookie: cookies[page.who] } } as RequestInit }));
    requests.push({
      url: "/vote/ballot",
      init: {
        method: "POST",
        headers: { cookie: review.cookie, origin: server.url, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(review.fields),
      },
    });
    for (const page of requests) {
      const response = await fetch(server.url + page.url, { redirect: "manual", ...page.init });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get("content-type") ?? "";
      if (response.status !== 302) expect(type, `${page.url}: ${response.status}`).toMatch(/charset=utf-8/i);
      sizes.push(bytes.length);
      const nul = bytes.indexOf(0);
      if (nul >= 0) findings.push(`${page.url}: ${bytes.filter((byte) => byte === 0).length} NUL bytes, first at ${nul}: …${around(bytes, nul)}…`);
      const invalid = invalidUtf8At(bytes);
      if (invalid >= 0) findings.push(`${page.url}: invalid UTF-8 at byte ${invalid}: …${around(bytes, invalid)}…`);
      if (type.startsWith("text/html") && response.status === 200) expect(new TextDecoder().decode(bytes), page.url).toMatch(/^<!DOCTYPE html>/i);
    }
    expect(findings).toEqual([]);
    // The crawl reaches pages where a 2,048-byte boundary falls inside Chinese text many times.
    expect(sizes.filter((size) => size >= 20_000).length).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
