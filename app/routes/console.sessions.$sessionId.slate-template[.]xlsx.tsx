/** The slate import template as an Excel workbook. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { consoleMessages as c } from "~/messages/console";
import { sessionForAction } from "~/services/console-views.server";
import { slateTemplateXlsx } from "~/services/slate-import.server";
import { requireClerkOf } from "~/services/auth.server";
import { download } from "~/utils/downloads";
import { idParam } from "~/utils/params";
import { downloadMessages } from "~/messages/downloads";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = idParam(params.sessionId);
  const session = sessionId ? await sessionForAction(sessionId) : null;
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, session.townshipId);
  return download(await slateTemplateXlsx(), { type: "xlsx", name: downloadMessages.slateTemplate("xlsx"), asciiName: "slate-template.xlsx" });
}
