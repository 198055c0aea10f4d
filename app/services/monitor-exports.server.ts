/**
 * Exports of the monitoring view's tables: CSV (UTF-8 with a byte-order mark, so that Excel on a
 * Chinese Windows opens it as UTF-8, CRLF line ends) and one Excel workbook with a sheet per table.
 * The rows are the same as the page's tables: built here from the same MonitorArea.
 */
import ExcelJS from "exceljs";
import { SOURCES, type Funnel, type ProposalSource } from "~/domain/collection";
import { noticeHref } from "~/domain/satisfaction-coverage";
import { csvDocument, type CsvCell } from "~/utils/downloads";
import { formatWanPlain, wanYuan } from "~/utils/format";
import { describeAnomaly, monitorMessages } from "~/messages/monitor";
import { commonMessages } from "~/messages/common";
import type { ImplementationLine, MonitorArea } from "./monitor-views.server";

export type Cell = string | number | null;
/** A "wan" cell holds hundredths of 万元, as the view does; each writer turns it into 万元. */
export type ColumnKind = "text" | "integer" | "percent" | "wan";

export interface ExportTable {
  id:
    | "children"
    | "townships"
    | "not-held"
    | "anomalies"
    | "years"
    | "collection"
    | "collection-townships"
    | "implementation"
    | "implementation-townships"
    | "implementation-overdue"
    | "implementation-dissatisfied"
    | "congresses";
  title: string;
  columns: Array<{ label: string; kind: ColumnKind }>;
  rows: Cell[][];
}

const m = monitorMessages.monitor;
const c = m.columns;

/** The tables a view exports, by id and title (without building their rows). */
export function exportList(view: MonitorArea): Array<Pick<ExportTable, "id" | "title">> {
  const list: Array<Pick<ExportTable, "id" | "title">> = [];
  if (view.childLevel) list.push({ id: "children", title: monitorMessages.exportTables.children[view.childLevel] });
  list.push({ id: "townships", title: monitorMessages.exportTables.townships }, { id: "not-held", title: monitorMessages.exportTables.notHeld });
  if (view.congresses.register.count > 0) list.push({ id: "congresses", title: monitorMessages.exportTables.congresses });
  list.push({ id: "anomalies", title: monitorMessages.exportTables.anomalies });
  if (view.yearOverYear.length > 0) list.push({ id: "years", title: monitorMessages.exportTables.years });
  if (view.childLevel) list.push({ id: "collection", title: monitorMessages.exportTables.collectionChildren[view.childLevel] });
  list.push({ id: "collection-townships", title: monitorMessages.exportTables.collectionTownships });
  if (view.childLevel) list.push({ id: "implementation", title: monitorMessages.exportTables.implementationChildren[view.childLevel] });
  list.push(
    { id: "implementation-townships", title: monitorMessages.exportTables.implementationTownships },
    { id: "implementation-overdue", title: monitorMessages.exportTables.implementationOverdue },
    { id: "implementation-dissatisfied", title: monitorMessages.exportTables.implementationDissatisfied },
  );
  return list;
}

