/**
 * 打印签到卡: fresh one-time sign-in codes for many deputies at once, as printable cards. Codes are
 * issued only by the POST (never on a GET) and exist only in this response: the server keeps
 * their hashes, so a reload cannot show them again.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { PassCards, type PassCardView } from "~/components/console/PassCards";
import { SubmitButton } from "~/components/console/SubmitButton";
import { consoleMessages as c } from "~/messages/console";
import { commonMessages as t } from "~/messages/common";
import { passesView, signInCard } from "~/services/console-views.server";
import { Refusal } from "~/services/refusal";
import { issueSignInCodes } from "~/services/voting.server";
import { requireClerkOf, staffActor } from "~/services/auth.server";
import { env, hallOrigin } from "~/utils/env.server";
import { parseForm, readFormData } from "~/utils/forms";
import { isLoopbackHost, voteAddress } from "~/utils/hall-address";
import { requireId } from "~/utils/params";
import { formMessages } from "~/messages/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${c.passes.heading} · ${data?.session.title ?? ""} · ${t.app.title}` }];

function sessionIdOf(params: { sessionId?: string }): number {
  return requireId(params.sessionId, c.errors.sessionNotFound);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await passesView(sessionIdOf(params));
  if (!view) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, view.session.township.id);
  const origin = hallOrigin(request);
  const hall = { address: voteAddress(origin), configured: env().HALL_URL !== undefined, loopback: isLoopbackHost(new URL(origin).hostname) };
  return json({ ...view, hall });
}

const ScopeSchema = z.object({ scope: z.enum(["present", "all"], { error: formMessages.session.passScopeRequired }) });

type PassesActionData = ConsoleActionData & { cards?: PassCardView[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const sessionId = sessionIdOf(params);
  const parsed = parseForm(ScopeSchema, await readFormData(request));
  if (!parsed.ok) return json<PassesActionData>({ ok: false, intent: "issue", message: parsed.message }, { status: 400 });
  const view = await passesView(sessionId);
  if (!view) throw new Response(c.errors.sessionNotFound, { status: 404 });
  const user = await requireClerkOf(request, view.session.township.id);
  const actor = staffActor(user, request);
  const chosen = view.roster.filter((row) => parsed.data.scope === "all" || row.status === "present");
  if (chosen.length === 0) return json<PassesActionData>({ ok: false, intent: "issue", message: c.passes.noPresent }, { status: 400 });
  // A batch never signs a tablet out: a new card does that (re-issued one by one, on the console).
  const deputies = chosen.filter((row) => !row.signedIn);
  if (deputies.length === 0) return json<PassesActionData>({ ok: false, intent: "issue", message: c.passes.allSignedIn }, { status: 409 });
  let cards: PassCardView[];
  try {
    const codes = await issueSignInCodes(
      actor,
      sessionId,
      deputies.map((deputy) => deputy.deputyId),
    );
    cards = deputies.map((deputy, i) => ({ seatNo: deputy.seatNo, ...signInCard(hallOrigin(request), deputy.name, codes[i]!) }));
  } catch (error) {
    if (error instanceof Refusal) return json<PassesActionData>({ ok: false, intent: "issue", message: error.message }, { status: error.status });
    throw error;
  }
  return json<PassesActionData>({ ok: true, intent: "issue", message: c.passes.issued(cards.length, chosen.length - deputies.length), cards });
}

export default function PassesPage() {
  const { session, roster, hall } = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<PassesActionData>();
  const present = roster.filter((row) => row.status === "present").length;
  return (
    <>
      <div className="no-print">
        <nav aria-label={c.breadcrumbs} className="breadcrumbs">
          <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${session.township.code}`}>{session.township.name}</Link> ›{" "}
          <Link to={`/console/sessions/${session.id}`}>{session.title}</Link> › <span>{c.passes.heading}</span>
        </nav>
        <h1>{c.passes.heading}</h1>
        <p className="lead">{c.passes.lead}</p>
        <p className="note">{c.passes.warning}</p>
        <p className="hall-address">
          {c.passes.hallAddress} <strong>{hall.address}</strong>
          {!hall.configured && <span> {c.passes.hallAddressFromBrowser}</span>}
        </p>
        {hall.loopback && (
          <p className="flash error" role="alert">
            {c.passes.loopback(hall.address)}
          </p>
        )}
        <div className="action-row">
          <Form method="post">
            <input type="hidden" name="scope" value="present" />
            <SubmitButton className="button primary" disabled={present === 0}>
              {c.passes.issuePresent(present)}
            </SubmitButton>
          </Form>
          <Form method="post">
            <input type="hidden" name="scope" value="all" />
            <SubmitButton className="button">{c.passes.issueAll(roster.length)}</SubmitButton>
          </Form>
        </div>
        {actionData && (
          <p className={actionData.ok ? "flash" : "flash error"} role={actionData.ok ? "status" : "alert"}>
            {actionData.message}
            {actionData.ok && (
              <button type="button" className="button primary small print-button" onClick={() => window.print()}>
                {c.passes.print}
              </button>
            )}
          </p>
        )}
      </div>
      {actionData?.ok && actionData.cards && <PassCards title={session.title} cards={actionData.cards} />}
    </>
  );
}
