/** CSV of one table of a monitoring view (?table=children|townships|not-held|anomalies|years|collection|collection-townships|implementation|implementation-townships|implementation-overdue&year=). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { monitorMessages } from "~/messages/monitor";
import { monitorTables, tableCsv } from "~/services/monitor-exports.server";
import { chooseYear, monitorArea } from "~/services/monitor-views.server";
import { download } from "~/utils/downloads";
import { requireMonitorOf } from "~/services/monitor-access.server";
import { downloadMessages } from "~/messages/downloads";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  await requireMonitorOf(request, code);
  const url = new URL(request.url);
  const { year, years } = await chooseYear(url.searchParams.get("year"));
  const view = await monitorArea(code, year, years, url.searchParams.get("sort"), url.searchParams.get("dir"), url.searchParams.get("by"));
  if (!view) throw new Response(monitorMessages.monitor.notFound, { status: 404 });
  const id = url.searchParams.get("table") ?? "townships";
  const table = monitorTables(view).find((candidate) => candidate.id === id);
  if (!table) throw new Response(monitorMessages.monitor.notFound, { status: 404 });
  return download(tableCsv(table), {
    type: "csv",
    name: downloadMessages.monitorTable(view.area.name, year, table.title),
    asciiName: `monitor-${code}-${year}-${table.id}.csv`,
  });
}
