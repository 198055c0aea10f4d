/** The roll of votes of a recorded (记名) round as CSV. A secret round has none: 404. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { consoleMessages as c } from "~/messages/console";
import { rollCsv, rollForDownload } from "~/services/console-views.server";
import { requireClerkOf } from "~/services/auth.server";
import { download } from "~/utils/downloads";
import { idParam } from "~/utils/params";
import { downloadMessages } from "~/messages/downloads";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = idParam(params.sessionId);
  const roundId = idParam(params.roundId);
  if (!sessionId || !roundId) throw new Response(c.errors.roundNotFound, { status: 404 });
  const roll = await rollForDownload(sessionId, roundId);
  if (!roll.found) throw new Response(c.errors.roundNotFound, { status: 404 });
  await requireClerkOf(request, roll.township.id);
  if (!roll.roll) throw new Response(c.errors.rollSecret, { status: 404 });
  return download(rollCsv(roll.roll), {
    type: "csv",
    name: downloadMessages.roll(roll.township.name, roll.number),
    asciiName: `roll-${sessionId}-${roll.number}.csv`,
  });
}
