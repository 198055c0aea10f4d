/**
 * Read-models of the coverage page (public) and the monitoring views (county, city and province
 * congress staff): every figure is counted by app/domain/coverage.ts from the summary rows and the
 * year's rounds, so the pages, the exports and the printed report cannot disagree.
 */
import {
  areaLevel,
  areaTotals,
  classifyAnomalies,
  compareYears,
  countAnomalies,
  cumulativeByDate,
  histogram,
  readSort,
  sortAreas,
  totalsByArea,
  townshipStates,
  turnout,
  TURNOUT_THRESHOLDS,
  yesShare,
  type AnomalyKind,
  type AreaLevel,
  type AreaTotals,
  type Bin,
  type ProgressPoint,
  type TownshipState,
  type TownshipYear,
  type YearComparison,
  type YearFigures,
} from "~/domain/coverage";
import { collectionByArea, collectionTotals, townshipCollectionLines, type CollectionTotals, type TownshipCollectionLine } from "~/domain/collection-coverage";
import { implementationByArea, implementationTotals, overdueProjects, type ImplementationTotals, type OverdueProject } from "~/domain/implementation-coverage";
import { REGISTER, type CongressLevel } from "~/domain/register";
import {
  dissatisfiedProjects,
  satisfactionByArea,
  satisfactionTotals,
  type DissatisfiedProject,
  type SatisfactionTotals,
} from "~/domain/satisfaction-coverage";
import { coverageReader, type CountyName } from "~/data/coverage.server";
import { commonMessages } from "~/messages/common";
import { beijingYear } from "~/utils/format";

/** Which register the figures count against, and the civil-affairs figure beside it. */
function registerLine(count: number) {
  const { statisticalRegister, civilAffairsRegister } = commonMessages.register;
  return { name: statisticalRegister, count, civilAffairs: REGISTER.civilAffairsTownships, civilAffairsSource: civilAffairsRegister };
}

/** The county congresses the county-level figures count against: one per official 县, 县级市 and 区 (no management zone). */
function congressRegisterLine(count: number) {
  return { name: commonMessages.register.congressRegister, count };
}

const PROVINCE = { code: "43", name: commonMessages.register.province } as const;

/**
 * What was computed, kept until the data under it changes (coverageReader().version(): a session,
 * round, register, campaign, plan or progress report change; not a ballot). The version is read before the data, so a change that
 * lands while computing is seen by the next request. Values are shared: callers must not mutate.
 */
const memo = new Map<string, { version: string; value: Promise<unknown> }>();
const MEMO_LIMIT = 500;
async function memoised<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const version = await coverageReader().version();
  const hit = memo.get(key);
  if (hit && hit.version === version) return hit.value as Promise<T>;
  // The computation itself is kept, so that requests arriving while it runs wait for it rather than repeat it.
  const value = compute();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, { version, value });
  value.catch(() => memo.get(key)?.value === value && memo.delete(key));
  return value;
}

const dayPart = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
/** YYYY-MM-DD in Beijing time. */
export function beijingDay(date: Date): string {
  return dayPart.format(date);
}

/** The years that have sessions, and the year to show: ?year= if valid, else this year in Beijing, else the latest with data. */
export async function chooseYear(requested: string | null, now = new Date()): Promise<{ year: number; years: number[] }> {
  // A year's collection runs before its sessions: a year with only campaigns is a year to show too.
  const years = await memoised("years", async () =>
    [...new Set([...(await coverageReader().years()), ...(await coverageReader().campaignYears())])].sort((a, b) => a - b),
  );
  const current = beijingYear(now);
  const asked = Number(requested);
  if (requested && Number.isInteger(asked) && asked >= 2000 && asked <= 2100) return { year: asked, years: withYear(years, asked) };
  const year = years.includes(current) || years.length === 0 ? current : years[years.length - 1]!;
  return { year, years: withYear(years, year) };
}

function withYear(years: number[], year: number) {
  return years.includes(year) ? years : [...years, year].sort((a, b) => a - b);
}

interface YearData {
  townships: TownshipYear[];
  rounds: Awaited<ReturnType<ReturnType<typeof coverageReader>["rounds"]>>;
}

