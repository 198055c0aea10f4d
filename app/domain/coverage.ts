/**
 * 覆盖率与监测统计 — what the county, city and provincial congresses watch (DOMAIN.md "Coverage
 * statistics"): how many townships of the register held and published a vote this year, what
 * they decided, and where something went wrong.
 *
 * Pure: plain rows in, plain numbers out. The data layer reads the rows (the per-township-per-year
 * summary maintained at publication, and the rounds of the year); everything counted is counted
 * here, so the public coverage page, the monitoring views, the exports and the printed report
 * cannot disagree.
 */
import type { RefusalCode } from "./refusals";
import type { RoundResult } from "./tally";
import type { RoundStatus } from "./round-lifecycle";

// ---------------------------------------------------------------------------------------------
// Ratios

/** 覆盖率: townships that published a vote ÷ townships in the register; null for an empty register. */
export function coverageRatio(published: number, register: number): number | null {
  if (register <= 0) return null;
  return published / register;
}

/** 出席率: present ÷ seated at the moment the round opened; null when nobody was seated. */
export function turnout(present: number, seated: number): number | null {
  if (seated <= 0) return null;
  return present / seated;
}

/**
 * 赞成率 of a selected project: its yes votes ÷ all seated deputies. Counted against the seated
 * number, as the pass rule is (a majority of all deputies, Local Organization Law Art. 25), so a
 * share above one half is what "passed" means.
 */
export function yesShare(yes: number, seated: number): number | null {
  if (seated <= 0) return null;
  return yes / seated;
}

// ---------------------------------------------------------------------------------------------
// One township's published votes in one year (the summary row)

/** A published round, as the summary needs it. */
export interface PublishedRound {
  roundId: number;
  meetingDate: Date;
  publishedAt: Date;
  isRunoff: boolean;
  /** 表决方式: voted on the tablets or on paper ballots (纸质选票). */
  medium: "tablet" | "paper";
  seated: number;
  present: number;
  result: RoundResult;
  /** Estimated investment (hundredths of 万元) by candidate id, for the round's candidates. */
  investmentCents: Readonly<Record<string, number>>;
}

/** The summary of a township's year: the fields of TownshipYearSummary that are counted. */
export interface TownshipYearTotals {
  notices: number;
  firstMeetingDate: Date;
  firstPublishedAt: Date;
  lastPublishedAt: Date;
  projectsSelected: number;
  investmentCents: number;
  selectedYes: number;
  selectedSeated: number;
  turnoutPresent: number;
  turnoutSeated: number;
  runoffRounds: number;
  vacancies: number;
  invalidRounds: number;
  /** Published rounds voted on paper (纸质选票). */
  paperRounds: number;
}

/**
 * Sums a township's published rounds of one year; null when none is published (the township has
 * not published a vote). The turnout is that of the first published round — the main vote; a
 * run-off is held by the same deputies minutes later and would count them twice.
 */
