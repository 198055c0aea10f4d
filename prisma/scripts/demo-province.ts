// npm run demo:province -- [--year 2026] [--fraction 1] [--db file:./data/demo.db] [--keep] [--concurrency 1] [--seed 1]
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
// The database is a new file by default (data/demo.db, replaced); --keep adds a year to an existing
// one (for the year-over-year view). It never touches data/app.db unless --db names it.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    year: { type: "string", default: "2026" },
    fraction: { type: "string", default: "1" },
    db: { type: "string", default: "file:./data/demo.db" },
    keep: { type: "boolean", default: false },
    concurrency: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    quiet: { type: "boolean", default: false },
    shard: { type: "string", default: "0/1" },
  },
});
const year = Number(values.year);
const fraction = Number(values.fraction);
const concurrency = Number(values.concurrency);
const seed = Number(values.seed);
if (!Number.isInteger(year) || year < 2000 || year > 2100 || !(fraction > 0 && fraction <= 1) || !(concurrency >= 1) || !Number.isInteger(seed)) {
  console.error("Usage: npm run demo:province -- [--year 2026] [--fraction 0..1] [--db file:./data/demo.db] [--keep] [--concurrency 1] [--seed 1]");
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
type Choice = import("~/domain/tally").Choice;
type RoundResult = import("~/domain/tally").RoundResult;
type CandidateInput = import("~/schemas/candidate").CandidateInput;
type ClerkProposalInput = import("~/schemas/collection").ClerkProposalInput;
type DeclineReason = import("~/domain/collection").DeclineReason;
type DeputyPass = import("~/services/voting.server").DeputyPass;

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
const CAMPAIGN_DAYS = { opensOn: `${year - 1}-10-15`, closesOn: `${year - 1}-11-20`, approvedOn: `${year - 1}-12-10` };
const collectionPossible = CAMPAIGN_DAYS.closesOn < isoDay(new Date());

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
}
const counters: Counters = { ballots: 0, rounds: 0, published: 0, runoffs: 0, refusedOpenings: 0, voided: 0, campaigns: 0 };
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
  seatedDeputies: number;
  cityCode: string;
}

interface Hall {
  sessionId: number;
  deputies: number[];
  present: number[];
  passes: Map<number, DeputyPass>;
}

async function createHall(rng: Rng, township: Township, deputies: number[], ordinal: number, date: Date): Promise<Hall> {
  const sessionNo = SESSION_NUMBERS[Math.min(ordinal + between(rng, 1, 4), SESSION_NUMBERS.length - 1)]!;
  const sessionId = await timed("createSession", () =>
    services.createSession(actor, township.id, {
      title: `${township.name}第十八届人民代表大会第${sessionNo}次会议`,
      meetingDate: date,
      place: township.kind === "镇" ? "镇人民政府大会议室" : "乡人民政府会议室",
    }),
  );
  return { sessionId, deputies, present: [], passes: new Map() };
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

async function runTownship(township: Township) {
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
    return;
  }

  const seated = deputies.length;
  const quorum = quorumFor(seated);
  const date = meetingDate(rng, year, scenario === "not-held-planned" ? 120 : 0);
  const hall = await createHall(rng, township, deputies, 0, date);

  // The slate: 3–12 candidates; mostly competitive (差额), sometimes one place per candidate (等额).
  const count = between(rng, 3, 12);
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
  if (scenario === "not-held-planned") return;

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
      if (scenario === "quorum-failed") return;
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
      return;
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
    return;
  }

  if (scenario === "unpublished") {
    // Opened but not published: still voting, counted but not confirmed, or confirmed and waiting.
    await open(hall, roundId);
    counters.rounds += 1;
    const stage = rng();
    const ballots = ballotsFor(rng, plan, hall.present.length, appeal);
    if (stage < 0.34) {
      await vote(hall, roundId, ballots.slice(0, Math.floor(ballots.length / 2)));
      return;
    }
    await vote(hall, roundId, ballots);
    await close(hall, roundId);
    if (stage < 0.67) return;
    await timed("confirmRound", () => services.confirmRound(hall.passes.get(chief)!, tabletDevice, roundId));
    return;
  }

  const ballots =
    scenario === "tie"
      ? (tiedBallots(plan, hall.present.length, seated) ?? ballotsFor(rng, plan, hall.present.length, appeal))
      : ballotsFor(rng, plan, hall.present.length, appeal, { lukewarm: scenario === "vacancy" });
  await runToNotice(rng, hall, roundId, plan, appeal, chief, ballots);
}

// ---------------------------------------------------------------------------------------------
// The run

const startedAt = performance.now();
await setupDatabase(`file:${file}`);
const cities = await prisma.city.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true } });
const allTownships = await prisma.township.findMany({
  where: { retiredAt: null },
  orderBy: { code: "asc" },
  select: { id: true, code: true, name: true, kind: true, seatedDeputies: true, county: { select: { cityCode: true } } },
});
const chosen = mulberry32(seed);
const [shardIndex, shardCount] = values.shard!.split("/").map(Number) as [number, number];
const townships: Township[] = allTownships
  .filter(() => fraction >= 1 || chosen() < fraction)
  .filter((_, i) => i % shardCount === shardIndex)
  .map(({ county, ...township }) => ({ ...township, cityCode: county.cityCode }));
console.log(`${file}: ${year}年, ${townships.length} townships of ${allTownships.length} (fraction ${fraction}), concurrency ${concurrency}`);

const remaining = new Map<string, number>();
for (const township of townships) remaining.set(township.cityCode, (remaining.get(township.cityCode) ?? 0) + 1);
const cityStats = new Map(cities.map((city) => [city.code, { townships: 0, ballotsAtStart: 0 }]));
const fmt = new Intl.NumberFormat("en-US");
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
    const elapsed = (performance.now() - startedAt) / 1000;
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
const votingSeconds = (performance.now() - startedAt) / 1000;

const check = await verifyCoverageSummaries();
const seconds = (performance.now() - startedAt) / 1000;
console.log(
  `\n完成 done: ${townships.length} townships, ${fmt.format(counters.rounds)} rounds opened, ${fmt.format(counters.published)} notices published, ` +
    `${counters.runoffs} run-offs, ${counters.refusedOpenings} openings refused for want of quorum, ${counters.voided} rounds voided, ` +
    `${fmt.format(counters.ballots)} ballots in ${votingSeconds.toFixed(1)} s; ${counters.campaigns} slates from a collection (征集)` +
    (collectionPossible ? "" : ` (none: a ${year} campaign would close ${CAMPAIGN_DAYS.closesOn}, not before today)`),
);
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
