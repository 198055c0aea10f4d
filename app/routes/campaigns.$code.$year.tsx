/**
 * 征集页: a township's collection of proposals for a year, public. While it is open: the call, the
 * channels and the form's link; once it has closed: the funnel (收到 → 合并后 → 候选 → 选中) and
 * what became of each proposal taken in, without who proposed it.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { collectionMessages as m } from "~/messages/collection";
import { commonMessages as t } from "~/messages/common";
import { publicCampaignView, type PublicOutcome } from "~/services/collection-views.server";
import styles from "~/styles/monitor.css";
import { formatInteger } from "~/utils/format";
import { campaignParams } from "~/utils/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${m.public.metaTitle(data.township.name, data.campaign.year)} · ${t.app.title}` : t.app.title },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const at = campaignParams(params);
  const view = at && (await publicCampaignView(at.code, at.year));
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  return json(view);
}

function outcomeText(outcome: PublicOutcome): string {
  if (outcome.kind === "declined") return m.public.declined(m.declineReason[outcome.reason], outcome.note);
  const parts = [outcome.mergedWith.length > 0 ? m.public.mergedInto(outcome.project, outcome.mergedWith) : m.public.pooledAs(outcome.project)];
  if (outcome.candidate) parts.push(m.public.candidate);
  if (outcome.selected !== null) parts.push(outcome.selected ? m.public.selected : m.public.notSelected);
  return parts.join("；");
}

export default function CampaignPage() {
  const { township, campaign, phase, results } = useLoaderData<typeof loader>();
  const base = `/campaigns/${township.code}/${campaign.year}`;
  return (
    <div className="monitor campaign-page">
      <nav aria-label={t.app.home} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <span>{township.cityName}</span> › <span>{township.countyName}</span> ›{" "}
        <Link to={`/townships/${township.code}`}>{township.name}</Link>
      </nav>
      <h1>{m.public.heading(township.name, campaign.year)}</h1>
      <p className="lead">{m.public.period(campaign.opensOn, campaign.closesOn)}</p>
      <p className={phase === "open" ? "state state-held" : "state"}>
        {phase === "upcoming" ? m.public.upcoming(campaign.opensOn) : phase === "open" ? m.public.open(campaign.closesOn) : m.public.closed(campaign.closesOn)}
      </p>
      <section aria-labelledby="call-heading" className="monitor-section">
        <h2 id="call-heading" className="visually-hidden">
          {campaign.title}
        </h2>
        {campaign.callText.split("\n").map((line, index) => (
          <p key={index}>{line}</p>
        ))}
        <h3>{m.public.channels}</h3>
        <ul>
          {campaign.channels.map((channel) => (
            <li key={channel}>{m.channel[channel]}</li>
          ))}
        </ul>
        <p className="no-print">
          {phase === "open" && (
            <Link to={`${base}/propose`} className="button primary">
              {m.public.propose}
            </Link>
          )}{" "}
          <Link to={`${base}/poster`} className="button">
            {m.public.poster}
          </Link>
        </p>
      </section>
      {results === null ? (
        <p className="note">{m.public.resultsLater}</p>
      ) : (
        <>
          <section aria-labelledby="funnel-heading" className="monitor-section">
            <h2 id="funnel-heading">{m.funnel.heading}</h2>
            <ol className="funnel" aria-label={m.funnel.heading}>
              <li>
                <span className="funnel-label">{m.funnel.received}</span> <strong>{formatInteger(results.funnel.received)}</strong> {m.funnel.unit.proposals}
              </li>
              <li>
                <span className="funnel-label">{m.funnel.pooled}</span> <strong>{formatInteger(results.funnel.pooled)}</strong> {m.funnel.unit.projects}
              </li>
              <li>
                <span className="funnel-label">{m.funnel.candidates}</span> <strong>{formatInteger(results.funnel.candidates)}</strong> {m.funnel.unit.projects}
              </li>
              <li>
                <span className="funnel-label">{m.funnel.selected}</span>{" "}
                {results.voted ? (
                  <>
                    <strong>{formatInteger(results.funnel.selected)}</strong> {m.funnel.unit.projects}
                  </>
                ) : (
                  m.funnel.notVotedYet
                )}
              </li>
            </ol>
            {campaign.approvedOn && campaign.approvalDocNo && <p className="note">{m.public.approval(campaign.approvedOn, campaign.approvalDocNo)}</p>}
          </section>
          <section aria-labelledby="outcomes-heading" className="monitor-section">
            <h2 id="outcomes-heading">{m.public.outcomesHeading}</h2>
            <p className="note">{m.public.outcomesNote}</p>
            {results.outcomes.length === 0 ? (
              <p className="note">{m.public.noOutcomes}</p>
            ) : (
              <ol className="outcome-list" aria-label={m.public.outcomesHeading}>
                {results.outcomes.map((row) => (
                  <li key={row.number}>
                    <p>
                      <strong>{m.public.numberLabel(row.number)}</strong> {row.title}
                      <span className="muted">（{row.place}）</span>
                    </p>
                    <p className={row.outcome.kind === "pooled" && row.outcome.selected ? "outcome outcome-selected" : "outcome"}>{outcomeText(row.outcome)}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </div>
  );
}