/**
 * The register of an area (prefix of the code) and each one's state in a year: its townships, or
 * with level "county" its county congresses (counted the same way: held once a round opened,
 * published once a notice was issued).
 */
async function yearData(year: number, prefix: string, level: CongressLevel = "township"): Promise<YearData> {
  const reader = coverageReader();
  const [register, summaryRows, rounds] = await Promise.all([
    reader.register(prefix, level),
    reader.summaries(year, prefix),
    reader.rounds(year, prefix, level),
  ]);
  const summaries = new Map(summaryRows.map((row) => [row.townshipId, row]));
  return { townships: townshipStates(register, summaries, rounds), rounds };
}

function figuresOf(year: number, totals: AreaTotals): YearFigures {
  const { register, held, published, coverage, projectsSelected, investmentCents, averageTurnout, averageYesShare } = totals;
  return { year, register, held, published, coverage, projectsSelected, investmentCents, averageTurnout, averageYesShare };
}

// ---------------------------------------------------------------------------------------------
// Public: /coverage

export interface CountyCoverage extends AreaTotals {
  cityCode: string;
  cityName: string;
  kind: string;
  /** Its own congress's vote this year (县级人大票决); null for a management zone. */
  congress: TownshipState | null;
}

export function coverageOverview(year: number) {
  return memoised(`coverage:${year}`, () => computeCoverageOverview(year));
}

async function computeCoverageOverview(year: number) {
  const reader = coverageReader();
  const [{ townships }, { townships: congresses }, cities, counties] = await Promise.all([
    yearData(year, PROVINCE.code),
    yearData(year, PROVINCE.code, "county"),
    reader.cities(),
    reader.counties(),
  ]);
  const congressState = new Map(congresses.map((congress) => [congress.code, congress.state]));
  const cityName = new Map(cities.map((city) => [city.code, city.name]));
  const congressesByCity = totalsByArea(cities, congresses, (c) => c.cityCode);
  const cityRows = totalsByArea(cities, townships, (t) => t.cityCode).map((row, i) => ({ ...row, congresses: congressesByCity[i]! }));
  const countyRows: CountyCoverage[] = totalsByArea(counties, townships, (t) => t.countyCode)
    .map((row, i) => ({
      ...row,
      cityCode: counties[i]!.cityCode,
      cityName: cityName.get(counties[i]!.cityCode) ?? "",
      kind: counties[i]!.kind,
      congress: congressState.get(row.code) ?? null,
    }))
    .filter((row) => row.register > 0 || row.congress !== null);
  return {
    year,
    register: registerLine(townships.length),
    province: areaTotals(PROVINCE.code, PROVINCE.name, townships),
    congressRegister: congressRegisterLine(congresses.length),
    congresses: areaTotals(PROVINCE.code, PROVINCE.name, congresses),
    cities: cityRows,
    counties: countyRows,
  };
}

/** Coverage of each county (or city) in a year, for the register browser's extra column. */
export function coverageByArea(
  year: number,
  prefix: string,
  level: "city" | "county",
): Promise<Record<string, { published: number; register: number; coverage: number | null }>> {
  return memoised(`by-area:${year}:${prefix}:${level}`, () => computeCoverageByArea(year, prefix, level));
}

async function computeCoverageByArea(year: number, prefix: string, level: "city" | "county") {
  const reader = coverageReader();
  const { townships } = await yearData(year, prefix);
  const areas = level === "city" ? await reader.cities() : (await reader.counties()).filter((county) => county.code.startsWith(prefix));
  const rows = totalsByArea(areas, townships, (t) => (level === "city" ? t.cityCode : t.countyCode));
  return Object.fromEntries(rows.map((row) => [row.code, { published: row.published, register: row.register, coverage: row.coverage }]));
}

/** Each township's state in a year, for the register browser's county page. */
export function townshipStatesOfCounty(year: number, countyCode: string): Promise<Record<string, TownshipState>> {
  return memoised(`states:${year}:${countyCode}`, async () =>
    Object.fromEntries((await yearData(year, countyCode)).townships.map((t): [string, TownshipState] => [t.code, t.state])),
  );
}

// ---------------------------------------------------------------------------------------------
// Public: /townships/:code and /search

