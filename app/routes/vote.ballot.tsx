/**
 * The deputy's ballot on the tablet. One screen: check in, wait for the round, mark every project,
 * review, confirm. Works without JavaScript (review is then a server round-trip: intent=review
 * renders the review with the marks in hidden fields, intent=confirm casts). With JavaScript the
 * review is a client panel, the marks are kept in localStorage on every change, and the ballot is
 * sent to /vote/cast (app/http/tablet-contract.ts) and retried with the same ballot key when the
 * hall's Wi-Fi drops — the service
 * answers a retry with the original receipt, so a double tap, a retry or a second tab never makes
 * a second ballot.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigate, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { useSessionEvents } from "~/components/live/session-events";
import { ConfirmTallyPanel } from "~/components/tablet/ConfirmTallyPanel";
import { ProjectCard } from "~/components/tablet/ProjectCard";
import { ReviewActions, ReviewPanel } from "~/components/tablet/ReviewPanel";
import { SwitchDeputyPanel } from "~/components/tablet/SwitchDeputy";
import { TabletBar } from "~/components/tablet/TabletBar";
import { TabletError } from "~/components/tablet/TabletError";
import { reviewBallot, type BallotReview } from "~/domain/ballot";
import type { BallotForm, Choice } from "~/domain/tally";
import { tabletMessages as tablet } from "~/messages/tablet";
import { commonMessages as t } from "~/messages/common";
import { recordId } from "~/schemas/numbers";
import { newBallotKey } from "~/services/receipt.server";
import { Refusal } from "~/services/refusal";
import { handleBallotPost } from "~/services/ballot-post.server";
import { TABLET_CAST_PATH, type TabletCast, type TabletCastAnswer } from "~/http/tablet-contract";
import { confirmRound } from "~/services/congress-session.server";
import { checkInOnTablet, passFromToken, signOutTablet, tabletState } from "~/services/voting.server";
import styles from "~/styles/tablet.css";
import { deviceOf, tabletCookie, tabletToken } from "~/services/auth.server";
import { formToObject, parseForm, readFormData } from "~/utils/forms";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${tablet.meta.ballot} · ${t.app.title}` }];

type ActionResult =
  | { ok: false; message: string }
  | { ok: true; step: "review" | "edit"; roundId: number; ballotKey: string; choices: Record<string, Choice>; review: BallotReview }
  | { ok: true; step: "tally-confirmed"; message: string };

/** The chief teller's confirmation of a counted round: the round, and the box ticked. */
const ConfirmTallySchema = z.object({
  roundId: recordId(tablet.errors.roundGone),
  checked: z.literal("yes", { error: tablet.confirmTally.mustCheck }),
});