export function summariseTownshipYear(rounds: readonly PublishedRound[]): TownshipYearTotals | null {
  if (rounds.length === 0) return null;
  const ordered = [...rounds].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.roundId - b.roundId);
  const first = ordered[0]!;
  const totals: TownshipYearTotals = {
    notices: ordered.length,
    firstMeetingDate: first.meetingDate,
    firstPublishedAt: first.publishedAt,
    lastPublishedAt: ordered[ordered.length - 1]!.publishedAt,
    projectsSelected: 0,
    investmentCents: 0,
    selectedYes: 0,
    selectedSeated: 0,
    turnoutPresent: first.present,
    turnoutSeated: first.seated,
    runoffRounds: 0,
    vacancies: 0,
    invalidRounds: 0,
    paperRounds: 0,
  };
  for (const round of ordered) {
    const { result } = round;
    if (round.isRunoff) totals.runoffRounds += 1;
    if (round.medium === "paper") totals.paperRounds += 1;
    if (!result.roundValid) totals.invalidRounds += 1;
    totals.vacancies += result.vacancies;
    const yesOf = new Map(result.projects.map((project) => [project.id, project.yes]));
    for (const id of result.selected) {
      totals.projectsSelected += 1;
      totals.investmentCents += round.investmentCents[id] ?? 0;
      totals.selectedYes += yesOf.get(id) ?? 0;
      totals.selectedSeated += round.seated;
    }
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------
// Townships, areas, coverage

/** A township of the register (non-retired 乡镇). */
export interface RegisterTownship {
  id: number;
  code: string;
  name: string;
  countyCode: string;
  cityCode: string;
}

/** A round of the year, as the monitor sees it (no ballots, no choices). */
export interface YearRound {
  roundId: number;
  sessionId: number;
  townshipId: number;
  number: number;
  status: RoundStatus;
  opened: boolean;
  isRunoff: boolean;
  voidReason: string | null;
  noticeNo: number | null;
  /** From the stored result, once the round closed; null before. */
  quorumMet: boolean | null;
  vacancies: number | null;
}

export type TownshipState = "published" | "held" | "not-held";

/** One township's year: its state and, when published, its summary. */
export interface TownshipYear extends RegisterTownship {
  state: TownshipState;
  totals: TownshipYearTotals | null;
}

/**
 * 举行 / 公告: a township has held its vote when one of its sessions this year opened a round, and
 * has published it when a notice was issued. A township with a summary row has published, even if
 * the round rows are not at hand (the summary is maintained at publication).
 */
export function townshipStates(
  register: readonly RegisterTownship[],
  summaries: ReadonlyMap<number, TownshipYearTotals>,
  rounds: readonly YearRound[],
): TownshipYear[] {
  const opened = new Set<number>();
  for (const round of rounds) if (round.opened) opened.add(round.townshipId);
  return register.map((township) => {
    const totals = summaries.get(township.id) ?? null;
    const state: TownshipState = totals && totals.notices > 0 ? "published" : opened.has(township.id) ? "held" : "not-held";
    return { ...township, state, totals };
  });
}

/** The counts of an area (the province, a city, a county): one row of the coverage tables. */
export interface AreaTotals {
  code: string;
  name: string;
  register: number;
  held: number;
  published: number;
  notHeld: number;
  coverage: number | null;
  projectsSelected: number;
  investmentCents: number;
  /** Mean over published townships of their turnout; null when none published. */
  averageTurnout: number | null;
  /** Mean over selected projects of their yes share; null when no project was selected. */
  averageYesShare: number | null;
  runoffRounds: number;
  vacancies: number;
  /** Published rounds (notices), and those of them voted on paper (纸质选票). */
  publishedRounds: number;
  paperRounds: number;
}

/** Adds up townships into the totals of one area. Held counts published townships too. */
export function areaTotals(code: string, name: string, townships: readonly TownshipYear[]): AreaTotals {
  let held = 0;
  let published = 0;
  let projectsSelected = 0;
  let investmentCents = 0;
  let turnoutSum = 0;
  let turnoutCount = 0;
  let yesShareSum = 0;
  let runoffRounds = 0;
  let vacancies = 0;
  let publishedRounds = 0;
  let paperRounds = 0;
  for (const township of townships) {
    if (township.state !== "not-held") held += 1;
    const totals = township.totals;
    if (township.state !== "published" || !totals) continue;
    published += 1;
    projectsSelected += totals.projectsSelected;
    investmentCents += totals.investmentCents;
    runoffRounds += totals.runoffRounds;
    vacancies += totals.vacancies;
    publishedRounds += totals.notices;
    paperRounds += totals.paperRounds;
    const share = turnout(totals.turnoutPresent, totals.turnoutSeated);
    if (share !== null) {
      turnoutSum += share;
      turnoutCount += 1;
    }
    // Within a township the selected projects share one seated number, so its mean yes share is
    // selectedYes / selectedSeated; weighting it by its projects gives the mean over all projects.
    if (totals.projectsSelected > 0 && totals.selectedSeated > 0) {
      yesShareSum += (totals.selectedYes / totals.selectedSeated) * totals.projectsSelected;
    }
  }
  const register = townships.length;
  return {
    code,
    name,
    register,
    held,
    published,
    notHeld: register - held,
    coverage: coverageRatio(published, register),
    projectsSelected,
    investmentCents,
    averageTurnout: turnoutCount > 0 ? turnoutSum / turnoutCount : null,
    averageYesShare: projectsSelected > 0 ? yesShareSum / projectsSelected : null,
    runoffRounds,
    vacancies,
    publishedRounds,
    paperRounds,
  };
}

/** Groups townships by a key (city or county code) into area totals, in the order of `areas`. */
export function totalsByArea(
  areas: ReadonlyArray<{ code: string; name: string }>,
  townships: readonly TownshipYear[],
  keyOf: (township: TownshipYear) => string,
): AreaTotals[] {
  const groups = new Map<string, TownshipYear[]>(areas.map((area) => [area.code, []]));
  for (const township of townships) groups.get(keyOf(township))?.push(township);
  return areas.map((area) => areaTotals(area.code, area.name, groups.get(area.code) ?? []));
}

// ---------------------------------------------------------------------------------------------
// Sorting (?sort=&dir= links, so that the tables sort without JavaScript)

export const AREA_SORT_KEYS = [
  "code",
  "name",
  "register",
  "held",
  "published",
  "notHeld",
  "coverage",
  "projectsSelected",
  "investmentCents",
  "averageTurnout",
  "averageYesShare",
] as const;
export type AreaSortKey = (typeof AREA_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

export function readSort(sort: string | null, dir: string | null, fallback: AreaSortKey = "code"): { key: AreaSortKey; dir: SortDirection } {
  const key = (AREA_SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as AreaSortKey) : fallback;
  return { key, dir: dir === "desc" ? "desc" : "asc" };
}

/** Sorts a copy; empty values (no coverage, no turnout) go last in either direction; ties keep code order. */
export function sortAreas<T extends AreaTotals>(rows: readonly T[], key: AreaSortKey, dir: SortDirection): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    const order = typeof x === "string" ? x.localeCompare(y as string, "zh-CN") : (x as number) - (y as number);
    return order !== 0 ? sign * order : a.code.localeCompare(b.code);
  });
}

