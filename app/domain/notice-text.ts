/**
 * 公告用语 — the Chinese sentences that state a round's rule and outcome.
 *
 * The notice (公告), the tellers' screen and every export take their wording from here,
 * so the numbers and phrasing can never disagree between them.
 */
import { passThresholdFor, quorumFor } from "./quorum";
import type { CongressLevel } from "./register";
import type { RatingBasis, SatisfactionGrade } from "./satisfaction";
import type { ProjectTally, RoundInput, RoundResult } from "./tally";

/** What a notice needs that the result itself does not carry. */
export interface RoundSetting extends Pick<RoundInput, "seated" | "present" | "places"> {
  /** 发出选票: ballots issued, when the caller knows it; the sentence omits it otherwise. */
  issued?: number;
}

export interface RoundText {
  attendance: string; // 本次会议应到代表45名，实到代表40名。
  quorum: string; // 出席代表达到法定人数（三分之二以上，即30名）。
  rule: string; // 项目须获得全体代表过半数（23票以上）赞成方可通过。
  ballots: string; // 收回选票…，其中有效票…，无效票…。
  projects: Array<{ id: string; line: string }>; // in candidate (ballot) order
  outcome: string;
  /** The notice body: quorumText, rule, ballots, one line per project, outcome. */
  lines: string[];
}

/**
 * 公告机关: who issues the notice. A township congress's presidium (乡镇人民代表大会主席团) also
 * serves between sessions (the Local Organization Law gives it the work of the congress between
 * its sessions), so it is named by its township: "某某镇人民代表大会主席团". A county congress's
 * presidium is elected at the preparatory meeting for one session (本次会议的主席团; between
 * sessions the standing committee serves), so it is named by the session:
 * "某某县第十八届人民代表大会第六次会议主席团".
 */
export function presidiumName(level: CongressLevel, congressName: string, sessionTitle: string): string {
  return level === "county" ? `${sessionTitle}主席团` : `${congressName}人民代表大会主席团`;
}

function attendanceClause(seated: number, present: number): string {
  return `应到代表${seated}名，实到代表${present}名`;
}

function quorumClause(seated: number, present: number): string {
  const quorum = quorumFor(seated);
  return `${present >= quorum ? "达到" : "未达到"}法定人数（三分之二以上，即${quorum}名）`;
}

/** 本次会议应到代表45名，实到代表40名，达到法定人数（三分之二以上，即30名）。 */
export function quorumText(seated: number, present: number): string {
  return `本次会议${attendanceClause(seated, present)}，${quorumClause(seated, present)}。`;
}

/** 项目须获得全体代表过半数（23票以上）赞成方可通过。 (以上 includes 23 itself.) */
export function passRuleText(seated: number): string {
  return `项目须获得全体代表过半数（${passThresholdFor(seated)}票以上）赞成方可通过。`;
}

export function ballotsText(result: Pick<RoundResult, "cast" | "valid" | "invalid">, issued?: number): string {
  const counted = `收回选票${result.cast}张，其中有效票${result.valid}张，无效票${result.invalid}张。`;
  return issued === undefined ? `共${counted}` : `共发出选票${issued}张，${counted}`;
}

function verdict(project: ProjectTally, result: RoundResult, places: number): string {
  switch (project.outcome) {
    case "selected":
      return "通过，当选。";
    case "runoff":
      return "通过，得票相同，需再次票决。";
    case "not-selected":
      return `通过，但得票未进入前${places}名，未当选。`;
    case "failed":
      return result.roundValid ? "未获全体代表过半数赞成，未通过。" : "本轮表决无效。";
    case "rated":
      return project.grade ? `测评等次：${GRADE_WORDS[project.grade]}。` : "本轮测评无效。";
  }
}

const GRADE_WORDS: Record<SatisfactionGrade, string> = { satisfied: "满意", "basically-satisfied": "基本满意", dissatisfied: "不满意" };
const BASIS_WORDS: Record<RatingBasis, string> = { all: "全体代表", present: "出席代表", valid: "有效票" };

