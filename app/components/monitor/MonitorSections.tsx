/**
 * The sections of a monitoring view, shared by the page and its printable report. Long lists link
 * with plain anchors: a province view has hundreds of rows, and a router Link per row costs more
 * server rendering than the rest of the page (measured); the pages load whole either way.
 */
import { Link } from "@remix-run/react";
import { SOURCES, type Funnel, type ProposalSource } from "~/domain/collection";
import type { CollectionTotals } from "~/domain/collection-coverage";
import type { AreaSortKey, AreaTotals, YearComparison } from "~/domain/coverage";
import type { ImplementationTotals } from "~/domain/implementation-coverage";
import { noticeHref, type SatisfactionTotals } from "~/domain/satisfaction-coverage";
import { commonMessages } from "~/messages/common";
import { describeAnomaly, monitorMessages } from "~/messages/monitor";
import { ImplementationBars, SatisfactionBars } from "./Charts";
import type { ImplementationLine, MonitorArea, TownshipRow } from "~/services/monitor-views.server";
import { formatDate, formatInteger, formatPercent, formatWan, formatWanWhole } from "~/utils/format";
import { formatMessages } from "~/messages/formats";

const m = monitorMessages.monitor;
const dash = m.noData;

/** A township's public page, or for a county congress (its county's 6-digit code) its county's. */
const congressPage = (code: string) => (code.length === 6 ? `/counties/${code}` : `/townships/${code}`);

export const pct = (value: number | null) => (value === null ? dash : formatPercent(value));

