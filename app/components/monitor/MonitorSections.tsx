/**
 * The sections of a monitoring view, shared by the page and its printable report. Long lists link
 * with plain anchors: a province view has hundreds of rows, and a router Link per row costs more
 * server rendering than the rest of the page (measured); the pages load whole either way.
 */
import { Link } from "@remix-run/react";
import type { AreaSortKey, AreaTotals, YearComparison } from "~/domain/coverage";
import { describeAnomaly, monitorMessages } from "~/messages/monitor";
import type { MonitorArea, TownshipRow } from "~/services/monitor-views.server";
import { formatInteger, formatPercent, formatWan, formatWanWhole } from "~/utils/format";
import { formatMessages } from "~/messages/formats";

const m = monitorMessages.monitor;
const dash = m.noData;

export const pct = (value: number | null) => (value === null ? dash : formatPercent(value));

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

export function TownshipTable({ rows, hideCaption = false }: { rows: TownshipRow[]; hideCaption?: boolean }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="data-table monitor-table">
        <caption className={hideCaption ? "visually-hidden" : undefined}>{m.townshipsTitle}</caption>
        <thead>
          <tr>
            <th scope="col">{m.township}</th>
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
                <a href={`/townships/${row.code}`}>{row.name}</a>
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
                    <a href={`/townships/${a.townshipCode}`}>{a.townshipName}</a>
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
