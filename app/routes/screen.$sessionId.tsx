/**
 * 大屏: the projector in the hall. Attendance and quorum, the current round, "已投 n / m", and the
 * results once the round's settings allow them — never anything about an individual's choice (the
 * live snapshot carries none). Updated in place over server-sent events; without JavaScript the
 * page refreshes itself every 10 s. Wording of rule and outcome comes from describeRound, the same
 * sentences the notice prints.
 *
 * The screen shows a tally before the tellers confirm it and before the notice makes it public, so
 * it opens only with the session's display link (`/screen/<id>?key=…`, opened by the clerk in the
 * console), or for the session's clerk or an administrator. The key moves from the address into a
 * cookie at once (the projector shows its address bar to the hall) and must still match the
 * session's stored hash on every request, so revoking the link ends it. Without either, the page
 * says where the published results are.
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useSessionEvents } from "~/components/live/session-events";
import { ErrorPanel } from "~/components/ui/ErrorPanel";
import { describeRound } from "~/domain/notice-text";
import { commonMessages, markChoices } from "~/messages/common";
import { outcomeLabel, publicMessages } from "~/messages/public";
import { displayKeyOpensSession } from "~/services/display-link.server";
import { liveSnapshot, type LiveRound, type LiveSnapshot } from "~/services/live.server";
import styles from "~/styles/screen.css";
import { displayCookie } from "~/services/auth.server";
import { hallOrigin } from "~/utils/env.server";
import { formatInteger } from "~/utils/format";
import { voteAddress } from "~/utils/hall-address";
import { liveAccess, sessionIdOf } from "~/services/live-access.server";
import { consoleMessages as c } from "~/messages/console";
import { screenMessages } from "~/messages/screen";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: publicMessages.screen.metaTitle(data?.snapshot.title ?? "") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionId = sessionIdOf(params.sessionId);
  if (sessionId === null) throw new Response(publicMessages.live.sessionNotFound, { status: 404 });
  const key = new URL(request.url).searchParams.get("key");
  if (key !== null) {
    const opens = await displayKeyOpensSession(sessionId, key);
    if (opens === null) throw new Response(publicMessages.live.sessionNotFound, { status: 404 });
    if (!opens) throw new Response(publicMessages.screen.linkInvalid, { status: 403 });
    throw redirect(`/screen/${sessionId}`, { headers: { "Set-Cookie": await displayCookie.serialize({ sessionId, key }) } });
  }
  const access = await liveAccess(sessionId, request.headers.get("Cookie"));
  if (!access.ok && access.status === 404) throw new Response(publicMessages.live.sessionNotFound, { status: 404 });
  if (!access.ok || access.audience.view !== "results") throw new Response(publicMessages.screen.needsLink, { status: 403 });
  const snapshot = await liveSnapshot(sessionId);
  if (!snapshot) throw new Response(publicMessages.live.sessionNotFound, { status: 404 });
  return json({ snapshot, voteAddress: voteAddress(hallOrigin(request)) }, { headers: { "Cache-Control": "no-store" } });
}

/** Refusals (no display link, a revoked one) say what to do, and point to the published results. */
export function ErrorBoundary() {
  return <ErrorPanel back={{ to: "/notices", label: publicMessages.screen.notices }} />;
}

const s = publicMessages.screen;

export default function ScreenPage() {
  const loaded = useLoaderData<typeof loader>();
  const initial = loaded.snapshot as LiveSnapshot;
  const [snapshot, setSnapshot] = useState<LiveSnapshot>(initial);
  // A reload by the no-script refresh or a client navigation brings a newer loader snapshot.
  useEffect(() => setSnapshot(initial), [initial]);
  const stream = useSessionEvents(initial.sessionId, setSnapshot);

  const { attendance, round } = snapshot;
  const screen = useFitToViewport(snapshot);
  // The clerk replaced or revoked this screen's link: it stops showing the session at once.
  if (stream === "revoked") {
    return (
      <div className="screen" ref={screen}>
        <p className="screen-waiting" role="status">
          {s.ended.revoked}
        </p>
      </div>
    );
  }
  return (
    <div className={`screen${round?.result ? " has-result" : ""}`} ref={screen}>
      <noscript>
        <meta httpEquiv="refresh" content="10" />
      </noscript>
      <header className="screen-head">
        <h1 className="screen-title">
          {!snapshot.title.startsWith(snapshot.township) && <span className="screen-township">{snapshot.township} · </span>}
          {snapshot.title}
        </h1>
        <p className={`screen-stream screen-stream-${stream}`} role="status">
          {stream === "live" ? (
            <>
              <span aria-hidden="true">● </span>
              {s.live}
            </>
          ) : stream === "down" ? (
            s.reconnecting
          ) : stream === "replaced" ? (
            s.ended.replaced
          ) : null}
        </p>
        <p className="screen-address">
          {s.voteAddress} <span className="screen-address-url">{loaded.voteAddress}</span>
        </p>
      </header>

      <dl className="screen-attendance">
        <Figure label={s.seated} value={attendance.seated} />
        <Figure label={s.present} value={attendance.present} />
        <Figure label={s.leave} value={attendance.leave} />
        <div className={`screen-quorum ${attendance.quorumMet ? "is-met" : "is-short"}`}>
          <dt className="visually-hidden">{c.attendance.quorum}</dt>
          <dd>
            <span aria-hidden="true">{attendance.quorumMet ? "✓ " : "✗ "}</span>
            {attendance.quorumMet ? s.quorumMet : s.quorumNotMet}
            <span className="screen-quorum-detail">{s.quorumDetail(attendance.quorum)}</span>
          </dd>
        </div>
      </dl>

      {round ? <RoundBoard round={round} seated={attendance.seated} present={attendance.present} /> : <p className="screen-waiting">{s.waiting}</p>}
    </div>
  );
}

