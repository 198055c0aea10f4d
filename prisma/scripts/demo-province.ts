// npm run demo:province -- [--year 2026] [--from 2025] [--fraction 1] [--db file:./data/demo.db] [--keep] [--concurrency 1] [--seed 1]
//
// Fills a database with a realistic year of township votes for the whole province, through the
// same services the app uses: the clerk creates the session and the slate, deputies sign in on
// tablets with one-time codes, check in and vote, tellers confirm, the presidium publishes. No
// result is written directly: every tally comes from the ballots by the rules engine.
//
// The year has the variety real life has: townships that have not held their vote yet, openings
// refused for want of quorum (then more deputies arrive, or the failure is recorded and the session
// is held again later), ties settled by run-offs, vacancies, a voided round, sessions opened but not
// published. Deterministic for a given --seed (names, slates and choices; not the receipt codes).
//
// About a third of the townships collect their projects first (征集): a campaign that closed in the
// autumn before, proposals from residents, deputies, the government and village committees, screened
// into the pool (some merged, some declined), the candidate list approved (审定), and the slate taken
// from the pool. A township without a session this year leaves its campaign unfinished. Drawn from
// a random stream of its own, so the votes are the same with or without it.
//
// After the vote, the projects are carried out (实施与监督): most selected projects get a plan (the
// five template milestones 立项/招标/开工/完工/验收 between a start a few weeks after the vote and the
// planned completion), then progress reports dated up to today (or the spring after, for a past
// year) that reach the milestones — most on time or a little behind, some late (a milestone past
// its day and not reached: overdue on the monitor), some finished and accepted, a few never
// planned. Some townships record an inspection (视察) and the mid-year report (半年报告). Also a
// stream of its own: the votes are the same with or without it.
//
// 满意度测评: when a township's session of year Y publishes its vote and the database holds the
// township's selected projects of Y−1 (a run for Y−1 before, then --keep; or --from Y−1), the same
// session rates them in a secret rating round — mostly on tablets, a few townships on paper with
// totals — graded by every deputy present; projects late or unfinished at the session are rated
// worse. Its own stream too. --from 2025 --year 2026 fills 2025 and then 2026 in one database.
//
// The database is a new file by default (data/demo.db, replaced); --keep adds a year to an existing
// one (for the year-over-year view). It never touches data/app.db unless --db names it.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    year: { type: "string", default: "2026" },
    from: { type: "string" },
    fraction: { type: "string", default: "1" },
    db: { type: "string", default: "file:./data/demo.db" },
    keep: { type: "boolean", default: false },
    concurrency: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    quiet: { type: "boolean", default: false },
    shard: { type: "string", default: "0/1" },
  },
});
const lastYear = Number(values.year);
const firstYear = values.from === undefined ? lastYear : Number(values.from);
const fraction = Number(values.fraction);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);
if (
  !Number.isInteger(lastYear) ||
  lastYear < 2000 ||
  lastYear > 2100 ||
  !Number.isInteger(firstYear) ||
  firstYear < 2000 ||
  firstYear > lastYear ||
  !(fraction > 0 && fraction <= 1) ||
  !(concurrency >= 1) ||
  !Number.isInteger(seed)
) {
  console.error(
    "Usage: npm run demo:province -- [--year 2026] [--from 2025] [--fraction 0..1] [--db file:./data/demo.db] [--keep] [--concurrency 1] [--seed 1]",
  );
  process.exit(2);
}
if (!values.db!.startsWith("file:")) {
  console.error("--db must be a SQLite file URL such as file:./data/demo.db");
  process.exit(2);
}
const projectRoot = path.resolve(import.meta.dirname, "../..");
const file = path.resolve(projectRoot, values.db!.slice("file:".length));
if (!values.keep) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
else if (!existsSync(file)) console.log(`${file} does not exist yet: creating it.`);
process.env.DATABASE_URL = `file:${file}`;

// The app's modules read DATABASE_URL when first imported.
const { setupDatabase } = await import("../setup.ts");
const { closeDatabase, prisma } = await import("~/data/sqlite.server");
const { inTransaction } = await import("~/data/transaction.server");
const { addDeputies, activeDeputies } = await import("~/data/deputies.server");
const sessionsData = await import("~/data/sessions.server");
const services = await import("~/services/congress-session.server");
const collection = await import("~/services/collection.server");
const { isoDay } = await import("~/utils/format");
const voting = await import("~/services/voting.server");
const { newBallotKey } = await import("~/services/receipt.server");
const { Refusal } = await import("~/services/refusal");
const { verifyCoverageSummaries } = await import("~/services/coverage-summary.server");
const { passThresholdFor, quorumFor } = await import("~/domain/quorum");
const implementationServices = await import("~/services/implementation.server");
const paperBallots = await import("~/services/paper-ballots.server");
const { plansOf, selectedProjectsOf } = await import("~/data/implementation.server");
const { rateableProjectsOf } = await import("~/data/ratings.server");
const { projectProgress } = await import("~/domain/implementation");
const { dayNumber } = await import("~/domain/days");
type Choice = import("~/domain/tally").Choice;
type RoundResult = import("~/domain/tally").RoundResult;
type CandidateInput = import("~/schemas/candidate").CandidateInput;
type ClerkProposalInput = import("~/schemas/collection").ClerkProposalInput;
type DeclineReason = import("~/domain/collection").DeclineReason;
type DeputyPass = import("~/services/voting.server").DeputyPass;
type PlanFormInput = import("~/schemas/implementation").PlanFormInput;
type TemplateMilestone = import("~/domain/implementation").TemplateMilestone;
type SelectedProject = import("~/data/implementation.server").SelectedProject;
type SatisfactionGrade = import("~/domain/satisfaction").SatisfactionGrade;

const actor = { actor: "clerk:demo", device: "demo-script" };
const tabletDevice = "demo-script tablet";

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const between = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));
function shuffle<T>(rng: Rng, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
/** Approximately normal (sum of uniforms), mean 0, sd 1. */
const gauss = (rng: Rng) => rng() + rng() + rng() + rng() + rng() + rng() - 3;

// ---------------------------------------------------------------------------------------------
// Names and slates

// Common surnames, weighted towards those frequent in Hunan (刘、李、王、张、陈、杨、彭、谭、曾、唐…).
const SURNAMES = (
  "刘刘刘李李李王王王张张张陈陈陈杨杨彭彭谭谭曾曾唐唐周周罗罗邓邓黄黄胡胡吴吴赵肖肖蒋蒋欧阳何何龙龙向田田" +
  "朱徐孙马郭高林郑梁谢宋许韩冯曹袁潘蔡余杜叶程苏魏吕丁任沈姚卢姜钟陆汪范金石廖贾夏付方邹孟熊秦江尹段雷侯" +
  "龚邵万严覃戴莫文易颜贺伍卿舒喻聂符柳左"
)
  .replace("欧阳", "")
  .split("");
const COMPOUND_SURNAMES = ["欧阳", "司马", "上官"];
const GIVEN = (
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红建国志文辉玲俊峰兰凤婷鹏飞云海波宁龙斌春梅松林" +
  "新德成功利民福贵永胜佳怡欣雨萱子轩浩宇梓涵晨阳思远立群爱莲金秀翠芝冬生水清湘楚衡岳武陵沅澧"
).split("");

function deputyNames(rng: Rng, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const surname = rng() < 0.01 ? pick(rng, COMPOUND_SURNAMES) : pick(rng, SURNAMES);
    const given = rng() < 0.3 ? pick(rng, GIVEN) : pick(rng, GIVEN) + pick(rng, GIVEN);
    names.add(surname + given);
  }
  return [...names];
}