// ---------------------------------------------------------------------------------------------
// Anomalies

export type AnomalyKind = "quorum-failed" | "opening-refused" | "voided" | "runoff" | "vacancy" | "unpublished";

export interface Anomaly {
  kind: AnomalyKind;
  townshipId: number;
  sessionId: number;
  /** The round concerned; for "unpublished", the session's last opened round; for "quorum-failed", its last refused one. */
  roundNumber: number;
  /** quorum-failed and opening-refused: refused openings; vacancy: places left vacant; unpublished: rounds opened. */
  count: number;
  /** voided: the reason on record; opening-refused: whether the round later opened ("opened") or not. */
  detail: string | null;
  /** The round's status now, for the run-off and the unpublished session. */
  status: YearRound["status"];
  noticeNo: number | null;
}

/**
 * Classifies what went wrong in the rounds of a year:
 * - quorum-failed: a session that never reached the quorum of two thirds present (Local
 *   Organization Law Art. 14): openings were refused, or a result says the quorum was not met, and
 *   no round of the session opened with the quorum. A session whose round opened later the same day
 *   once the deputies had arrived is not a quorum failure;
 * - opening-refused: a round whose opening was refused for want of quorum, however often
 *   (`refusedOpenings` counts those refusals by round, as the audit log records them), and whether
 *   it opened later;
 * - voided: a round voided, with its reason;
 * - runoff: a run-off round (再次票决);
 * - vacancy: a published round that left places vacant;
 * - unpublished: a session that opened a round but has published no notice.
 * In register order of the townships given, then by session and round.
 */
export function classifyAnomalies(rounds: readonly YearRound[], refusedOpenings: ReadonlyMap<number, number>): Anomaly[] {
  const anomalies: Anomaly[] = [];
  const bySession = new Map<number, YearRound[]>();
  for (const round of rounds) {
    const list = bySession.get(round.sessionId);
    if (list) list.push(round);
    else bySession.set(round.sessionId, [round]);
  }
  for (const [sessionId, list] of bySession) {
    list.sort((a, b) => a.number - b.number);
    const base = (round: YearRound) => ({
      townshipId: round.townshipId,
      sessionId,
      roundNumber: round.number,
      status: round.status,
      noticeNo: round.noticeNo,
    });
    for (const round of list) {
      const refused = refusedOpenings.get(round.roundId) ?? 0;
      if (refused > 0) anomalies.push({ kind: "opening-refused", ...base(round), count: refused, detail: round.opened ? "opened" : null });
      if (round.status === "voided") anomalies.push({ kind: "voided", ...base(round), count: 0, detail: round.voidReason });
      if (round.isRunoff) anomalies.push({ kind: "runoff", ...base(round), count: 0, detail: null });
      if (round.status === "published" && (round.vacancies ?? 0) > 0) {
        anomalies.push({ kind: "vacancy", ...base(round), count: round.vacancies!, detail: null });
      }
    }
    const short = list.filter((round) => (refusedOpenings.get(round.roundId) ?? 0) > 0 || round.quorumMet === false);
    const reachedQuorum = list.some((round) => round.opened && round.quorumMet !== false);
    if (short.length > 0 && !reachedQuorum) {
      const refusals = short.reduce((sum, round) => sum + (refusedOpenings.get(round.roundId) ?? 0), 0);
      anomalies.push({ kind: "quorum-failed", ...base(short[short.length - 1]!), count: refusals, detail: null });
    }
    const opened = list.filter((round) => round.opened);
    if (opened.length > 0 && !list.some((round) => round.status === "published")) {
      anomalies.push({ kind: "unpublished", ...base(opened[opened.length - 1]!), count: opened.length, detail: null });
    }
  }
  return anomalies;
}

