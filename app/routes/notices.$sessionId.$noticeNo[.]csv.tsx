/**
 * The notice as CSV (UTF-8 with BOM, so Excel opens the Chinese): a clean table, one row per
 * project in ballot order, the same figures as the notice's table plus each project's facts.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicMessages } from "~/messages/public";
import { noticeCsv, noticeView } from "~/services/public-views.server";
import { download } from "~/utils/downloads";
import { idParam } from "~/utils/params";

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await noticeView(idParam(params.sessionId), idParam(params.noticeNo));
  if (!view) throw new Response(publicMessages.notice.notFound, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const fileName = publicMessages.csv.fileName(view.township.name, view.noticeNo);
  return download(noticeCsv(view), { type: "csv", name: fileName, asciiName: `notice-${view.session.id}-${view.noticeNo}.csv`, cache: "public, max-age=300" });
}