const PLACES = [
  "新塘",
  "白沙",
  "石门",
  "枫树",
  "荷花",
  "桃源",
  "竹山",
  "长岭",
  "金盆",
  "黄土",
  "青山",
  "大塘",
  "柳林",
  "杉木",
  "茶园",
  "龙潭",
  "马鞍",
  "清水",
  "双江",
  "太平",
];
const PROJECTS: Array<{ name: (place: string) => string; content: string; low: number; high: number; unit: string; funding: string }> = [
  {
    name: (p) => `${p}村组道路硬化`,
    content: "硬化村组道路约3公里，路面宽4.5米，配套安全防护栏和错车道。",
    low: 80,
    high: 420,
    unit: "乡镇交通管理站",
    funding: "县级交通专项资金、乡镇自筹",
  },
  {
    name: (p) => `${p}片区农村饮水安全巩固提升`,
    content: "新建蓄水池一座，改造供水管网约8公里，解决约1200人饮水不稳定问题。",
    low: 60,
    high: 350,
    unit: "乡镇水利站",
    funding: "县级水利资金、乡镇自筹",
  },
  {
    name: () => "集镇污水管网改造",
    content: "改造集镇雨污分流管网约2.6公里，新建一体化污水处理设施一座。",
    low: 150,
    high: 800,
    unit: "乡镇规划建设环保办",
    funding: "县级财政补助、上级专项资金",
  },
  {
    name: () => "中心小学食堂改扩建",
    content: "改扩建学校食堂约600平方米，更新厨房设备，满足寄宿学生就餐需要。",
    low: 90,
    high: 380,
    unit: "乡镇中心学校",
    funding: "教育专项资金、乡镇配套",
  },
  {
    name: (p) => `${p}村卫生室标准化建设`,
    content: "按标准改造村卫生室，配备基本诊疗设备，实现医保报销结算。",
    low: 20,
    high: 90,
    unit: "乡镇卫生院",
    funding: "卫生健康专项资金",
  },
  {
    name: () => "敬老院适老化改造",
    content: "改造敬老院居室、卫生间及无障碍设施，新增床位30张。",
    low: 60,
    high: 260,
    unit: "乡镇社会事务综合服务中心",
    funding: "民政专项资金、乡镇自筹",
  },
  {
    name: () => "集镇农贸市场提质改造",
    content: "改造农贸市场摊位、排水及消防设施，规范经营秩序。",
    low: 100,
    high: 500,
    unit: "乡镇经济发展办",
    funding: "乡镇自筹、社会资本",
  },
  {
    name: (p) => `${p}山塘清淤扩容`,
    content: "清淤山塘8口，加固塘坝，恢复灌溉面积约1500亩。",
    low: 40,
    high: 200,
    unit: "乡镇水利站",
    funding: "农田水利专项资金",
  },
  {
    name: () => "乡镇综合文化站提质",
    content: "改造综合文化站，新建农家书屋和群众文体活动场地。",
    low: 30,
    high: 150,
    unit: "乡镇综合文化站",
    funding: "文化专项资金、乡镇配套",
  },
  {
    name: (p) => `${p}片区路灯亮化`,
    content: "安装太阳能路灯约300盏，覆盖主要村道和集中居住点。",
    low: 30,
    high: 160,
    unit: "乡镇规划建设环保办",
    funding: "乡镇自筹",
  },
  {
    name: () => "农村生活垃圾收转运体系建设",
    content: "购置垃圾转运车2台、分类垃圾桶500个，建设转运站一座。",
    low: 50,
    high: 280,
    unit: "乡镇规划建设环保办",
    funding: "县级环卫专项资金、乡镇自筹",
  },
  {
    name: (p) => `${p}桥梁危桥改造`,
    content: "拆除重建危桥一座，长约40米，宽6米，设计荷载公路Ⅱ级。",
    low: 120,
    high: 600,
    unit: "乡镇交通管理站",
    funding: "县级交通专项资金",
  },
  {
    name: () => "集镇停车场建设",
    content: "新建公共停车场一处，车位约120个，配套充电桩10个。",
    low: 80,
    high: 400,
    unit: "乡镇规划建设环保办",
    funding: "乡镇自筹、社会资本",
  },
  {
    name: () => "幼儿园提质扩容",
    content: "改扩建公办幼儿园，新增学位90个，更新户外活动设施。",
    low: 100,
    high: 450,
    unit: "乡镇中心学校",
    funding: "教育专项资金",
  },
  {
    name: (p) => `${p}高标准农田建设`,
    content: "建设高标准农田约2000亩，配套沟渠、机耕道。",
    low: 200,
    high: 900,
    unit: "乡镇农业综合服务中心",
    funding: "高标准农田建设资金",
  },
  {
    name: () => "居家养老服务中心建设",
    content: "建设居家养老服务中心一处，提供助餐、日间照料等服务。",
    low: 40,
    high: 200,
    unit: "乡镇社会事务综合服务中心",
    funding: "民政专项资金、福彩公益金",
  },
  {
    name: () => "便民服务中心标准化改造",
    content: "改造便民服务中心大厅，实现就近办、一次办。",
    low: 30,
    high: 150,
    unit: "乡镇党政综合办",
    funding: "乡镇自筹",
  },
  {
    name: (p) => `${p}河道综合治理`,
    content: "治理河道约4公里，建设生态护岸，清理河障。",
    low: 150,
    high: 700,
    unit: "乡镇水利站",
    funding: "水利专项资金、县级配套",
  },
  {
    name: () => "全民健身广场建设",
    content: "建设健身广场约3000平方米，配置健身器材和灯光球场。",
    low: 50,
    high: 260,
    unit: "乡镇综合文化站",
    funding: "体育彩票公益金、乡镇自筹",
  },
  {
    name: (p) => `${p}人居环境整治`,
    content: "开展改厕、清塘、拆除空心房，建设小微公园三处。",
    low: 40,
    high: 220,
    unit: "乡镇农业综合服务中心",
    funding: "乡村振兴衔接资金",
  },
];