export function monitorTables(view: MonitorArea): ExportTable[] {
  const tables: ExportTable[] = [];
  if (view.childLevel) {
    tables.push({
      id: "children",
      title: monitorMessages.exportTables.children[view.childLevel],
      columns: [
        { label: c.code, kind: "text" },
        { label: c.name, kind: "text" },
        { label: c.register, kind: "integer" },
        { label: c.held, kind: "integer" },
        { label: c.published, kind: "integer" },
        { label: c.notHeld, kind: "integer" },
        { label: c.coverage, kind: "percent" },
        { label: c.projectsSelected, kind: "integer" },
        { label: c.investmentCents, kind: "wan" },
        { label: c.averageTurnout, kind: "percent" },
        { label: c.averageYesShare, kind: "percent" },
      ],
      rows: view.children.map((row) => [
        row.code,
        row.name,
        row.register,
        row.held,
        row.published,
        row.notHeld,
        row.coverage,
        row.projectsSelected,
        row.investmentCents,
        row.averageTurnout,
        row.averageYesShare,
      ]),
    });
  }
  const townshipColumns: ExportTable["columns"] = [
    { label: monitorMessages.search.code, kind: "text" },
    { label: m.township, kind: "text" },
    { label: m.county, kind: "text" },
    { label: m.state, kind: "text" },
    { label: m.meetingDate, kind: "text" },
    { label: c.projectsSelected, kind: "integer" },
    { label: c.investmentCents, kind: "wan" },
    { label: m.townshipTurnout, kind: "percent" },
    { label: m.townshipYesShare, kind: "percent" },
    { label: m.notices, kind: "text" },
    { label: m.selected, kind: "text" },
  ];
  const townshipRow = (row: MonitorArea["townships"][number]): Cell[] => [
    row.code,
    row.name,
    row.countyName,
    m.states[row.state],
    row.firstMeetingDate,
    row.projectsSelected,
    row.investmentCents,
    row.turnout,
    row.yesShare,
    row.notices.map((notice) => m.notice(notice.noticeNo)).join("、"),
    row.selected.map((p) => `${p.name}（${p.yes}）`).join("、"),
  ];
  tables.push({ id: "townships", title: monitorMessages.exportTables.townships, columns: townshipColumns, rows: view.townships.map(townshipRow) });
  tables.push({
    id: "not-held",
    title: monitorMessages.exportTables.notHeld,
    columns: townshipColumns.slice(0, 4),
    rows: view.notHeld.map((row) => [row.code, row.name, row.countyName, m.states[row.state]]),
  });
  if (view.congresses.register.count > 0) {
    tables.push({
      id: "congresses",
      title: monitorMessages.exportTables.congresses,
      columns: [{ label: monitorMessages.search.code, kind: "text" }, { label: m.congress, kind: "text" }, ...townshipColumns.slice(3)],
      rows: view.congresses.rows.map((row) => townshipRow(row).filter((_, i) => i !== 2)),
    });
  }
  tables.push({
    id: "anomalies",
    title: monitorMessages.exportTables.anomalies,
    columns: [
      { label: m.anomalyColumns.kind, kind: "text" },
      { label: monitorMessages.search.code, kind: "text" },
      { label: m.anomalyColumns.township, kind: "text" },
      { label: m.anomalyColumns.county, kind: "text" },
      { label: m.anomalyColumns.round, kind: "text" },
      { label: m.anomalyColumns.detail, kind: "text" },
    ],
    rows: view.anomalies.map((a) => [m.anomalyKinds[a.kind], a.townshipCode, a.townshipName, a.countyName, m.round(a.roundNumber), describeAnomaly(a)]),
  });
  if (view.yearOverYear.length > 0) {
    tables.push({
      id: "years",
      title: monitorMessages.exportTables.years,
      columns: [
        { label: m.yoyYear, kind: "text" },
        { label: c.register, kind: "integer" },
        { label: c.held, kind: "integer" },
        { label: c.published, kind: "integer" },
        { label: c.coverage, kind: "percent" },
        { label: c.projectsSelected, kind: "integer" },
        { label: c.investmentCents, kind: "wan" },
        { label: c.averageTurnout, kind: "percent" },
        { label: c.averageYesShare, kind: "percent" },
      ],
      rows: view.yearOverYear.map((y) => [
        String(y.year),
        y.register,
        y.held,
        y.published,
        y.coverage,
        y.projectsSelected,
        y.investmentCents,
        y.averageTurnout,
        y.averageYesShare,
      ]),
    });
  }
  tables.push(...collectionTables(view));
  tables.push(...implementationTables(view));
  return tables;
}

const cm = monitorMessages.collection;

