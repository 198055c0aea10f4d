/**
 * 逐张录入 — one teller's entry (第一遍 or 第二遍) of a paper round's returned papers, one paper per
 * screen, at the clerk's console. The service checks everything; this page shows its refusals.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useRef } from "react";
import { usePaperKeys } from "~/components/paper/paper-keys";
import { ActionAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { TellerChoice } from "~/components/paper/TellerChoice";
import { paperEntryMessages as m } from "~/messages/paper-entry";
import { consoleMessages as c } from "~/messages/console";
import { PaperSchema, StartEntrySchema, marksFromForm } from "~/schemas/paper";
import { enterPaper, paperEntryState, startEntry } from "~/services/paper-ballots.server";
import { entryDifferenceLines, sessionForAction } from "~/services/console-views.server";
import { rosterOf } from "~/services/paper-entry-views.server";
import { Refusal } from "~/services/refusal";
import { requireClerkOf, staffActor } from "~/services/auth.server";
import { parseForm, readFormData } from "~/utils/forms";
import { requireId } from "~/utils/params";
import type { BallotForm, Choice } from "~/domain/tally";
import { markChoices, markLabel } from "~/messages/common";
import styles from "~/styles/paper-entry.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function idsOf(params: { sessionId?: string; roundId?: string; slot?: string }) {
  const slot = params.slot === "1" ? 1 : params.slot === "2" ? 2 : null;
  if (!slot) throw new Response(m.errors.slot, { status: 404 });
  return { sessionId: requireId(params.sessionId, c.errors.sessionNotFound), roundId: requireId(params.roundId, c.errors.roundNotFound), slot: slot as 1 | 2 };
}

type Marks = Record<string, string> | null;

function summary(form: BallotForm, marks: Marks, ids: string[]) {
  if (marks === null) return m.voided;
  return m.summary(form, (choice) => ids.filter((id) => (marks[id] ?? undefined) === choice).length);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sessionId, roundId, slot } = idsOf(params);
  const state = await paperEntryState(roundId);
  if (!state || state.round.sessionId !== sessionId) throw new Response(c.errors.roundNotFound, { status: 404 });
  const session = await sessionForAction(sessionId);
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, session.townshipId);
  const entry = slot === 1 ? state.first : state.second;
  const roster = await rosterOf(sessionId);
  const tellers = roster.filter((row) => row.tellerRole !== "none").map((row) => ({ id: row.deputyId, name: row.deputy.name, role: row.tellerRole }));
  const papers = (entry?.papers ?? []).map((paper) => ({ number: paper.number, seatNo: paper.seatNo, marks: paper.marks as Marks }));
  const asked = Number(new URL(request.url).searchParams.get("paper"));
  const current = Number.isInteger(asked) && asked >= 1 && asked <= papers.length ? asked : papers.length + 1;
  const { round } = state;
  return json({
    sessionId,
    roundId,
    slot,
    round: { number: round.number, secret: round.secret, form: round.form, status: round.status },
    projects: round.candidates.map(({ candidate }) => ({ id: String(candidate.id), name: candidate.name })),
    returned: state.returned,
    started: entry !== null,
    teller: entry ? (roster.find((row) => row.deputyId === entry.tellerId)?.deputy.name ?? "") : null,
    tellers,
    papers,
    current,
    editing: papers[current - 1] ?? null,
    bothDone: state.bothDone,
    differences: entryDifferenceLines(round, state.differences),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { sessionId, roundId, slot } = idsOf(params);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (message: string, status = 400) => json<ConsoleActionData>({ ok: false, intent, message }, { status });
  // validate
  const start = intent === "start" ? parseForm(StartEntrySchema, form) : null;
  if (start && !start.ok) return fail(start.message);
  const paper = intent === "paper" ? parseForm(PaperSchema, form) : null;
  if (paper && !paper.ok) return fail(paper.message);
  if (!start && !paper) return fail(c.errors.unknownIntent);
  // load, authorise
  const session = await sessionForAction(sessionId);
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  const user = await requireClerkOf(request, session.townshipId);
  const actor = staffActor(user, request);
  const state = await paperEntryState(roundId);
  if (!state) return fail(m.notPaper, 404);
  // act, present
  try {
    if (start?.ok) {
      await startEntry(actor, sessionId, roundId, slot, start.data.tellerId);
      return json<ConsoleActionData>({ ok: true, intent, message: m.started });
    }
    if (paper?.ok) {
      const ids = state.round.candidates.map(({ candidate }) => String(candidate.id));
      const marks = paper.data.void ? null : marksFromForm(form, ids);
      await enterPaper(actor, sessionId, roundId, slot, paper.data.number, { seatNo: paper.data.seatNo, marks });
      return json<ConsoleActionData>({ ok: true, intent, message: m.saved(paper.data.number) });
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

/** Each mark the paper's form has, its word and its key (1, 2, 3 in the ballot's order; 0 for none). */
const choicesOf = (form: BallotForm): ReadonlyArray<readonly [Choice | "none", string, string]> =>
  form === "choose-n"
    ? [
        ["yes", m.ticked, "1"],
        ["none", m.unticked, "0"],
      ]
    : [...markChoices(form).map(({ choice, label }, index) => [choice, label, String(index + 1)] as const), ["none", markLabel(form, undefined), "0"]];

