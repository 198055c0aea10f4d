/** /monitor: to the staffer's own area — the province for an administrator, a city or county for a monitor. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { monitorMessages } from "~/messages/monitor";
import { requireStaff } from "~/services/auth.server";
import { homeAreaOf } from "~/services/monitor-access.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const home = homeAreaOf(user);
  if (!home) throw new Response(monitorMessages.monitor.forbidden, { status: 403 });
  const search = new URL(request.url).search;
  return redirect(`/monitor/${home}${search}`);
}
