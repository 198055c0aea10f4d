/**
 * 征集活动 (the clerk's): a township's collection of proposals for a year — its settings, the
 * public proposals awaiting moderation, those awaiting screening, the clerk's own entry of
 * proposals, the pool (项目库), and the Party committee's approval of the candidate list (审定).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ActionAlert, FieldError, OtherIntentAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { SubmitButton } from "~/components/console/SubmitButton";
import { CHANNELS, SOURCES } from "~/domain/collection";
import { collectionMessages as m } from "~/messages/collection";
import { commonMessages as t } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { ApprovalSchema, CampaignSchema, ClerkProposalSchema, ProposalNumberSchema } from "~/schemas/collection";
import { requireClerkOfTownshipYear, staffActor } from "~/services/auth.server";
import { campaignConsoleView } from "~/services/collection-views.server";
import { approveCandidates, createCampaign, enterProposal, moderateProposal, updateCampaign } from "~/services/collection.server";
import { Refusal } from "~/services/refusal";
import { formatTime, formatWan } from "~/utils/format";
import { formToObject, parseForm, readFormData } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${m.console.heading(data.year)} · ${data.township.name} · ${c.title} · ${t.app.title}` : t.app.title },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { township, year } = await requireClerkOfTownshipYear(request, params);
  return json({ township, year, ...(await campaignConsoleView(township.id, year)) });
}

const INTENTS = ["create-campaign", "update-campaign", "enter-proposal", "admit", "remove", "approve"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const values = formToObject(form) as Record<string, string>;
  const fail = (message: string, status = 400, extra: Partial<ConsoleActionData> = {}) =>
    json<ConsoleActionData>({ ok: false, intent, message, values, ...extra }, { status });
  const done = (message: string) => json<ConsoleActionData>({ ok: true, intent, message });
  const { township, year, user } = await requireClerkOfTownshipYear(request, params);
  const actor = staffActor(user, request);
  const campaignId = async () => {
    const view = await campaignConsoleView(township.id, year);
    if (!view.campaign) throw new Refusal({ code: "campaign-not-found" });
    return view.campaign.id;
  };
  try {
    switch (intent) {
      case "create-campaign":
      case "update-campaign": {
        const parsed = parseForm(CampaignSchema, form);
        if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
        if (intent === "create-campaign") await createCampaign(actor, township.id, year, parsed.data);
        else await updateCampaign(actor, await campaignId(), parsed.data);
        return done(intent === "create-campaign" ? m.console.created : m.console.saved);
      }
      case "enter-proposal": {
        const parsed = parseForm(ClerkProposalSchema, form);
        if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
        return done(m.console.entered(await enterProposal(actor, await campaignId(), parsed.data)));
      }
      case "admit":
      case "remove": {
        const parsed = parseForm(ProposalNumberSchema, form);
        if (!parsed.ok) return fail(m.errors.badNumber);
        await moderateProposal(actor, await campaignId(), parsed.data.number, intent);
        return done(intent === "admit" ? m.console.admitted(parsed.data.number) : m.console.removed(parsed.data.number));
      }
      case "approve": {
        const parsed = parseForm(ApprovalSchema, form);
        if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
        return done(m.console.approvedDone(await approveCandidates(actor, await campaignId(), parsed.data)));
      }
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

type View = ReturnType<typeof useLoaderData<typeof loader>>;

function CampaignSettings({ view, actionData }: { view: View; actionData: ConsoleActionData | undefined }) {
  const { township, year, campaign, today } = view;
  const intent = campaign ? "update-campaign" : "create-campaign";
  const mine = actionData?.intent === intent && !actionData.ok ? actionData : undefined;
  const value = (field: string, fallback: string) => mine?.values?.[field] ?? fallback;
  const nextMonth = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const channels = new Set<string>(campaign?.channels ?? CHANNELS);
  return (
    <Form method="post" className="stack panel narrow-wide" aria-labelledby="campaign-settings-heading">
      <h2 id="campaign-settings-heading">{campaign ? m.console.editHeading : m.console.createHeading}</h2>
      <input type="hidden" name="intent" value={intent} />
      <label className="field">
        <span>{m.console.titleLabel}</span>
        <input name="title" maxLength={80} defaultValue={value("title", campaign?.title ?? m.console.titleDefault(township.name, year))} />
      </label>
      <FieldError data={actionData} intent={intent} field="title" />
      <label className="field">
        <span>{m.console.callLabel}</span>
        <textarea
          name="callText"
          rows={5}
          maxLength={1000}
          defaultValue={value("callText", campaign?.callText ?? m.console.callDefault(township.name, year))}
        />
      </label>
      <FieldError data={actionData} intent={intent} field="callText" />
      <div className="two-col">
        <label className="field">
          <span>{m.console.opensOn}</span>
          <input name="opensOn" type="date" defaultValue={value("opensOn", campaign?.opensOn ?? today)} />
        </label>
        <label className="field">
          <span>{m.console.closesOn}</span>
          <input name="closesOn" type="date" defaultValue={value("closesOn", campaign?.closesOn ?? nextMonth)} />
        </label>
      </div>
      <FieldError data={actionData} intent={intent} field="opensOn" />
      <FieldError data={actionData} intent={intent} field="closesOn" />
      <fieldset className="field">
        <legend>{m.console.channelsLabel}</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} className="check">
            <input type="checkbox" name="channels[]" value={channel} defaultChecked={channels.has(channel)} /> {m.channel[channel]}
          </label>
        ))}
      </fieldset>
      <FieldError data={actionData} intent={intent} field="channels" />
      <ActionAlert data={actionData} intent={intent} />
      <div>
        <SubmitButton className="button primary">{campaign ? m.console.save : m.console.create}</SubmitButton>
      </div>
    </Form>
  );
}

function EnterProposal({ view, actionData }: { view: View; actionData: ConsoleActionData | undefined }) {
  const form = useRef<HTMLFormElement>(null);
  const mine = actionData?.intent === "enter-proposal" ? actionData : undefined;
  useEffect(() => {
    if (mine?.ok) form.current?.reset();
  }, [mine]);
  const values = mine && !mine.ok ? (mine.values ?? {}) : {};
  const text = (name: string, label: string, multiline = false) => (
    <>
      <label className="field">
        <span>{label}</span>
        {multiline ? <textarea name={name} rows={3} defaultValue={values[name] ?? ""} /> : <input name={name} defaultValue={values[name] ?? ""} />}
      </label>
      <FieldError data={actionData} intent="enter-proposal" field={name} />
    </>
  );
  return (
    <Form method="post" className="stack panel narrow-wide" ref={form} aria-labelledby="enter-heading">
      <h2 id="enter-heading">{m.console.enterHeading}</h2>
      <p className="note">{m.console.enterLead}</p>
      <input type="hidden" name="intent" value="enter-proposal" />
      <label className="field">
        <span>{m.console.sourceLabel}</span>
        <select name="source" defaultValue={values.source ?? "deputy"}>
          {SOURCES.map((source) => (
            <option key={source} value={source}>
              {m.source[source]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{m.console.deputyLabel}</span>
        <select name="deputyId" defaultValue={values.deputyId ?? ""}>
          <option value="">{m.console.chooseDeputy}</option>
          {view.deputies.map((deputy) => (
            <option key={deputy.id} value={deputy.id}>
              {deputy.name}
            </option>
          ))}
        </select>
      </label>
      <FieldError data={actionData} intent="enter-proposal" field="deputyId" />
      {text("proposer", m.console.proposerLabel)}
      {text("title", m.form.title, true)}
      {text("place", m.form.place)}
      {text("reason", m.form.reason, true)}
      {text("cost", m.form.cost)}
      {text("village", m.form.village)}
      {text("contact", m.console.contact)}
      <ActionAlert data={actionData} intent="enter-proposal" />
      <div>
        <SubmitButton className="button primary">{m.console.enter}</SubmitButton>
      </div>
    </Form>
  );
}

function Approval({ view, actionData }: { view: View; actionData: ConsoleActionData | undefined }) {
  const { pool = [], today, campaign } = view;
  const mine = actionData?.intent === "approve" && !actionData.ok ? actionData : undefined;
  return (
    <Form
      method="post"
      className="stack panel narrow-wide"
      aria-labelledby="approval-heading"
      onSubmit={(event) => {
        const chosen = event.currentTarget.querySelectorAll('input[name="projectIds[]"]:checked').length;
        if (!window.confirm(m.console.approveConfirm(chosen))) event.preventDefault();
      }}
    >
      <h3 id="approval-heading">{m.console.approvalHeading}</h3>
      <p className="note">{m.console.approvalLead}</p>
      <input type="hidden" name="intent" value="approve" />
      <fieldset className="field">
        <legend>{m.console.poolHeading}</legend>
        {pool.map((project) => (
          <label key={project.id} className="check">
            <input type="checkbox" name="projectIds[]" value={project.id} defaultChecked={campaign?.approvedOn ? project.approved : true} />{" "}
            {m.console.projectNumber(project.number)} {project.name}
          </label>
        ))}
      </fieldset>
      <FieldError data={actionData} intent="approve" field="projectIds" />
      <div className="two-col">
        <label className="field">
          <span>{m.console.approvedOn}</span>
          <input name="approvedOn" type="date" defaultValue={mine?.values?.approvedOn ?? campaign?.approvedOn ?? today} />
        </label>
        <label className="field">
          <span>{m.console.approvalDocNo}</span>
          <input
            name="approvalDocNo"
            maxLength={60}
            placeholder={m.console.approvalDocPlaceholder}
            defaultValue={mine?.values?.approvalDocNo ?? campaign?.approvalDocNo ?? ""}
          />
        </label>
      </div>
      <FieldError data={actionData} intent="approve" field="approvedOn" />
      <FieldError data={actionData} intent="approve" field="approvalDocNo" />
      <ActionAlert data={actionData} intent="approve" />
      <div>
        <SubmitButton className="button primary">{m.console.approve}</SubmitButton>
      </div>
    </Form>
  );
}

export default function CampaignConsole() {
  const view = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<ConsoleActionData>();
  const { township, year, campaign } = view;
  const proposals = view.proposals ?? [];
  const pending = proposals.filter((proposal) => proposal.status === "pending");
  const admitted = proposals.filter((proposal) => proposal.status === "admitted");
  const base = `/console/townships/${township.code}/campaign/${year}`;
  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${township.code}`}>{township.name}</Link> › <span>{m.console.heading(year)}</span>
      </nav>
      <h1>{m.console.heading(year)}</h1>
      <OtherIntentAlert data={actionData} known={INTENTS} />
      {campaign && <ActionAlert data={actionData} intent="create-campaign" />}
      {!campaign ? (
        <>
          <p className="lead">{m.console.none(year)}</p>
          <CampaignSettings view={view} actionData={actionData} />
        </>
      ) : (
        <>
          <p className="lead">
            <span className="tag">{m.console.phase[view.phase!]}</span> {m.public.period(campaign.opensOn, campaign.closesOn)}
          </p>
          {view.funnel && (
            <p>
              {m.console.counts(view.funnel.pending, view.funnel.unscreened, view.funnel.pooled, view.funnel.declined)} ·{" "}
              {m.funnel.line(String(view.funnel.received), String(view.funnel.pooled), String(view.funnel.candidates), String(view.funnel.selected))}
            </p>
          )}
          <p>
            <Link to={`/campaigns/${township.code}/${year}`} className="button small">
              {m.console.publicPage}
            </Link>{" "}
            <Link to={`/campaigns/${township.code}/${year}/poster`} className="button small">
              {m.console.poster}
            </Link>{" "}
            <Link to={`${base}/links`} className="button small">
              {m.links.navLink}
            </Link>
          </p>
          {campaign.approvedOn && campaign.approvalDocNo && (
            <p className="state state-published">
              {m.console.approvedLine(campaign.approvedOn, campaign.approvalDocNo, (view.pool ?? []).filter((project) => project.approved).length)}
            </p>
          )}

          <section aria-labelledby="moderation-heading" className="console-section">
            <h2 id="moderation-heading">
              {m.console.moderationHeading}（{pending.length}）
            </h2>
            <p className="note">{m.console.moderationNote}</p>
            <ActionAlert data={actionData} intent={["admit", "remove"]} />
            {pending.length === 0 ? (
              <p className="note">{m.console.noPending}</p>
            ) : (
              <ol className="proposal-list">
                {pending.map((proposal) => (
                  <li key={proposal.id} className="panel">
                    <p>
                      <strong>{m.public.numberLabel(proposal.number)}</strong> {proposal.title}
                    </p>
                    <p className="muted">
                      {m.console.place}：{proposal.place} · {m.console.village}：{proposal.village ?? "—"} · {m.console.received}：
                      {formatTime(proposal.receivedAt)}
                    </p>
                    <p className="content-cell">{proposal.reason}</p>
                    {proposal.contact && (
                      <p className="muted">
                        {m.console.contact}：{proposal.contact}
                      </p>
                    )}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="number" value={proposal.number} />
                      <SubmitButton className="button small primary" name="intent" value="admit">
                        {m.console.admit}
                        <span className="visually-hidden">{m.public.numberLabel(proposal.number)}</span>
                      </SubmitButton>{" "}
                      <SubmitButton className="button small" name="intent" value="remove">
                        {m.console.remove}
                        <span className="visually-hidden">{m.public.numberLabel(proposal.number)}</span>
                      </SubmitButton>
                    </Form>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-labelledby="screening-heading" className="console-section">
            <h2 id="screening-heading">
              {m.console.screeningHeading}（{admitted.length}）
            </h2>
            {admitted.length === 0 ? (
              <p className="note">{m.console.noAdmitted}</p>
            ) : (
              <ul className="link-list">
                {admitted.map((proposal) => (
                  <li key={proposal.id}>
                    <Link to={`${base}/proposals/${proposal.number}`}>
                      {m.public.numberLabel(proposal.number)} {proposal.title}
                    </Link>{" "}
                    <span className="muted">（{m.source[proposal.source]}）</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {campaign.approvedOn ? <ActionAlert data={actionData} intent="enter-proposal" /> : <EnterProposal view={view} actionData={actionData} />}

          <section aria-labelledby="pool-heading" className="console-section">
            <h2 id="pool-heading">{m.console.poolHeading}</h2>
            <p className="note">{m.console.poolNote}</p>
            {(view.pool ?? []).length === 0 ? (
              <p className="note">{m.console.noPool}</p>
            ) : (
              <div className="table-scroll" tabIndex={0}>
                <table className="data-table">
                  <caption className="visually-hidden">{m.console.poolHeading}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.console.number}</th>
                      <th scope="col">{c.slate.name}</th>
                      <th scope="col" className="num">
                        {c.slate.investment}
                      </th>
                      <th scope="col">{c.slate.unit}</th>
                      <th scope="col">{m.console.fromProposals}</th>
                      <th scope="col">{m.console.approvedMark}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(view.pool ?? []).map((project) => (
                      <tr key={project.id}>
                        <td className="nowrap">{m.console.projectNumber(project.number)}</td>
                        <th scope="row">{project.name}</th>
                        <td className="num">{formatWan(project.investmentCents)}</td>
                        <td>{project.responsibleUnit}</td>
                        <td>{project.proposalNumbers.map((n) => m.public.numberLabel(n)).join("、")}</td>
                        <td>{project.approved ? "✓" : ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {view.phase === "closed" && (view.pool ?? []).length > 0 ? (
              <Approval view={view} actionData={actionData} />
            ) : (
              <ActionAlert data={actionData} intent="approve" />
            )}
          </section>

          <section aria-labelledby="proposals-heading" className="console-section">
            <h2 id="proposals-heading">{m.console.proposalsHeading}</h2>
            {proposals.length === 0 ? (
              <p className="note">{m.console.noProposals}</p>
            ) : (
              <div className="table-scroll" tabIndex={0}>
                <table className="data-table">
                  <caption className="visually-hidden">{m.console.proposalsHeading}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{m.console.number}</th>
                      <th scope="col">{m.console.title}</th>
                      <th scope="col">{m.console.source}</th>
                      <th scope="col">{m.console.proposer}</th>
                      <th scope="col">{m.console.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {proposals.map((proposal) => (
                      <tr key={proposal.id}>
                        <td className="nowrap">
                          {proposal.status === "pending" || proposal.status === "removed" ? (
                            m.public.numberLabel(proposal.number)
                          ) : (
                            <Link to={`${base}/proposals/${proposal.number}`}>{m.public.numberLabel(proposal.number)}</Link>
                          )}
                        </td>
                        <th scope="row">{proposal.title}</th>
                        <td>{m.source[proposal.source]}</td>
                        <td>{proposal.proposer ?? proposal.village ?? "—"}</td>
                        <td>
                          {m.status[proposal.status]}
                          {proposal.projectNumber !== null && ` · ${m.console.projectNumber(proposal.projectNumber)}`}
                          {proposal.declineReason && ` · ${m.declineReason[proposal.declineReason]}`}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <details className="console-section">
            <summary>{m.console.editHeading}</summary>
            <CampaignSettings view={view} actionData={actionData} />
          </details>
        </>
      )}
    </>
  );
}
