/** The roster import template as an Excel workbook. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { consoleMessages as c } from "~/messages/console";
import { townshipOfCode } from "~/services/console-views.server";
import { rosterTemplateXlsx } from "~/services/roster-template.server";
import { requireClerkOf } from "~/services/auth.server";
import { download } from "~/utils/downloads";
import { downloadMessages } from "~/messages/downloads";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const township = await townshipOfCode(params.code ?? "");
  if (!township) throw new Response(c.errors.townshipNotFound, { status: 404 });
  await requireClerkOf(request, township.id);
  return download(await rosterTemplateXlsx(), { type: "xlsx", name: downloadMessages.rosterTemplate("xlsx"), asciiName: "roster-template.xlsx" });
}
