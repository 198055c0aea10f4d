/** 初审: one proposal of a campaign, screened into the pool (as a new project or merged into one) or declined with a reason. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionAlert, FieldError, OtherIntentAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { CandidateForm } from "~/components/console/SlateSection";
import { SubmitButton } from "~/components/console/SubmitButton";
import { DECLINE_REASONS } from "~/domain/collection";
import { collectionMessages as m } from "~/messages/collection";
import { commonMessages as t } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { CandidateInputSchema } from "~/schemas/candidate";
import { DeclineSchema, MergeSchema } from "~/schemas/collection";
import { requireClerkOfTownshipYear, staffActor } from "~/services/auth.server";
import { campaignIdOf, screeningView } from "~/services/collection-views.server";
import { declineProposal, mergeProposal, poolProposal } from "~/services/collection.server";
import { Refusal } from "~/services/refusal";
import { formatTime, formatWanPlain } from "~/utils/format";
import { formToObject, parseForm, readFormData } from "~/utils/forms";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${m.screening.metaTitle(data.proposal.number)} · ${t.app.title}` : t.app.title },
];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const { township, year, user } = await requireClerkOfTownshipYear(request, params);
  const number = idParam(params.number);
  const campaignId = await campaignIdOf(township.code, year);
  const view = campaignId === null || number === null ? null : await screeningView(campaignId, number);
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  return { township, user, view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { township, view } = await load(request, params);
  return json({ township: { code: township.code, name: township.name }, ...view });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const values = formToObject(form) as Record<string, string>;
  const fail = (message: string, status = 400, extra: Partial<ConsoleActionData> = {}) =>
    json<ConsoleActionData>({ ok: false, intent, message, values, ...extra }, { status });
  const { township, user, view } = await load(request, params);
  const actor = staffActor(user, request);
  const { campaign, proposal } = view;
  const back = `/console/townships/${township.code}/campaign/${campaign.year}`;
  try {
    if (intent === "pool") {
      const parsed = parseForm(CandidateInputSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await poolProposal(actor, campaign.id, proposal.number, parsed.data);
      return redirect(back);
    }
    if (intent === "merge") {
      const parsed = parseForm(MergeSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await mergeProposal(actor, campaign.id, proposal.number, parsed.data.projectId);
      return redirect(back);
    }
    if (intent === "decline") {
      const parsed = parseForm(DeclineSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await declineProposal(actor, campaign.id, proposal.number, parsed.data.reason, parsed.data.note);
      return redirect(back);
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

export default function Screening() {
  const { township, campaign, proposal, pool, project } = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<ConsoleActionData>();
  const back = `/console/townships/${township.code}/campaign/${campaign.year}`;
  const frozen = campaign.approvedOn !== null;
  const others = pool.filter((row) => row.id !== proposal.projectId);
  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${township.code}`}>{township.name}</Link> ›{" "}
        <Link to={back}>{m.console.heading(campaign.year)}</Link> › <span>{m.public.numberLabel(proposal.number)}</span>
      </nav>
      <h1>{m.screening.heading(proposal.number)}</h1>
      <OtherIntentAlert data={actionData} known={["pool", "merge", "decline"]} />
      <dl className="facts panel narrow-wide">
        <dt>{m.console.title}</dt>
        <dd className="content-cell">{proposal.title}</dd>
        <dt>{m.console.place}</dt>
        <dd>{proposal.place}</dd>
        <dt>{m.console.reason}</dt>
        <dd className="content-cell">{proposal.reason}</dd>
        <dt>{m.console.cost}</dt>
        <dd>{proposal.costCents === null ? "—" : formatWanPlain(proposal.costCents)}</dd>
        <dt>{m.console.source}</dt>
        <dd>
          {m.source[proposal.source]}
          {proposal.proposer && `（${proposal.proposer}）`}
        </dd>
        <dt>{m.console.village}</dt>
        <dd>{proposal.village ?? "—"}</dd>
        <dt>{m.console.contact}</dt>
        <dd>{proposal.contact ?? "—"}</dd>
        <dt>{m.console.received}</dt>
        <dd>{formatTime(proposal.receivedAt)}</dd>
        <dt>{m.console.status}</dt>
        <dd>
          {m.status[proposal.status]}
          {project && ` · ${m.console.projectNumber(project.number)} ${project.name}`}
          {proposal.declineReason && ` · ${m.declineReason[proposal.declineReason]}`}
        </dd>
      </dl>
      {frozen ? (
        <p className="note">{m.screening.frozen}</p>
      ) : proposal.status === "pending" || proposal.status === "removed" ? (
        <p className="note">{m.screening.current(m.status[proposal.status])}</p>
      ) : (
        <div className="two-col">
          <CandidateForm
            actionData={actionData}
            intent="pool"
            heading={m.screening.poolHeading}
            lead={m.screening.poolLead}
            submit={m.screening.pool}
            defaults={{
              name: proposal.title.slice(0, 60),
              content: `${proposal.title}（${proposal.place}）`,
              investment: proposal.costCents === null ? "" : String(proposal.costCents / 100),
            }}
          />
          <div className="stack">
            <Form method="post" className="stack panel" aria-labelledby="merge-heading">
              <h3 id="merge-heading">{m.screening.mergeHeading}</h3>
              <input type="hidden" name="intent" value="merge" />
              {others.length === 0 ? (
                <p className="note">{m.screening.noProjects}</p>
              ) : (
                <>
                  <label className="field">
                    <span>{m.screening.mergeLabel}</span>
                    <select name="projectId" defaultValue="">
                      <option value="">{m.screening.chooseProject}</option>
                      {others.map((row) => (
                        <option key={row.id} value={row.id}>
                          {m.console.projectNumber(row.number)} {row.name}
                        </option>
                      ))}
                    </select>
                  </label>
                  <FieldError data={actionData} intent="merge" field="projectId" />
                  <ActionAlert data={actionData} intent="merge" />
                  <div>
                    <SubmitButton className="button primary">{m.screening.merge}</SubmitButton>
                  </div>
                </>
              )}
            </Form>
            <Form method="post" className="stack panel" aria-labelledby="decline-heading">
              <h3 id="decline-heading">{m.screening.declineHeading}</h3>
              <input type="hidden" name="intent" value="decline" />
              <label className="field">
                <span>{m.screening.reasonLabel}</span>
                <select name="reason" defaultValue={proposal.declineReason ?? ""}>
                  <option value="">{m.screening.chooseReason}</option>
                  {DECLINE_REASONS.map((reason) => (
                    <option key={reason} value={reason}>
                      {m.declineReason[reason]}
                    </option>
                  ))}
                </select>
              </label>
              <FieldError data={actionData} intent="decline" field="reason" />
              <label className="field">
                <span>{m.screening.noteLabel}</span>
                <input name="note" maxLength={200} defaultValue={proposal.declineNote ?? ""} />
              </label>
              <FieldError data={actionData} intent="decline" field="note" />
              <ActionAlert data={actionData} intent="decline" />
              <div>
                <SubmitButton className="button">{m.screening.decline}</SubmitButton>
              </div>
            </Form>
          </div>
        </div>
      )}
      <p>
        <Link to={back}>{m.screening.back}</Link>
      </p>
    </>
  );
}
