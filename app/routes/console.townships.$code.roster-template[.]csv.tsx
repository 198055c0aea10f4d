/** The roster import template as CSV (UTF-8 with BOM, so Excel opens it correctly). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { consoleMessages as c } from "~/messages/console";
import { townshipOfCode } from "~/services/console-views.server";
import { rosterTemplateCsv } from "~/services/roster-template.server";
import { requireClerkOf } from "~/services/auth.server";
import { download } from "~/utils/downloads";
import { downloadMessages } from "~/messages/downloads";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const township = await townshipOfCode(params.code ?? "");
  if (!township) throw new Response(c.errors.townshipNotFound, { status: 404 });
  await requireClerkOf(request, township.id);
  return download(rosterTemplateCsv(), { type: "csv", name: downloadMessages.rosterTemplate("csv"), asciiName: "roster-template.csv" });
}
