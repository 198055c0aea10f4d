/** 乡镇 or 县级人大: a congress's sessions by year, each with its published notices (公告). */
import { Link } from "@remix-run/react";
import { implementationMessages } from "~/messages/implementation";
import { monitorMessages } from "~/messages/monitor";
import type { townshipPage } from "~/services/monitor-views.server";
import { formatDate } from "~/utils/format";
import type { SerializeFrom } from "@remix-run/node";

const l = monitorMessages.township;

type Years = SerializeFrom<NonNullable<Awaited<ReturnType<typeof townshipPage>>>>["years"];

/** `nested`: the list sits under a heading of its own (the county page), so its headings go one level down. */
export function CongressSessions({ code, years, empty, nested = false }: { code: string; years: Years; empty: string; nested?: boolean }) {
  const YearHeading = nested ? "h3" : "h2";
  const SessionHeading = nested ? "h4" : "h3";
  return years.length === 0 ? (
    <p className="note">{empty}</p>
  ) : (
    <>
      {years.map(({ year, sessions }) => (
        <section key={year} aria-labelledby={`year-${year}`} className="monitor-section">
          <YearHeading id={`year-${year}`}>{l.sessionsOf(year)}</YearHeading>
          {sessions.some((session) => session.notices.length > 0) && (
            <p>
              <Link to={`/progress/${code}/${year}`} className="button small">
                {implementationMessages.public.link(year)}
              </Link>
            </p>
          )}
          <ul className="session-list">
            {sessions.map((session) => (
              <li key={session.id} className="session-card">
                <SessionHeading>{session.title}</SessionHeading>
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
      ))}
    </>
  );
}