async function signedOut() {
  return redirect("/vote", { headers: { "Set-Cookie": await tabletCookie.serialize("", { maxAge: 0 }) } });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pass = await passFromToken(await tabletToken(request));
  if (!pass) throw redirect("/vote");
  const state = await tabletState(pass);
  if (!state) throw await signedOut();
  // A fresh key for a ballot not yet cast; the tablet's script keeps the first key it saw for this
  // round in localStorage and uses that one instead, so a reload never changes the key.
  const votable = state.round !== null && state.round.issued && !state.round.voted;
  return json({ state, ballotKey: votable ? newBallotKey() : null }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "signout") {
    // Only the confirmation panel's form signs out: the card stops working (SwitchDeputyPanel).
    if (formData.get("confirmed") !== "yes") return json<ActionResult>({ ok: false, message: tablet.switchDeputy.unconfirmed }, { status: 400 });
    await signOutTablet(await tabletToken(request));
    return signedOut();
  }

  const pass = await passFromToken(await tabletToken(request));
  if (!pass) throw redirect("/vote");

  if (intent === "checkin") {
    try {
      await checkInOnTablet(pass, deviceOf(request));
    } catch (error) {
      if (error instanceof Refusal) return json<ActionResult>({ ok: false, message: error.message }, { status: error.status });
      throw error;
    }
    return redirect("/vote/ballot");
  }

  if (intent === "confirm-tally") {
    const parsed = parseForm(ConfirmTallySchema, formData);
    if (!parsed.ok) return json<ActionResult>({ ok: false, message: parsed.message }, { status: 400 });
    try {
      await confirmRound(pass, deviceOf(request), parsed.data.roundId);
    } catch (error) {
      if (error instanceof Refusal) return json<ActionResult>({ ok: false, message: error.message }, { status: error.status });
      throw error;
    }
    return json<ActionResult>({ ok: true, step: "tally-confirmed", message: tablet.confirmTally.done });
  }

  const result = await handleBallotPost(pass, deviceOf(request), formToObject(formData));
  switch (result.kind) {
    case "refused":
      return json<ActionResult>({ ok: false, message: result.message }, { status: result.status });
    case "review":
      return json<ActionResult>({
        ok: true,
        step: result.step,
        roundId: result.roundId,
        ballotKey: result.ballotKey,
        choices: result.choices,
        review: result.review,
      });
    case "cast":
      return redirect(result.receiptUrl);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type TabletRound = NonNullable<LoaderData["state"]["round"]>;

export default function BallotPage() {
  const { state, ballotKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const [searchParams] = useSearchParams();
  const { session, deputy, round } = state;

  // Reload the tablet's state when the round it shows opens, closes or changes, or, before
  // check-in, on any change (the clerk may check the deputy in from the console).
  // The chief teller's tablet also follows a round being counted and confirmed.
  const stream = useSessionEvents(session.id, (snapshot) => {
    const openNow = snapshot.round && snapshot.round.status === "open" ? snapshot.round.id : null;
    const shown = round?.id ?? state.paperRound?.id ?? null;
    const awaitingNow = snapshot.round && snapshot.round.status === "closed" ? snapshot.round.id : null;
    const confirmationChanged = state.isChiefTeller && awaitingNow !== (state.confirmation?.roundId ?? null);
    if ((openNow !== shown || deputy.status !== "present" || confirmationChanged) && revalidator.state === "idle") revalidator.revalidate();
  });

  const refusal = actionData && !actionData.ok ? actionData.message : null;
  const confirmed = actionData && actionData.ok && actionData.step === "tally-confirmed" ? actionData.message : null;

  let content: React.ReactNode;
  if (searchParams.get("confirm") === "signout") content = <SwitchDeputyPanel deputyName={deputy.name} />;
  else if (deputy.status !== "present") content = <CheckInPanel onLeave={deputy.status === "leave"} />;
  else if (!round && state.confirmation) content = <ConfirmTallyPanel tally={state.confirmation} />;
  else if (!round && state.paperRound)
    content = (
      <WaitingPanel title={tablet.paperRound.title(state.paperRound.number)} lead={tablet.paperRound.lead} live={tablet.paperRound.live} stream={stream} />
    );
  else if (!round) content = <WaitingPanel title={tablet.waiting.title} lead={tablet.waiting.lead} live={tablet.waiting.live} stream={stream} />;
  else if (!round.issued) content = <WaitingPanel title={tablet.notIssued.title} lead={tablet.notIssued.lead} live={tablet.notIssued.live} stream={stream} />;
  else if (round.voted) content = <VotedPanel sessionId={session.id} deputyId={deputy.id} round={round} />;
  else {
    const fromAction =
      actionData && actionData.ok && (actionData.step === "review" || actionData.step === "edit") && actionData.roundId === round.id ? actionData : null;
    content = (
      <Ballot
        key={round.id}
        sessionId={session.id}
        deputyId={deputy.id}
        round={round}
        loaderKey={fromAction?.ballotKey ?? ballotKey ?? ""}
        fromAction={fromAction}
      />
    );
  }

  return (
    <div className="tablet">
      <TabletBar township={session.township} sessionTitle={session.title} deputyName={deputy.name} status={deputy.status} />
      <div className="tablet-body">
        {refusal && (
          <p className="flash error tablet-alert" role="alert">
            {refusal}
          </p>
        )}
        {confirmed && (
          <p className="flash tablet-alert" role="status">
            {confirmed}
          </p>
        )}
        {content}
      </div>
    </div>
  );
}

function CheckInPanel({ onLeave }: { onLeave: boolean }) {
  const busy = useNavigation().state !== "idle";
  return (
    <section className="tablet-panel" aria-labelledby="checkin-heading">
      <h1 id="checkin-heading">{tablet.checkIn.title}</h1>
      <p className="tablet-lead">{onLeave ? tablet.checkIn.onLeave : tablet.checkIn.lead}</p>
      <Form method="post">
        <button className="button primary tablet-big-button" type="submit" name="intent" value="checkin" disabled={busy}>
          {busy ? tablet.checkIn.submitting : tablet.checkIn.button}
        </button>
      </Form>
      <noscript>
        <meta httpEquiv="refresh" content="5" />
      </noscript>
    </section>
  );
}

function WaitingPanel({ title, lead, live, stream }: { title: string; lead: string; live: string; stream: string }) {
  return (
    <section className="tablet-panel tablet-waiting" aria-labelledby="waiting-heading">
      <h1 id="waiting-heading">{title}</h1>
      <p className="tablet-lead">{lead}</p>
      <p className={`tablet-stream tablet-stream-${stream}`} role="status">
        {stream === "down" ? tablet.waiting.reconnecting : stream === "live" ? live : ""}
      </p>
      <noscript>
        <meta httpEquiv="refresh" content="5" />
        <p className="tablet-lead">{tablet.waiting.noscript}</p>
      </noscript>
    </section>
  );
}

function VotedPanel({ sessionId, deputyId, round }: { sessionId: number; deputyId: number; round: TabletRound }) {
  const [receiptUrl, setReceiptUrl] = useState<string | null>(round.secret ? null : `/vote/receipt?round=${round.id}`);
  useEffect(() => {
    const receiptKey = receiptStorageKey(sessionId, deputyId, round.id);
    const saved = readStorage(receiptKey);
    if (typeof saved === "string" && saved.startsWith("/vote/receipt?")) {
      setReceiptUrl(saved);
      return;
    }
    // The ballot went in but its answer was lost (the Wi-Fi dropped at the wrong moment). Sending
    // the same ballot key again is answered with the original receipt, and stores nothing new.
    const ballotKey = ballotStorageKey(sessionId, deputyId, round.id);
    const pending = readSavedBallot(ballotKey);
    if (!pending) return;
    let cancelled = false;
    void postBallot(round.id, round.form, pending.ballotKey, pending.choices).then((outcome) => {
      if (cancelled || outcome.kind !== "cast") return;
      removeStorage(ballotKey);
      writeStorage(receiptKey, outcome.receiptUrl);
      setReceiptUrl(outcome.receiptUrl);
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId, deputyId, round.id, round.form]);
  return (
    <section className="tablet-panel" aria-labelledby="voted-heading">
      <h1 id="voted-heading">
        <span aria-hidden="true">✓ </span>
        {tablet.voted.title}
      </h1>
      <p className="tablet-lead">
        {tablet.ballot.round(round.number)} · {tablet.voted.lead}
      </p>
      {receiptUrl && (
        <Link className="button primary tablet-big-button" to={receiptUrl}>
          {tablet.voted.receipt}
        </Link>
      )}
    </section>
  );
}

// ---- the ballot ----

interface SavedBallot {
  ballotKey: string;
  choices: Record<string, Choice>;
  savedAt: number;
}

function ballotStorageKey(sessionId: number, deputyId: number, roundId: number) {
  return `minsheng:ballot:${sessionId}:${deputyId}:${roundId}`;
}
function receiptStorageKey(sessionId: number, deputyId: number, roundId: number) {
  return `minsheng:receipt:${sessionId}:${deputyId}:${roundId}`;
}

function readStorage(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as unknown);
  } catch {
    return null; // private mode, full storage or a corrupt entry: carry on without it
  }
}
function writeStorage(key: string, value: unknown) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage unavailable: the marks live on in the page
  }
}
function removeStorage(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // ignore
  }
}

