/**
 * 汇总录入 — the totals of a paper round (secret rounds only) as the tellers bring them from their
 * count sheets: the void papers and each project's marks. The service holds them to the papers
 * returned; this page shows its refusals.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { ActionAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { TellerChoice } from "~/components/paper/TellerChoice";
import { paperEntryMessages as m } from "~/messages/paper-entry";
import { consoleMessages as c } from "~/messages/console";
import { StartEntrySchema, TotalsRowSchema, TotalsSchema } from "~/schemas/paper";
import { enterTotals, paperEntryState, startEntry } from "~/services/paper-ballots.server";
import { sessionForAction } from "~/services/console-views.server";
import { rosterOf } from "~/services/paper-entry-views.server";
import { Refusal } from "~/services/refusal";
import { requireClerkOf, staffActor } from "~/services/auth.server";
import { parseForm, readFormData } from "~/utils/forms";
import { requireId } from "~/utils/params";
import type { BallotForm } from "~/domain/tally";
import { markChoices, markLabel } from "~/messages/common";
import styles from "~/styles/paper-entry.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const MARKS = ["yes", "no", "abstain", "notVoted"] as const;
type Mark = (typeof MARKS)[number];
type Counts = Record<Mark, number>;

function idsOf(params: { sessionId?: string; roundId?: string }) {
  return { sessionId: requireId(params.sessionId, c.errors.sessionNotFound), roundId: requireId(params.roundId, c.errors.roundNotFound) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { sessionId, roundId } = idsOf(params);
  const state = await paperEntryState(roundId);
  if (!state || state.round.sessionId !== sessionId) throw new Response(c.errors.roundNotFound, { status: 404 });
  const session = await sessionForAction(sessionId);
  if (!session) throw new Response(c.errors.sessionNotFound, { status: 404 });
  await requireClerkOf(request, session.townshipId);
  const entry = state.first;
  const roster = await rosterOf(sessionId);
  const tellers = roster.filter((row) => row.tellerRole !== "none").map((row) => ({ id: row.deputyId, name: row.deputy.name, role: row.tellerRole }));
  const { round } = state;
  const saved = entry?.totals ?? null;
  return json({
    sessionId,
    roundId,
    round: { number: round.number, secret: round.secret, form: round.form, status: round.status },
    projects: round.candidates.map(({ candidate }) => {
      const id = String(candidate.id);
      return { id, name: candidate.name, saved: (saved?.projects[id] ?? null) as Counts | null };
    }),
    invalid: saved?.invalid ?? null,
    returned: state.returned,
    started: entry !== null,
    teller: entry ? (roster.find((row) => row.deputyId === entry.tellerId)?.deputy.name ?? "") : null,
    tellers,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { sessionId, roundId } = idsOf(params);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (message: string, status = 400) => json<ConsoleActionData>({ ok: false, intent, message }, { status });
  // validate
  const start = intent === "start" ? parseForm(StartEntrySchema, form) : null;
  if (start && !start.ok) return fail(start.message);
  const totals = intent === "totals" ? parseForm(TotalsSchema, form) : null;
  if (totals && !totals.ok) return fail(totals.message);
  if (!start && !totals) return fail(c.errors.unknownIntent);
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
      await startEntry(actor, sessionId, roundId, 1, start.data.tellerId);
      return json<ConsoleActionData>({ ok: true, intent, message: m.started });
    }
    if (totals?.ok) {
      const { round } = state;
      const valid = state.returned - totals.data.invalid;
      const projects: Record<string, Counts> = {};
      for (const { candidate } of round.candidates) {
        const id = String(candidate.id);
        const field = (mark: Mark) => form.get(`${mark}-${id}`) ?? "";
        const row =
          round.form === "choose-n"
            ? parseForm(TotalsRowSchema, { yes: field("yes"), no: 0, abstain: 0, notVoted: 0 })
            : parseForm(TotalsRowSchema, Object.fromEntries(MARKS.map((mark) => [mark, field(mark)])));
        if (!row.ok) return fail(row.message);
        projects[id] = round.form === "choose-n" ? { ...row.data, notVoted: Math.max(0, valid - row.data.yes) } : row.data;
      }
      await enterTotals(actor, sessionId, roundId, { invalid: totals.data.invalid, projects });
      return json<ConsoleActionData>({ ok: true, intent, message: m.totalsSaved });
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

/** The columns of the round's form, in its ballot's order, with their words (a rating's on a rating round). */
function columnsOf(form: BallotForm): ReadonlyArray<{ mark: Mark; label: string }> {
  if (form === "choose-n") return [{ mark: "yes", label: markLabel(form, "yes") }];
  return [...markChoices(form).map(({ choice, label }) => ({ mark: choice, label })), { mark: "notVoted", label: markLabel(form, undefined) }];
}

export default function PaperTotals() {
  const data = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData();
  const roundHref = `/console/sessions/${data.sessionId}/rounds/${data.roundId}`;
  const columns = columnsOf(data.round.form);
  // 有效票 = 收回 − 无效, as the invalid papers are typed.
  const [invalid, setInvalid] = useState(data.invalid === null ? "" : String(data.invalid));
  const valid = /^\d+$/.test(invalid) ? data.returned - Number(invalid) : null;
  return (
    <div className="paper-entry">
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to={roundHref}>{c.round.title(data.round.form, data.round.number)}</Link>
      </nav>
      <h1>{m.totalsHeading(c.round.title(data.round.form, data.round.number))}</h1>
      <ActionAlert data={actionData} intent={["start", "totals"]} />
      {!data.started ? (
        <TellerChoice tellers={data.tellers} />
      ) : (
        <>
          <p>{m.responsible(data.teller ?? "")}</p>
          <Form method="post" className="paper-form">
            <input type="hidden" name="intent" value="totals" />
            <label className="seat-field">
              {m.invalid}{" "}
              <input name="invalid" type="number" min={0} inputMode="numeric" value={invalid} onChange={(event) => setInvalid(event.target.value)} required />
            </label>
            <p aria-live="polite">
              {m.returned(data.returned)}
              {valid !== null && ` · ${m.valid(valid)}`}
            </p>
            {data.round.form === "choose-n" && <p className="hint">{m.totalsChooseN}</p>}
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.project}</th>
                  {columns.map(({ mark, label }) => (
                    <th key={mark} scope="col">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.projects.map((project, index) => (
                  <tr key={project.id}>
                    <th scope="row">
                      {index + 1}. {project.name}
                    </th>
                    {columns.map(({ mark, label }) => (
                      <td key={mark}>
                        <input
                          name={`${mark}-${project.id}`}
                          type="number"
                          min={0}
                          inputMode="numeric"
                          aria-label={m.totalsLabel(index + 1, label)}
                          defaultValue={project.saved ? project.saved[mark] : ""}
                          required
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="submit" className="button primary">
              {m.saveTotals}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to={roundHref}>{m.backToRound}</Link>
      </p>
    </div>
  );
}