/**
 * Shrinks the type (the --fit factor) until the board fits the projector without scrolling: a slate
 * of twelve long project names must still show every row and the outcome on one 720p screen. The
 * closing sentences never shrink (screen.css keeps them at 28 px or more), so the rest may go down
 * to 0.3: the table keeps its own 14 px floor.
 */
function useFitToViewport(snapshot: LiveSnapshot) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fit = () => {
      let scale = 1;
      element.style.setProperty("--fit", "1");
      while (scale > 0.3 && element.scrollHeight > window.innerHeight + 1) {
        scale = Math.round((scale - 0.05) * 100) / 100;
        element.style.setProperty("--fit", String(scale));
      }
    };
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  }, [snapshot]);
  return ref;
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="screen-figure">
      <dt>{label}</dt>
      <dd>
        {formatInteger(value)}
        <small>{s.people}</small>
      </dd>
    </div>
  );
}

function captionFor(round: LiveRound): string {
  switch (round.status) {
    case "open":
      return s.liveCaption;
    case "closed":
      return s.closedCaption;
    case "confirmed":
      return s.confirmedCaption;
    default:
      return s.publishedCaption;
  }
}

function RoundBoard({ round, seated, present }: { round: LiveRound; seated: number; present: number }) {
  const result = round.result;
  const open = round.status === "open";
  const names = Object.fromEntries(round.candidates.map((c) => [String(c.id), c.name]));
  // Ballots were issued to every deputy present when the round opened: issued = present then.
  const text = result ? describeRound(result, names, { seated, present: round.issued, places: round.places, issued: round.issued }) : null;
  const share = round.issued > 0 ? Math.min(1, round.voted / round.issued) : 0;
  const paper = round.medium === "paper";
  const marks = markChoices(round.form === "rating" ? "rating" : "per-project");
  const countText = paper ? s.returnedOf(round.voted, round.issued) : s.votedOf(round.voted, round.issued);

  return (
    <section className={`screen-round${result ? " has-result" : ""}`} aria-labelledby="screen-round-heading">
      <div className="screen-round-head">
        <h2 id="screen-round-heading">
          {round.form === "rating" ? s.ratingRound(round.number) : s.round(round.number)}
          {round.isRunoff && s.runoff} · <span className={`screen-status screen-status-${round.status}`}>{commonMessages.roundStatus[round.status]}</span>
        </h2>
        <p className="screen-round-meta">
          {round.secret ? s.secret : s.recorded} ·{" "}
          {round.form === "rating" ? screenMessages.ratingSlate(round.candidates.length) : screenMessages.slate(round.places, round.candidates.length)}
          {result && (
            <span className="screen-count-inline">
              {" · "}
              {countText}
            </span>
          )}
        </p>
      </div>

      {round.present !== null && round.present !== present && <p className="screen-issued-note">{s.issuedAtOpening(round.present, round.issued)}</p>}

      {!result && (
        <div className="screen-count" role="group" aria-label={countText}>
          <span className="screen-count-label">{paper ? s.returned : s.voted}</span>
          <span className="screen-count-number">{formatInteger(round.voted)}</span>
          <span className="screen-count-of">/ {formatInteger(round.issued)}</span>
          <div className="screen-progress" aria-hidden="true">
            <div className="screen-progress-bar" style={{ width: `${share * 100}%` }} />
          </div>
        </div>
      )}

      {result && text && (
        <>
          <table className="screen-results">
            <caption>{captionFor(round)}</caption>
            <thead>
              <tr>
                <th scope="col">{s.project}</th>
                {marks.map(({ choice, label }) => (
                  <th scope="col" className="num" key={choice}>
                    {label}
                  </th>
                ))}
                <th scope="col">{s.result}</th>
              </tr>
            </thead>
            <tbody>
              {result.projects.map((project) => {
                const selected = !open && result.roundValid && project.outcome === "selected";
                return (
                  <tr key={project.id} className={selected ? "is-selected" : project.outcome === "runoff" && !open ? "is-runoff" : undefined}>
                    <th scope="row">{names[project.id] ?? project.id}</th>
                    {marks.map(({ choice }) => (
                      <td className="num" key={choice}>
                        {formatInteger(project[choice])}
                      </td>
                    ))}
                    <td className="screen-verdict">
                      {open ? (
                        "—"
                      ) : (
                        <>
                          {selected && <span aria-hidden="true">✓ </span>}
                          {outcomeLabel(project, result.roundValid)}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="screen-text">
            <p>{text.rule}</p>
            {!open && <p>{text.ballots}</p>}
            {!open && <p className="screen-outcome">{text.outcome}</p>}
          </div>
        </>
      )}
    </section>
  );
}
