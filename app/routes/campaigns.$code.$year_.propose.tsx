/**
 * 提交建议: the public form of a campaign, for a phone, with or without JavaScript. Nothing sent here
 * is shown anywhere before the clerk admits it; the contact details are never shown at all. The
 * limits: the honeypot, the same text and the queue (services/collection.server.ts), and the posts
 * per address (http/write-limits.server.ts).
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { collectionMessages as m } from "~/messages/collection";
import { commonMessages as t } from "~/messages/common";
import { refusalMessage } from "~/messages/refusals";
import { PublicProposalSchema } from "~/schemas/collection";
import { deviceOf } from "~/services/auth.server";
import { campaignFormView, campaignIdOf } from "~/services/collection-views.server";
import { deputyOfLink, submitDeputyProposal, submitProposal } from "~/services/collection.server";
import { Refusal } from "~/services/refusal";
import styles from "~/styles/monitor.css";
import { parseForm, readFormData } from "~/utils/forms";
import { campaignParams } from "~/utils/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${m.form.metaTitle(data?.township.name ?? "")} · ${t.app.title}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const at = campaignParams(params);
  const view = at && (await campaignFormView(at.code, at.year));
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  const { township, campaign, phase } = view;
  // A deputy's own link (代表提交链接) carries its key: the form says whose it is, or that it is no link.
  const key = new URL(request.url).searchParams.get("key");
  const deputy = key === null ? null : await deputyOfLink(campaign.id, key.slice(0, 100));
  return json({
    township,
    campaign: { year: campaign.year, opensOn: campaign.opensOn, closesOn: campaign.closesOn },
    phase,
    link: key === null ? null : { key: key.slice(0, 100), deputy: deputy?.name ?? null },
  });
}

const FIELDS = ["title", "place", "reason", "cost", "village", "contact"] as const;
type Values = Partial<Record<(typeof FIELDS)[number], string>>;
type Result = { ok: true; number: number | null; byDeputy: boolean } | { ok: false; message: string; errors?: Record<string, string>; values: Values };

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const values: Values = Object.fromEntries(FIELDS.map((field) => [field, String(form.get(field) ?? "").slice(0, 2000)]));
  const parsed = parseForm(PublicProposalSchema, form);
  if (!parsed.ok) return json<Result>({ ok: false, message: parsed.message, errors: parsed.errors, values }, { status: 400 });
  const at = campaignParams(params);
  const campaignId = at && (await campaignIdOf(at.code, at.year));
  if (campaignId === null) throw new Response(m.public.notFound, { status: 404 });
  try {
    const key = form.get("key");
    const client = { device: deviceOf(request) };
    const sent =
      typeof key === "string" && key !== ""
        ? await submitDeputyProposal(client, campaignId, key.slice(0, 100), parsed.data)
        : await submitProposal(client, campaignId, parsed.data);
    return json<Result>({ ok: true, number: sent.number, byDeputy: typeof key === "string" && key !== "" });
  } catch (error) {
    if (error instanceof Refusal) return json<Result>({ ok: false, message: error.message, values }, { status: error.status });
    throw error;
  }
}

function Field({
  name,
  label,
  hint,
  values,
  errors,
  multiline = false,
  required = false,
  inputMode,
}: {
  name: (typeof FIELDS)[number];
  label: string;
  hint?: string;
  values: Values;
  errors: Record<string, string> | undefined;
  multiline?: boolean;
  required?: boolean;
  inputMode?: "decimal" | "text" | "tel";
}) {
  const error = errors?.[name];
  const common = { name, id: `field-${name}`, defaultValue: values[name] ?? "", "aria-invalid": error ? true : undefined, required, placeholder: hint };
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {multiline ? <textarea rows={4} maxLength={1000} {...common} /> : <input maxLength={name === "title" ? 200 : 100} inputMode={inputMode} {...common} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export default function ProposeForm() {
  const { township, campaign, phase, link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const back = `/campaigns/${township.code}/${campaign.year}`;
  if (result?.ok) {
    return (
      <div className="monitor propose-page">
        <h1>{m.form.heading}</h1>
        <p className="flash" role="status">
          {result.number === null ? m.form.sentPlain : result.byDeputy ? m.form.sentByDeputy(result.number) : m.form.sent(result.number)}
        </p>
        <p>
          <Link to={`${back}/propose${link ? `?key=${encodeURIComponent(link.key)}` : ""}`} reloadDocument className="button primary">
            {m.form.sentAgain}
          </Link>{" "}
          <Link to={back} className="button">
            {m.form.back}
          </Link>
        </p>
      </div>
    );
  }
  const values = result && !result.ok ? result.values : {};
  const errors = result && !result.ok ? result.errors : undefined;
  return (
    <div className="monitor propose-page">
      <nav aria-label={t.app.home} className="breadcrumbs">
        <Link to={back}>{m.public.heading(township.name, campaign.year)}</Link>
      </nav>
      <h1>{m.form.heading}</h1>
      <p className="lead">{m.public.period(campaign.opensOn, campaign.closesOn)}</p>
      {phase !== "open" ? (
        <p className="note">{phase === "upcoming" ? m.public.upcoming(campaign.opensOn) : m.public.closed(campaign.closesOn)}</p>
      ) : (
        <Form method="post" className="stack propose-form">
          {link && (
            <p className={link.deputy ? "flash" : "flash error"} role={link.deputy ? undefined : "alert"}>
              {link.deputy ? m.form.asDeputy(link.deputy) : refusalMessage({ code: "proposal-link-invalid" })}
            </p>
          )}
          {link && <input type="hidden" name="key" value={link.key} />}
          <p className="note">{m.form.lead}</p>
          {result && !result.ok && (
            <p className="flash error" role="alert">
              {result.message}
            </p>
          )}
          <Field name="title" label={m.form.title} hint={m.form.titleHint} values={values} errors={errors} multiline required />
          <Field name="place" label={m.form.place} hint={m.form.placeHint} values={values} errors={errors} required />
          <Field name="reason" label={m.form.reason} values={values} errors={errors} multiline required />
          <Field name="cost" label={m.form.cost} values={values} errors={errors} inputMode="decimal" />
          <Field name="village" label={m.form.village} values={values} errors={errors} />
          <Field name="contact" label={m.form.contact} values={values} errors={errors} inputMode="tel" />
          <div className="visually-hidden" aria-hidden="true">
            <label htmlFor="field-website">{m.form.honeypot}</label>
            <input id="field-website" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <div>
            <button type="submit" className="button primary large">
              {m.form.submit}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
