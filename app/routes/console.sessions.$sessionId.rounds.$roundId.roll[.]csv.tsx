/** The roll of votes of a recorded (记名) round as CSV. A secret round has none: 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { c } from "~/messages/console";
import { rollCsv, rollForDownload } from "~/services/console-views.server";
import { requireClerkOf } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = Number(params.sessionId);
  const roundId = Number(params.roundId);
  if (!Number.isSafeInteger(sessionId) || !Number.isSafeInteger(roundId)) throw new Response(c.errors.roundNotFound, { status: 404 });
  const download = await rollForDownload(sessionId, roundId);
  if (!download.found) throw new Response(c.errors.roundNotFound, { status: 404 });
  await requireClerkOf(request, download.township.id);
  if (!download.roll) throw new Response(c.errors.rollSecret, { status: 404 });
  const fileName = `${download.township.name}-第${download.number}轮表决记录.csv`;
  return new Response(rollCsv(download.roll), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roll-${sessionId}-${download.number}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
