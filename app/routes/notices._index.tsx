/** 公告: every published notice, newest first. Public. */
import type { LinksFunction, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicMessages } from "~/messages/public";
import { commonMessages as t } from "~/messages/common";
import { publishedNotices } from "~/services/public-views.server";
import styles from "~/styles/notice.css";
import { formatDate } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${publicMessages.notices.title} · ${t.app.title}` }];

export async function loader() {
  return json({ notices: await publishedNotices() });
}

const l = publicMessages.notices;

export default function NoticesPage() {
  const { notices } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{l.title}</h1>
      <p className="lead">{l.lead}</p>
      {notices.length === 0 ? (
        <p className="note">{l.empty}</p>
      ) : (
        <table className="data-table notices-list">
          <caption>{l.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{l.township}</th>
              <th scope="col">{l.session}</th>
              <th scope="col">{l.notice}</th>
              <th scope="col" className="num">
                {l.selected}
              </th>
              <th scope="col">{l.date}</th>
            </tr>
          </thead>
          <tbody>
            {notices.map((notice) => (
              <tr key={`${notice.sessionId}-${notice.noticeNo}`}>
                <td className="nowrap">
                  {notice.township}
                  <span className="notices-county">{notice.county}</span>
                </td>
                <td>
                  {notice.sessionTitle}
                  <span className="notices-round">
                    {notice.rating ? publicMessages.screen.ratingRound(notice.roundNumber) : publicMessages.screen.round(notice.roundNumber)}
                    {notice.isRunoff && publicMessages.screen.runoff}
                  </span>
                </td>
                <th scope="row" className="nowrap">
                  <Link to={`/notices/${notice.sessionId}/${notice.noticeNo}`}>
                    <span className="visually-hidden">{publicMessages.notice.title(notice.presidium)}</span>
                    {publicMessages.notice.number(notice.noticeNo)}
                  </Link>
                </th>
                <td className="num">{notice.rating ? "—" : `${notice.selected} / ${notice.places}`}</td>
                <td className="nowrap">{formatDate(notice.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
