/**
 * 满意度测评 in monitoring — how the deputies rated the year's selected projects at the next year's
 * session, added up by township, county, city and province: how many projects were rated, how many
 * of them 满意, 基本满意 and 不满意, and how many are not rated yet; and the projects rated 不满意,
 * which the monitoring congresses follow up as an anomaly.
 *
 * Pure: the rows are those of implementation-coverage.ts (one per selected project), each with its
 * published rating or null.
 */
import type { ProjectImplementation } from "./implementation-coverage";
import type { SatisfactionCounts, SatisfactionGrade } from "./satisfaction";

/** The satisfaction figures of an area: projects, not votes. */
export interface SatisfactionTotals {
  code: string;
  name: string;
  /** 选中项目 */
  selected: number;
  /** 已测评: projects with a published rating. */
  rated: number;
  /** Of the rated: 满意, 基本满意, 不满意 (by grade). */
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** 尚未测评: selected but not rated yet (ratings come at the next year's session). */
  unrated: number;
}

const FIELD_OF: Record<SatisfactionGrade, keyof SatisfactionCounts> = {
  satisfied: "satisfied",
  "basically-satisfied": "basicallySatisfied",
  dissatisfied: "dissatisfied",
};

export function satisfactionTotals(code: string, name: string, rows: readonly Pick<ProjectImplementation, "rating">[]): SatisfactionTotals {
  const totals: SatisfactionTotals = { code, name, selected: 0, rated: 0, satisfied: 0, basicallySatisfied: 0, dissatisfied: 0, unrated: 0 };
  for (const row of rows) {
    totals.selected += 1;
    if (row.rating === null) {
      totals.unrated += 1;
      continue;
    }
    totals.rated += 1;
    totals[FIELD_OF[row.rating.grade]] += 1;
  }
  return totals;
}

/** The totals of each area (cities, counties or townships), grouping the rows by `keyOf`; areas in the order given. */
export function satisfactionByArea<Row extends Pick<ProjectImplementation, "rating">>(
  areas: ReadonlyArray<{ code: string; name: string }>,
  rows: readonly Row[],
  keyOf: (row: Row) => string,
): SatisfactionTotals[] {
  const rowsOf = new Map<string, Row[]>(areas.map((area) => [area.code, []]));
  for (const row of rows) rowsOf.get(keyOf(row))?.push(row);
  return areas.map((area) => satisfactionTotals(area.code, area.name, rowsOf.get(area.code) ?? []));
}

/** A project rated 不满意: its township, its counts and the notice that published them. */
export interface DissatisfiedProject extends SatisfactionCounts {
  candidateId: number;
  townshipCode: string;
  townshipName: string;
  countyCode: string;
  project: string;
  notRated: number;
  /** What the grade counted against. */
  of: number;
  sessionId: number;
  noticeNo: number;
}

/** The projects rated 不满意, most 不满意 ratings first (then township code, then slate order). */
export function dissatisfiedProjects(rows: readonly ProjectImplementation[]): DissatisfiedProject[] {
  return rows
    .flatMap((row) => {
      const rating = row.rating;
      if (rating === null || rating.grade !== "dissatisfied") return [];
      return [
        {
          candidateId: row.candidateId,
          townshipCode: row.townshipCode,
          townshipName: row.townshipName,
          countyCode: row.countyCode,
          project: row.project,
          satisfied: rating.satisfied,
          basicallySatisfied: rating.basicallySatisfied,
          dissatisfied: rating.dissatisfied,
          notRated: rating.notRated,
          of: rating.of,
          sessionId: rating.sessionId,
          noticeNo: rating.noticeNo,
        },
      ];
    })
    .sort((a, b) => b.dissatisfied - a.dissatisfied || a.townshipCode.localeCompare(b.townshipCode) || a.candidateId - b.candidateId);
}

/** Where a rating's notice is published. */
export function noticeHref(rating: { sessionId: number; noticeNo: number }): string {
  return `/notices/${rating.sessionId}/${rating.noticeNo}`;
}