function slate(rng: Rng, count: number, year: number): CandidateInput[] {
  const kinds = shuffle(rng, [...PROJECTS.keys()]).slice(0, count);
  return kinds.map((k) => {
    const project = PROJECTS[k]!;
    const investment = between(rng, project.low * 10, project.high * 10) / 10;
    return {
      name: project.name(pick(rng, PLACES)),
      content: project.content,
      investment,
      fundingSource: project.funding,
      plannedCompletion: `${year}-${String(between(rng, 9, 12)).padStart(2, "0")}`,
      responsibleUnit: project.unit,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// 征集: the collection before the vote

const COLLECTION_SHARE = 0.35;
/** The campaign ran in the autumn before the year's sessions; it must have closed before today for 审定. */
let CAMPAIGN_DAYS = { opensOn: "", closesOn: "", approvedOn: "" };
let collectionPossible = false;
/** The year being filled (one at a time: --from fills several in turn). */
let year = firstYear;

function setYear(next: number) {
  year = next;
  CAMPAIGN_DAYS = { opensOn: `${year - 1}-10-15`, closesOn: `${year - 1}-11-20`, approvedOn: `${year - 1}-12-10` };
  collectionPossible = CAMPAIGN_DAYS.closesOn < isoDay(new Date());
}

const PROPOSAL_REASONS = [
  "群众反映强烈，多次在代表联络站提出。",
  "涉及群众多，受益面广，群众期盼早日解决。",
  "存在安全隐患，雨季尤为突出，急需解决。",
  "多年未解决的老问题，去年会议期间代表也提出过。",
  "老人和孩子出行、就医、上学不便。",
];
const DECLINED_IDEAS: Array<{ title: string; reason: DeclineReason }> = [
  { title: "新建乡镇室内体育馆", reason: "too-costly" },
  { title: "修建通往县城的快速公路", reason: "out-of-scope" },
  { title: "改造乡镇政府办公楼", reason: "out-of-scope" },
  { title: "集镇自来水主管网改造", reason: "already-planned" },
  { title: "由村集体贷款建设商业街", reason: "legality-or-debt" },
  { title: "每户补贴购买电动车", reason: "out-of-scope" },
];
const MERGE_TITLES = [(name: string) => `关于${name}的建议`, (name: string) => `希望尽快实施${name}`];

function proposalSourceOf(rng: Rng): ClerkProposalInput["source"] {
  const r = rng();
  return r < 0.45 ? "resident" : r < 0.75 ? "deputy" : r < 0.9 ? "village" : "government";
}

/**
 * A campaign with a proposal for each project (and more merged into some), a few pooled but not
 * approved, a few declined. Finished: all screened and the projects approved, returned in order for
 * the slate. Unfinished: some proposals left unscreened, nothing approved (null).
 */
async function collect(rng: Rng, township: Township, deputies: number[], projects: CandidateInput[], finish: boolean): Promise<number[] | null> {
  const campaignId = await timed("createCampaign", () =>
    collection.createCampaign(actor, township.id, year, {
      title: `${township.name}${year}年民生实事项目征集`,
      callText: `为办好${year}年民生实事，现面向全体群众和人大代表征集民生实事项目建议，欢迎通过代表联络站、村（居）委会或扫码提出。`,
      opensOn: CAMPAIGN_DAYS.opensOn,
      closesOn: CAMPAIGN_DAYS.closesOn,
      channels: ["online", "liaison-station", "deputies", "village-committees"],
    }),
  );
  const extra = slate(rng, between(rng, 0, 2), year).filter((project) => !projects.some((p) => p.name === project.name));
  type Spec = { title: string; outcome: { pool: CandidateInput } | { merge: string } | { decline: DeclineReason } };
  const specs: Spec[] = [];
  for (const project of [...projects, ...extra]) {
    specs.push({ title: `建议实施${project.name}`, outcome: { pool: project } });
    for (const title of MERGE_TITLES.slice(0, between(rng, 0, 2))) specs.push({ title: title(project.name), outcome: { merge: project.name } });
  }
  for (const idea of shuffle(rng, [...DECLINED_IDEAS]).slice(0, between(rng, 1, 4))) specs.push({ title: idea.title, outcome: { decline: idea.reason } });
  // Received in no particular order; screened projects first, so that merges have a project to join.
  const numbered: Array<Spec & { number: number }> = [];
  for (const spec of shuffle(rng, specs)) {
    const source = proposalSourceOf(rng);
    const village = `${pick(rng, PLACES)}村`;
    const place = `${township.name}${village}`;
    const input: ClerkProposalInput = {
      title: spec.title,
      place,
      reason: pick(rng, PROPOSAL_REASONS),
      source,
      proposer: source === "government" ? `${township.name}人民政府` : source === "village" ? `${village}村民委员会` : null,
      deputyId: source === "deputy" ? pick(rng, deputies) : undefined,
      village: source === "resident" ? place : null,
      contact: null,
    };
    numbered.push({ ...spec, number: await timed("enterProposal", () => collection.enterProposal(actor, campaignId, input)) });
  }
  const order = (spec: Spec) => ("pool" in spec.outcome ? 0 : "merge" in spec.outcome ? 1 : 2);
  const screening = [...numbered].sort((a, b) => order(a) - order(b) || a.number - b.number);
  const pooled = new Map<string, number>();
  for (const spec of finish ? screening : screening.slice(0, Math.ceil(screening.length / 2))) {
    const outcome = spec.outcome;
    if ("pool" in outcome) {
      const { id } = await timed("poolProposal", () => collection.poolProposal(actor, campaignId, spec.number, outcome.pool));
      pooled.set(outcome.pool.name, id);
    } else if ("merge" in outcome) {
      const projectId = pooled.get(outcome.merge);
      if (projectId !== undefined) await timed("mergeProposal", () => collection.mergeProposal(actor, campaignId, spec.number, projectId));
    } else {
      await timed("declineProposal", () => collection.declineProposal(actor, campaignId, spec.number, outcome.decline, null));
    }
  }
  if (!finish) return null;
  const slateIds = projects.map((project) => pooled.get(project.name)!);
  await timed("approveCandidates", () =>
    collection.approveCandidates(actor, campaignId, {
      approvedOn: CAMPAIGN_DAYS.approvedOn,
      approvalDocNo: `${township.name.slice(0, 2)}发〔${year - 1}〕${between(rng, 10, 60)}号`,
      projectIds: slateIds,
    }),
  );
  counters.campaigns += 1;
  return slateIds;
}

// ---------------------------------------------------------------------------------------------
// What happens in each township

type Scenario =
  | "not-held-no-session"
  | "not-held-planned"
  | "unpublished"
  | "quorum-remedied"
  | "quorum-rescheduled"
  | "quorum-failed"
  | "voided"
  | "tie"
  | "vacancy"
  | "normal";

function scenarioOf(r: number): Scenario {
  if (r < 0.02) return "not-held-no-session";
  if (r < 0.05) return "not-held-planned";
  if (r < 0.065) return "unpublished";
  if (r < 0.075) return "quorum-remedied";
  if (r < 0.08) return "quorum-rescheduled";
  if (r < 0.083) return "quorum-failed";
  if (r < 0.09) return "voided";
  if (r < 0.105) return "tie";
  if (r < 0.12) return "vacancy";
  return "normal";
}

const SESSION_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八"];

function meetingDate(rng: Rng, year: number, fromDay = 0): Date {
  // Township congresses meet early in the year: most in January and February, a few later.
  const r = rng();
  const day = fromDay + (r < 0.85 ? between(rng, 4, 58) : between(rng, 59, 150));
  const date = new Date(Date.UTC(year, 0, 1, 1, 0, 0)); // 09:00 Beijing time
  date.setUTCDate(date.getUTCDate() + day);
  return date;
}

interface Counters {
  ballots: number;
  rounds: number;
  published: number;
  runoffs: number;
  refusedOpenings: number;
  voided: number;
  campaigns: number;
  plans: number;
  unplanned: number;
  reports: number;
  finished: number;
  overdueProjects: number;
  overdueMilestones: number;
  inspections: number;
  midYear: number;
  ratingRounds: number;
  ratingPaper: number;
  ratingBallots: number;
  grades: Record<SatisfactionGrade, number>;
}
const newCounters = (): Counters => ({
  ballots: 0,
  rounds: 0,
  published: 0,
  runoffs: 0,
  refusedOpenings: 0,
  voided: 0,
  campaigns: 0,
  plans: 0,
  unplanned: 0,
  reports: 0,
  finished: 0,
  overdueProjects: 0,
  overdueMilestones: 0,
  inspections: 0,
  midYear: 0,
  ratingRounds: 0,
  ratingPaper: 0,
  ratingBallots: 0,
  grades: { satisfied: 0, "basically-satisfied": 0, dissatisfied: 0 },
});
let counters = newCounters();
const timing = new Map<string, { ms: number; calls: number }>();

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const entry = timing.get(label) ?? { ms: 0, calls: 0 };
    entry.ms += performance.now() - started;
    entry.calls += 1;
    timing.set(label, entry);
  }
}

interface Township {
  id: number;
  code: string;
  name: string;
  kind: string;
  /** "county" for a county congress (县级人大, decision 019): a larger hall and slate. */
  level: string;
  seatedDeputies: number;
  cityCode: string;
}

interface Hall {
  sessionId: number;
  /** The Beijing day of the meeting. */
  day: string;
  deputies: number[];
  present: number[];
  passes: Map<number, DeputyPass>;
}

async function createHall(rng: Rng, township: Township, deputies: number[], ordinal: number, date: Date): Promise<Hall> {
  const sessionNo = SESSION_NUMBERS[Math.min(ordinal + between(rng, 1, 4), SESSION_NUMBERS.length - 1)]!;
  const sessionId = await timed("createSession", () =>
    services.createSession(actor, township.id, {
      title: `${township.name}${township.level === "county" ? "第十七届" : "第十八届"}人民代表大会第${sessionNo}次会议`,
      meetingDate: date,
      place: township.level === "county" ? `${township.name}人民会堂` : township.kind === "镇" ? "镇人民政府大会议室" : "乡人民政府会议室",
    }),
  );
  return { sessionId, day: isoDay(date), deputies, present: [], passes: new Map() };
}

/** Deputies arrive: each signs in on a tablet with the code on the card and checks in there. */
async function arrive(hall: Hall, deputyIds: number[]) {
  if (deputyIds.length === 0) return;
  const codes = await timed("issueSignInCodes", () => voting.issueSignInCodes(actor, hall.sessionId, deputyIds));
  await timed("tablets(sign-in+check-in)", () =>
    Promise.all(
      deputyIds.map(async (deputyId, i) => {
        const { token } = await voting.signInWithCode(tabletDevice, codes[i]!);
        const pass = (await voting.passFromToken(token))!;
        await voting.checkInOnTablet(pass, tabletDevice);
        hall.passes.set(deputyId, pass);
      }),
    ),
  );
  hall.present.push(...deputyIds);
}

/** Deputies absent with leave (请假), as the clerk records it. */
async function onLeave(hall: Hall, deputyIds: number[]) {
  for (const deputyId of deputyIds) {
    await timed("markAttendance", () => services.markAttendance(actor, hall.sessionId, deputyId, "leave"));
  }
}

interface RoundPlan {
  candidateIds: number[];
  places: number;
  form: "per-project" | "choose-n";
  secret: boolean;
}

/** Each deputy's ballot: their top `places` by appeal with personal noise, the rest no/abstain. */
function ballotsFor(
  rng: Rng,
  plan: RoundPlan,
  voters: number,
  appeal: Map<number, number>,
  style: { lukewarm?: boolean; overMark?: number } = {},
): Array<Partial<Record<string, Choice>>> {
  const ballots: Array<Partial<Record<string, Choice>>> = [];
  for (let v = 0; v < voters; v++) {
    const scored = plan.candidateIds.map((id) => ({ id, score: appeal.get(id)! + 0.55 * gauss(rng) })).sort((a, b) => b.score - a.score);
    const overMark = plan.form === "per-project" && plan.places < plan.candidateIds.length && rng() < (style.overMark ?? 0.004);
    const yesCount = overMark ? plan.places + 1 : plan.places;
    const ballot: Partial<Record<string, Choice>> = {};
    scored.forEach(({ id }, rank) => {
      const key = String(id);
      // A lukewarm hall (the vacancy scenario) withholds many of its yes votes.
      const equalSlate = plan.places === plan.candidateIds.length;
      const yes = rank < yesCount && (!style.lukewarm || rank === 0 || rng() < 0.42) && (!equalSlate || rng() < 0.93);
      if (yes) ballot[key] = "yes";
      else if (plan.form === "per-project") {
        const r = rng();
        if (r < 0.75) ballot[key] = "no";
        else if (r < 0.96) ballot[key] = "abstain";
        // else: left unmarked (未表决)
      }
    });
    ballots.push(ballot);
  }
  return ballots;
}

/**
 * Ballots that tie two projects across the last place, both with a majority of all deputies:
 * everyone backs the first places-2 projects; of B, C, D each deputy backs two — k deputies B+C,
 * k deputies B+D, the rest C+D — so B gets 2k and C and D each get present − k.
 */
function tiedBallots(plan: RoundPlan, present: number, seated: number): Array<Partial<Record<string, Choice>>> | null {
  const { candidateIds, places } = plan;
  if (places < 2 || candidateIds.length < places + 1) return null;
  const threshold = passThresholdFor(seated);
  const k = Math.floor(present / 3) + 1;
  if (present - k < threshold || 2 * k <= present - k) return null;
  const sure = candidateIds.slice(0, places - 2).map(String);
  const [b, c, d] = candidateIds.slice(places - 2, places + 1).map(String) as [string, string, string];
  const rest = candidateIds.slice(places + 1).map(String);
  return Array.from({ length: present }, (_, v) => {
    const ballot: Partial<Record<string, Choice>> = {};
    for (const id of sure) ballot[id] = "yes";
    const pair = v < k ? [b, c] : v < 2 * k ? [b, d] : [c, d];
    for (const id of [b, c, d]) ballot[id] = pair.includes(id) ? "yes" : plan.form === "per-project" ? "no" : undefined;
    for (const id of rest) if (plan.form === "per-project") ballot[id] = "no";
    for (const id of Object.keys(ballot)) if (ballot[id] === undefined) delete ballot[id];
    return ballot;
  });
}

async function prepare(hall: Hall, plan: RoundPlan) {
  return timed("prepareRound", () =>
    services.prepareRound(actor, hall.sessionId, {
      candidateIds: plan.candidateIds,
      places: plan.places,
      form: plan.form,
      secret: plan.secret,
      liveResults: false,
    }),
  );
}

/** Everyone present votes at once: the ballot box stores them in group commits. */
async function vote(hall: Hall, roundId: number, ballots: Array<Partial<Record<string, Choice>>>, voters = hall.present) {
  await timed("castBallot(all of a round)", () =>
    Promise.all(
      voters
        .slice(0, ballots.length)
        .map((deputyId, i) => voting.castBallot(hall.passes.get(deputyId)!, tabletDevice, { roundId, ballotKey: newBallotKey(), choices: ballots[i]! })),
    ),
  );
  counters.ballots += Math.min(voters.length, ballots.length);
}

const keyCards = new Map<number, string>();

/** Opens a round; a secret one first gets the chief teller's key card, issued and read back. */
async function open(hall: Hall, roundId: number) {
  if ((await sessionsData.loadRound(roundId))!.secret && !keyCards.has(roundId)) {
    const { code } = await timed("issueRoundKey", () => services.issueRoundKey(actor, hall.sessionId, roundId));
    await timed("verifyRoundKey", () => services.verifyRoundKey(actor, hall.sessionId, roundId, code));
    keyCards.set(roundId, code);
  }
  await timed("openRound", () => services.openRound(actor, hall.sessionId, roundId));
}

/** Closes a round; a secret one is then counted with its key card. */
async function close(hall: Hall, roundId: number) {
  if ((await timed("closeRound", () => services.closeRound(actor, hall.sessionId, roundId))) === "sealed") {
    await timed("countSealedRound", () => services.countSealedRound(actor, hall.sessionId, roundId, keyCards.get(roundId)!));
  }
}

async function closeAndConfirm(hall: Hall, roundId: number, chief: number): Promise<RoundResult> {
  await close(hall, roundId);
  await timed("confirmRound", () => services.confirmRound(hall.passes.get(chief)!, tabletDevice, roundId));
  const round = await sessionsData.loadRound(roundId);
  return round!.result!;
}

async function publish(hall: Hall, roundId: number) {
  await timed("publishRound", () => services.publishRound(actor, hall.sessionId, roundId));
  counters.published += 1;
}

/** Runs a round from opening to publication; then any run-off its tie needs (at most three deep). */
async function runToNotice(
  rng: Rng,
  hall: Hall,
  roundId: number,
  plan: RoundPlan,
  appeal: Map<number, number>,
  chief: number,
  ballots: Array<Partial<Record<string, Choice>>>,
  depth = 0,
) {
  await open(hall, roundId);
  counters.rounds += 1;
  await vote(hall, roundId, ballots);
  const result = await closeAndConfirm(hall, roundId, chief);
  await publish(hall, roundId);
  if (result.runoff.length > 0 && depth < 3) {
    const runoffId = await timed("prepareRunoff", () => services.prepareRunoff(actor, hall.sessionId, roundId));
    counters.runoffs += 1;
    const runoffPlan: RoundPlan = { ...plan, candidateIds: result.runoff.map(Number), places: plan.places - result.selected.length };
    // Second thoughts: the run-off is decided by a fresh preference between the tied projects.
    for (const id of runoffPlan.candidateIds) appeal.set(id, (appeal.get(id) ?? 0) + gauss(rng));
    const runoffBallots = ballotsFor(rng, runoffPlan, hall.present.length, appeal, { overMark: 0 });
    await runToNotice(rng, hall, runoffId, runoffPlan, appeal, chief, runoffBallots, depth + 1);
  }
}

/** The township's session of the year; the hall and its chief teller when it published its vote (null otherwise). */
async function holdSession(township: Township): Promise<{ hall: Hall; chief: number } | null> {
  const rng = mulberry32((Number(township.code.slice(-6)) * 2654435761) ^ (seed * 97 + year));
  const scenario = scenarioOf(rng());

  let deputies = (await activeDeputies(township.id)).map((d) => d.id);
  if (deputies.length === 0) {
    const names = deputyNames(rng, Math.max(township.seatedDeputies, 9));
    await timed("addDeputies", () => inTransaction((tx) => addDeputies(tx, township.id, names)));
    deputies = (await activeDeputies(township.id)).map((d) => d.id);
  }
  // The collection draws from a stream of its own: the votes below are the same with or without it.
  const collectionRng = mulberry32((Number(township.code.slice(-6)) * 2246822519) ^ (seed * 131 + year));
  const collects = collectionPossible && collectionRng() < COLLECTION_SHARE;
  if (scenario === "not-held-no-session") {
    if (collects) await collect(collectionRng, township, deputies, slate(collectionRng, between(collectionRng, 3, 8), year), false);
    return null;
  }

  const seated = deputies.length;
  const quorum = quorumFor(seated);
  const date = meetingDate(rng, year, scenario === "not-held-planned" ? 120 : 0);
  const hall = await createHall(rng, township, deputies, 0, date);

  // The slate: 3–12 candidates (a county congress: 10–20); mostly competitive (差额), sometimes one place per candidate (等额).
  const count = township.level === "county" ? between(rng, 10, 20) : between(rng, 3, 12);
  const places = rng() < 0.15 ? count : Math.max(scenario === "tie" ? 2 : 1, count - between(rng, 1, Math.min(3, count - 1)));
  const projects = slate(rng, count, year);
  // 从项目库选入: the slate is the approved list, in its order; or typed in as before.
  const fromPool = collects ? await collect(collectionRng, township, deputies, projects, true) : null;
  if (fromPool) await timed("addCandidatesFromPool", () => collection.addCandidatesFromPool(actor, hall.sessionId, fromPool));
  else await timed("addCandidates", () => services.addCandidates(actor, hall.sessionId, projects, "form"));
  const candidateIds = (await sessionsData.candidates(hall.sessionId)).map((candidate) => candidate.id);
  const plan: RoundPlan = { candidateIds, places, form: rng() < 0.15 ? "choose-n" : "per-project", secret: rng() < 0.6 };
  const appeal = new Map(candidateIds.map((id, i) => [id, 3 - i * 0.9 + 0.5 * gauss(rng)]));
  const roundId = await prepare(hall, plan);
  if (scenario === "not-held-planned") return null;

  // Who comes: most of the seated deputies (about 95% on average, rarely below 80%); a few on leave.
  const order = shuffle(rng, [...deputies]);
  const turnout = scenario === "tie" ? 0.93 + rng() * 0.07 : rng() < 0.08 ? 0.75 + 0.1 * rng() : 0.86 + 0.14 * Math.sqrt(rng());
  const comers = Math.max(quorum, Math.min(seated, Math.round(seated * turnout)));
  const leave = order.slice(comers, comers + between(rng, 0, Math.min(3, seated - comers)));

  if (scenario.startsWith("quorum")) {
    // Only some arrive in time: the chair tries to open the vote and is refused.
    const early = order.slice(0, quorum - between(rng, 1, 4));
    await arrive(hall, early);
    try {
      await services.openRound(actor, hall.sessionId, roundId);
      throw new Error("demo: the opening should have been refused");
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      counters.refusedOpenings += 1;
    }
    if (scenario === "quorum-remedied") {
      await arrive(hall, order.slice(early.length, comers));
    } else {
      await timed("voidRound", () =>
        services.voidRound(actor, hall.sessionId, roundId, "出席代表未达到全体代表的三分之二，本次会议不能进行表决，由主席团决定另行召集。"),
      );
      counters.voided += 1;
      if (scenario === "quorum-failed") return null;
      // Held again three weeks later with the same slate.
      const again = await createHall(rng, township, deputies, 1, new Date(date.getTime() + 21 * 86_400_000));
      if (fromPool) await timed("addCandidatesFromPool", () => collection.addCandidatesFromPool(actor, again.sessionId, fromPool));
      else await timed("addCandidates", () => services.addCandidates(actor, again.sessionId, slate(mulberry32(township.id), count, year), "form"));
      const againIds = (await sessionsData.candidates(again.sessionId)).map((candidate) => candidate.id);
      const againPlan = { ...plan, candidateIds: againIds };
      const againAppeal = new Map(againIds.map((id, i) => [id, 3 - i * 0.9 + 0.5 * gauss(rng)]));
      const againRound = await prepare(again, againPlan);
      await arrive(again, order.slice(0, comers));
      await onLeave(again, leave);
      await timed("chooseTellers", () => services.chooseTellers(actor, again.sessionId, again.present[0]!, [again.present[1]!, again.present[2]!]));
      await runToNotice(rng, again, againRound, againPlan, againAppeal, again.present[0]!, ballotsFor(rng, againPlan, again.present.length, againAppeal));
      return { hall: again, chief: again.present[0]! };
    }
  } else {
    await arrive(hall, order.slice(0, comers));
  }
  await onLeave(hall, leave);
  const chief = hall.present[0]!;
  await timed("chooseTellers", () => services.chooseTellers(actor, hall.sessionId, chief, [hall.present[1]!, hall.present[2]!]));

  if (scenario === "voided") {
    // The vote starts, a fault stops some tablets; the presidium voids the round and votes again.
    await open(hall, roundId);
    counters.rounds += 1;
    const some = Math.floor(hall.present.length / 3);
    await vote(hall, roundId, ballotsFor(rng, plan, some, appeal), hall.present.slice(0, some));
    await timed("voidRound", () =>
      services.voidRound(actor, hall.sessionId, roundId, "投票过程中部分表决终端故障，代表未能正常投票，经主席团决定本轮表决作废，重新表决。"),
    );
    counters.voided += 1;
    const again = await prepare(hall, plan);
    await runToNotice(rng, hall, again, plan, appeal, chief, ballotsFor(rng, plan, hall.present.length, appeal));
    return { hall, chief };
  }

  if (scenario === "unpublished") {
    // Opened but not published: still voting, counted but not confirmed, or confirmed and waiting.
    await open(hall, roundId);
    counters.rounds += 1;
    const stage = rng();
    const ballots = ballotsFor(rng, plan, hall.present.length, appeal);
    if (stage < 0.34) {
      await vote(hall, roundId, ballots.slice(0, Math.floor(ballots.length / 2)));
      return null;
    }
    await vote(hall, roundId, ballots);
    await close(hall, roundId);
    if (stage < 0.67) return null;
    await timed("confirmRound", () => services.confirmRound(hall.passes.get(chief)!, tabletDevice, roundId));
    return null;
  }

  const ballots =
    scenario === "tie"
      ? (tiedBallots(plan, hall.present.length, seated) ?? ballotsFor(rng, plan, hall.present.length, appeal))
      : ballotsFor(rng, plan, hall.present.length, appeal, { lukewarm: scenario === "vacancy" });
  await runToNotice(rng, hall, roundId, plan, appeal, chief, ballots);
  return { hall, chief };
}

// ---------------------------------------------------------------------------------------------
// 实施与监督: plans, progress reports, inspections and the mid-year report

const today = isoDay(new Date());
const addDays = (day: string, days: number) => new Date((dayNumber(day) + days) * 86_400_000).toISOString().slice(0, 10);
const laterDay = (a: string, b: string) => (a > b ? a : b);
const earlierDay = (a: string, b: string) => (a < b ? a : b);

/** The template's milestones: where each falls between the planned start (0) and completion (1), the progress it marks, the report's words. */
const MILESTONE_STEPS: ReadonlyArray<{ kind: TemplateMilestone; at: number; progress: readonly [number, number]; text: string }> = [
  { kind: "approval", at: 0, progress: [3, 8], text: "项目已完成立项审批，前期手续办理完毕。" },
  { kind: "tender", at: 0.15, progress: [10, 18], text: "完成招标（比选），确定施工单位并签订施工合同。" },
  { kind: "start", at: 0.3, progress: [20, 30], text: "项目正式开工，施工队伍和机械设备已进场。" },
  { kind: "completion", at: 0.9, progress: [92, 97], text: "主体工程完工，正在进行收尾和竣工资料整理。" },
  { kind: "acceptance", at: 1, progress: [100, 100], text: "通过竣工验收，已交付使用。" },
];
const WORKING = [
  "施工进行中，现场管理规范，按计划推进。",
  "施工进行中，已完成主要工程量，资金按进度拨付。",
  "受雨季影响工期有所延误，正组织加班赶工。",
  "施工进行中，乡镇分管领导每周现场调度。",
];
const STALLED = ["因用地协调未完成，项目暂缓实施，正在做群众工作。", "上级配套资金尚未到位，项目暂未开工。", "设计方案调整，需重新报批，项目暂缓。"];
const FINDINGS = [
  "项目总体推进有序，施工质量较好，群众反映良好。",
  "部分项目进度滞后于计划，施工现场安全防护措施不够到位。",
  "项目资金拨付及时，但工程资料归档不够规范。",
  "群众对项目建设支持度高，希望加快进度，尽早投入使用。",
];
const FOLLOW_UPS = [
  "请乡镇人民政府督促施工单位加快进度，确保按期完工，并于一个月内书面报告整改情况。",
  "请责任单位落实安全生产责任，完善现场防护措施，加强质量监管。",
  "请乡镇人民政府规范工程资料管理，做好竣工验收准备工作。",
];

type Fate = "unplanned" | "stalled" | "late" | "on-track" | "early";

function fateOf(r: number): Fate {
  return r < 0.06 ? "unplanned" : r < 0.1 ? "stalled" : r < 0.24 ? "late" : r < 0.88 ? "on-track" : "early";
}

/** The last day of a "YYYY-MM" month. */
function monthEnd(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
}

/** Reports stop at today; a past year's reports stop in the spring after it (its projects were reported on until then). */
function reportHorizon(forYear: number): string {
  return forYear < Number(today.slice(0, 4)) ? earlierDay(today, `${forYear + 1}-03-31`) : today;
}

/** A plan for a selected project and the reports that follow it, as the township government would keep them. */
async function implementProject(rng: Rng, township: Township, project: SelectedProject, fate: Fate) {
  const horizon = reportHorizon(year);
  const plannedStart = addDays(project.votedOn, between(rng, 14, 42));
  const wanted = /^\d{4}-\d{2}$/.test(project.plannedCompletion) ? monthEnd(project.plannedCompletion) : `${year}-12-31`;
  const plannedCompletion = laterDay(wanted, addDays(plannedStart, 90));
  const span = dayNumber(plannedCompletion) - dayNumber(plannedStart);
  const milestones = MILESTONE_STEPS.map((step) => ({ kind: step.kind, name: null, plannedOn: addDays(plannedStart, Math.round(step.at * span)) }));
  const budgetCents = Math.round((project.investmentCents * (0.92 + 0.11 * rng())) / 100) * 100;
  const plan: PlanFormInput = { responsibleUnit: project.responsibleUnit, budgetCents, plannedStart, plannedCompletion, milestones };
  await timed("createPlan", () => implementationServices.createPlan(actor, township.id, year, project.candidateId, plan));
  counters.plans += 1;
  const stored = (await plansOf(prisma, [project.candidateId])).get(project.candidateId)!;

  // When each milestone is reached: its planned day plus the slip so far; the first one not reached by the horizon stops the rest.
  const reports: Array<{ reportedOn: string; progress: number; milestoneId?: number; text: string }> = [];
  let slip = fate === "early" ? -between(rng, 0, 5) : 0;
  let last = project.votedOn;
  let reached = 0;
  for (const [index, step] of MILESTONE_STEPS.entries()) {
    if (fate === "stalled" && index > 0) break;
    slip += fate === "late" ? between(rng, 15, 60) : fate === "early" ? -between(rng, 3, 12) : between(rng, -4, 4);
    const day = laterDay(addDays(stored.milestones[index]!.plannedOn, slip), addDays(last, between(rng, 3, 9)));
    if (day > horizon) break;
    // Between the start and completion, a report or two of the work under way.
    if (step.kind === "completion") {
      const previous = reports.at(-1)!.progress;
      for (let i = 0, n = fate === "late" ? between(rng, 1, 2) : rng() < 0.4 ? 1 : 0; i < n; i++) {
        const on = addDays(last, Math.round(((i + 1) * (dayNumber(day) - dayNumber(last))) / (n + 1)));
        if (on > last) reports.push({ reportedOn: on, progress: previous + Math.round(((i + 1) * (88 - previous)) / (n + 1)), text: pick(rng, WORKING) });
      }
    }
    reports.push({ reportedOn: day, progress: between(rng, ...step.progress), milestoneId: stored.milestones[index]!.id, text: step.text });
    last = day;
    reached += 1;
  }
  // Work under way, and the horizon before the next milestone: where it stands now.
  if (fate === "stalled" && reports.length > 0 && last < horizon) {
    reports.push({ reportedOn: earlierDay(addDays(last, between(rng, 20, 60)), horizon), progress: reports[0]!.progress, text: pick(rng, STALLED) });
  } else if (reached >= 3 && reached < 5 && last < horizon) {
    const progress = reached === 3 ? between(rng, 35, fate === "late" ? 60 : 85) : 96;
    reports.push({
      reportedOn: addDays(last, Math.max(1, Math.floor((dayNumber(horizon) - dayNumber(last)) * (0.4 + 0.6 * rng())))),
      progress,
      text: pick(rng, WORKING),
    });
  }
  let spentCents = 0;
  for (const report of reports) {
    const share = report.progress <= 8 ? 0.01 * rng() : (report.progress / 100) * (0.8 + 0.2 * rng());
    spentCents = Math.max(spentCents, Math.round((budgetCents * Math.min(1, share)) / 100) * 100);
    const progress = Math.max(report.progress, reports[reports.indexOf(report) - 1]?.progress ?? 0);
    report.progress = progress;
    await timed("reportProgress", () =>
      implementationServices.reportProgress(actor, township.id, year, project.candidateId, {
        reportedOn: earlierDay(report.reportedOn, horizon),
        progress,
        spent: spentCents / 100,
        milestoneId: report.milestoneId,
        text: report.text,
      }),
    );
    counters.reports += 1;
  }
  const overdue = stored.milestones.filter((milestone, index) => index >= reached && milestone.plannedOn < today).length;
  counters.overdueMilestones += overdue;
  if (overdue > 0) counters.overdueProjects += 1;
  if (reached === 5) counters.finished += 1;
  return { planId: stored.id, started: reports.find((report) => report.milestoneId === stored.milestones[2]!.id)?.reportedOn ?? null };
}

/** Each selected project of the township's year: its plan and reports; then perhaps an inspection and the mid-year report. */
async function implement(rng: Rng, township: Township) {
  const projects = await selectedProjectsOf(prisma, township.id, year);
  const existing = await plansOf(
    prisma,
    projects.map((project) => project.candidateId),
  );
  const due = projects.filter((project) => !existing.has(project.candidateId) && project.votedOn <= today);
  if (due.length === 0) return;
  const planned: Array<{ planId: number; name: string; started: string | null }> = [];
  for (const project of due) {
    const fate = fateOf(rng());
    if (fate === "unplanned") {
      counters.unplanned += 1;
      continue;
    }
    planned.push({ ...(await implementProject(rng, township, project, fate)), name: project.name });
  }
  if (planned.length === 0) return;
  const horizon = reportHorizon(year);
  const firstVote = due.map((project) => project.votedOn).sort()[0]!;
  const deputies = (await activeDeputies(township.id)).map((deputy) => deputy.id);
  // 视察: the presidium and a few deputies visit some projects, once or twice in the year.
  if (rng() < 0.4) {
    for (let i = 0, n = between(rng, 1, 2); i < n; i++) {
      const from = dayNumber(addDays(firstVote, 60));
      const to = dayNumber(horizon);
      if (from > to) break;
      const heldOn = addDays("1970-01-01", between(rng, from, to));
      const visited = shuffle(rng, [...planned]).slice(0, between(rng, 1, Math.min(3, planned.length)));
      await timed("recordInspection", () =>
        implementationServices.recordInspection(actor, township.id, year, {
          heldOn,
          deputyIds: shuffle(rng, [...deputies]).slice(0, between(rng, 3, Math.min(7, deputies.length))),
          planIds: visited.map((project) => project.planId),
          findings: `视察了${visited.map((project) => project.name).join("、")}。${pick(rng, FINDINGS)}`,
          followUp: pick(rng, FOLLOW_UPS),
        }),
      );
      counters.inspections += 1;
    }
  }
  // 听取年中报告: the presidium hears the government's mid-year report in July.
  const heardOn = `${year}-07-${String(between(rng, 8, 28)).padStart(2, "0")}`;
  if (rng() < 0.5 && heardOn >= firstVote && heardOn <= today) {
    const started = planned.filter((project) => project.started !== null && project.started <= heardOn).length;
    await timed("recordMidYear", () =>
      implementationServices.recordMidYear(actor, township.id, year, {
        heardOn,
        summary:
          `${year}年票决产生的${due.length}个民生实事项目，已有${planned.length}个制定实施计划，其中${started}个已开工建设。` +
          (started < planned.length ? "部分项目前期手续办理较慢，主席团要求乡镇人民政府加快推进，按期完成。" : "各项目总体按计划推进。"),
      }),
    );
    counters.midYear += 1;
  }
}

// ---------------------------------------------------------------------------------------------
// 满意度测评: last year's selected projects, rated at this year's session

/** How the hall feels about a project on the day of the session: finished ones well, late or unplanned ones worse. */
async function moods(rng: Rng, ids: number[], day: string): Promise<Map<number, number>> {
  const plans = await plansOf(prisma, ids);
  return new Map(
    ids.map((id) => {
      const plan = plans.get(id);
      if (!plan) return [id, -2.2 + 0.6 * gauss(rng)];
      const standing = projectProgress(
        plan.milestones.map((milestone) => ({
          plannedOn: milestone.plannedOn,
          reachedOn: milestone.reachedOn !== null && milestone.reachedOn <= day ? milestone.reachedOn : null,
        })),
        plan.reports.filter((report) => report.reportedOn <= day),
        day,
      );
      let score = standing.state === "completed" ? 1.2 : standing.progress >= 90 ? 0.6 : standing.state === "not-started" ? -1.8 : 0;
      score -= Math.min(1.5, standing.overdue * 0.25 + standing.mostDaysLate / 150);
      return [id, score + 0.35 * gauss(rng)];
    }),
  );
}

/** One deputy's marks: 满意 (yes), 基本满意 (abstain), 不满意 (no), rarely none. */
function ratingMark(rng: Rng, mood: number): Choice | undefined {
  const satisfied = Math.min(0.95, Math.max(0.05, 0.72 + 0.2 * mood));
  const r = rng();
  if (r < 0.01) return undefined;
  if (r < satisfied) return "yes";
  return rng() < (mood < -1 ? 0.4 : 0.75) ? "abstain" : "no";
}

async function holdRating(rng: Rng, township: Township, hall: Hall, chief: number) {
  const rateable = (await rateableProjectsOf(prisma, township.id, year - 1)).filter((project) => project.ratedIn === null);
  if (rateable.length === 0) return;
  const ids = rateable.map((project) => project.id);
  const mood = await moods(rng, ids, hall.day);
  const onPaper = rng() < 0.15;
  let roundId: number;
  if (!onPaper) {
    roundId = await timed("prepareRating", () => services.prepareRating(actor, hall.sessionId, { candidateIds: ids }));
    await open(hall, roundId);
    await timed("castBallot(rating)", () =>
      Promise.all(
        hall.present.map((deputyId) => {
          const choices: Partial<Record<string, Choice>> = {};
          for (const id of ids) {
            const mark = ratingMark(rng, mood.get(id)!);
            if (mark) choices[id] = mark;
          }
          return voting.castBallot(hall.passes.get(deputyId)!, tabletDevice, { roundId, ballotKey: newBallotKey(), choices });
        }),
      ),
    );
    counters.ratingBallots += hall.present.length;
    await close(hall, roundId);
  } else {
    // On paper, counted from the tellers' totals; graded on all deputies or, some sessions decide, on the valid papers.
    const basis = rng() < 0.5 ? "valid" : "all";
    roundId = await timed("prepareRating", () =>
      services.prepareRating(actor, hall.sessionId, { candidateIds: ids, basis, medium: "paper", entryMethod: "totals" }),
    );
    const issued = hall.present.length;
    const returned = issued - (rng() < 0.2 ? 1 : 0);
    const invalid = rng() < 0.3 ? 1 : 0;
    await timed("openRound", () => services.openRound(actor, hall.sessionId, roundId, { papersIssued: issued }));
    await timed("closeRound", () => services.closeRound(actor, hall.sessionId, roundId, { papersReturned: returned }));
    await timed("startEntry", () => paperBallots.startEntry(actor, hall.sessionId, roundId, 1, chief));
    const projects: Record<string, { yes: number; no: number; abstain: number; notVoted: number }> = {};
    for (const id of ids) {
      const counts = { yes: 0, no: 0, abstain: 0, notVoted: 0 };
      for (let i = 0; i < returned - invalid; i++) {
        const mark = ratingMark(rng, mood.get(id)!);
        counts[mark ?? "notVoted"] += 1;
      }
      projects[id] = counts;
    }
    await timed("enterTotals", () => paperBallots.enterTotals(actor, hall.sessionId, roundId, { invalid, projects }));
    await timed("countPaperRound", () => paperBallots.countPaperRound(actor, hall.sessionId, roundId));
    counters.ratingPaper += 1;
  }
  await timed("confirmRound", () => services.confirmRound(hall.passes.get(chief)!, tabletDevice, roundId));
  await timed("publishRound(rating)", () => services.publishRound(actor, hall.sessionId, roundId));
  counters.ratingRounds += 1;
  for (const project of (await sessionsData.loadRound(roundId))!.result!.projects) counters.grades[project.grade ?? "dissatisfied"] += 1;
}

async function runTownship(township: Township) {
  const held = await holdSession(township);
  // The rating and the implementation draw from streams of their own: the votes are the same with or without them.
  const code = Number(township.code.slice(-6));
  if (held) await holdRating(mulberry32((code * 3266489917) ^ (seed * 173 + year)), township, held.hall, held.chief);
  await implement(mulberry32((code * 668265263) ^ (seed * 211 + year)), township);
}

// ---------------------------------------------------------------------------------------------
// The run

const startedAt = performance.now();
await setupDatabase(`file:${file}`);
const cities = await prisma.city.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } });
const allTownships = await prisma.township.findMany({
  where: { retiredAt: null, level: "township" },
  orderBy: { code: "asc" },
  select: { id: true, code: true, name: true, kind: true, level: true, seatedDeputies: true, county: { select: { cityCode: true } } },
});
// 县级人大票决: the seed article counts 26 of 122 county congresses voting in 2021; by now about
// two in five do. Chosen from a stream of their own, after the townships, which stay as they were.
const COUNTY_CONGRESS_SHARE = 0.4;
const congresses = await prisma.township.findMany({
  where: { retiredAt: null, level: "county" },
  orderBy: { code: "asc" },
  select: { id: true, code: true, name: true, kind: true, level: true, seatedDeputies: true, county: { select: { cityCode: true } } },
});
const congressChosen = mulberry32(seed * 7919 + 1);
const chosen = mulberry32(seed);
const [shardIndex, shardCount] = values.shard!.split("/").map(Number) as [number, number];
const townships: Township[] = [...allTownships, ...congresses.filter(() => congressChosen() < COUNTY_CONGRESS_SHARE * Math.min(1, fraction))]
  .filter((row) => row.level === "county" || fraction >= 1 || chosen() < fraction)
  .filter((_, i) => i % shardCount === shardIndex)
  .map(({ county, ...township }) => ({ ...township, cityCode: county.cityCode }));
