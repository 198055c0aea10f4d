/**
 * 会务工作台 of one session: attendance and quorum (live), check-in, sign-in codes, tellers,
 * the candidate slate, and the voting rounds. Every form posts here with an `intent`.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ActionAlert, OtherIntentAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { AttendanceBoard } from "~/components/console/AttendanceBoard";
import { AuditLog } from "~/components/console/AuditLog";
import { DisplayLinkPanel } from "~/components/console/DisplayLinkPanel";
import { useLiveSnapshot } from "~/components/console/live";
import { NextStepBanner } from "~/components/console/NextStepBanner";
import { PassFlash } from "~/components/console/PassFlash";
import { RosterTable } from "~/components/console/RosterTable";
import { RatingSection } from "~/components/console/RatingSection";
import { RoundsSection } from "~/components/console/RoundsSection";
import { PoolToSlate } from "~/components/console/PoolToSlate";
import { SlateSection } from "~/components/console/SlateSection";
import { TellersForm } from "~/components/console/TellersForm";
import { consoleMessages as c } from "~/messages/console";
import { commonMessages as t } from "~/messages/common";
import { CANDIDATE_FIELD_LABELS, CandidateInputSchema, type CandidateInput } from "~/schemas/candidate";
import { recordId } from "~/schemas/numbers";
import { PoolToSlateSchema } from "~/schemas/collection";
import { AttendanceSchema, CheckInSchema, RatingSettingsSchema, RoundSettingsSchema, TellersSchema } from "~/schemas/session";
import { slatePoolView } from "~/services/collection-views.server";
import { addCandidatesFromPool } from "~/services/collection.server";
import {
  addCandidates,
  checkInDeputies,
  chooseTellers,
  markAttendance,
  prepareRating,
  prepareRound,
  removeCandidate,
} from "~/services/congress-session.server";
import { sessionForAction, sessionView, signInCard } from "~/services/console-views.server";
import { displayLinkState, openDisplayLink, revokeDisplayLink } from "~/services/display-link.server";
import { Refusal } from "~/services/refusal";
import { parseSlateFile } from "~/services/slate-import.server";
import { issueSignInCode, revokeTablet } from "~/services/voting.server";
import { requireClerkOf, staffActor } from "~/services/auth.server";
import { hallOrigin } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { formToObject, parseForm, readFormData } from "~/utils/forms";
import { requireId } from "~/utils/params";
import { sessionConsoleMessages } from "~/messages/session-console";
import { collectionMessages } from "~/messages/collection";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.title ?? ""} · ${c.title} · ${t.app.title}` }];

function sessionIdOf(params: { sessionId?: string }): number {
  return requireId(params.sessionId, c.errors.sessionNotFound);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const view = await sessionView(sessionIdOf(params));
  if (!view) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, view.session.township.id);
  const [displayOpenedAt, pool] = await Promise.all([
    displayLinkState(view.session.id),
    slatePoolView(view.session.township.id, view.session.year, view.session.id),
  ]);
  return json({ ...view, displayOpenedAt, pool });
}

const IdSchema = z.object({ deputyId: recordId() });
const CandidateIdSchema = z.object({ candidateId: recordId() });

export async function action({ request, params }: ActionFunctionArgs) {
  const sessionId = sessionIdOf(params);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (message: string, status = 400, extra: Partial<ConsoleActionData> = {}) =>
    json<ConsoleActionData>({ ok: false, intent, message, ...extra }, { status });
  const done = (message: string, extra: Partial<ConsoleActionData> = {}) => json<ConsoleActionData>({ ok: true, intent, message, ...extra });

  // validate
  let validated: unknown;
  switch (intent) {
    case "attendance":
      validated = parseForm(AttendanceSchema, form);
      break;
    case "attendance-bulk":
      validated = parseForm(CheckInSchema, form);
      break;
    case "pass":
    case "revoke-pass":
      validated = parseForm(IdSchema, form);
      break;
    case "tellers":
      validated = parseForm(TellersSchema, form);
      break;
    case "candidate":
      validated = parseForm(CandidateInputSchema, form);
      break;
    case "remove-candidate":
      validated = parseForm(CandidateIdSchema, form);
      break;
    case "add-from-pool":
      validated = parseForm(PoolToSlateSchema, form);
      break;
    case "prepare-round":
      validated = parseForm(RoundSettingsSchema, form);
      break;
    case "prepare-rating":
      validated = parseForm(RatingSettingsSchema, form);
      break;
    case "display-open":
    case "display-revoke":
      validated = { ok: true, data: null };
      break;
    case "import": {
      const file = form.get("file");
      validated = file instanceof File && file.size > 0 ? { ok: true, data: file } : { ok: false, message: c.slate.noFile, errors: { file: c.slate.noFile } };
      break;
    }
    default:
      return fail(c.errors.unknownIntent);
  }
  const parsed = validated as { ok: true; data: unknown } | { ok: false; message: string; errors: Record<string, string> };
  if (!parsed.ok) {
    const values = intent === "candidate" ? (formToObject(form) as Record<string, string>) : undefined;
    return fail(parsed.message, 400, { errors: parsed.errors, values });
  }

  // load, authorise
  const session = await sessionForAction(sessionId);
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  const user = await requireClerkOf(request, session.townshipId);
  const actor = staffActor(user, request);
  const nameOf = (deputyId: number) => session.roster.find((row) => row.deputyId === deputyId)?.name;

  // act, present
  try {
    switch (intent) {
      case "attendance": {
        const { deputyId, status } = parsed.data as z.infer<typeof AttendanceSchema>;
        await markAttendance(actor, sessionId, deputyId, status);
        return done(c.session.attendanceDone(nameOf(deputyId) ?? "", c.attendance.status[status]!));
      }
      case "attendance-bulk": {
        const { deputyIds } = parsed.data as z.infer<typeof CheckInSchema>;
        await checkInDeputies(actor, sessionId, deputyIds);
        const names = [...new Set(deputyIds)].map((id) => nameOf(id) ?? "");
        return done(c.session.checkedIn(names.join("、"), names.length));
      }
      case "pass": {
        const { deputyId } = parsed.data as z.infer<typeof IdSchema>;
        const code = await issueSignInCode(actor, sessionId, deputyId);
        const card = signInCard(hallOrigin(request), nameOf(deputyId) ?? "", code);
        return done(`${c.session.passFlash(card.name)}${card.code}`, { pass: card });
      }
      case "revoke-pass": {
        const { deputyId } = parsed.data as z.infer<typeof IdSchema>;
        await revokeTablet(actor, sessionId, deputyId);
        return done(c.session.revokePassDone(nameOf(deputyId) ?? ""));
      }
      case "tellers": {
        const { chiefId, tellerIds } = parsed.data as z.infer<typeof TellersSchema>;
        await chooseTellers(actor, sessionId, chiefId, tellerIds);
        return done(c.tellers.saved);
      }
      case "candidate": {
        const candidate = parsed.data as CandidateInput;
        try {
          await addCandidates(actor, sessionId, [candidate], "form");
        } catch (error) {
          if (error instanceof Refusal) return fail(error.message, error.status, { values: formToObject(form) as Record<string, string> });
          throw error;
        }
        return done(c.slate.added(candidate.name));
      }
      case "remove-candidate": {
        const { candidateId } = parsed.data as z.infer<typeof CandidateIdSchema>;
        await removeCandidate(actor, sessionId, candidateId);
        return done(c.slate.removed);
      }
      case "add-from-pool": {
        const { projectIds } = parsed.data as z.infer<typeof PoolToSlateSchema>;
        return done(collectionMessages.slate.added(await addCandidatesFromPool(actor, sessionId, projectIds)));
      }
      case "import": {
        const file = parsed.data as File;
        const result = await parseSlateFile(file.name, new Uint8Array(await file.arrayBuffer()));
        if (!result.ok) {
          const lines = result.errors.map((error) => c.slate.rowError(error.row, error.field && CANDIDATE_FIELD_LABELS[error.field], error.message));
          return fail(c.slate.importFailed, 400, { importErrors: lines });
        }
        await addCandidates(actor, sessionId, result.candidates, "import");
        return done(c.slate.imported(result.candidates.length));
      }
      case "prepare-round": {
        const roundId = await prepareRound(actor, sessionId, parsed.data as z.infer<typeof RoundSettingsSchema>);
        return redirect(`/console/sessions/${sessionId}/rounds/${roundId}`);
      }
      case "prepare-rating": {
        const roundId = await prepareRating(actor, sessionId, parsed.data as z.infer<typeof RatingSettingsSchema>);
        return redirect(`/console/sessions/${sessionId}/rounds/${roundId}`);
      }
      case "display-open": {
        const key = await openDisplayLink(actor, sessionId);
        const displayUrl = `${hallOrigin(request)}/screen/${sessionId}?key=${encodeURIComponent(key)}`;
        return done(c.display.opened, { displayUrl });
      }
      case "display-revoke": {
        await revokeDisplayLink(actor, sessionId);
        return done(c.display.revoked);
      }
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

export default function SessionConsole() {
  const view = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<ConsoleActionData>();
  const { snapshot, connected } = useLiveSnapshot(view.session.id);
  const attendance = snapshot?.attendance ?? view.attendance;
  const present = view.roster.filter((row) => row.status === "present");
  const published = view.rounds.filter((round) => round.noticeNo !== null);
  const { session } = view;

  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${session.township.code}`}>{session.township.name}</Link> ›{" "}
        <span>{c.session.heading}</span>
      </nav>
      <h1>{session.title}</h1>
      <OtherIntentAlert
        data={actionData}
        known={[
          "attendance",
          "attendance-bulk",
          "pass",
          "revoke-pass",
          "tellers",
          "candidate",
          "remove-candidate",
          "add-from-pool",
          "import",
          "prepare-round",
          "prepare-rating",
          "display-open",
          "display-revoke",
        ]}
      />
      <p className="lead session-meta">
        <span>{c.session.meta(formatDate(session.meetingDate), session.place)}</span>
        <span className="session-links">
          <a className="button small" href={`/screen/${session.id}`} target="_blank" rel="noreferrer">
            {c.session.screen}
            <span className="visually-hidden">{c.session.screenHint}</span>
          </a>
          <Link className="button small" to={`/console/sessions/${session.id}/passes`}>
            {c.session.passes}
          </Link>
          {published.map((round) => (
            <a key={round.id} className="button small" href={`/notices/${session.id}/${round.noticeNo}`}>
              {c.session.notice(round.noticeNo!)}
            </a>
          ))}
        </span>
      </p>

      <div className="console-status">
        <AttendanceBoard attendance={attendance} connected={connected} />
        <NextStepBanner next={view.next} sessionId={session.id} />
        <ActionAlert data={actionData} intent={["attendance", "attendance-bulk"]} />
      </div>

      {actionData?.ok && actionData.pass && <PassFlash pass={actionData.pass} />}

      <nav aria-label={sessionConsoleMessages.sectionNav} className="section-nav">
        <a href="#roster">{c.session.roster}</a>
        <a href="#display">{c.display.heading}</a>
        <a href="#tellers">{c.tellers.heading}</a>
        <a href="#slate">{c.slate.heading}</a>
        <a href="#rounds">{c.rounds.heading}</a>
        {view.rating.projects.length > 0 && <a href="#rating">{c.rating.heading}</a>}
        <a href="#audit">{c.audit.caption}</a>
      </nav>

      <section id="roster" aria-labelledby="roster-heading" className="console-section">
        <h2 id="roster-heading">{c.session.roster}</h2>
        <ActionAlert data={actionData} intent={["pass", "revoke-pass"]} />
        <RosterTable
          rows={view.roster}
          currentRound={view.current?.number ?? null}
          present={attendance.present}
          seated={attendance.seated}
          actionData={actionData}
        />
      </section>

      <section id="display" aria-labelledby="display-heading" className="console-section">
        <h2 id="display-heading">{c.display.heading}</h2>
        <DisplayLinkPanel openedAt={view.displayOpenedAt} actionData={actionData} />
      </section>

      <section id="tellers" aria-labelledby="tellers-heading" className="console-section">
        <h2 id="tellers-heading">{c.tellers.heading}</h2>
        <TellersForm present={present} chief={view.chief} tellers={view.tellers} actionData={actionData} />
      </section>

      <section id="slate" aria-labelledby="slate-heading" className="console-section">
        <h2 id="slate-heading">{c.slate.heading}</h2>
        <PoolToSlate townshipCode={session.township.code} year={session.year} pool={view.pool} actionData={actionData} />
        <SlateSection sessionId={session.id} candidates={view.candidates} actionData={actionData} />
      </section>

      <section id="rounds" aria-labelledby="rounds-heading" className="console-section">
        <h2 id="rounds-heading">{c.rounds.heading}</h2>
        <RoundsSection sessionId={session.id} rounds={view.rounds} candidates={view.candidates} actionData={actionData} />
      </section>

      <section id="rating" aria-labelledby="rating-heading" className="console-section">
        <h2 id="rating-heading">{c.rating.heading}</h2>
        <RatingSection year={view.rating.year} projects={view.rating.projects} actionData={actionData} />
      </section>

      <AuditLog rows={view.audit} />
    </>
  );
}
