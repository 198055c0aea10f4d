/** Every table of a monitoring view as one Excel workbook, a sheet per table. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { monitorMessages } from "~/messages/monitor";
import { monitorTables, tablesXlsx } from "~/services/monitor-exports.server";
import { chooseYear, monitorArea } from "~/services/monitor-views.server";
import { download } from "~/utils/downloads";
import { requireMonitorOf } from "~/services/monitor-access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  await requireMonitorOf(request, code);
  const url = new URL(request.url);
  const { year, years } = await chooseYear(url.searchParams.get("year"));
  const view = await monitorArea(code, year, years, url.searchParams.get("sort"), url.searchParams.get("dir"), url.searchParams.get("by"));
  if (!view) throw new Response(monitorMessages.monitor.notFound, { status: 404 });
  const title = monitorMessages.monitor.reportTitle(view.area.name, year);
  const body = await tablesXlsx(title, monitorTables(view));
  return download(body, { type: "xlsx", name: `${title}.xlsx`, asciiName: `monitor-${code}-${year}.xlsx` });
}
