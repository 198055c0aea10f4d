/** A printable A4 summary report of a monitoring view: the same figures and tables, laid out for paper. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CollectionFunnelChart, CoverageBars, ProgressChart, TurnoutHistogram } from "~/components/monitor/Charts";
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
import { monitorMessages } from "~/messages/monitor";
import { commonMessages as t } from "~/messages/common";
import { chooseYear, monitorArea } from "~/services/monitor-views.server";
import styles from "~/styles/monitor.css";
import { formatDate, formatInteger } from "~/utils/format";
import { requireMonitorOf } from "~/services/monitor-access.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? monitorMessages.monitor.reportTitle(data.view.area.name, data.view.year) : ""} · ${t.app.title}` },
];

const m = monitorMessages.monitor;
const OVERDUE_ON_PAGE = 100;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  await requireMonitorOf(request, code);
  const url = new URL(request.url);
  const { year, years } = await chooseYear(url.searchParams.get("year"));
  const view = await monitorArea(code, year, years, "code", "asc", url.searchParams.get("by"));
  if (!view) throw new Response(m.notFound, { status: 404 });
  return json({
    view: {
      ...view,
      townships: view.level === "county" ? view.townships : [],
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
    generatedAt: new Date().toISOString(),
  });
}

export default function MonitorReport() {
  const { view, generatedAt } = useLoaderData<typeof loader>();
  return (
    <article className="monitor report">
      <p className="no-print report-actions">
        <Link to={`/monitor/${view.area.code}?year=${view.year}`}>{m.back}</Link>
      </p>
      <h1>{m.reportTitle(view.area.name, view.year)}</h1>
      <p className="report-meta">
        {m.generated(formatDate(generatedAt))} · {m.registerLine(view.register.name, formatInteger(view.register.count))}
      </p>
      <SummaryStats totals={view.totals} label={m.stats} />
      <p className="report-small">{m.yesShareNote}</p>
      {view.childLevel && <ChildrenTable view={view} />}
      {view.level === "county" && <TownshipTable rows={view.townships} />}
      <NotHeldList view={view} />
      <CongressSection view={view} />
      <AnomalySection view={view} />
      <CollectionSection view={view} chart={<CollectionFunnelChart funnel={view.collection.totals.funnel} />} />
      <ImplementationSection view={view} />
      <div className="chart-grid report-charts">
        {view.childLevel && view.children.length <= 40 && <CoverageBars title={m.coverageChart(m.childTable[view.childLevel])} rows={view.children} />}
        <TurnoutHistogram bins={view.charts.turnoutBins} count={view.charts.turnoutCount} />
        <ProgressChart points={view.charts.progress} register={view.register.count} year={view.year} />
      </div>
      <YearTable years={view.yearOverYear} />
    </article>
  );
}

export function ErrorBoundary() {
  return <MonitorError />;
}