/** 测评等次以全体代表（45名）为基数：满意票超过半数（23票以上）为满意；… (the basis is stated on every rating notice). */
export function ratingRuleText(basis: RatingBasis, of: number): string {
  const half = Math.floor(of / 2) + 1;
  const counted = basis === "valid" ? `有效票（${of}张）` : `${BASIS_WORDS[basis]}（${of}名）`;
  return `测评等次以${counted}为基数：满意票超过半数（${half}票以上）的为满意；满意与基本满意票合计超过半数的为基本满意；其余为不满意。`;
}

/** 1. 某某道路硬化工程：满意30票，基本满意8票，不满意2票，未评0票，测评等次：满意。 */
function ratingLine(position: number, name: string, project: ProjectTally, result: RoundResult): string {
  const { yes, no, abstain, notVoted } = project;
  return `${position}. ${name}：满意${yes}票，基本满意${abstain}票，不满意${no}票，未评${notVoted}票，` + verdict(project, result, 0);
}

function ratingOutcome(result: RoundResult): string {
  if (!result.quorumMet) return "出席代表未达到法定人数，本轮测评无效。";
  if (!result.roundValid) return "收回选票多于发出选票，本轮测评无效。";
  const count = (grade: SatisfactionGrade) => result.projects.filter((project) => project.grade === grade).length;
  return `共测评项目${result.projects.length}个，其中满意${count("satisfied")}个，基本满意${count("basically-satisfied")}个，不满意${count("dissatisfied")}个。`;
}

/** 1. 某某道路硬化工程：赞成38票，反对1票，弃权0票，未表决0票，通过，当选。 */
export function projectLine(position: number, name: string, project: ProjectTally, result: RoundResult, places: number): string {
  const { yes, no, abstain, notVoted } = project;
  return `${position}. ${name}：赞成${yes}票，反对${no}票，弃权${abstain}票，未表决${notVoted}票，` + verdict(project, result, places);
}

export function outcomeText(result: RoundResult, names: Record<string, string>, places: number): string {
  if (!result.quorumMet) return "出席代表未达到法定人数，本轮表决无效。";
  if (!result.roundValid) return "收回选票多于发出选票，本轮表决无效。";

  const name = (id: string) => names[id] ?? id;
  const sentences: string[] = [];
  if (result.selected.length === 1) {
    sentences.push(`${name(result.selected[0]!)}当选。`);
  } else if (result.selected.length > 1) {
    sentences.push(`按得票多少，${result.selected.map(name).join("、")}共${result.selected.length}个项目当选。`);
  }
  if (result.runoff.length > 0) {
    const tiedYes = result.projects.find((p) => p.id === result.runoff[0])?.yes ?? 0;
    const left = places - result.selected.length;
    const which = result.selected.length > 0 ? `剩余${left}个名额` : `${left}个名额`;
    sentences.push(`${result.runoff.map(name).join("、")}得票相同（各${tiedYes}票），需再次票决，确定${which}。`);
  } else if (result.selected.length === 0) {
    sentences.push(`本轮没有项目当选，尚有${result.vacancies}个名额空缺。`);
  } else if (result.vacancies > 0) {
    sentences.push(`尚有${result.vacancies}个名额空缺。`);
  }
  return sentences.join("");
}

export function describeRound(result: RoundResult, names: Record<string, string>, setting: RoundSetting): RoundText {
  const { seated, present, places, issued } = setting;
  const rating = result.rating;
  const projects = result.projects.map((project, i) => {
    const name = names[project.id] ?? project.id;
    return { id: project.id, line: rating ? ratingLine(i + 1, name, project, result) : projectLine(i + 1, name, project, result, places) };
  });
  const rule = rating ? ratingRuleText(rating.basis, rating.of) : passRuleText(seated);
  const ballots = ballotsText(result, issued);
  const outcome = rating ? ratingOutcome(result) : outcomeText(result, names, places);
  return {
    attendance: `本次会议${attendanceClause(seated, present)}。`,
    quorum: `出席代表${quorumClause(seated, present)}。`,
    rule,
    ballots,
    projects,
    outcome,
    lines: [quorumText(seated, present), rule, ballots, ...projects.map((p) => p.line), outcome],
  };
}
