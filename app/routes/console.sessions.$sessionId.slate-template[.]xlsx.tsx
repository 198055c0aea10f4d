/** The slate import template as an Excel workbook. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { c } from "~/messages/console";
import { sessionForAction } from "~/services/console-views.server";
import { slateTemplateXlsx } from "~/services/slate-import.server";
import { requireClerkOf } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = Number(params.sessionId);
  const session = Number.isSafeInteger(sessionId) && sessionId > 0 ? await sessionForAction(sessionId) : null;
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, session.townshipId);
  const bytes = (await slateTemplateXlsx()) as Uint8Array<ArrayBuffer>;
  return new Response(bytes, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="slate-template.xlsx"; filename*=UTF-8''${encodeURIComponent("候选项目导入模板.xlsx")}`,
    },
  });
}
