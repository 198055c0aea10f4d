/**
 * The app-wide messages (Simplified Chinese): the title, the register, login and errors. Each area
 * has one catalog of the same shape, `<area>Messages` — common, console, monitor, public, tablet,
 * table-import — with a function for every text that takes numbers or names; refusals have theirs
 * in refusals.ts, by code.
 */
import type { RoundStatus } from "~/domain/round-lifecycle";
import { RATING_MARKS, type SatisfactionGrade } from "~/domain/satisfaction";
import type { BallotForm, Choice } from "~/domain/tally";

export const commonMessages = {
  app: {
    title: "民生实事票决",
    subtitle: "乡镇人民代表大会民生实事项目代表票决系统",
    skipToContent: "跳到正文",
    home: "首页",
  },
  register: {
    /** The county congress's figures: seated, the Art. 12 quota, and the estimated population it comes from. */
    countyCongress: (seated: string, quota: string, population: string) =>
      `县级人民代表大会：实有代表${seated}名；选举法第十二条名额${quota}名（按估算人口${population}人计，人口为估算值）。`,
    /** The register coverage is counted against, and the one it is compared with (domain/register.ts). */
    statisticalRegister: "国家统计局2023年统计用区划代码",
    civilAffairsRegister: "民政部门统计（2021年底）",
    /** The county-level figures count against these: one congress per official 县, 县级市 and 区. */
    congressRegister: "县级人民代表大会（县、县级市、市辖区，不含管理区）",
    congressName: (county: string) => `${county}人民代表大会`,
    province: "湖南省",
    cities: "市州",
    counties: "县市区",
    managementZones: "管理区",
    townships: "乡镇",
    deputies: "代表名额",
    seated: "实有代表",
    code: "区划代码",
    kind: "类型",
    name: "名称",
    villages: "村（居）委会",
    populationEstimate: "人口（估算）",
    quota: "代表名额",
    estimateNote:
      "乡镇人口未公开发布，此处按村（居）委会数估算，仅供参考；代表名额依《选举法》第十二条（基数四十五名，每一千五百人增加一名，最多一百六十名）由估算人口推算，实际名额以县级人大常委会确定为准。",
    registerNote: (register: string, count: string, official: string) =>
      `本系统以${register}计：${count} 个乡镇（不含街道）。民政统计口径为 ${official} 个乡镇；管理员可增补或撤销乡镇。`,
    managementZoneNote: (n: string) => ` 另有 ${n} 个管理区（开发区、示范区等），不计入县市区数，其所辖乡镇计入乡镇数。`,
    seatedEstimate: "代表（估算）",
    noTownships: "本县市区无乡镇（均为街道）。",
    retired: "已撤销",
    backToProvince: "返回全省",
    countyCount: (n: string) => `${n} 个县市区`,
    townshipCount: (n: string) => `${n} 个乡镇`,
  },
  login: {
    title: "工作人员登录",
    username: "用户名",
    password: "密码",
    submit: "登录",
    usernameRequired: "请输入用户名",
    passwordRequired: "请输入密码",
    failed: "用户名或密码不正确。",
    wait: (seconds: number) =>
      `登录尝试过于频繁，请${seconds < 60 ? ` ${seconds} 秒` : ` ${Math.ceil(seconds / 60)} 分钟`}后再试。如忘记密码，请联系管理员重设。`,
    deputyHint: "人大代表请使用签到码登录投票平板：",
    deputyLink: "代表投票入口",
    logout: "退出登录",
    console: "会务工作台",
  },
  accounts: {
    /** The display name of the account the first start creates. */
    firstAdministrator: "省级管理员",
  },
  /** 表决轮次的状态, as every page names it. */
  roundStatus: {
    prepared: "准备中",
    open: "投票中",
    sealed: "已截止，待总监票人开箱计票",
    entering: "已收回选票，监票人录入中",
    closed: "已计票，待监票人确认",
    confirmed: "监票人已确认",
    published: "已公告",
    voided: "已作废",
  } satisfies Record<RoundStatus, string>,
  /** 满意度测评的等次. */
  satisfaction: {
    satisfied: "满意",
    "basically-satisfied": "基本满意",
    dissatisfied: "不满意",
  } satisfies Record<SatisfactionGrade, string>,
  /** The words of a ballot's three marks: a vote's, and a rating's (stored in the same marks, decision 017). */
  marks: {
    vote: { yes: "赞成", no: "反对", abstain: "弃权", none: "未表决" },
    rating: { yes: "满意", abstain: "基本满意", no: "不满意", none: "未评" },
  } satisfies Record<"vote" | "rating", Record<Choice | "none", string>>,
  errors: {
    notFound: "没有找到这个页面。",
    notFoundCity: "没有这个市州。",
    notFoundCounty: "没有这个县市区。",
    generic: "出错了，请稍后再试。",
    adminOnly: "只有省级管理员可以进行此操作。",
    notClerkOfTownship: "您没有管理这个乡镇会议的权限。",
    byStatus: {
      400: "提交的内容无效，请返回检查后重试。",
      403: "您没有查看或进行这项操作的权限。",
      404: "没有找到这个页面。",
      405: "这个页面不接受这样的提交。",
      409: "当前状态下不能进行这一步，请刷新页面查看最新情况。",
      413: "提交的内容过大。",
      429: "操作过于频繁，请稍后再试。",
    } as Record<number, string>,
  },
} as const;

const CJK = /[\u3400-\u9fff]/;

/** A refused or failed request's sentence: the server's Chinese reason if it sent one, else the status's. */
export function errorMessage(status: number, data: unknown): string {
  if (typeof data === "string" && CJK.test(data)) return data;
  return commonMessages.errors.byStatus[status] ?? commonMessages.errors.generic;
}

/** The marks a per-project or rating ballot asks, in the order it asks them, with their words (a choose-N ballot asks only "yes"). */
export function markChoices(form: BallotForm): ReadonlyArray<{ choice: Choice; label: string }> {
  if (form === "rating") return RATING_MARKS.map(([, choice]) => ({ choice, label: commonMessages.marks.rating[choice] }));
  const words = commonMessages.marks.vote;
  return form === "choose-n" ? [{ choice: "yes", label: words.yes }] : (["yes", "no", "abstain"] as const).map((choice) => ({ choice, label: words[choice] }));
}

/** One mark's word on a ballot of this form; an unmarked project is 未表决 (未评 on a rating). */
export function markLabel(form: BallotForm, choice: Choice | undefined): string {
  const words = form === "rating" ? commonMessages.marks.rating : commonMessages.marks.vote;
  return words[choice ?? "none"];
}