export async function townshipPage(code: string) {
  const reader = coverageReader();
  const township = await reader.township(code);
  if (!township) return null;
  const [sessions, campaignYears] = await Promise.all([reader.sessionsOfTownship(township.id), reader.campaignYearsOfTownship(township.id)]);
  const years = [...new Set(sessions.map((session) => session.year))].sort((a, b) => b - a);
  return {
    township: { ...township, retired: township.retiredAt !== null },
    campaignYears,
    years: years.map((year) => ({
      year,
      sessions: sessions
        .filter((session) => session.year === year)
        .map((session) => ({
          id: session.id,
          title: session.title,
          meetingDate: session.meetingDate,
          place: session.place,
          // A session that only rated last year's projects has held no vote.
          held: session.rounds.some((round) => round.opened && !round.rating),
          notices: session.rounds
            .filter((round) => round.status === "published" && round.noticeNo !== null)
            .map((round) => ({
              noticeNo: round.noticeNo!,
              roundNumber: round.number,
              isRunoff: round.isRunoff,
              rating: round.rating,
              publishedAt: round.publishedAt,
            })),
        })),
    })),
  };
}

export const SEARCH_LIMIT = 50;

export async function searchTownships(query: string) {
  const q = query.trim().slice(0, 40);
  if (q === "") return { query: q, results: [], truncated: false };
  const rows = await coverageReader().search(q, SEARCH_LIMIT + 1);
  return { query: q, results: rows.slice(0, SEARCH_LIMIT).map((row) => ({ ...row, retired: row.retiredAt !== null })), truncated: rows.length > SEARCH_LIMIT };
}

// ---------------------------------------------------------------------------------------------
// Monitoring: /monitor/:code

export interface AnomalyRow {
  kind: AnomalyKind;
  townshipCode: string;
  townshipName: string;
  countyName: string;
  sessionId: number;
  roundNumber: number;
  count: number;
  detail: string | null;
  status: string;
  noticeNo: number | null;
}

export interface TownshipRow {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
  state: TownshipState;
  notices: Array<{ sessionId: number; noticeNo: number }>;
  projectsSelected: number | null;
  investmentCents: number | null;
  turnout: number | null;
  yesShare: number | null;
  firstMeetingDate: string | null;
  /** The selected projects' names (county view only; empty elsewhere). */
  selected: Array<{ name: string; yes: number }>;
}

export interface MonitorArea {
  level: AreaLevel;
  year: number;
  years: number[];
  area: { code: string; name: string };
  trail: Array<{ code: string; name: string }>;
  register: { name: string; count: number; civilAffairs: number; civilAffairsSource: string };
  totals: AreaTotals;
  childLevel: "city" | "county" | null;
  children: AreaTotals[];
  /** For the province and a city: each county's township coverage and its congress's vote, for the map (counties without townships too). */
  countyFigures: Array<{ code: string; name: string; published: number; register: number; congressVoted: boolean }>;
  /** 县级人大票决: the area's county congresses (one for a county, none for a management zone) and their votes this year. */
  congresses: MonitorCongresses;
  sort: { key: string; dir: "asc" | "desc" };
  /** The province listed by county rather than by city. */
  byCounty: boolean;
  townships: TownshipRow[];
  /** Townships that have not published, register order: the first question a county staffer asks. */
  notHeld: Array<Pick<TownshipRow, "code" | "name" | "countyName" | "state">>;
  anomalies: AnomalyRow[];
  anomalyCounts: Record<AnomalyKind, number>;
  /** For the province: the anomalies counted by city (each city's view lists them one by one). */
  anomaliesByCity: Array<{ code: string; name: string; counts: Record<AnomalyKind, number>; total: number }>;
  charts: { turnoutBins: Bin[]; progress: ProgressPoint[]; turnoutCount: number };
  yearOverYear: YearComparison[];
  /** 民生实事项目征集: the year's campaigns and their funnel, for the area, each child area and each township. */
  collection: MonitorCollection;
  /**
   * 民生实事项目实施: the year's selected projects carried out, for the area, each child area (or township) and the late ones;
   * and how the deputies rated them at the next year's session (满意度测评), with the projects rated 不满意.
   */
  implementation: MonitorImplementation;
}

export interface MonitorCongresses {
  register: { name: string; count: number };
  totals: AreaTotals;
  /** Each county congress of the area, as a township row (its county's code and name), register order. */
  rows: TownshipRow[];
}

