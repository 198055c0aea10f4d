/**
 * 票决监测: coverage, results and anomalies of an area (province 43, a city, a county) in a year,
 * for county, city and provincial congress staff. Read-only; staff login required.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CollectionFunnelChart, CountyCoverageMap, CoverageBars, ProgressChart, TurnoutHistogram } from "~/components/monitor/Charts";
import { countyMapOf } from "~/data/county-map.server";
import { MonitorError } from "~/components/monitor/MonitorError";
import {
  AnomalySection,
  ChildrenTable,
  CollectionSection,
  CongressSection,
  ImplementationSection,
  NotHeldList,
  SummaryStats,
  TownshipTable,
  YearTable,
} from "~/components/monitor/MonitorSections";
import type { AreaSortKey } from "~/domain/coverage";
import { monitorMessages } from "~/messages/monitor";
import { commonMessages as t } from "~/messages/common";
import { exportList } from "~/services/monitor-exports.server";
import { chooseYear, monitorArea } from "~/services/monitor-views.server";
import styles from "~/styles/monitor.css";
import { formatInteger } from "~/utils/format";
import { requireMonitorOf } from "~/services/monitor-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${monitorMessages.monitor.metaTitle(data?.view.area.name ?? "")} · ${t.app.title}` }];

const m = monitorMessages.monitor;
const OVERDUE_ON_PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  await requireMonitorOf(request, code);
  const url = new URL(request.url);
  const { year, years } = await chooseYear(url.searchParams.get("year"));
  const view = await monitorArea(code, year, years, url.searchParams.get("sort"), url.searchParams.get("dir"), url.searchParams.get("by"));
  if (!view) throw new Response(m.notFound, { status: 404 });
  const exports = exportList(view);
  // The page lists every township only for a county; above that, the township rows are in the exports.
  return json({
    view: {
      ...view,
      townships: view.level === "county" ? view.townships : [],
      // The map carries the county figures.
      countyFigures: [] as typeof view.countyFigures,
      // Above a city, the county congresses are in the exports and on the map; a city lists its own (at most a dozen or so).
      congresses: { ...view.congresses, rows: view.level === "province" ? [] : view.congresses.rows },
      anomalies: view.level === "province" ? [] : view.anomalies,
      collection: { ...view.collection, townships: view.level === "county" ? view.collection.townships : [] },
      // The province's late (and 不满意) projects can run to hundreds: the page lists the most late, the exports all;
      // above a county, its township lines are only in the exports.
      implementation: {
        ...view.implementation,
        townships: view.level === "county" ? view.implementation.townships : [],
        overdue: view.implementation.overdue.slice(0, OVERDUE_ON_PAGE),
        dissatisfied: view.implementation.dissatisfied.slice(0, OVERDUE_ON_PAGE),
      },
    },
    exports,
    map: view.level === "county" ? null : countyMapOf(view.area.code, view.countyFigures, (county) => `/monitor/${county}?year=${year}`),
  });
}

export default function MonitorPage() {
  const { view, exports, map } = useLoaderData<typeof loader>();
  const base = `/monitor/${view.area.code}`;
  const by = view.byCounty ? "&by=county" : "";
  const sortHref = (key: AreaSortKey, dir: "asc" | "desc") => `${base}?year=${view.year}${by}&sort=${key}&dir=${dir}`;
  const childLink = (code: string) => `/monitor/${code}?year=${view.year}`;
  return (
    <div className="monitor">
      <nav aria-label={monitorMessages.township.trail} className="breadcrumbs">
        {view.trail.map((area) => (
          <span key={area.code}>
            <Link to={`/monitor/${area.code}?year=${view.year}`}>{area.name}</Link> ›{" "}
          </span>
        ))}
        <span>{view.area.name}</span>
      </nav>
      <h1>{m.title(view.area.name, view.year)}</h1>
      <Form method="get" className="year-form">
        <label className="field inline">
          <span>{m.yearLabel}</span>
          <select name="year" defaultValue={view.year}>
            {view.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button small">
          {m.show}
        </button>
      </Form>
      <p className="note">
        {m.registerLine(view.register.name, formatInteger(view.register.count))} {m.readOnly}
      </p>
      <SummaryStats totals={view.totals} label={m.stats} />
      <p className="report-small">{m.yesShareNote}</p>

      <NotHeldList view={view} />

      {view.childLevel && (
        <section aria-labelledby="children-title" className="monitor-section">
          <h2 id="children-title">{m.childTable[view.childLevel]}</h2>
          {view.level === "province" && (
            <p>
              {view.byCounty ? (
                <Link to={`${base}?year=${view.year}`} className="view-switch">
                  {m.byCity}
                </Link>
              ) : (
                <Link to={`${base}?year=${view.year}&by=county`} className="view-switch">
                  {m.byCounty}
                </Link>
              )}
            </p>
          )}
          {map && <CountyCoverageMap map={map} area={view.area.name} />}
          <ChildrenTable view={view} sortHref={sortHref} linkOf={childLink} hideCaption />
        </section>
      )}

      {view.level === "county" && (
        <section aria-labelledby="townships-title" className="monitor-section">
          <h2 id="townships-title">{m.townshipsTitle}</h2>
          <TownshipTable rows={view.townships} hideCaption />
        </section>
      )}

      <CongressSection view={view} />

      <CollectionSection view={view} linkOf={childLink} chart={<CollectionFunnelChart funnel={view.collection.totals.funnel} />} />

      <ImplementationSection view={view} linkOf={childLink} />

      <AnomalySection view={view} />

      <section aria-labelledby="charts-title" className="monitor-section">
        <h2 id="charts-title">{m.chartsTitle}</h2>
        <div className="chart-grid">
          {view.childLevel && view.children.length <= 40 && (
            <CoverageBars title={m.coverageChart(m.childTable[view.childLevel])} rows={[...view.children].sort((a, b) => a.code.localeCompare(b.code))} />
          )}
          <TurnoutHistogram bins={view.charts.turnoutBins} count={view.charts.turnoutCount} />
          <ProgressChart points={view.charts.progress} register={view.register.count} year={view.year} />
        </div>
      </section>

      <YearTable years={view.yearOverYear} />

      <section aria-labelledby="exports-title" className="monitor-section no-print">
        <h2 id="exports-title">{m.exports}</h2>
        <ul className="export-links">
          {exports.map((table) => (
            <li key={table.id}>
              <a className="button small" href={`${base}/export.csv?year=${view.year}${by}&table=${table.id}`} download>
                {m.exportCsv(table.title)}
              </a>
            </li>
          ))}
          <li>
            <a className="button small" href={`${base}/export.xlsx?year=${view.year}${by}`} download>
              {m.exportXlsx}
            </a>
          </li>
          <li>
            <Link className="button small primary" to={`${base}/report?year=${view.year}${by}`}>
              {m.report}
            </Link>
          </li>
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <MonitorError />;
}
