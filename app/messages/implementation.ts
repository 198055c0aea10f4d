/** 实施与监督 — the implementation of the selected projects: the clerk's pages and the public progress page. */
import type { MilestoneState, ProjectState, TemplateMilestone } from "~/domain/implementation";
import { formatMessages } from "./formats";

const day = formatMessages.isoDay;

export const implementationMessages = {
  day,
  milestone: {
    approval: "立项",
    tender: "招标",
    start: "开工",
    completion: "完工",
    acceptance: "验收",
  } satisfies Record<TemplateMilestone, string>,
  custom: "自定义节点",
  projectState: {
    "not-started": "未开工",
    "in-progress": "实施中",
    completed: "已完成",
  } satisfies Record<ProjectState, string>,
  milestoneState: (state: MilestoneState) =>
    state.state === "on-time"
      ? `${day(state.reachedOn)}完成`
      : state.state === "late"
        ? `${day(state.reachedOn)}完成（逾期${state.daysLate}天）`
        : state.state === "overdue"
          ? `逾期${state.daysLate}天未完成`
          : "未到期",
  overdue: (n: number, days: number) => `${n}个节点逾期，最长${days}天`,
  console: {
    sectionHeading: "民生实事项目实施与监督",
    sectionLead: "票决选中的项目公告后，制定实施计划、报告进度；主席团组织代表视察，听取年中报告。",
    navLink: (year: number) => `${year}年项目实施与监督`,
    heading: (year: number) => `${year}年民生实事项目实施与监督`,
    noProjects: (year: number) => `${year}年还没有已公告的票决选中项目。`,
    projectsHeading: "票决选中的项目",
    project: "项目",
    plan: "实施计划",
    noPlan: "未制定",
    progress: "完成进度",
    spent: "已完成投资（万元）",
    budget: "预算（万元）",
    state: "状态",
    open: "查看",
    midYearHeading: "听取年中报告",
    midYearLead: "主席团听取政府关于民生实事项目实施情况的年中报告。",
    heardOn: "听取报告日期",
    summary: "报告要点",
    saveMidYear: "保存年中报告",
    midYearSaved: "年中报告已保存。",
    midYearLine: (heardOn: string) => `主席团已于${day(heardOn)}听取年中报告。`,
    inspectionsHeading: "代表视察",
    noInspections: "还没有视察记录。",
    inspectionHeading: "记录一次视察",
    heldOn: "视察日期",
    deputies: "参加视察的代表",
    projects: "视察的项目",
    findings: "视察发现的问题和意见",
    followUp: "整改落实情况",
    recordInspection: "记录视察",
    inspectionRecorded: "视察已记录。",
    inspectionLine: (heldOn: string, deputies: number, projects: string) => `${day(heldOn)}，${deputies}名代表视察：${projects}`,
    publicPage: "公开进度页",
  },
  project: {
    metaTitle: (name: string) => `实施情况 · ${name}`,
    back: "返回项目实施",
    notice: (noticeNo: number, votedOn: string) => `${day(votedOn)}票决选中（第${noticeNo}号公告）`,
    planHeading: "制定实施计划",
    planLead: "按项目实际安排责任单位、预算、工期和节点；没有日期的节点不列入计划。",
    responsibleUnit: "责任单位",
    budget: "预算（万元）",
    plannedStart: "计划开工日期",
    plannedCompletion: "计划完成日期",
    milestonesHeading: "节点",
    milestoneName: "节点名称",
    milestoneDay: "计划日期",
    savePlan: "保存实施计划",
    planSaved: "实施计划已保存。",
    planLine: (unit: string, budget: string, start: string, completion: string) =>
      `责任单位：${unit} · 预算：${budget} · 工期：${day(start)}至${day(completion)}`,
    milestone: "节点",
    plannedOn: "计划日期",
    milestoneStatus: "完成情况",
    reportHeading: "报告进度",
    reportedOn: "报告日期",
    progress: "完成进度（%）",
    spent: "已完成投资（万元）",
    reached: "本次完成的节点（可不选）",
    noneReached: "无",
    text: "进展情况",
    saveReport: "提交进度报告",
    reportSaved: "进度报告已提交。",
    reportsHeading: "进度报告",
    noReports: "还没有进度报告。",
    reportLine: (reportedOn: string, progress: number, spent: string) => `${day(reportedOn)} · 完成${progress}% · 已完成投资${spent}`,
  },
  /** 满意度测评 at the next session, once published. */
  rating: {
    grade: (grade: string) => `代表满意度测评：${grade}`,
    counts: (r: { satisfied: number; basicallySatisfied: number; dissatisfied: number; notRated: number }) =>
      `满意${r.satisfied}票，基本满意${r.basicallySatisfied}票，不满意${r.dissatisfied}票，未评${r.notRated}票`,
  },
  public: {
    metaTitle: (township: string, year: number) => `${township}${year}年民生实事项目实施情况`,
    heading: (township: string, year: number) => `${township}${year}年民生实事项目实施情况`,
    lead: "以下为经乡镇人民代表大会票决选中并公告的民生实事项目的实施进度，由乡镇人大主席团工作人员根据政府报告更新。",
    none: "本年度还没有已公告的票决选中项目。",
    notFound: "没有这个乡镇或年度。",
    noPlan: "实施计划尚未公布。",
    latest: (reportedOn: string, text: string) => `最近报告（${day(reportedOn)}）：${text}`,
    progressLabel: (progress: number) => `完成${progress}%`,
    noticeLink: (noticeNo: number) => `第${noticeNo}号公告`,
    link: (year: number) => `${year}年项目实施情况`,
    inspections: (n: number) => `代表视察${n}次`,
  },
} as const;
