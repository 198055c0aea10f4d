/** The roster import template as CSV (UTF-8 with BOM, so Excel opens it correctly). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { c } from "~/messages/console";
import { townshipOfCode } from "~/services/console-views.server";
import { rosterTemplateCsv } from "~/services/roster-template.server";
import { requireClerkOf } from "~/utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const township = await townshipOfCode(params.code ?? "");
  if (!township) throw new Response(c.errors.townshipNotFound, { status: 404 });
  await requireClerkOf(request, township.id);
  return new Response(rosterTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="roster-template.csv"; filename*=UTF-8''${encodeURIComponent("代表名单导入模板.csv")}`,
    },
  });
}