export default function PaperEntry() {
  const data = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData();
  const roundHref = `/console/sessions/${data.sessionId}/rounds/${data.roundId}`;
  const choices = choicesOf(data.round.form);
  const editing = data.editing;
  const complete = data.papers.length >= data.returned;
  const formRef = useRef<HTMLFormElement>(null);
  const paperKey = `${data.started}-${data.current}-${data.papers.length}`;
  usePaperKeys(formRef, paperKey);
  // Posted to the page without ?paper=…: after a correction the next paper comes up.
  const { pathname } = useLocation();
  return (
    <div className="paper-entry">
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to={roundHref}>{c.round.title(data.round.form, data.round.number)}</Link>
      </nav>
      <h1>{m.heading(c.round.title(data.round.form, data.round.number), data.slot)}</h1>
      <ActionAlert data={actionData} intent={["start", "paper"]} />
      {!data.started ? (
        <TellerChoice tellers={data.tellers} />
      ) : (
        <>
          <p>{m.responsible(data.teller ?? "")}</p>
          {complete && !editing ? (
            <p className="flash">{m.complete}</p>
          ) : (
            <Form method="post" action={pathname} key={paperKey} ref={formRef} className="paper-form">
              <input type="hidden" name="intent" value="paper" />
              <input type="hidden" name="number" value={data.current} />
              <p className="paper-count" aria-live="polite">
                {editing ? m.correcting(data.current) : m.running(data.current, data.returned)}
              </p>
              {!data.round.secret && (
                <label className="seat-field">
                  {m.seat} <input name="seatNo" inputMode="numeric" defaultValue={editing?.seatNo ?? ""} required />
                </label>
              )}
              <ol className="paper-projects">
                {data.projects.map((project, index) => {
                  const was = editing?.marks ? (editing.marks[project.id] ?? "none") : "none";
                  return (
                    <li key={project.id} className="paper-row" tabIndex={0} data-row={index} aria-label={`${index + 1}. ${project.name}`}>
                      <span className="paper-project">{project.name}</span>
                      {choices.map(([value, label, key]) => (
                        <label key={value} className="big-choice" data-key={key}>
                          <input type="radio" name={`mark-${project.id}`} value={value} defaultChecked={was === value} /> {label}
                        </label>
                      ))}
                    </li>
                  );
                })}
              </ol>
              <label className="big-choice void-choice">
                <input type="checkbox" name="void" value="yes" defaultChecked={editing !== null && editing.marks === null} /> {m.voidPaper}
              </label>
              <button type="submit" className="button primary">
                {m.save}
              </button>
              <p className="hint">{m.keyboardHint}</p>
            </Form>
          )}
          {data.bothDone && (
            <section aria-labelledby="diff-heading">
              <h2 id="diff-heading">{data.differences.length === 0 ? m.agree : m.differences}</h2>
              <ul>
                {data.differences.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <Link to={roundHref}>{m.backToRound}</Link>
            </section>
          )}
          <h2>{m.entered}</h2>
          <ol className="paper-list">
            {data.papers.map((paper) => (
              <li key={paper.number}>
                {paper.number}.{" "}
                {summary(
                  data.round.form,
                  paper.marks,
                  data.projects.map((p) => p.id),
                )}
                {paper.seatNo !== null && ` · ${m.seatOf(paper.seatNo)}`} <Link to={`?paper=${paper.number}`}>{m.correct(paper.number)}</Link>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
