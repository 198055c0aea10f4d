/** The slate import template as an Excel workbook. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { consoleMessages as c } from "~/messages/console";
import { sessionForAction } from "~/services/console-views.server";
import { slateTemplateXlsx } from "~/services/slate-import.server";
import { requireClerkOf } from "~/utils/auth.server";
import { download } from "~/utils/downloads";
import { idParam } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = idParam(params.sessionId);
  const session = sessionId ? await sessionForAction(sessionId) : null;
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, session.townshipId);
  return download(await slateTemplateXlsx(), { type: "xlsx", name: "候选项目导入模板.xlsx", asciiName: "slate-template.xlsx" });
}