/** An area's implementation figures, with how the deputies rated its projects at the next year's session. */
export type ImplementationLine = ImplementationTotals & { satisfaction: SatisfactionTotals };

export interface MonitorImplementation {
  /** The Beijing day the figures are counted on (a milestone is overdue once its planned day has passed). */
  today: string;
  totals: ImplementationLine;
  /** By city or county, as `children`; for a county, by township (the townships with selected projects). */
  children: ImplementationLine[];
  /** Every township of the area with a selected project (the page lists them for a county; the exports at every level). */
  townships: Array<ImplementationLine & { countyName: string }>;
  /** The projects with a milestone overdue today, most days late first. */
  overdue: Array<OverdueProject & { countyName: string }>;
  /** 满意度测评: the projects rated 不满意 at the next year's session, most 不满意 ratings first. */
  dissatisfied: Array<DissatisfiedProject & { countyName: string }>;
}

export interface MonitorCollection {
  totals: CollectionTotals;
  /** By city or county, as `children` (empty for a county). */
  children: CollectionTotals[];
  /** Every township of the area (the page lists them for a county; the exports at every level). */
  townships: Array<TownshipCollectionLine & { countyName: string }>;
}

/**
 * The monitoring view of an area (43, a city or a county) in a year; null when there is no such area.
 * `by` = "county" lists the province's counties instead of its cities.
 */
export async function monitorArea(
  code: string,
  year: number,
  years: number[],
  sortParam: string | null,
  dirParam: string | null,
  by: string | null = null,
): Promise<MonitorArea | null> {
  const sort = readSort(sortParam, dirParam);
  const byCounty = by === "county" && code === PROVINCE.code;
  // Today is part of the key: a milestone becomes overdue when the day turns, with no change to the data.
  const today = beijingDay(new Date());
  return memoised(`monitor:${code}:${year}:${years.join(",")}:${sort.key}:${sort.dir}:${byCounty}:${today}`, () =>
    computeMonitorArea(code, year, years, sort, byCounty, today),
  );
}

