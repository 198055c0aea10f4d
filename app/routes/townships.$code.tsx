/** 乡镇: a township's sessions by year, each with its published notices (公告). Public. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { collectionMessages } from "~/messages/collection";
import { implementationMessages } from "~/messages/implementation";
import { monitorMessages } from "~/messages/monitor";
import { commonMessages as t } from "~/messages/common";
import { townshipPage } from "~/services/monitor-views.server";
import styles from "~/styles/monitor.css";
import { formatDate } from "~/utils/format";
import { consoleMessages as c } from "~/messages/console";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.township.name ?? ""} · ${t.app.title}` }];

const l = monitorMessages.township;

export async function loader({ params }: LoaderFunctionArgs) {
  const page = /^\d{9}$/.test(params.code ?? "") ? townshipPage(params.code!) : null;
  if (!page) throw new Response(c.errors.townshipNotFound, { status: 404 });
  return json(page);
}

export default function TownshipPage() {
  const { township, years, campaignYears } = useLoaderData<typeof loader>();
  return (
    <div className="monitor">
      <nav aria-label={l.trail} className="breadcrumbs">
        <Link to="/">{t.register.province}</Link> › <Link to={`/cities/${township.cityCode}`}>{township.cityName}</Link> ›{" "}
        <Link to={`/counties/${township.countyCode}`}>{township.countyName}</Link> › <span>{township.name}</span>
      </nav>
      <h1>
        {township.name} <small className="tag">{township.kind}</small>
      </h1>
      <p className="lead">
        {l.code} {township.code}
        {township.retired && <span className="tag">{l.retired}</span>}
      </p>
      {campaignYears.length > 0 && (
        <section aria-labelledby="campaigns-heading" className="monitor-section">
          <h2 id="campaigns-heading">{collectionMessages.console.sectionHeading}</h2>
          <ul className="notice-links">
            {campaignYears.map((year) => (
              <li key={year}>
                <Link to={`/campaigns/${township.code}/${year}`} className="button small">
                  {collectionMessages.console.navLink(year)}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {years.length === 0 ? (
        <p className="note">{l.noSessions}</p>
      ) : (
        years.map(({ year, sessions }) => (
          <section key={year} aria-labelledby={`year-${year}`} className="monitor-section">
            <h2 id={`year-${year}`}>{l.sessionsOf(year)}</h2>
            {sessions.some((session) => session.notices.length > 0) && (
              <p>
                <Link to={`/progress/${township.code}/${year}`} className="button small">
                  {implementationMessages.public.link(year)}
                </Link>
              </p>
            )}
            <ul className="session-list">
              {sessions.map((session) => (
                <li key={session.id} className="session-card">
                  <h3>{session.title}</h3>
                  <p className="muted">
                    {l.meetingDate}：{formatDate(session.meetingDate)} · {l.place}：{session.place}
                  </p>
                  {session.notices.length === 0 ? (
                    <p className="state state-not-held">{session.held ? l.noNotice : l.notHeld}</p>
                  ) : (
                    <ul className="notice-links">
                      {session.notices.map((notice) => (
                        <li key={notice.noticeNo}>
                          <Link to={`/notices/${session.id}/${notice.noticeNo}`} className="button small">
                            {l.notice(notice.noticeNo)}
                          </Link>{" "}
                          <span className="muted">
                            {notice.rating ? l.ratingRound(notice.roundNumber) : l.round(notice.roundNumber, notice.isRunoff)}
                            {notice.publishedAt && ` · ${formatDate(notice.publishedAt)}`}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