/** Figures of an area as a row of name / value pairs. */
function StatRow({ stats, label }: { stats: Array<[string, string]>; label: string }) {
  return (
    <dl className="stat-row monitor-stats" aria-label={label}>
      {stats.map(([name, value]) => (
        <div className="stat" key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SummaryStats({ totals, label }: { totals: AreaTotals; label: string }) {
  const stats: Array<[string, string]> = [
    [m.register, formatInteger(totals.register)],
    [m.published, formatInteger(totals.published)],
    [m.coverage, pct(totals.coverage)],
    [m.notHeld, formatInteger(totals.notHeld)],
    [m.projects, formatInteger(totals.projectsSelected)],
    [m.investmentWan, formatWanWhole(totals.investmentCents)],
    [m.turnout, pct(totals.averageTurnout)],
    [m.yesShare, pct(totals.averageYesShare)],
    [m.paperRounds, m.paperRoundsValue(totals.paperRounds, totals.publishedRounds)],
  ];
  return <StatRow stats={stats} label={label} />;
}

const CHILD_COLUMNS: Array<{ key: AreaSortKey; numeric: boolean }> = [
  { key: "name", numeric: false },
  { key: "register", numeric: true },
  { key: "held", numeric: true },
  { key: "published", numeric: true },
  { key: "notHeld", numeric: true },
  { key: "coverage", numeric: true },
  { key: "projectsSelected", numeric: true },
  { key: "investmentCents", numeric: true },
  { key: "averageTurnout", numeric: true },
  { key: "averageYesShare", numeric: true },
];

function cell(row: AreaTotals, key: AreaSortKey): string {
  switch (key) {
    case "coverage":
    case "averageTurnout":
    case "averageYesShare":
      return pct(row[key]);
    case "investmentCents":
      return formatWan(row.investmentCents);
    case "code":
    case "name":
      return row[key];
    default:
      return formatInteger(row[key]);
  }
}

/**
 * Coverage of each city or county. Column headers are links that sort the table on the server
 * (?sort=&dir=), so sorting works without JavaScript; aria-sort says how it is sorted now.
 */
export function ChildrenTable({
  view,
  sortHref,
  linkOf,
  hideCaption = false,
}: {
  view: MonitorArea;
  sortHref?: (key: AreaSortKey, dir: "asc" | "desc") => string;
  linkOf?: (code: string) => string;
  hideCaption?: boolean;
}) {
  if (!view.childLevel) return null;
  const caption = m.childTable[view.childLevel];
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table monitor-table">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {CHILD_COLUMNS.map(({ key, numeric }) => {
              const active = view.sort.key === key;
              const label = m.columns[key];
              const nextDir = active && view.sort.dir === "asc" ? "desc" : active ? "asc" : numeric ? "desc" : "asc";
              return (
                <th
                  key={key}
                  scope="col"
                  className={numeric ? "num" : undefined}
                  aria-sort={active ? (view.sort.dir === "asc" ? "ascending" : "descending") : undefined}
                >
                  {sortHref ? (
                    <Link to={sortHref(key, nextDir)} className="sort-link" preventScrollReset>
                      {label}
                      <span aria-hidden="true">{active ? (view.sort.dir === "asc" ? " ▲" : " ▼") : ""}</span>
                      <span className="visually-hidden">
                        {m.sortBy(label)}
                        {nextDir === "asc" ? m.ascending : m.descending}
                      </span>
                    </Link>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {view.children.map((row) => (
            <tr key={row.code}>
              {CHILD_COLUMNS.map(({ key, numeric }) =>
                key === "name" ? (
                  <th key={key} scope="row">
                    {linkOf ? <Link to={linkOf(row.code)}>{row.name}</Link> : row.name}
                  </th>
                ) : (
                  <td key={key} className={numeric ? "num" : undefined}>
                    {cell(row, key)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NotHeldList({ view }: { view: MonitorArea }) {
  const rows = view.notHeld;
  const showCounty = view.level !== "county";
  return (
    <section aria-labelledby="not-held-title" className="monitor-section">
      <h2 id="not-held-title">{m.notHeldTitle(formatInteger(rows.length))}</h2>
      {rows.length === 0 ? (
        <p className="note">{m.allPublished}</p>
      ) : (
        <ul className="not-held-list">
          {rows.map((row) => (
            <li key={row.code} className={row.state === "held" ? "is-held" : undefined}>
              <a href={`/townships/${row.code}`}>{row.name}</a>
              {showCounty && <span className="muted"> {row.countyName}</span>}
              <span className={`state state-${row.state}`}> {m.states[row.state]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Each township's vote this year; with `congresses`, each county congress's own (linked to its county's page). */
export function TownshipTable({ rows, hideCaption = false, congresses = false }: { rows: TownshipRow[]; hideCaption?: boolean; congresses?: boolean }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table monitor-table">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{congresses ? m.congressesTitle : m.townshipsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{congresses ? m.congress : m.township}</th>
            <th scope="col">{m.stateAndDate}</th>
            <th scope="col" className="num">
              {m.columns.projectsSelected}
            </th>
            <th scope="col" className="num col-wide">
              {m.columns.investmentCents}
            </th>
            <th scope="col" className="num">
              {m.townshipTurnout}
            </th>
            <th scope="col" className="num col-wide">
              {m.townshipYesShare}
            </th>
            <th scope="col">{m.notices}</th>
            <th scope="col">{m.selected}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} className={row.state !== "published" ? "is-short" : undefined}>
              <th scope="row">
                <a href={congressPage(row.code)}>{row.name}</a>
              </th>
              <td>
                <span className={`state state-${row.state}`}>{m.states[row.state]}</span>
                {row.firstMeetingDate && <span className="cell-note">{row.firstMeetingDate}</span>}
              </td>
              <td className="num">{row.projectsSelected === null ? dash : formatInteger(row.projectsSelected)}</td>
              <td className="num col-wide">{formatWan(row.investmentCents)}</td>
              <td className="num">{pct(row.turnout)}</td>
              <td className="num col-wide">{pct(row.yesShare)}</td>
              <td className="nowrap">
                {row.notices.length === 0
                  ? dash
                  : row.notices.map((notice, i) => (
                      <span key={`${notice.sessionId}-${notice.noticeNo}`}>
                        {i > 0 && "、"}
                        <a href={`/notices/${notice.sessionId}/${notice.noticeNo}`}>
                          {m.notice(notice.noticeNo)}
                          <span className="visually-hidden">（{row.name}）</span>
                        </a>
                      </span>
                    ))}
              </td>
              <td className="selected-projects">
                <div>{row.selected.length === 0 ? dash : row.selected.map((p) => `${p.name}（${p.yes}）`).join("、")}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 县级人大票决: the county congresses' own votes — "县级 N / M" for the area, and each congress's
 * row (for a county, its own congress: what it decided).
 */
export function CongressSection({ view }: { view: MonitorArea }) {
  const { register, totals, rows } = view.congresses;
  if (register.count === 0) return null;
  return (
    <section aria-labelledby="congresses-title" className="monitor-section">
      <h2 id="congresses-title">{m.congressesTitle}</h2>
      <p className="lead">{m.congressesLine(formatInteger(totals.published), formatInteger(register.count), formatInteger(totals.held - totals.published))}</p>
      <p className="report-small">{m.congressRegisterLine(register.name, formatInteger(register.count))}</p>
      {rows.length > 0 && <TownshipTable rows={rows} congresses hideCaption />}
    </section>
  );
}

export function AnomalySection({ view }: { view: MonitorArea }) {
  const kinds = Object.keys(m.anomalyKinds) as Array<keyof typeof m.anomalyKinds>;
  return (
    <section aria-labelledby="anomalies-title" className="monitor-section">
      <h2 id="anomalies-title">{m.anomaliesTitle}</h2>
      <ul className="anomaly-counts" aria-label={m.counts}>
        {kinds.map((kind) => (
          <li key={kind} className={`anomaly anomaly-${kind}`}>
            <span>{m.anomalyKinds[kind]}</span> <strong>{formatInteger(view.anomalyCounts[kind])}</strong>
          </li>
        ))}
      </ul>
      {view.level === "province" && view.anomaliesByCity.length > 0 ? (
        <AnomaliesByCity view={view} />
      ) : view.anomalies.length === 0 ? (
        <p className="note">{m.noAnomalies}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table monitor-table anomalies-table">
            <caption className="visually-hidden">{m.anomaliesTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{m.anomalyColumns.kind}</th>
                <th scope="col">{m.anomalyColumns.township}</th>
                {view.level !== "county" && <th scope="col">{m.anomalyColumns.county}</th>}
                <th scope="col">{m.anomalyColumns.round}</th>
                <th scope="col">{m.anomalyColumns.detail}</th>
              </tr>
            </thead>
            <tbody>
              {view.anomalies.map((a, i) => (
                <tr key={`${a.kind}-${a.sessionId}-${a.roundNumber}-${i}`} className={`anomaly-row anomaly-${a.kind}`}>
                  <td>
                    <span className={`anomaly-tag anomaly-${a.kind}`}>{m.anomalyKinds[a.kind]}</span>
                  </td>
                  <th scope="row">
                    <a href={congressPage(a.townshipCode)}>{a.townshipName}</a>
                  </th>
                  {view.level !== "county" && <td className="nowrap">{a.countyName}</td>}
                  <td className="nowrap">
                    {a.noticeNo !== null ? <a href={`/notices/${a.sessionId}/${a.noticeNo}`}>{m.round(a.roundNumber)}</a> : m.round(a.roundNumber)}
                  </td>
                  <td>{describeAnomaly(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The province's anomalies counted by city; each city links to its view, where they are listed. */
function AnomaliesByCity({ view }: { view: MonitorArea }) {
  const kinds = Object.keys(m.anomalyKinds) as Array<keyof typeof m.anomalyKinds>;
  return (
    <div className="table-scroll" tabIndex={0}>
      <p className="report-small">{m.anomaliesByCityNote}</p>
      <table className="data-table monitor-table">
        <caption className="visually-hidden">{m.anomaliesByCity}</caption>
        <thead>
          <tr>
            <th scope="col">{m.columns.name}</th>
            {kinds.map((kind) => (
              <th key={kind} scope="col" className="num">
                {m.anomalyKinds[kind]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.anomaliesByCity.map((city) => (
            <tr key={city.code}>
              <th scope="row">
                <a href={`/monitor/${city.code}?year=${view.year}#anomalies-title`}>{city.name}</a>
              </th>
              {kinds.map((kind) => (
                <td key={kind} className={city.counts[kind] > 0 ? `num anomaly-count-${kind} has-some` : "num"}>
                  {formatInteger(city.counts[kind])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function signed(value: number | null, format: (v: number) => string): string {
  if (value === null) return dash;
  return (value > 0 ? "+" : value < 0 ? "−" : "±") + format(Math.abs(value));
}

export function YearTable({ years }: { years: YearComparison[] }) {
  if (years.length < 2) return null;
  return (
    <section aria-labelledby="yoy-title" className="monitor-section">
      <h2 id="yoy-title">{m.yoyTitle}</h2>
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table monitor-table">
          <caption className="visually-hidden">{m.yoyTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{m.yoyYear}</th>
              <th scope="col" className="num">
                {m.columns.published}
              </th>
              <th scope="col" className="num">
                {m.columns.coverage}
              </th>
              <th scope="col" className="num">
                {m.columns.projectsSelected}
              </th>
              <th scope="col" className="num">
                {m.columns.investmentCents}
              </th>
              <th scope="col" className="num">
                {m.columns.averageTurnout}
              </th>
              <th scope="col">{m.change}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td className="num">{formatInteger(y.published)}</td>
                <td className="num">{pct(y.coverage)}</td>
                <td className="num">{formatInteger(y.projectsSelected)}</td>
                <td className="num">{formatWan(y.investmentCents)}</td>
                <td className="num">{pct(y.averageTurnout)}</td>
                <td>
                  {y.change
                    ? `${m.columns.published} ${signed(y.change.published, formatInteger)}，${m.columns.coverage} ${signed(y.change.coverage, (v) => formatMessages.percentagePoints((v * 100).toFixed(1)))}，${m.columns.projectsSelected} ${signed(y.change.projectsSelected, formatInteger)}`
                    : dash}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const cm = monitorMessages.collection;

/** The summary of the area's collection (征集): campaigns, their coverage, and the funnel by source. */
function CollectionStats({ totals }: { totals: CollectionTotals }) {
  const stats: Array<[string, string]> = [
    [cm.campaigns, formatInteger(totals.campaigns)],
    [cm.covered, formatInteger(totals.covered)],
    [cm.coverage, pct(totals.coverage)],
    [cm.approved, formatInteger(totals.approved)],
    [cm.received, formatInteger(totals.funnel.received)],
    ...SOURCES.map((source): [string, string] => [cm.source[source], formatInteger(totals.received[source])]),
    [cm.pooled, formatInteger(totals.funnel.pooled)],
    [cm.candidates, formatInteger(totals.funnel.candidates)],
    [cm.selected, formatInteger(totals.funnel.selected)],
    [cm.pending, formatInteger(totals.funnel.pending)],
    [cm.unscreened, formatInteger(totals.funnel.unscreened)],
    [cm.declined, formatInteger(totals.funnel.declined)],
  ];
  return <StatRow stats={stats} label={cm.stats} />;
}

function FunnelHead({ lead }: { lead: Array<{ label: string; numeric: boolean }> }) {
  return (
    <thead>
      <tr>
        {lead.map(({ label, numeric }) => (
          <th key={label} scope="col" rowSpan={2} className={numeric ? "num" : undefined}>
            {label}
          </th>
        ))}
        <th scope="colgroup" colSpan={SOURCES.length + 1} className="num">
          {cm.received}
        </th>
        <th scope="col" rowSpan={2} className="num">
          {cm.pooled}
        </th>
        <th scope="col" rowSpan={2} className="num">
          {cm.candidates}
        </th>
        <th scope="col" rowSpan={2} className="num">
          {cm.selected}
        </th>
      </tr>
      <tr>
        {SOURCES.map((source) => (
          <th key={source} scope="col" className="num">
            {cm.source[source]}
          </th>
        ))}
        <th scope="col" className="num">
          {cm.total}
        </th>
      </tr>
    </thead>
  );
}

function FunnelCells({ received, funnel }: { received: Record<ProposalSource, number>; funnel: Funnel }) {
  return (
    <>
      {SOURCES.map((source) => (
        <td key={source} className="num">
          {formatInteger(received[source])}
        </td>
      ))}
      <td className="num">{formatInteger(funnel.received)}</td>
      <td className="num">{formatInteger(funnel.pooled)}</td>
      <td className="num">{formatInteger(funnel.candidates)}</td>
      <td className="num">{formatInteger(funnel.selected)}</td>
    </>
  );
}

/**
 * 民生实事项目征集: the summary, then the campaigns by city or county (with links, as the coverage
 * table) or, for a county, by township.
 */
export function CollectionSection({ view, linkOf, chart }: { view: MonitorArea; linkOf?: (code: string) => string; chart?: React.ReactNode }) {
  const { totals, children, townships } = view.collection;
  return (
    <section aria-labelledby="collection-title" className="monitor-section">
      <h2 id="collection-title">{cm.title}</h2>
      <p className="report-small">{cm.lead}</p>
      <CollectionStats totals={totals} />
      {totals.campaigns === 0 ? (
        <p className="note">{cm.none}</p>
      ) : view.childLevel ? (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table monitor-table">
            <caption>{cm.byArea[view.childLevel]}</caption>
            <FunnelHead
              lead={[
                { label: m.columns.name, numeric: false },
                { label: m.columns.register, numeric: true },
                { label: cm.campaigns, numeric: true },
                { label: cm.coverage, numeric: true },
              ]}
            />
            <tbody>
              {children.map((row) => (
                <tr key={row.code}>
                  <th scope="row">{linkOf ? <a href={`${linkOf(row.code)}#collection-title`}>{row.name}</a> : row.name}</th>
                  <td className="num">{formatInteger(row.register)}</td>
                  <td className="num">{formatInteger(row.campaigns)}</td>
                  <td className="num">{pct(row.coverage)}</td>
                  <FunnelCells received={row.received} funnel={row.funnel} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table monitor-table">
            <caption>{cm.byTownship}</caption>
            <FunnelHead
              lead={[
                { label: m.township, numeric: false },
                { label: cm.state, numeric: false },
              ]}
            />
            <tbody>
              {townships.map((row) => (
                <tr key={row.code} className={row.campaign ? undefined : "is-short"}>
                  <th scope="row">
                    <a href={`/townships/${row.code}`}>{row.name}</a>
                    {!row.inRegister && cm.retired}
                  </th>
                  <td>{row.campaign ? (row.campaign.approved ? cm.approvedState : cm.notApprovedState) : cm.noCampaign}</td>
                  {row.campaign ? (
                    <FunnelCells received={row.campaign.received} funnel={row.campaign.funnel} />
                  ) : (
                    <td colSpan={SOURCES.length + 4} className="muted">
                      {dash}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {totals.campaigns > 0 && chart && <div className="chart-grid">{chart}</div>}
    </section>
  );
}

const im = monitorMessages.implementation;

/** The summary of the area's implementation (实施): projects by standing, the late ones, investment planned and spent. */
function ImplementationStats({ totals }: { totals: ImplementationTotals }) {
  const stats: Array<[string, string]> = [
    [im.selected, formatInteger(totals.selected)],
    [im.planned, formatInteger(totals.planned)],
    [im.completed, formatInteger(totals.completed)],
    [im.inProgress, formatInteger(totals.inProgress)],
    [im.notStarted, formatInteger(totals.notStarted)],
    [im.overdue, formatInteger(totals.overdue)],
    [im.investmentStat, im.plannedVsSpent(formatWanWhole(totals.spentCents), formatWanWhole(totals.plannedCents))],
    [im.spentShare, pct(totals.plannedCents > 0 ? totals.spentCents / totals.plannedCents : null)],
  ];
  return <StatRow stats={stats} label={im.stats} />;
}

const sm = monitorMessages.satisfaction;
const grades = commonMessages.satisfaction;

const IMPLEMENTATION_COLUMNS = [
  im.selected,
  im.planned,
  im.completed,
  im.inProgress,
  im.notStarted,
  im.overdue,
  im.mostDaysLate,
  im.plannedWan,
  im.spentWan,
  sm.rated,
  grades.satisfied,
  grades["basically-satisfied"],
  grades.dissatisfied,
  sm.unrated,
];

/** 满意度测评 of an area: the projects rated, by grade, and those not rated yet. */
function SatisfactionCells({ row }: { row: SatisfactionTotals }) {
  return (
    <>
      {[row.rated, row.satisfied, row.basicallySatisfied].map((value, i) => (
        <td key={i} className="num">
          {formatInteger(value)}
        </td>
      ))}
      <td className={row.dissatisfied > 0 ? "num has-some" : "num"}>{formatInteger(row.dissatisfied)}</td>
      <td className="num">{formatInteger(row.unrated)}</td>
    </>
  );
}

function ImplementationCells({ row }: { row: ImplementationLine }) {
  return (
    <>
      {[row.selected, row.planned, row.completed, row.inProgress, row.notStarted].map((value, i) => (
        <td key={i} className="num">
          {formatInteger(value)}
        </td>
      ))}
      <td className={row.overdue > 0 ? "num has-some" : "num"}>{formatInteger(row.overdue)}</td>
      <td className="num">{row.mostDaysLate > 0 ? formatInteger(row.mostDaysLate) : dash}</td>
      <td className="num">{formatWan(row.plannedCents)}</td>
      <td className="num">{formatWan(row.spentCents)}</td>
      <SatisfactionCells row={row.satisfaction} />
    </>
  );
}

/**
 * 满意度测评: the year's projects as the deputies rated them at the next year's session — the
 * distribution, the projects rated 不满意 with their notice, and the distribution by area as bars.
 */
function SatisfactionBlock({ view }: { view: MonitorArea }) {
  const { totals, children, dissatisfied } = view.implementation;
  const rating = totals.satisfaction;
  const showCounty = view.level !== "county";
  const n = formatInteger;
  return (
    <>
      <h3 id="satisfaction-title">{sm.title}</h3>
      <p className="report-small">{sm.lead(view.year)}</p>
      {rating.rated === 0 ? (
        <p className="note">{sm.none(view.year)}</p>
      ) : (
        <>
          <p>{sm.summary(n(rating.rated), n(rating.satisfied), n(rating.basicallySatisfied), n(rating.dissatisfied), n(rating.unrated))}</p>
          <h4 id="satisfaction-dissatisfied-title">{sm.dissatisfiedTitle(n(rating.dissatisfied))}</h4>
          {dissatisfied.length < rating.dissatisfied && <p className="report-small">{sm.dissatisfiedTruncated(n(dissatisfied.length))}</p>}
          {dissatisfied.length === 0 ? (
            <p className="note">{sm.noDissatisfied}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="data-table monitor-table">
                <caption className="visually-hidden">{sm.dissatisfiedTitle(n(rating.dissatisfied))}</caption>
                <thead>
                  <tr>
                    <th scope="col">{sm.township}</th>
                    {showCounty && <th scope="col">{sm.county}</th>}
                    <th scope="col">{sm.project}</th>
                    {[grades.satisfied, grades["basically-satisfied"], grades.dissatisfied, sm.notRatedVotes, sm.of].map((label) => (
                      <th key={label} scope="col" className="num">
                        {label}
                      </th>
                    ))}
                    <th scope="col">{sm.notice}</th>
                  </tr>
                </thead>
                <tbody>
                  {dissatisfied.map((row) => (
                    <tr key={row.candidateId}>
                      <td>
                        <a href={`/townships/${row.townshipCode}`}>{row.townshipName}</a>
                      </td>
                      {showCounty && <td className="nowrap">{row.countyName}</td>}
                      <th scope="row">{row.project}</th>
                      {[row.satisfied, row.basicallySatisfied, row.dissatisfied, row.notRated].map((value, i) => (
                        <td key={i} className="num">
                          {sm.votes(value)}
                        </td>
                      ))}
                      <td className="num">{n(row.of)}</td>
                      <td className="nowrap">
                        <a href={noticeHref(row)}>{sm.noticeLink(row.noticeNo)}</a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {children.length <= 40 && (
            <div className="chart-grid">
              <SatisfactionBars
                title={sm.chart(view.childLevel ? m.childTable[view.childLevel] : im.byTownshipShort)}
                rows={children.map((row) => row.satisfaction)}
              />
            </div>
          )}
        </>
      )}
    </>
  );
}

/**
 * 民生实事项目实施: the summary, the year's selected projects by city or county (with links) or,
 * for a county, by township, then the projects late today.
 */
export function ImplementationSection({ view, linkOf }: { view: MonitorArea; linkOf?: (code: string) => string }) {
  const { totals, children, overdue, today } = view.implementation;
  const showCounty = view.level !== "county";
  return (
    <section aria-labelledby="implementation-title" className="monitor-section">
      <h2 id="implementation-title">{im.title}</h2>
      <p className="report-small">{im.lead(formatDate(today))}</p>
      <ImplementationStats totals={totals} />
      {totals.selected === 0 ? (
        <p className="note">{im.none}</p>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table monitor-table">
              <caption>{view.childLevel ? im.byArea[view.childLevel] : im.byTownship}</caption>
              <thead>
                <tr>
                  <th scope="col">{view.childLevel ? m.columns.name : im.township}</th>
                  {IMPLEMENTATION_COLUMNS.map((label) => (
                    <th key={label} scope="col" className="num">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {children.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">
                      {view.childLevel ? (
                        linkOf ? (
                          <a href={`${linkOf(row.code)}#implementation-title`}>{row.name}</a>
                        ) : (
                          row.name
                        )
                      ) : (
                        <a href={`/townships/${row.code}`}>{row.name}</a>
                      )}
                    </th>
                    <ImplementationCells row={row} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 id="implementation-overdue-title">{im.overdueTitle(formatInteger(totals.overdue))}</h3>
          {overdue.length < totals.overdue && <p className="report-small">{im.overdueTruncated(formatInteger(overdue.length))}</p>}
          {overdue.length === 0 ? (
            <p className="note">{im.noOverdue}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="data-table monitor-table">
                <caption className="visually-hidden">{im.overdueTitle(formatInteger(totals.overdue))}</caption>
                <thead>
                  <tr>
                    <th scope="col">{im.township}</th>
                    {showCounty && <th scope="col">{im.county}</th>}
                    <th scope="col">{im.project}</th>
                    <th scope="col">{im.state}</th>
                    <th scope="col" className="num">
                      {im.progress}
                    </th>
                    <th scope="col" className="num">
                      {im.overdueMilestones}
                    </th>
                    <th scope="col" className="num">
                      {im.daysLate}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overdue.map((row) => (
                    <tr key={row.candidateId}>
                      <td>
                        <a href={`/townships/${row.townshipCode}`}>{row.townshipName}</a>
                      </td>
                      {showCounty && <td className="nowrap">{row.countyName}</td>}
                      <th scope="row">{row.project}</th>
                      <td>{im.states[row.state]}</td>
                      <td className="num">{formatPercent(row.progress / 100)}</td>
                      <td className="num">{formatInteger(row.overdueMilestones)}</td>
                      <td className="num">{im.daysLateValue(row.daysLate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {/* Bars for up to 40 areas, as the coverage chart: beyond that they are too thin to read. */}
          {children.length <= 40 && (
            <div className="chart-grid">
              <ImplementationBars title={im.chart(view.childLevel ? m.childTable[view.childLevel] : im.byTownshipShort)} rows={children} />
            </div>
          )}
          <SatisfactionBlock view={view} />
        </>
      )}
    </section>
  );
}
