/**
 * 投票回执: shown once the ballot is stored. The receipt code lets the deputy check, on the notice,
 * that their ballot was counted. A recorded round also shows the deputy's own choices; a secret
 * round cannot — nothing links the deputy to the ballot.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect } from "react";
import { useSessionEvents } from "~/components/live/session-events";
import { TabletBar } from "~/components/tablet/TabletBar";
import { TabletError } from "~/components/tablet/TabletError";
import { tabletMessages as tablet } from "~/messages/tablet";
import { markLabel, commonMessages as t } from "~/messages/common";
import { receiptView } from "~/services/public-views.server";
import { passFromToken, tabletState } from "~/services/voting.server";
import styles from "~/styles/tablet.css";
import { tabletToken } from "~/services/auth.server";
import { idParam } from "~/utils/params";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${tablet.meta.receipt} · ${t.app.title}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const pass = await passFromToken(await tabletToken(request));
  if (!pass) throw redirect("/vote");
  const url = new URL(request.url);
  const [state, view] = await Promise.all([tabletState(pass), receiptView(pass, idParam(url.searchParams.get("round")), url.searchParams.get("r"))]);
  if (!state) throw redirect("/vote");
  if (!view) throw new Response(tablet.errors.notFoundReceipt, { status: 404 });
  // The next round is open and this deputy has a ballot in it: the ballot comes first (this is also
  // how a tablet without JavaScript, refreshing itself, moves on).
  if (state.round && state.round.id !== view.round.id && state.round.issued && !state.round.voted) throw redirect("/vote/ballot");
  return json(
    {
      session: state.session,
      deputy: state.deputy,
      view,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function ReceiptPage() {
  const { session, deputy, view } = useLoaderData<typeof loader>();
  const navigate = useNavigate();

  // A tablet left on its receipt follows the session as the waiting page does: when another round
  // opens, it goes to the ballot page (which shows the ballot, or why there is none).
  const stream = useSessionEvents(session.id, (snapshot) => {
    if (snapshot.round?.status === "open" && snapshot.round.id !== view.round.id) navigate("/vote/ballot");
  });

  // The ballot is in: the marks this tablet kept for the round are no longer needed (and in a
  // secret round must not stay on a shared tablet).
  useEffect(() => {
    try {
      window.localStorage.removeItem(`minsheng:ballot:${view.sessionId}:${view.deputyId}:${view.round.id}`);
      window.localStorage.setItem(
        `minsheng:receipt:${view.sessionId}:${view.deputyId}:${view.round.id}`,
        JSON.stringify(`/vote/receipt?round=${view.round.id}&r=${encodeURIComponent(view.receipt)}`),
      );
    } catch {
      // storage unavailable
    }
  }, [view.sessionId, view.deputyId, view.round.id, view.receipt]);

  return (
    <div className="tablet">
      <TabletBar township={session.township} sessionTitle={session.title} deputyName={deputy.name} status={deputy.status} />
      <div className="tablet-body">
        <section className="tablet-panel receipt" aria-labelledby="receipt-heading">
          <h1 id="receipt-heading" className="receipt-title">
            <span aria-hidden="true">✓ </span>
            {tablet.receipt.title}
          </h1>
          <p className="tablet-lead">
            {tablet.receipt.round(view.round.number)}
            {view.round.isRunoff && `（${tablet.ballot.runoff}）`} · {view.round.secret ? tablet.ballot.secret : tablet.ballot.recorded}
          </p>
          <div className="receipt-code-box">
            <p className="receipt-code-label" id="receipt-code-label">
              {tablet.receipt.code}
            </p>
            <p className="receipt-code" aria-labelledby="receipt-code-label">
              {view.receipt}
            </p>
          </div>
          {view.choices ? (
            <>
              <p>{tablet.receipt.recordedNote}</p>
              <table className="data-table receipt-choices">
                <caption>{tablet.receipt.choicesCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tablet.receipt.project}</th>
                    <th scope="col">{tablet.receipt.yourChoice}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.choices.map((row) => (
                    <tr key={row.id} className={`review-${row.choice ?? "none"}`}>
                      <th scope="row">{row.name}</th>
                      <td>
                        {row.choice === "yes" && <span aria-hidden="true">✓ </span>}
                        {view.round.form === "choose-n"
                          ? row.choice === "yes"
                            ? tablet.choice.ticked
                            : tablet.choice.unticked
                          : markLabel(view.round.form, row.choice ?? undefined)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <p className="receipt-secret-note">{tablet.receipt.secretNote}</p>
          )}
          <p className={`tablet-stream tablet-stream-${stream}`} role="status">
            {stream === "down" ? tablet.waiting.reconnecting : stream === "live" ? tablet.receipt.live : ""}
          </p>
          <noscript>
            <meta httpEquiv="refresh" content="5" />
          </noscript>
          <div className="receipt-actions">
            <Link className="button primary tablet-big-button" to="/vote/ballot">
              {tablet.receipt.back}
            </Link>
            {view.round.noticeNo !== null && (
              <Link className="button tablet-big-button" to={`/notices/${view.sessionId}/${view.round.noticeNo}`}>
                {tablet.receipt.notice(view.round.noticeNo)}
              </Link>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <TabletError />;
}