const QUORUM_NOT_MET: RefusalCode = "quorum-not-met";

/**
 * An opening refused for want of quorum, from its audit detail: by the code written with the
 * refusal (refusals.ts). Entries logged before refusals carried a code hold only the sentence; the
 * monitor does not read sentences, so those count as refusals of another kind.
 */
export function isQuorumRefusal(detail: { code?: unknown }): boolean {
  return detail.code === QUORUM_NOT_MET;
}

export function countAnomalies(anomalies: readonly Anomaly[]): Record<AnomalyKind, number> {
  const counts: Record<AnomalyKind, number> = { "quorum-failed": 0, "opening-refused": 0, voided: 0, runoff: 0, vacancy: 0, unpublished: 0 };
  for (const anomaly of anomalies) counts[anomaly.kind] += 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Distributions and progress, for the charts

export interface Bin {
  /** Inclusive lower bound, exclusive upper bound (the last bin includes its upper bound). */
  from: number;
  to: number;
  count: number;
}

/**
 * Counts values into the bins between consecutive thresholds. Values below the first threshold go
 * to the first bin and above the last to the last bin, so no value is lost from the total.
 */
export function histogram(values: readonly number[], thresholds: readonly number[]): Bin[] {
  if (thresholds.length < 2) throw new RangeError("a histogram needs at least two thresholds");
  const bins: Bin[] = [];
  for (let i = 0; i + 1 < thresholds.length; i++) bins.push({ from: thresholds[i]!, to: thresholds[i + 1]!, count: 0 });
  for (const value of values) {
    let i = 0;
    while (i < bins.length - 1 && value >= bins[i]!.to) i++;
    bins[i]!.count += 1;
  }
  return bins;
}

/** Turnout thresholds: two thirds is the quorum, so nothing below it can be published. */
export const TURNOUT_THRESHOLDS = [2 / 3, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1] as const;

export interface ProgressPoint {
  /** YYYY-MM-DD */
  date: string;
  /** Townships published on that date. */
  added: number;
  /** Townships published up to and including that date. */
  total: number;
}

/** Cumulative count by day, from each published township's date (YYYY-MM-DD), in date order. */
export function cumulativeByDate(dates: readonly string[]): ProgressPoint[] {
  const counts = new Map<string, number>();
  for (const date of dates) counts.set(date, (counts.get(date) ?? 0) + 1);
  let total = 0;
  return [...counts.keys()].sort().map((date) => {
    const added = counts.get(date)!;
    total += added;
    return { date, added, total };
  });
}

// ---------------------------------------------------------------------------------------------
// Year over year

export interface YearFigures {
  year: number;
  register: number;
  held: number;
  published: number;
  coverage: number | null;
  projectsSelected: number;
  investmentCents: number;
  averageTurnout: number | null;
  averageYesShare: number | null;
}

export interface YearComparison extends YearFigures {
  /** Change from the year before, when there is one; ratios in percentage points (as a ratio). */
  change: {
    published: number;
    coverage: number | null;
    projectsSelected: number;
    investmentCents: number;
    averageTurnout: number | null;
  } | null;
}

/** Orders years oldest first and sets each one beside the year before it (when that year has data). */
export function compareYears(years: readonly YearFigures[]): YearComparison[] {
  const ordered = [...years].sort((a, b) => a.year - b.year);
  const diff = (x: number | null, y: number | null) => (x === null || y === null ? null : x - y);
  return ordered.map((current, i) => {
    const previous = i > 0 && ordered[i - 1]!.year === current.year - 1 ? ordered[i - 1]! : null;
    return {
      ...current,
      change: previous && {
        published: current.published - previous.published,
        coverage: diff(current.coverage, previous.coverage),
        projectsSelected: current.projectsSelected - previous.projectsSelected,
        investmentCents: current.investmentCents - previous.investmentCents,
        averageTurnout: diff(current.averageTurnout, previous.averageTurnout),
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Areas by code

export type AreaLevel = "province" | "city" | "county";

/** 43 → province, 4301 → city, 430121 → county; null for anything else. */
export function areaLevel(code: string): AreaLevel | null {
  if (/^\d{2}$/.test(code)) return "province";
  if (/^\d{4}$/.test(code)) return "city";
  if (/^\d{6}$/.test(code)) return "county";
  return null;
}

/** Whether a monitor of `areaCode` may see `code` (the area itself or an area inside it). */
export function areaWithin(code: string, areaCode: string): boolean {
  return code.startsWith(areaCode) && code.length >= areaCode.length;
}