async function computeMonitorArea(
  code: string,
  year: number,
  years: number[],
  sort: ReturnType<typeof readSort>,
  byCounty: boolean,
  today: string,
): Promise<MonitorArea | null> {
  const level = areaLevel(code);
  if (!level) return null;
  const reader = coverageReader();
  const [cities, counties] = await Promise.all([reader.cities(), reader.counties()]);
  const countyByCode = new Map<string, CountyName>(counties.map((county) => [county.code, county]));
  const cityByCode = new Map(cities.map((city) => [city.code, city]));

  let area: { code: string; name: string };
  const trail: Array<{ code: string; name: string }> = [];
  if (level === "province") {
    if (code !== PROVINCE.code) return null;
    area = PROVINCE;
  } else if (level === "city") {
    const city = cityByCode.get(code);
    if (!city) return null;
    area = city;
    trail.push(PROVINCE);
  } else {
    const county = countyByCode.get(code);
    if (!county) return null;
    area = county;
    trail.push(PROVINCE, cityByCode.get(county.cityCode)!);
  }

  const { townships, rounds } = await yearData(year, code);
  const totals = areaTotals(area.code, area.name, townships);
  const childLevel = level === "province" && !byCounty ? "city" : level !== "county" ? "county" : null;
  const childAreas =
    level === "province"
      ? byCounty
        ? counties.map((county) => ({ code: county.code, name: `${cityByCode.get(county.cityCode)?.name ?? ""} ${county.name}` }))
        : cities
      : level === "city"
        ? counties.filter((county) => county.cityCode === code)
        : [];
  const children = childLevel
    ? sortAreas(
        // Districts made only of 街道 have no township congress: they have nothing to cover.
        totalsByArea(childAreas, townships, (t) => (childLevel === "city" ? t.cityCode : t.countyCode)).filter((row) => row.register > 0),
        sort.key,
        sort.dir,
      )
    : [];

  // What was decided, for a county.
  const decided = level === "county" ? await selectedProjectsOf(year, code) : new Map<number, Array<{ name: string; yes: number }>>();
  const rows = townshipRows(townships, rounds, countyByCode, decided);

  // The county congresses of the area: each county's own vote (县级人大票决), what it decided for a county.
  const congressYear = await yearData(year, code, "county");
  const congresses: MonitorCongresses = {
    register: congressRegisterLine(congressYear.townships.length),
    totals: areaTotals(area.code, area.name, congressYear.townships),
    rows: townshipRows(
      congressYear.townships,
      congressYear.rounds,
      countyByCode,
      level === "county" ? await selectedProjectsOf(year, code, "county") : new Map(),
    ),
  };
  const congressState = new Map(congressYear.townships.map((congress) => [congress.code, congress.state]));

  // What went wrong, in the townships' sessions and the county congresses' (named as the congress).
  const congressNamed = congressYear.townships.map((c) => ({ ...c, name: commonMessages.register.congressName(c.name) }));
  const byId = new Map([...townships, ...congressNamed].map((t) => [t.id, t]));
  const anomalies = classifyAnomalies([...rounds, ...congressYear.rounds], await reader.refusedOpenings());
  const anomalyRows: AnomalyRow[] = anomalies.map((a) => {
    const township = byId.get(a.townshipId);
    return {
      kind: a.kind,
      townshipCode: township?.code ?? "",
      townshipName: township?.name ?? `#${a.townshipId}`,
      countyName: township ? (countyByCode.get(township.countyCode)?.name ?? "") : "",
      sessionId: a.sessionId,
      roundNumber: a.roundNumber,
      count: a.count,
      detail: a.detail,
      status: a.status,
      noticeNo: a.noticeNo,
    };
  });

  const turnouts = rows.flatMap((row) => (row.turnout === null ? [] : [row.turnout]));
  const progress = cumulativeByDate(rows.flatMap((row) => (row.firstMeetingDate ? [row.firstMeetingDate] : [])));

  const campaigns = await reader.collection(year, code);
  const collection: MonitorCollection = {
    totals: collectionTotals(area.code, area.name, townships, campaigns),
    children: childLevel
      ? collectionByArea(childAreas, townships, campaigns, (t) => (childLevel === "city" ? t.cityCode : t.countyCode)).filter(
          (row) => row.register > 0 || row.campaigns > 0,
        )
      : [],
    townships: townshipCollectionLines(townships, campaigns).map((line) => ({ ...line, countyName: countyByCode.get(line.countyCode)?.name ?? "" })),
  };

  const projects = await reader.implementation(year, code);
  const projectTownships = [...new Map(projects.map((row) => [row.townshipCode, row])).values()];
  const linesByArea = (areas: ReadonlyArray<{ code: string; name: string }>, keyOf: (row: (typeof projects)[number]) => string): ImplementationLine[] => {
    const rated = satisfactionByArea(areas, projects, keyOf);
    return implementationByArea(areas, projects, keyOf, today).map((row, i) => ({ ...row, satisfaction: rated[i]! }));
  };
  const townshipTotals = linesByArea(
    projectTownships.map((row) => ({ code: row.townshipCode, name: row.townshipName })),
    (row) => row.townshipCode,
  ).map((row, i) => ({ ...row, countyName: countyByCode.get(projectTownships[i]!.countyCode)?.name ?? "" }));
  const childKey = (row: { cityCode: string; countyCode: string }) => (childLevel === "city" ? row.cityCode : row.countyCode);
  const withProjects = new Set(projects.map(childKey));
  const shown = new Set(children.map((child) => child.code));
  const countyNameOf = <Row extends { countyCode: string }>(row: Row) => ({ ...row, countyName: countyByCode.get(row.countyCode)?.name ?? "" });
  const implementation: MonitorImplementation = {
    today,
    totals: { ...implementationTotals(area.code, area.name, projects, today), satisfaction: satisfactionTotals(area.code, area.name, projects) },
    // Child areas as the coverage table lists them (those with townships), and any other with a project.
    children: childLevel ? linesByArea(childAreas, childKey).filter((row) => shown.has(row.code) || withProjects.has(row.code)) : townshipTotals,
    townships: townshipTotals,
    overdue: overdueProjects(projects, today).map(countyNameOf),
    dissatisfied: dissatisfiedProjects(projects).map(countyNameOf),
  };

  let yearOverYear: YearComparison[] = [];
  const dataYears = await reader.years();
  if (dataYears.length > 1) {
    const figures = await Promise.all(
      dataYears.map(async (y) => (y === year ? figuresOf(y, totals) : figuresOf(y, areaTotals(area.code, area.name, (await yearData(y, code)).townships)))),
    );
    yearOverYear = compareYears(figures);
  }

  return {
    level,
    year,
    years,
    area: { code: area.code, name: area.name },
    trail,
    register: registerLine(townships.length),
    totals,
    childLevel,
    children,
    countyFigures:
      level === "county"
        ? []
        : totalsByArea(level === "city" ? counties.filter((county) => county.cityCode === code) : counties, townships, (t) => t.countyCode).map(
            ({ code, name, published, register }) => ({ code, name, published, register, congressVoted: congressState.get(code) === "published" }),
          ),
    congresses,
    sort,
    byCounty,
    townships: rows,
    notHeld: rows.filter((row) => row.state !== "published").map(({ code, name, countyName, state }) => ({ code, name, countyName, state })),
    anomalies: anomalyRows,
    anomalyCounts: countAnomalies(anomalies),
    anomaliesByCity:
      level === "province"
        ? cities.map((city) => {
            const counts = countAnomalies(anomalies.filter((a) => byId.get(a.townshipId)?.cityCode === city.code));
            return { code: city.code, name: city.name, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
          })
        : [],
    charts: { turnoutBins: histogram(turnouts, TURNOUT_THRESHOLDS), progress, turnoutCount: turnouts.length },
    yearOverYear,
    collection,
    implementation,
  };
}

/** Each township's (or county congress's) row: its state, notices and figures, and what it decided when `decided` has it. */
function townshipRows(
  townships: readonly TownshipYear[],
  rounds: YearData["rounds"],
  countyByCode: ReadonlyMap<string, CountyName>,
  decided: ReadonlyMap<number, Array<{ name: string; yes: number }>>,
): TownshipRow[] {
  const noticesOf = new Map<number, Array<{ sessionId: number; noticeNo: number }>>();
  for (const round of rounds) {
    if (round.status !== "published" || round.noticeNo === null) continue;
    const list = noticesOf.get(round.townshipId) ?? [];
    list.push({ sessionId: round.sessionId, noticeNo: round.noticeNo });
    noticesOf.set(round.townshipId, list);
  }
  return townships.map((t) => ({
    code: t.code,
    name: t.name,
    countyCode: t.countyCode,
    countyName: countyByCode.get(t.countyCode)?.name ?? "",
    state: t.state,
    notices: (noticesOf.get(t.id) ?? []).sort((a, b) => a.sessionId - b.sessionId || a.noticeNo - b.noticeNo),
    projectsSelected: t.totals?.projectsSelected ?? null,
    investmentCents: t.totals?.investmentCents ?? null,
    turnout: t.totals ? turnout(t.totals.turnoutPresent, t.totals.turnoutSeated) : null,
    yesShare: t.totals && t.totals.selectedSeated > 0 ? yesShare(t.totals.selectedYes, t.totals.selectedSeated) : null,
    firstMeetingDate: t.totals ? beijingDay(t.totals.firstMeetingDate) : null,
    selected: decided.get(t.id) ?? [],
  }));
}

/** The projects each township of a county (or with level "county", the county congress) selected this year, by yes votes (from the published results). */
async function selectedProjectsOf(year: number, countyCode: string, level: CongressLevel = "township") {
  const reader = coverageReader();
  const [rows, candidates] = await Promise.all([
    reader.publishedResultsOfCounty(year, countyCode, level),
    reader.candidateNamesOfCounty(year, countyCode, level),
  ]);
  const names = new Map(candidates.map((c) => [String(c.id), c.name]));
  const byTownship = new Map<number, Array<{ name: string; yes: number }>>();
  for (const { townshipId, result } of rows) {
    const yesOf = new Map(result.projects.map((p) => [p.id, p.yes]));
    const list = byTownship.get(townshipId) ?? [];
    for (const id of result.selected) list.push({ name: names.get(id) ?? id, yes: yesOf.get(id) ?? 0 });
    byTownship.set(townshipId, list);
  }
  return byTownship;
}