/** 征集: received by source, then the funnel's every count (the page shows the main ones). */
const FUNNEL_COLUMNS: ExportTable["columns"] = [
  ...SOURCES.map((source) => ({ label: `${cm.received}·${cm.source[source]}`, kind: "integer" as const })),
  { label: cm.received, kind: "integer" },
  { label: cm.pooled, kind: "integer" },
  { label: cm.candidates, kind: "integer" },
  { label: cm.selected, kind: "integer" },
  { label: cm.pending, kind: "integer" },
  { label: cm.unscreened, kind: "integer" },
  { label: cm.declined, kind: "integer" },
  { label: cm.removed, kind: "integer" },
];
const funnelCells = (received: Record<ProposalSource, number>, funnel: Funnel): Cell[] => [
  ...SOURCES.map((source) => received[source]),
  funnel.received,
  funnel.pooled,
  funnel.candidates,
  funnel.selected,
  funnel.pending,
  funnel.unscreened,
  funnel.declined,
  funnel.removed,
];

function collectionTables(view: MonitorArea): ExportTable[] {
  const tables: ExportTable[] = [];
  const { totals, children, townships } = view.collection;
  if (view.childLevel) {
    tables.push({
      id: "collection",
      title: monitorMessages.exportTables.collectionChildren[view.childLevel],
      columns: [
        { label: c.code, kind: "text" },
        { label: c.name, kind: "text" },
        { label: c.register, kind: "integer" },
        { label: cm.campaigns, kind: "integer" },
        { label: cm.covered, kind: "integer" },
        { label: cm.coverage, kind: "percent" },
        { label: cm.approved, kind: "integer" },
        ...FUNNEL_COLUMNS,
      ],
      rows: [...children, totals].map((row) => [
        row.code,
        row.name,
        row.register,
        row.campaigns,
        row.covered,
        row.coverage,
        row.approved,
        ...funnelCells(row.received, row.funnel),
      ]),
    });
  }
  tables.push({
    id: "collection-townships",
    title: monitorMessages.exportTables.collectionTownships,
    columns: [
      { label: cm.code, kind: "text" },
      { label: cm.township, kind: "text" },
      { label: cm.county, kind: "text" },
      { label: cm.state, kind: "text" },
      ...FUNNEL_COLUMNS,
    ],
    rows: townships.map((row) => [
      row.code,
      row.inRegister ? row.name : `${row.name}${cm.retired}`,
      row.countyName,
      row.campaign ? (row.campaign.approved ? cm.approvedState : cm.notApprovedState) : cm.noCampaign,
      ...(row.campaign ? funnelCells(row.campaign.received, row.campaign.funnel) : FUNNEL_COLUMNS.map(() => null)),
    ]),
  });
  return tables;
}

const im = monitorMessages.implementation;
const sm = monitorMessages.satisfaction;
const grades = commonMessages.satisfaction;

/** 实施: the figures of each area, as the page's table, with the investment spent as a share of the planned. */
const IMPLEMENTATION_COLUMNS: ExportTable["columns"] = [
  { label: im.selected, kind: "integer" },
  { label: im.planned, kind: "integer" },
  { label: im.completed, kind: "integer" },
  { label: im.inProgress, kind: "integer" },
  { label: im.notStarted, kind: "integer" },
  { label: im.overdue, kind: "integer" },
  { label: im.mostDaysLate, kind: "integer" },
  { label: im.plannedWan, kind: "wan" },
  { label: im.spentWan, kind: "wan" },
  { label: im.spentShare, kind: "percent" },
  { label: sm.rated, kind: "integer" },
  { label: grades.satisfied, kind: "integer" },
  { label: grades["basically-satisfied"], kind: "integer" },
  { label: grades.dissatisfied, kind: "integer" },
  { label: sm.unrated, kind: "integer" },
];
const implementationCells = (row: ImplementationLine): Cell[] => [
  row.selected,
  row.planned,
  row.completed,
  row.inProgress,
  row.notStarted,
  row.overdue,
  row.mostDaysLate,
  row.plannedCents,
  row.spentCents,
  row.plannedCents > 0 ? row.spentCents / row.plannedCents : null,
  row.satisfaction.rated,
  row.satisfaction.satisfied,
  row.satisfaction.basicallySatisfied,
  row.satisfaction.dissatisfied,
  row.satisfaction.unrated,
];

/**
 * The implementation by city or county (with the area's total row), by township (every township
 * with a selected project, at every level), with the rating of each at the next year's session;
 * every project late today; and every project rated 不满意 (its notice's address).
 */
