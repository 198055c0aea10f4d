/**
 * One voting round (表决轮次): its frozen settings, live progress, the actions its status allows
 * (open → close → confirm → publish, or void), the tally with the notice's sentences, and — for a
 * recorded round only — the roll of votes. A secret round shows who voted, never what; its key card
 * is issued and read back before it opens, and counts it after it closes (decision 006).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionAlert, useConsoleActionData, FieldError, OtherIntentAlert, type ConsoleActionData } from "~/components/console/ActionAlert";
import { AttendanceBoard } from "~/components/console/AttendanceBoard";
import { ConfirmLink, ConfirmStep, useConfirming } from "~/components/console/ConfirmStep";
import { formatTime } from "~/utils/format";
import { useLiveSnapshot } from "~/components/console/live";
import { NextStepBanner } from "~/components/console/NextStepBanner";
import { refuseRoundAction } from "~/domain/round-lifecycle";
import { KeyCard, RoundKeyCount, RoundKeyPreparation, type KeyCardView } from "~/components/console/RoundKey";
import { RollTable, TallyTable, VotersList } from "~/components/console/RoundResult";
import { SubmitButton } from "~/components/console/SubmitButton";
import { consoleMessages as c } from "~/messages/console";
import { commonMessages as t } from "~/messages/common";
import { ChiefCardSchema, PapersIssuedSchema, PapersReturnedSchema, PublishSchema, RerunOnPaperSchema, RoundKeySchema, VoidSchema } from "~/schemas/session";
import {
  closeRound,
  confirmRoundWithCard,
  countSealedRound,
  issueRoundKey,
  openRound,
  prepareRunoff,
  publishRound,
  refuseUnconfirmed,
  rerunOnPaper,
  verifyRoundKey,
  voidRound,
} from "~/services/congress-session.server";
import { roundKeyCard, roundView, sessionForAction } from "~/services/console-views.server";
import { countPaperRound } from "~/services/paper-ballots.server";
import { ChiefCardConfirm, PaperRoundSummary, RerunOnPaper } from "~/components/console/PaperRound";
import { paperRoundMessages as pr } from "~/messages/paper-round";
import { Refusal } from "~/services/refusal";
import { requireClerkOf, staffActor } from "~/services/auth.server";
import { parseForm, readFormData } from "~/utils/forms";
import { requireId } from "~/utils/params";
import { sessionConsoleMessages } from "~/messages/session-console";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? c.round.title(data.round.form, data.round.number) : ""} · ${data?.session.title ?? ""} · ${t.app.title}` },
];

function idsOf(params: { sessionId?: string; roundId?: string }) {
  return { sessionId: requireId(params.sessionId, c.errors.sessionNotFound), roundId: requireId(params.roundId, c.errors.roundNotFound) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sessionId, roundId } = idsOf(params);
  const view = await roundView(sessionId, roundId);
  if (!view) throw new Response(c.errors.roundNotFound, { status: 404 });
  await requireClerkOf(request, view.session.township.id);
  return json(view);
}

// The tally is confirmed on the chief teller's own tablet (vote.ballot), not here.
const INTENTS = ["key-issue", "key-verify", "open", "close", "count", "count-paper", "confirm-card", "publish", "void", "rerun-paper", "runoff"] as const;
type Intent = (typeof INTENTS)[number];
// 截止投票 and 发布公告 cannot be undone: they are taken only from their confirmation step
// (ConfirmStep), whose form alone carries confirmed=yes. Re-issuing a key card needs it too (the
// printed card stops working), which the service checks, as only it knows whether a card exists.
// Counting needs none: the 28-character key typed from the chief teller's card is itself the
// deliberate act, and a closed secret round has no other way on.

type RoundActionData = ConsoleActionData & { keyCard?: KeyCardView };

export async function action({ request, params }: ActionFunctionArgs) {
  const { sessionId, roundId } = idsOf(params);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "") as Intent;
  // Never cached: an answer may carry a key card's code, which exists nowhere else.
  const headers = { "Cache-Control": "no-store" };
  const fail = (message: string, status = 400, errors?: Record<string, string>) =>
    json<RoundActionData>({ ok: false, intent, message, errors }, { status, headers });
  const done = (message: string, keyCard?: KeyCardView) => json<RoundActionData>({ ok: true, intent, message, keyCard }, { headers });
  if (!INTENTS.includes(intent)) return fail(c.errors.unknownIntent);

  // validate
  let reason = "";
  if (intent === "void") {
    const parsed = parseForm(VoidSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
    reason = parsed.data.reason;
  }
  const confirmed = form.get("confirmed") === "yes";
  // A paper round's counts of papers: issued when it opens (optional), returned when it closes.
  let papersIssued: number | undefined;
  if (intent === "open" && form.has("papersIssued")) {
    const parsed = parseForm(PapersIssuedSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
    papersIssued = parsed.data.papersIssued;
  }
  let papersReturned: number | undefined;
  if (intent === "close" && confirmed && form.has("papersReturned")) {
    const parsed = parseForm(PapersReturnedSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
    papersReturned = parsed.data.papersReturned;
  }
  let chiefCode = "";
  if (intent === "confirm-card") {
    const parsed = parseForm(ChiefCardSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
    chiefCode = parsed.data.code;
  }
  let rerun: { reason: string; entryMethod: "per-ballot" | "totals" } | null = null;
  if (intent === "rerun-paper") {
    const parsed = parseForm(RerunOnPaperSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
    rerun = parsed.data;
  }
  let key = "";
  if (intent === "key-verify" || intent === "count") {
    const parsed = parseForm(RoundKeySchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
    key = parsed.data.key;
  }

  // load, authorise
  const session = await sessionForAction(sessionId);
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  const user = await requireClerkOf(request, session.townshipId);
  const actor = staffActor(user, request);
  if ((intent === "close" || intent === "publish") && !confirmed) {
    return fail((await refuseUnconfirmed(actor, intent, sessionId, roundId)).message);
  }

  // act, present
  try {
    switch (intent) {
      case "key-issue":
        return done(c.roundKey.issued, roundKeyCard(await issueRoundKey(actor, sessionId, roundId, { replace: confirmed })));
      case "key-verify":
        await verifyRoundKey(actor, sessionId, roundId, key);
        return done(c.roundKey.verified);
      case "open":
        await openRound(actor, sessionId, roundId, { papersIssued });
        return done(c.round.opened);
      case "close": {
        const status = await closeRound(actor, sessionId, roundId, { papersReturned });
        return done(status === "sealed" ? c.round.sealed : status === "entering" ? pr.close.done : c.round.closed);
      }
      case "count":
        await countSealedRound(actor, sessionId, roundId, key);
        return done(c.roundKey.counted);
      case "count-paper":
        await countPaperRound(actor, sessionId, roundId);
        return done(pr.entry.counted);
      case "confirm-card":
        await confirmRoundWithCard(actor, sessionId, roundId, chiefCode);
        return done(pr.confirm.done);
      case "rerun-paper": {
        const paperId = await rerunOnPaper(actor, sessionId, roundId, rerun!);
        return redirect(`/console/sessions/${sessionId}/rounds/${paperId}`);
      }
      case "publish": {
        // Asked on the confirmation step, so read only once the step is confirmed.
        const parsed = parseForm(PublishSchema, form);
        if (!parsed.ok) return fail(parsed.message, 400, parsed.errors);
        return done(c.round.published(await publishRound(actor, sessionId, roundId, { showsVotes: parsed.data.noticeVotes })));
      }
      case "void":
        await voidRound(actor, sessionId, roundId, reason);
        return done(c.round.voided);
      case "runoff": {
        const runoffId = await prepareRunoff(actor, sessionId, roundId);
        return redirect(`/console/sessions/${sessionId}/rounds/${runoffId}`);
      }
    }
  } catch (error) {
    if (error instanceof Refusal) {
      const keyIntent = intent === "key-verify" || intent === "count";
      const field = keyIntent ? "key" : intent === "confirm-card" ? "code" : null;
      return fail(error.message, error.status, field ? { [field]: error.message } : undefined);
    }
    throw error;
  }
}

const ACTION_INTENTS = [...INTENTS];

export default function RoundConsole() {
  const view = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<RoundActionData>();
  const { snapshot, connected } = useLiveSnapshot(view.session.id);
  const { round, session } = view;
  const liveRound = snapshot?.round?.id === round.id ? snapshot.round : null;
  const counts = liveRound ? { issued: liveRound.issued, voted: liveRound.voted } : view.counts;
  const attendance = snapshot?.attendance ?? view.attendance;
  const sessionHref = `/console/sessions/${session.id}`;
  const confirming = useConfirming();

  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${session.township.code}`}>{session.township.name}</Link> ›{" "}
        <Link to={sessionHref}>{session.title}</Link> › <span>{c.round.title(round.form, round.number)}</span>
      </nav>
      <h1>
        {c.round.title(round.form, round.number)} <span className={`round-status big ${round.status}`}>{round.statusLabel}</span>
      </h1>
      <OtherIntentAlert data={actionData} known={ACTION_INTENTS} />
      {round.runoffOf && (
        <p className="lead">
          <Link to={`${sessionHref}/rounds/${round.runoffOf.id}`}>{c.round.runoffOf(round.runoffOf.number ?? 0)}</Link>
        </p>
      )}

      <div className="console-status no-print">
        {round.status === "prepared" ? (
          <AttendanceBoard attendance={attendance} connected={connected} />
        ) : round.medium === "paper" ? (
          <div className="progress-board">
            <p className="progress-line">
              <strong>{pr.settings.papers}</strong> <span className="progress-count">{pr.settings.papersValue(round.papersIssued, round.papersReturned)}</span>
            </p>
          </div>
        ) : (
          <div className="progress-board" aria-live="polite">
            <p className="progress-line">
              <strong>{c.round.progress}</strong> <span className="progress-count">{c.round.votedOfIssued(counts.voted, counts.issued)}</span>
            </p>
            {counts.issued > 0 && (
              <progress max={counts.issued} value={counts.voted} aria-label={c.round.progress}>
                {counts.voted} / {counts.issued}
              </progress>
            )}
            {connected === false && <p className="live-off">{c.attendance.offline}</p>}
          </div>
        )}
        <NextStepBanner next={view.next} sessionId={session.id} here={round.id} />
        <ActionAlert data={actionData} intent={ACTION_INTENTS} />
      </div>

      {view.runoff && (
        <section className="runoff-panel no-print" aria-labelledby="runoff-heading">
          <h2 id="runoff-heading">{c.round.runoffPanel(view.runoff.names.join("、"), view.runoff.places)}</h2>
          {view.runoff.round ? (
            <Link className="button primary" to={`${sessionHref}/rounds/${view.runoff.round.id}`}>
              {c.round.runoffExists(view.runoff.round.number)}
            </Link>
          ) : view.runoff.canPrepare ? (
            <Form method="post">
              <input type="hidden" name="intent" value="runoff" />
              <SubmitButton className="button primary">{c.round.runoffButton}</SubmitButton>
            </Form>
          ) : null}
        </section>
      )}

      {round.sealKey && round.status === "prepared" && (
        <RoundKeyPreparation
          sealKey={round.sealKey}
          hasChief={view.chief !== null}
          card={actionData?.ok ? (actionData.keyCard ?? null) : null}
          actionData={actionData}
          confirmingReissue={confirming === "key-issue"}
        />
      )}
      {round.status === "prepared" && actionData?.ok && actionData.keyCard && (
        <KeyCard card={actionData.keyCard} sessionTitle={session.title} roundNumber={round.number} />
      )}
      {round.status === "sealed" && <RoundKeyCount actionData={actionData} />}
      {view.paper && (
        <PaperRoundSummary
          roundHref={`${sessionHref}/rounds/${round.id}`}
          entryMethod={round.entryMethod}
          entering={round.status === "entering"}
          paper={view.paper}
        />
      )}

      <RoundActions view={view} actionData={actionData} counts={counts} confirming={confirming} />

      {view.text && view.tally && view.result && (
        <section aria-labelledby="tally-heading" className="console-section">
          <h2 id="tally-heading">{c.round.tally}</h2>
          <div className="notice-text">
            {[view.text.lines[0], view.text.rule, view.text.ballots, view.text.outcome].map((line, index) => (
              <p key={index}>{line}</p>
            ))}
          </div>
          <TallyTable number={round.number} rows={view.tally} vacancies={view.result.vacancies} form={round.form} />
        </section>
      )}

      <section aria-labelledby="settings-heading" className="console-section">
        <h2 id="settings-heading">{c.round.settings}</h2>
        <dl className="settings">
          {round.form === "rating" ? (
            <div>
              <dt>{c.rating.basisLegend}</dt>
              <dd>{c.rating.basis[round.ratingBasis ?? "all"]}</dd>
            </div>
          ) : (
            <div>
              <dt>{c.round.places}</dt>
              <dd>{sessionConsoleMessages.placesSummary(round.places, round.competitive, view.candidates.length)}</dd>
            </div>
          )}
          <div>
            <dt>{c.round.form}</dt>
            <dd>{c.rounds.formLong[round.form]}</dd>
          </div>
          <div>
            <dt>{c.round.mode}</dt>
            <dd>{c.rounds.secretLabel[String(round.secret)]}</dd>
          </div>
          <div>
            <dt>{pr.settings.medium}</dt>
            <dd>{pr.settings.mediumLabel[round.medium]}</dd>
          </div>
          {round.entryMethod && (
            <div>
              <dt>{pr.settings.entry}</dt>
              <dd>{pr.settings.entryLabel[round.entryMethod]}</dd>
            </div>
          )}
          {round.medium === "tablet" && (
            <div>
              <dt>{c.round.live}</dt>
              <dd>{c.rounds.liveLabel[String(round.liveResults)]}</dd>
            </div>
          )}
          <div>
            <dt>{c.round.snapshot}</dt>
            <dd>
              {round.seated !== null && round.present !== null ? c.round.snapshotValue(round.seated, round.present) : c.round.notOpened}
              {round.openedAt && <small className="muted"> · {formatTime(round.openedAt)}</small>}
            </dd>
          </div>
          {round.closedAt && (
            <div>
              <dt>{c.round.closeRound}</dt>
              <dd>{formatTime(round.closedAt)}</dd>
            </div>
          )}
          {round.confirmedBy && (
            <div>
              <dt>{c.round.confirmRound}</dt>
              <dd>{c.round.confirmedBy(round.confirmedBy)}</dd>
            </div>
          )}
          {round.voidReason && (
            <div>
              <dt>{c.round.voidHeading}</dt>
              <dd>{c.round.voidedReason(round.voidReason)}</dd>
            </div>
          )}
        </dl>
        <p className="note">{c.round.settingsFrozen}</p>
        <div className="table-scroll" tabIndex={0}>
          <table className="data-table">
            <caption>{c.round.candidates}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {c.slate.number}
                </th>
                <th scope="col">{c.slate.name}</th>
                <th scope="col">{c.slate.unit}</th>
              </tr>
            </thead>
            <tbody>
              {view.candidates.map((candidate) => (
                <tr key={candidate.id}>
                  <td className="num">{candidate.position}</td>
                  <th scope="row">{candidate.name}</th>
                  <td>{candidate.responsibleUnit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {round.status !== "prepared" && (round.medium === "tablet" || view.roll) && (
        <section aria-labelledby="voters-heading" className="console-section">
          <h2 id="voters-heading">{round.secret || !view.roll ? c.round.voters : c.round.roll}</h2>
          {round.secret && <p className="note secret-note">{c.round.secretNote}</p>}
          {view.roll ? (
            <>
              <p className="no-print">
                <a className="button" href={`${sessionHref}/rounds/${round.id}/roll.csv`} download>
                  {c.round.rollCsv}
                </a>
              </p>
              <RollTable number={round.number} roll={view.roll} />
            </>
          ) : (
            <VotersList voted={view.voters.voted} notVoted={view.voters.notVoted} />
          )}
        </section>
      )}

      <p className="no-print">
        <Link to={sessionHref} className="button">
          {c.round.backToSession}
        </Link>
      </p>
    </>
  );
}

function RoundActions({
  view,
  actionData,
  counts,
  confirming,
}: {
  view: ReturnType<typeof useLoaderData<typeof loader>>;
  actionData: ConsoleActionData | undefined;
  /** The live counts: the confirmation says how many have not voted yet as it stands. */
  counts: { issued: number; voted: number };
  confirming: string | null;
}) {
  const { round, session } = view;
  const k = c.confirmations;
  const canVoid = refuseRoundAction(round.status, "void") === null;
  return (
    <section aria-labelledby="actions-heading" className="console-section round-actions no-print">
      <h2 id="actions-heading">{c.round.actions}</h2>
      {round.status === "prepared" && round.medium === "tablet" && (
        <Form method="post" className="action-row">
          <input type="hidden" name="intent" value="open" />
          <SubmitButton className="button primary big">{c.round.openRound}</SubmitButton>
          <span className="hint">{c.round.openHint(view.attendance.present, view.attendance.quorum)}</span>
        </Form>
      )}
      {round.status === "prepared" && round.medium === "paper" && (
        <Form method="post" className="stack">
          <p className="action-row">
            <Link className="button" to={`/console/sessions/${session.id}/rounds/${round.id}/papers`}>
              {pr.print}
            </Link>
          </p>
          <input type="hidden" name="intent" value="open" />
          <label className="field places-field">
            <span>{pr.open.issuedLabel}</span>
            <input type="number" name="papersIssued" min={0} max={view.attendance.present} inputMode="numeric" placeholder={String(view.attendance.present)} />
          </label>
          <p className="hint">{pr.open.issuedHint(view.attendance.present)}</p>
          <FieldError data={actionData} intent="open" field="papersIssued" />
          <p className="action-row">
            <SubmitButton className="button primary big">{pr.open.submit}</SubmitButton>
            <span className="hint">{c.round.openHint(view.attendance.present, view.attendance.quorum)}</span>
          </p>
        </Form>
      )}
      {round.status === "open" &&
        (confirming === "close" ? (
          <ConfirmStep intent="close" heading={k.close.heading} submit={k.close.submit}>
            {round.medium === "tablet" && (
              <p className="confirm-count" aria-live="polite">
                <strong>{k.close.notVoted(Math.max(0, counts.issued - counts.voted))}</strong> {c.round.votedOfIssued(counts.voted, counts.issued)}
              </p>
            )}
            {round.medium === "paper" ? (
              <>
                <label className="field places-field">
                  <span>{pr.close.returnedLabel}</span>
                  <input type="number" name="papersReturned" min={0} inputMode="numeric" required />
                </label>
                <p className="hint">{pr.close.returnedHint(round.papersIssued ?? 0)}</p>
                <FieldError data={actionData} intent="close" field="papersReturned" />
                <p>{pr.close.consequence}</p>
              </>
            ) : (
              <p>
                {k.close.consequence}
                {round.secret ? k.close.consequenceSecret : k.close.consequenceRecorded}
              </p>
            )}
          </ConfirmStep>
        ) : (
          <p className="action-row">
            <ConfirmLink intent="close" className="button primary big">
              {c.round.closeRound}
            </ConfirmLink>
            <span className="hint">{round.medium === "paper" ? pr.close.hint : round.secret ? c.round.closeHintSecret : c.round.closeHint}</span>
          </p>
        ))}
      {round.status === "closed" &&
        (view.chief ? (
          <>
            <p className="flash" role="status">
              {c.round.confirmOnTablet(view.chief.name)}
            </p>
            <ChiefCardConfirm chief={view.chief.name} actionData={actionData} />
          </>
        ) : (
          <p className="flash error">
            {c.round.confirmNeedsChief} <Link to={`/console/sessions/${session.id}#tellers`}>{c.tellers.heading}</Link>
          </p>
        ))}
      {round.status === "confirmed" &&
        (confirming === "publish" ? (
          <ConfirmStep intent="publish" heading={k.publish.heading} submit={k.publish.submit}>
            <p>{k.publish.consequence}</p>
            <fieldset className="choices">
              <legend>{k.publish.votesLegend}</legend>
              <label className="check">
                <input type="radio" name="noticeVotes" value="shown" defaultChecked /> <span>{k.publish.votesShown}</span>
              </label>
              <label className="check">
                <input type="radio" name="noticeVotes" value="list" /> <span>{k.publish.votesList}</span>
              </label>
              <p className="hint">{k.publish.votesNote}</p>
            </fieldset>
          </ConfirmStep>
        ) : (
          <p className="action-row">
            <ConfirmLink intent="publish" className="button primary big">
              {c.round.publish}
            </ConfirmLink>
            <span className="hint">{c.round.publishHint}</span>
          </p>
        ))}
      {round.noticeNo !== null && (
        <p>
          <a className="button primary" href={`/notices/${session.id}/${round.noticeNo}`}>
            {c.round.viewNotice(round.noticeNo)}
          </a>
        </p>
      )}
      {round.status === "voided" && (
        <p className="flash error">
          {c.round.voided} {round.voidReason && c.round.voidedReason(round.voidReason)}
        </p>
      )}
      {canVoid && round.status !== "prepared" && <RerunOnPaper medium={round.medium} secret={round.secret} actionData={actionData} />}
      {canVoid && (
        <details className="void-box" open={actionData?.intent === "void" && !actionData.ok ? true : undefined}>
          <summary>{c.round.voidHeading}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="void" />
            <label className="field">
              <span>{c.round.voidReason}</span>
              <textarea name="reason" rows={2} maxLength={200} required />
            </label>
            <FieldError data={actionData} intent="void" field="reason" />
            <div>
              <SubmitButton className="button">{c.round.voidSubmit}</SubmitButton>
            </div>
          </Form>
        </details>
      )}
    </section>
  );
}