const fmt = new Intl.NumberFormat("en-US");

/** Fills one year: every chosen township's session, its rating of the year before, and the carrying out of what it selected. */
async function fillYear(next: number) {
  setYear(next);
  counters = newCounters();
  const yearStartedAt = performance.now();
  console.log(`${file}: ${year}年, ${townships.length} townships of ${allTownships.length} (fraction ${fraction}), concurrency ${concurrency}`);
  const remaining = new Map<string, number>();
  for (const township of townships) remaining.set(township.cityCode, (remaining.get(township.cityCode) ?? 0) + 1);
  const cityStats = new Map(cities.map((city) => [city.code, { townships: 0 }]));
  let done = 0;
  let cursor = 0;
  let lastReport = performance.now();

  async function worker() {
    while (cursor < townships.length) {
      const township = townships[cursor++]!;
      await runTownship(township);
      done += 1;
      const left = remaining.get(township.cityCode)! - 1;
      remaining.set(township.cityCode, left);
      const stats = cityStats.get(township.cityCode)!;
      stats.townships += 1;
      const elapsed = (performance.now() - yearStartedAt) / 1000;
      if (left === 0) {
        const city = cities.find((c) => c.code === township.cityCode)!;
        console.log(
          `  ${city.name.padEnd(12, "　")} ${String(stats.townships).padStart(4)} 个乡镇完成  [${done}/${townships.length}]  累计选票 ${fmt.format(counters.ballots).padStart(7)}  ${elapsed.toFixed(1)}s`,
        );
      } else if (!values.quiet && performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        console.log(`  … ${done}/${townships.length} 个乡镇, ${fmt.format(counters.ballots)} 张选票, ${elapsed.toFixed(0)}s`);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const yearSeconds = (performance.now() - yearStartedAt) / 1000;
  console.log(
    `\n完成 done ${year}: ${townships.length} townships, ${fmt.format(counters.rounds)} rounds opened, ${fmt.format(counters.published)} notices published, ` +
      `${counters.runoffs} run-offs, ${counters.refusedOpenings} openings refused for want of quorum, ${counters.voided} rounds voided, ` +
      `${fmt.format(counters.ballots)} ballots in ${yearSeconds.toFixed(1)} s; ${counters.campaigns} slates from a collection (征集)` +
      (collectionPossible ? "" : ` (none: a ${year} campaign would close ${CAMPAIGN_DAYS.closesOn}, not before today)`),
  );
  console.log(
    `实施与监督 ${year}: ${fmt.format(counters.plans)} plans (${counters.unplanned} selected projects without one), ${fmt.format(counters.reports)} progress reports, ` +
      `${counters.finished} finished and accepted, ${counters.overdueProjects} projects with ${counters.overdueMilestones} milestones overdue today (${today}), ` +
      `${counters.inspections} inspections (视察), ${counters.midYear} mid-year reports (半年报告)`,
  );
  console.log(
    `满意度测评 ${year} (of ${year - 1}'s projects): ${counters.ratingRounds} rating rounds published (${counters.ratingPaper} on paper), ` +
      `${fmt.format(counters.ratingBallots)} tablet ballots; grades 满意 ${counters.grades.satisfied}, 基本满意 ${counters.grades["basically-satisfied"]}, ` +
      `不满意 ${counters.grades.dissatisfied}` +
      (counters.ratingRounds === 0
        ? ` (none: no ${year - 1} projects in the database — run ${year - 1} first with the same --db, then --keep, or use --from)`
        : ""),
  );
}

for (let next = firstYear; next <= lastYear; next++) await fillYear(next);
const votingSeconds = (performance.now() - startedAt) / 1000;

const check = await verifyCoverageSummaries();
const seconds = (performance.now() - startedAt) / 1000;
console.log(
  `汇总表核对 summary check: ${check.townshipYears} township-years, ${check.rounds} published rounds recounted from their ballots — ` +
    (check.mismatches.length === 0 ? "all equal" : `${check.mismatches.length} MISMATCHES`) +
    ` (${(seconds - votingSeconds).toFixed(1)} s); total ${seconds.toFixed(1)} s`,
);
if (!values.quiet) {
  console.log("\nwhere the time went (wall time summed over concurrent townships):");
  for (const [label, { ms, calls }] of [...timing].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `  ${label.padEnd(28)} ${fmt.format(calls).padStart(7)} calls  ${(ms / 1000).toFixed(1).padStart(7)} s  ${(ms / calls).toFixed(2).padStart(8)} ms/call`,
    );
  }
}
for (const mismatch of check.mismatches.slice(0, 10)) console.error("  ", mismatch);
await closeDatabase();
if (check.mismatches.length > 0) process.exit(1);