function readSavedBallot(key: string): SavedBallot | null {
  const value = readStorage(key) as Partial<SavedBallot> | null;
  if (!value || typeof value.ballotKey !== "string" || !/^[A-Za-z0-9_-]{16,64}$/.test(value.ballotKey)) return null;
  const choices: Record<string, Choice> = {};
  for (const [id, choice] of Object.entries(value.choices ?? {})) {
    if (choice === "yes" || choice === "no" || choice === "abstain") choices[id] = choice;
  }
  return { ballotKey: value.ballotKey, choices, savedAt: Number(value.savedAt) || Date.now() };
}

type SubmitStatus =
  { kind: "idle" } | { kind: "submitting" } | { kind: "retrying"; attempt: number } | { kind: "failed" } | { kind: "refused"; message: string };

/** Waits before retry n (1-based): 1 s, 2 s, 4 s, 8 s; then the deputy is asked to tap again. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000];

type PostOutcome =
  { kind: "cast"; receiptUrl: string } | { kind: "refused"; message: string; status: number } | { kind: "redirect"; to: string } | { kind: "network" };

/** A ballot key made on the tablet: 16 random bytes, base64url, the shape the server checks. */
function tabletBallotKey(): string {
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** One attempt to cast the ballot, by the tablet's contract with the server (app/http/tablet-contract.ts). */
async function postBallot(roundId: number, form: BallotForm, ballotKey: string, choices: Record<string, Choice>): Promise<PostOutcome> {
  const cast: TabletCast = form === "choose-n" ? { roundId, ballotKey, tick: Object.keys(choices) } : { roundId, ballotKey, choices };
  let response: Response;
  try {
    response = await fetch(TABLET_CAST_PATH, {
      method: "POST",
      body: JSON.stringify(cast),
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return { kind: "network" }; // Wi-Fi dropped, request cut: the caller retries with the same key
  }
  const answer = (await response.json().catch(() => null)) as TabletCastAnswer | null;
  // 503 with a message: the server could not store it (disk full, read-only); any other 5xx is retried.
  if (response.status === 503 && answer && !answer.ok) return { kind: "refused", message: answer.message, status: 503 };
  if (response.status >= 500) return { kind: "network" };
  if (answer?.ok) return { kind: "cast", receiptUrl: answer.receiptUrl };
  if (answer && answer.signIn) return { kind: "redirect", to: "/vote" };
  if (answer) return { kind: "refused", message: answer.message, status: response.status };
  return { kind: "network" };
}

function Ballot({
  sessionId,
  deputyId,
  round,
  loaderKey,
  fromAction,
}: {
  sessionId: number;
  deputyId: number;
  round: TabletRound;
  loaderKey: string;
  fromAction: { step: "review" | "edit"; ballotKey: string; choices: Record<string, Choice>; review: BallotReview } | null;
}) {
  const storageKey = ballotStorageKey(sessionId, deputyId, round.id);
  const [choices, setChoices] = useState<Record<string, Choice>>(fromAction?.choices ?? {});
  const [key, setKey] = useState(loaderKey);
  const [step, setStep] = useState<"mark" | "review">("mark");
  const [status, setStatus] = useState<SubmitStatus>({ kind: "idle" });
  const [hydrated, setHydrated] = useState(false);
  const [restored, setRestored] = useState(false);
  const inFlight = useRef(false);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const navigation = useNavigation();

  // The key and marks this tablet already holds for this deputy and round win over the page's; a
  // tablet running this script makes its own key (the page's is for a tablet without JavaScript).
  useEffect(() => {
    const saved = readSavedBallot(storageKey);
    if (saved) {
      setKey(saved.ballotKey);
      if (!fromAction && Object.keys(saved.choices).length > 0) {
        setChoices(saved.choices);
        setRestored(true);
      }
    } else if (!fromAction) {
      setKey(tabletBallotKey());
    }
    setHydrated(true);
    // fromAction only seeds the first render; later action data is for the server review form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey]);

  useEffect(() => {
    if (hydrated) writeStorage(storageKey, { ballotKey: key, choices, savedAt: Date.now() } satisfies SavedBallot);
  }, [hydrated, storageKey, key, choices]);

  useEffect(() => {
    if (step === "review") {
      window.scrollTo({ top: 0 });
      reviewHeading.current?.focus();
    }
  }, [step]);

  const candidateIds = round.candidates.map((c) => String(c.id));
  const review = reviewBallot({ form: round.form, places: round.places, candidates: candidateIds }, choices);

  const mark = (id: string, choice: Choice | undefined) => {
    setRestored(false);
    setChoices((current) => {
      const next = { ...current };
      if (choice) next[id] = choice;
      else delete next[id];
      return next;
    });
  };

  const confirm = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setStatus({ kind: "submitting" });
    try {
      for (let attempt = 0; ; attempt++) {
        const outcome = await postBallot(round.id, round.form, key, choices);
        if (outcome.kind === "cast") {
          removeStorage(storageKey);
          writeStorage(receiptStorageKey(sessionId, deputyId, round.id), outcome.receiptUrl);
          navigate(outcome.receiptUrl, { replace: true });
          return;
        }
        if (outcome.kind === "redirect") {
          window.location.assign(outcome.to); // signed out meanwhile
          return;
        }
        if (outcome.kind === "refused") {
          setStatus({ kind: "refused", message: outcome.message });
          if (outcome.status === 409) revalidator.revalidate(); // closed, or voted already: show the new state
          return;
        }
        if (attempt >= RETRY_DELAYS_MS.length) {
          setStatus({ kind: "failed" });
          return;
        }
        setStatus({ kind: "retrying", attempt: attempt + 1 });
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    } finally {
      inFlight.current = false;
    }
  }, [choices, deputyId, key, navigate, revalidator, round.form, round.id, sessionId, storageKey]);

  // Without JavaScript the review comes back from the server: the marks ride in hidden fields.
  if (fromAction?.step === "review") {
    const busy = navigation.state !== "idle";
    return (
      <Form method="post" className="ballot">
        <RoundHeading round={round} />
        <input type="hidden" name="roundId" value={round.id} />
        <input type="hidden" name="ballotKey" value={fromAction.ballotKey} />
        {Object.entries(fromAction.choices).map(([id, choice]) =>
          round.form === "choose-n" ? (
            <input key={id} type="hidden" name="tick[]" value={id} />
          ) : (
            <input key={id} type="hidden" name={`choice.${id}`} value={choice} />
          ),
        )}
        <ReviewPanel form={round.form} places={round.places} candidates={round.candidates} choices={fromAction.choices} review={fromAction.review}>
          <ReviewActions
            isVoid={fromAction.review.void}
            busy={busy}
            back={{ type: "submit", name: "intent", value: "edit" }}
            confirm={{ type: "submit", name: "intent", value: "confirm" }}
          />
        </ReviewPanel>
      </Form>
    );
  }

  if (step === "review") {
    const busy = status.kind === "submitting" || status.kind === "retrying";
    return (
      <div className="ballot">
        <RoundHeading round={round} />
        <ReviewPanel
          form={round.form}
          places={round.places}
          candidates={round.candidates}
          choices={choices}
          review={review}
          headingRef={reviewHeading}
          status={
            <>
              <div className="submit-status" role="status" aria-live="polite">
                {status.kind === "retrying" && <p className="flash warn">{tablet.review.retrying(status.attempt)}</p>}
              </div>
              {status.kind === "failed" && (
                <p className="flash error submit-error" role="alert">
                  {tablet.review.gaveUp}
                </p>
              )}
              {status.kind === "refused" && (
                <p className="flash error submit-error" role="alert">
                  {status.message}
                </p>
              )}
            </>
          }
        >
          <ReviewActions
            isVoid={review.void}
            busy={busy}
            back={{ type: "button", onClick: () => setStep("mark") }}
            confirm={{ type: "button", onClick: confirm, "aria-busy": busy }}
          />
        </ReviewPanel>
      </div>
    );
  }

  const ticked = review.yes;
  const over = round.form === "choose-n" && ticked > round.places;
  return (
    <Form
      method="post"
      className="ballot"
      onSubmit={(event) => {
        if (!hydrated) return; // no script yet: the server renders the review
        event.preventDefault();
        setStatus({ kind: "idle" });
        setStep("review");
      }}
    >
      <RoundHeading round={round} />
      <p className="ballot-help">
        {round.form === "choose-n"
          ? tablet.ballot.chooseNHelp(round.places)
          : round.form === "rating"
            ? tablet.ballot.ratingHelp
            : tablet.ballot.perProjectHelp}
        {round.form === "per-project" && round.candidates.length > round.places && tablet.ballot.perProjectLimit(round.places)}
      </p>
      {restored && (
        <p className="flash" role="status">
          {tablet.ballot.restored}
        </p>
      )}
      <input type="hidden" name="roundId" value={round.id} />
      <input type="hidden" name="ballotKey" value={key} />
      <div className="project-list">
        {round.candidates.map((candidate, index) => (
          <ProjectCard
            key={candidate.id}
            position={index + 1}
            candidate={candidate}
            form={round.form}
            value={choices[String(candidate.id)]}
            onChange={(choice) => mark(String(candidate.id), choice)}
            canClear={hydrated}
          />
        ))}
      </div>
      <div className="ballot-footer">
        <p className={`ballot-progress${over ? " is-over" : ""}`} aria-live="polite">
          {round.form === "choose-n"
            ? tablet.ballot.progressChooseN(ticked, round.places)
            : round.form === "rating"
              ? tablet.ballot.progressRating(review.marked, round.candidates.length)
              : tablet.ballot.progressPerProject(review.marked, round.candidates.length)}
          {over && <span className="ballot-over"> · {tablet.review.voidTitle}</span>}
        </p>
        <button className="button primary tablet-big-button" type="submit" name="intent" value="review">
          {tablet.ballot.next}
        </button>
      </div>
    </Form>
  );
}

function RoundHeading({ round }: { round: TabletRound }) {
  return (
    <div className="round-heading">
      <h1>
        {round.form === "rating" ? tablet.ballot.ratingRound(round.number) : tablet.ballot.round(round.number)}
        {round.isRunoff && <span className="round-tag">{tablet.ballot.runoff}</span>}
      </h1>
      <p className="round-meta">
        <span className="round-tag">{round.secret ? tablet.ballot.secret : tablet.ballot.recorded}</span>
        <span>{round.form === "rating" ? tablet.ballot.ratingSlate(round.candidates.length) : tablet.ballot.slate(round.places, round.candidates.length)}</span>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <TabletError />;
}
