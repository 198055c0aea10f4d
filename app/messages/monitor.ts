/** Text of the coverage page, the township pages, search and the monitoring views (Simplified Chinese). */
import type { AnomalyKind, AreaSortKey, TownshipState } from "~/domain/coverage";
import type { RoundStatus } from "~/domain/round-lifecycle";
import { commonMessages } from "./common";

export const monitorMessages = {
  coverage: {
    title: (year: number) => `${year}年票决覆盖情况`,
    metaTitle: "票决覆盖率",
    lead: "覆盖率 = 本年已公告票决结果的乡镇数 ÷ 统计口径内的乡镇数。",
    ratio: "覆盖率",
    published: "已公告",
    register: "乡镇数",
    registerNote: (register: string, count: string, civil: string, source: string) =>
      `统计口径：${register}，共 ${count} 个乡镇（乡、镇，不含街道；已撤销的乡镇不计）。${source}为 ${civil} 个乡镇，仅供对照。`,
    cities: "各市州覆盖情况",
    counties: "各县市区覆盖情况",
    city: "市州",
    county: "县市区",
    yearLabel: "年度",
    show: "查看",
    chartTitle: "各市州覆盖率",
    none: "本年尚无乡镇公告票决结果。",
  },
  township: {
    metaTitle: (name: string) => `${name}`,
    trail: "位置",
    code: "区划代码",
    kind: "类型",
    retired: "已撤销（不计入统计口径）",
    noSessions: "本乡镇在系统中还没有人民代表大会会议记录。",
    sessionsOf: (year: number) => `${year}年`,
    meetingDate: "会议日期",
    place: "地点",
    notices: "公告",
    noNotice: "尚未公告",
    notHeld: "尚未开始表决",
    notice: (n: number) => `公告第${n}号`,
    round: (n: number, runoff: boolean) => `第${n}轮表决${runoff ? "（再次票决）" : ""}`,
  },
  search: {
    title: "查找乡镇",
    label: "乡镇名称或区划代码",
    hint: "输入乡镇名称中的字（如“黄兴”）或9位区划代码（可只输入开头几位）。",
    submit: "查找",
    results: (q: string) => `“${q}”的查找结果`,
    none: (q: string) => `没有找到与“${q}”相符的乡镇。`,
    truncated: (n: number) => `只列出前 ${n} 个结果，请输入更多文字缩小范围。`,
    name: "乡镇",
    code: "区划代码",
    county: "县市区",
    city: "市州",
  },
  monitor: {
    metaTitle: (area: string) => `监测 · ${area}`,
    title: (area: string, year: number) => `${area} ${year}年票决监测`,
    areaKind: { province: "全省", city: "市州", county: "县市区" },
    registerLine: (register: string, count: string) => `统计口径：${register}，本区域 ${count} 个乡镇（不含街道）。`,
    readOnly: "只读视图：数据来自已公告的票决结果和各乡镇会议的表决记录，每次打开时即时统计。",
    yearLabel: "年度",
    show: "查看",
    stats: "概况",
    register: "乡镇数",
    held: "已举行票决",
    published: "已公告",
    notHeld: "未举行",
    coverage: "覆盖率",
    projects: "当选项目",
    investment: "估算总投资",
    investmentWan: "估算总投资（万元）",
    turnout: "平均出席率",
    paperRounds: "纸质选票表决",
    paperRoundsValue: (paper: number, rounds: number) => `${paper} / ${rounds} 轮`,
    yesShare: "当选项目平均赞成率",
    townshipTurnout: "出席率",
    townshipYesShare: "赞成率",
    yesShareNote: "出席率 = 表决开始时实到代表 ÷ 全体代表（取各乡镇本年首次公告的一轮，再按乡镇平均）；赞成率 = 当选项目的赞成票 ÷ 全体代表（按项目平均）。",
    childTable: { city: "各市州", county: "各县市区" } as Record<"city" | "county", string>,
    byCity: "按市州查看",
    byCounty: "按县市区查看（全省各县市区，可排序）",
    sortBy: (label: string) => `按${label}排序`,
    ascending: "（升序）",
    descending: "（降序）",
    columns: {
      code: "代码",
      name: "名称",
      register: "乡镇数",
      held: "已举行",
      published: "已公告",
      notHeld: "未举行",
      coverage: "覆盖率",
      projectsSelected: "当选项目",
      investmentCents: "估算投资（万元）",
      averageTurnout: "平均出席率",
      averageYesShare: "平均赞成率",
    } satisfies Record<AreaSortKey, string>,
    notHeldTitle: (n: string) => `尚未公告票决结果的乡镇（${n}个）`,
    allPublished: "本区域所有乡镇均已公告票决结果。",
    townshipsTitle: "各乡镇票决情况",
    township: "乡镇",
    county: "县市区",
    state: "状态",
    stateAndDate: "状态（会议日期）",
    states: { published: "已公告", held: "已表决，未公告", "not-held": "未举行" } satisfies Record<TownshipState, string>,
    notices: "公告",
    selected: "当选项目（赞成票）",
    meetingDate: "会议日期",
    notice: (n: number) => `第${n}号`,
    anomaliesTitle: "需要关注的情况",
    anomaliesByCity: "各市州需要关注的情况",
    anomaliesByCityNote: "全省按市州计数；点击市州查看逐条情况（作废理由等），全省逐条清单见导出表格。",
    noAnomalies: "本年没有需要关注的情况。",
    anomalyKinds: {
      "quorum-failed": "未达法定人数",
      "opening-refused": "人数不足未能开始表决",
      voided: "表决作废",
      runoff: "再次票决",
      vacancy: "名额空缺",
      unpublished: "已表决未公告",
    } satisfies Record<AnomalyKind, string>,
    anomalyDetail: {
      "quorum-failed": (count: number) =>
        `${count > 0 ? `开始表决被拒绝${count}次（出席代表未达三分之二）` : "计票结果显示未达法定人数"}，本次会议始终未达到法定人数`,
      "opening-refused": (count: number, opened: boolean) =>
        `开始表决被拒绝${count}次（出席代表未达三分之二）${opened ? "，其后补足人数开始表决" : "，本轮未能开始表决"}`,
      voided: (reason: string | null) => `作废理由：${reason ?? "（未记录）"}`,
      runoff: (status: string) => `再次票决，当前状态：${status}`,
      vacancy: (n: number) => `空缺名额 ${n} 个`,
      unpublished: (status: string) => `已开始表决，尚未公告；最近一轮状态：${status}`,
    },
    anomalyColumns: { kind: "类别", township: "乡镇", county: "县市区", round: "轮次", detail: "情况" },
    round: (n: number) => `第${n}轮`,
    counts: "各类情况数",
    yoyTitle: "历年对比",
    yoyYear: "年度",
    change: "较上年",
    chartsTitle: "图表",
    coverageChart: (child: string) => `${child}覆盖率`,
    turnoutChart: "出席率分布（已公告乡镇）",
    turnoutChartDesc: (n: string) => `${n} 个已公告乡镇按表决开始时出席率分组的乡镇数。三分之二为法定人数。`,
    progressChart: "全年进度：已公告乡镇累计数（按会议日期）",
    progressChartDesc: (n: string, register: string) => `按会议日期累计，已公告 ${n} 个乡镇，统计口径共 ${register} 个。`,
    showData: "查看图表数据",
    bin: "出席率",
    townshipCount: "乡镇数",
    date: "日期",
    cumulative: "累计已公告",
    added: "当日新增",
    exports: "导出",
    exportCsv: (table: string) => `${table}（CSV）`,
    exportXlsx: "全部表格（Excel）",
    report: "打印汇总报告（A4）",
    noData: "—",
    forbidden: "您没有查看这个区域的权限。",
    notFound: "没有这个区域。",
    reportTitle: (area: string, year: number) => `${area}${year}年乡镇民生实事项目票决情况汇总`,
    generated: (date: string) => `统计时间：${date}`,
    print: "打印",
    back: "返回监测页面",
  },
  exportTables: {
    children: { city: "各市州覆盖情况", county: "各县市区覆盖情况" } as Record<"city" | "county", string>,
    townships: "各乡镇票决情况",
    notHeld: "尚未公告的乡镇",
    anomalies: "需要关注的情况",
    years: "历年对比",
  },
} as const;

/** One anomaly in words: what happened in that round, from its kind, count, detail and status. */
export function describeAnomaly(anomaly: { kind: AnomalyKind; count: number; detail: string | null; status: string }): string {
  const d = monitorMessages.monitor.anomalyDetail;
  const status = commonMessages.roundStatus[anomaly.status as RoundStatus] ?? anomaly.status;
  switch (anomaly.kind) {
    case "quorum-failed":
      return d["quorum-failed"](anomaly.count);
    case "opening-refused":
      return d["opening-refused"](anomaly.count, anomaly.detail === "opened");
    case "voided":
      return d.voided(anomaly.detail);
    case "runoff":
      return d.runoff(status);
    case "vacancy":
      return d.vacancy(anomaly.count);
    case "unpublished":
      return d.unpublished(status);
  }
}
