/**
 * 公告: the presidium's numbered notice of a round's result, public and printable on A4. The rule
 * and outcome sentences come from describeRound, so the notice, the big screen and the CSV agree.
 * Lists the receipt codes of the round's ballots, never a name beside a choice. The township
 * chooses at publication whether it prints each project's votes or only the selected projects; the
 * tellers who confirmed the count sign with the presidium.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { ReceiptList, SelectedTable, VotesTable } from "~/components/notice/NoticeTables";
import { publicMessages } from "~/messages/public";
import { noticeView } from "~/services/public-views.server";
import styles from "~/styles/notice.css";
import { formatDate } from "~/utils/format";
import { idParam } from "~/utils/params";
import { monitorMessages } from "~/messages/monitor";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? publicMessages.notice.metaTitle(data.presidium, data.noticeNo) : publicMessages.notice.notFound },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await noticeView(idParam(params.sessionId), idParam(params.noticeNo));
  if (!view) throw new Response(publicMessages.notice.notFound, { status: 404 });
  return json(view);
}

const n = publicMessages.notice;

export default function NoticePage() {
  const view = useLoaderData<typeof loader>();
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  const { round, text } = view;
  const rating = round.form === "rating";
  return (
    <div className="notice-page">
      <nav aria-label={monitorMessages.township.trail} className="breadcrumbs notice-nav">
        <Link to="/notices">{n.allNotices}</Link> › <span>{n.number(view.noticeNo)}</span>
      </nav>
      <article className="notice" aria-labelledby="notice-title">
        <header className="notice-head">
          <h1 id="notice-title">
            {rating ? n.ratingTitle(view.presidium) : n.title(view.presidium)}
            <span className="notice-no">{n.number(view.noticeNo)}</span>
          </h1>
        </header>
        <p className="notice-para">
          {rating
            ? n.ratingIntro(
                view.session.title,
                formatDate(view.session.meetingDate),
                view.session.place,
                round.number,
                view.township.name,
                round.ratedYear,
                round.medium,
              )
            : n.intro(view.session.title, formatDate(view.session.meetingDate), view.session.place, round.number, round.isRunoff, round.secret, round.medium)}
        </p>
        <p className="notice-para">
          {rating ? n.ratingSlate(view.projects.length) : n.slate(round.places, view.projects.length)}
          {text.lines[0]}
          {text.rule}
          {text.ballots}
        </p>
        {(view.showsVotes || rating) && <VotesTable projects={view.projects} form={round.form} />}
        <p className="notice-para notice-outcome">{text.outcome}</p>
        {!rating && <SelectedTable projects={view.selected} />}
        {round.medium === "tablet" && (
          <section className="notice-receipts" aria-labelledby="receipts-heading">
            <h2 id="receipts-heading">{n.receiptsHeading}</h2>
            <ReceiptList receipts={view.receipts} />
            <p className="no-print">
              <Link to="/receipts">{n.checkReceipt}</Link>
            </p>
          </section>
        )}
        {view.integrity && (
          <section className="notice-integrity" aria-labelledby="integrity-heading">
            <h2 id="integrity-heading">{n.integrityHeading}</h2>
            <p>{n.anchor(view.integrity.anchorEntryId, view.integrity.anchorHash)}</p>
            <p>{n.ballotsDigest(view.integrity.ballotsDigest)}</p>
            <p className="notice-integrity-note">{n.integrityNote}</p>
          </section>
        )}
        <footer className="notice-sign">
          {view.tellers && <p className="notice-tellers">{n.tellers(view.tellers)}</p>}
          <p>{view.presidium}</p>
          <p>{formatDate(view.publishedAt)}</p>
        </footer>
      </article>
      <p className="notice-actions">
        <a className="button" href={`/notices/${view.session.id}/${view.noticeNo}.csv`} download>
          {n.download}
        </a>
        {canPrint && (
          <button className="button" type="button" onClick={() => window.print()}>
            {n.print}
          </button>
        )}
      </p>
    </div>
  );
}