function implementationTables(view: MonitorArea): ExportTable[] {
  const tables: ExportTable[] = [];
  const { totals, children, townships, overdue, dissatisfied } = view.implementation;
  if (view.childLevel) {
    tables.push({
      id: "implementation",
      title: monitorMessages.exportTables.implementationChildren[view.childLevel],
      columns: [{ label: c.code, kind: "text" }, { label: c.name, kind: "text" }, ...IMPLEMENTATION_COLUMNS],
      rows: [...children, totals].map((row) => [row.code, row.name, ...implementationCells(row)]),
    });
  }
  tables.push({
    id: "implementation-townships",
    title: monitorMessages.exportTables.implementationTownships,
    columns: [{ label: im.code, kind: "text" }, { label: im.township, kind: "text" }, { label: im.county, kind: "text" }, ...IMPLEMENTATION_COLUMNS],
    rows: townships.map((row) => [row.code, row.name, row.countyName, ...implementationCells(row)]),
  });
  tables.push({
    id: "implementation-overdue",
    title: monitorMessages.exportTables.implementationOverdue,
    columns: [
      { label: im.code, kind: "text" },
      { label: im.township, kind: "text" },
      { label: im.county, kind: "text" },
      { label: im.project, kind: "text" },
      { label: im.state, kind: "text" },
      { label: im.progress, kind: "percent" },
      { label: im.overdueMilestones, kind: "integer" },
      { label: im.mostDaysLate, kind: "integer" },
    ],
    rows: overdue.map((row) => [
      row.townshipCode,
      row.townshipName,
      row.countyName,
      row.project,
      im.states[row.state],
      row.progress / 100,
      row.overdueMilestones,
      row.daysLate,
    ]),
  });
  tables.push({
    id: "implementation-dissatisfied",
    title: monitorMessages.exportTables.implementationDissatisfied,
    columns: [
      { label: im.code, kind: "text" },
      { label: sm.township, kind: "text" },
      { label: sm.county, kind: "text" },
      { label: sm.project, kind: "text" },
      { label: grades.satisfied, kind: "integer" },
      { label: grades["basically-satisfied"], kind: "integer" },
      { label: grades.dissatisfied, kind: "integer" },
      { label: sm.notRatedVotes, kind: "integer" },
      { label: sm.of, kind: "integer" },
      { label: sm.notice, kind: "text" },
    ],
    rows: dissatisfied.map((row) => [
      row.townshipCode,
      row.townshipName,
      row.countyName,
      row.project,
      row.satisfied,
      row.basicallySatisfied,
      row.dissatisfied,
      row.notRated,
      row.of,
      noticeHref(row),
    ]),
  });
  return tables;
}

/** A number as the page shows it (a percent, 万元 with two decimals); text as it is. */
function csvValue(value: Cell, kind: ColumnKind): CsvCell {
  if (typeof value !== "number") return value;
  return kind === "percent" ? (value * 100).toFixed(1) + "%" : kind === "wan" ? formatWanPlain(value) : value;
}

export function tableCsv(table: ExportTable): string {
  return csvDocument([table.columns.map((col) => col.label), ...table.rows.map((row) => row.map((value, i) => csvValue(value, table.columns[i]!.kind)))]);
}

const NUMBER_FORMAT: Record<ColumnKind, string | undefined> = { text: undefined, integer: "#,##0", percent: "0.0%", wan: "#,##0.00" };

export async function tablesXlsx(title: string, tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = commonMessages.app.title;
  workbook.title = title;
  for (const table of tables) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    const sheet = workbook.addWorksheet(table.title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31));
    sheet.columns = table.columns.map((col) => ({
      header: col.label,
      width: col.kind === "text" ? Math.max(10, col.label.length * 2 + 2) : 14,
      style: NUMBER_FORMAT[col.kind] ? { numFmt: NUMBER_FORMAT[col.kind] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: "frozen", ySplit: 1 }];
    for (const row of table.rows)
      sheet.addRow(row.map((value, i) => (table.columns[i]!.kind === "wan" && typeof value === "number" ? wanYuan(value) : (value ?? null))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
