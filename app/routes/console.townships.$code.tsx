/** A township's console: its deputies (代表名单), its sessions, and a new session. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ActionAlert, useConsoleActionData, FieldError, OtherIntentAlert, type ConsoleActionData } from "~/components/console/ActionAlert";
import { SubmitButton } from "~/components/console/SubmitButton";
import { ImportForm } from "~/components/console/ImportForm";
import { addDeputiesToRoster, importRosterFile, retireFromRoster } from "~/services/roster.server";
import { DEPUTY_FIELD_LABELS } from "~/schemas/deputy";
import { collectionMessages } from "~/messages/collection";
import { implementationMessages } from "~/messages/implementation";
import { consoleMessages as c } from "~/messages/console";
import { commonMessages as t } from "~/messages/common";
import { recordId } from "~/schemas/numbers";
import { DeputyNamesSchema, SessionSchema } from "~/schemas/session";
import { createSession } from "~/services/congress-session.server";
import { namesAlreadyOnRoster, townshipView } from "~/services/console-views.server";
import { Refusal } from "~/services/refusal";
import { requireClerkOf, staffActor } from "~/services/auth.server";
import { formatDate, formatInteger, isoDay } from "~/utils/format";
import { parseForm, readFormData } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.township.name ?? ""} · ${c.title} · ${t.app.title}` }];

async function load(request: Request, code: string | undefined) {
  const view = await townshipView(code ?? "");
  if (!view) throw new Response(c.errors.townshipNotFound, { status: 404 });
  const user = await requireClerkOf(request, view.township.id);
  return { view, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { view } = await load(request, params.code);
  return json({ ...view, today: isoDay(new Date()) });
}

const RetireSchema = z.object({ deputyId: recordId() });

type Result = ConsoleActionData;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const fail = (message: string, status = 400, extra: Partial<Result> = {}) => json<Result>({ ok: false, intent, message, ...extra }, { status });

  if (intent === "add-deputies") {
    const parsed = parseForm(DeputyNamesSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors, values: { names: String(form.get("names") ?? "") } });
    const { view, user } = await load(request, params.code);
    const taken = namesAlreadyOnRoster(view.deputies, parsed.data.names);
    if (taken.length)
      return fail(c.township.duplicateExisting(taken.join("、")), 400, {
        errors: { names: c.township.duplicateExisting(taken.join("、")) },
        values: { names: String(form.get("names")) },
      });
    try {
      await addDeputiesToRoster(staffActor(user, request), view.township.id, parsed.data.names);
    } catch (error) {
      if (error instanceof Refusal) return fail(error.message, error.status);
      throw error;
    }
    return json<Result>({ ok: true, intent, message: c.township.added(parsed.data.names.length) });
  }

  if (intent === "import-roster") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return fail(c.slate.noFile, 400, { errors: { file: c.slate.noFile } });
    const { view, user } = await load(request, params.code);
    try {
      const result = await importRosterFile(staffActor(user, request), view.township.id, file.name, new Uint8Array(await file.arrayBuffer()));
      if (!result.ok) {
        const lines = result.errors.map((error) => c.slate.rowError(error.row, error.field && DEPUTY_FIELD_LABELS[error.field], error.message));
        return fail(c.township.importFailed, 400, { importErrors: lines });
      }
      return json<Result>({ ok: true, intent, message: c.township.imported(result.count) });
    } catch (error) {
      if (error instanceof Refusal) return fail(error.message, error.status);
      throw error;
    }
  }

  if (intent === "retire") {
    const parsed = parseForm(RetireSchema, form);
    if (!parsed.ok) return fail(parsed.message);
    const { view, user } = await load(request, params.code);
    const deputy = view.deputies.find((row) => row.id === parsed.data.deputyId);
    if (!deputy) return fail(c.township.retireFailed, 404);
    try {
      await retireFromRoster(staffActor(user, request), view.township.id, deputy.id);
    } catch (error) {
      if (error instanceof Refusal) return fail(c.township.retireFailed, 409);
      throw error;
    }
    return json<Result>({ ok: true, intent, message: c.township.retired(deputy.name) });
  }

  if (intent === "create-session") {
    const values = { title: String(form.get("title") ?? ""), meetingDate: String(form.get("meetingDate") ?? ""), place: String(form.get("place") ?? "") };
    const parsed = parseForm(SessionSchema, form);
    if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors, values });
    const { view, user } = await load(request, params.code);
    try {
      const sessionId = await createSession(staffActor(user, request), view.township.id, parsed.data);
      return redirect(`/console/sessions/${sessionId}`);
    } catch (error) {
      if (error instanceof Refusal) return fail(error.message, error.status, { values });
      throw error;
    }
  }

  return fail(c.errors.unknownIntent);
}

export default function TownshipConsole() {
  const { township, deputies, sessions, campaignYears, today } = useLoaderData<typeof loader>();
  const thisYear = Number(today.slice(0, 4));
  const years = [...new Set([thisYear + 1, thisYear, ...campaignYears])].sort((a, b) => b - a);
  const actionData = useConsoleActionData<ConsoleActionData>();
  const namesForm = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (actionData?.ok && actionData.intent === "add-deputies") namesForm.current?.reset();
  }, [actionData]);
  const values = actionData && !actionData.ok ? (actionData.values ?? {}) : {};
  const county = township.level === "county";

  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <span>{township.county.city.name}</span> › <span>{township.county.name}</span>
        {county ? null : (
          <>
            {" "}
            › <span>{township.name}</span>
          </>
        )}
      </nav>
      <h1>
        {county ? (
          <>
            {t.register.congressName(township.name)} <small className="tag">{c.township.countyCongressTag}</small>
          </>
        ) : (
          township.name
        )}
      </h1>
      <OtherIntentAlert data={actionData} known={["add-deputies", "import-roster", "retire", "create-session"]} />
      <p className="lead">
        {deputies.length === 0
          ? county
            ? c.township.countyEstimateLine(formatInteger(township.seatedDeputies), formatInteger(township.deputyQuota))
            : c.township.estimateLine(formatInteger(township.deputyQuota))
          : c.township.seatedLine(formatInteger(township.seatedDeputies), formatInteger(township.deputyQuota))}
      </p>

      <section aria-labelledby="roster-heading" className="console-section">
        <h2 id="roster-heading">{c.township.roster}</h2>
        {deputies.length === 0 && <p className="note">{c.township.noDeputies}</p>}
        <ImportForm
          intent="import-roster"
          text={{
            heading: c.township.importHeading,
            lead: c.township.importLead,
            file: c.township.importFile,
            submit: c.township.importSubmit,
            failed: c.township.importFailed,
          }}
          templates={`/console/townships/${township.code}/roster-template`}
          actionData={actionData}
        />
        <Form method="post" className="stack panel narrow-wide" ref={namesForm} aria-labelledby="add-deputies-heading">
          <h3 id="add-deputies-heading">{c.township.addHeading}</h3>
          <input type="hidden" name="intent" value="add-deputies" />
          <label className="field">
            <span>{c.township.addLabel}</span>
            <textarea
              name="names"
              rows={6}
              defaultValue={values.names ?? ""}
              aria-invalid={actionData?.intent === "add-deputies" && !actionData.ok ? true : undefined}
            />
          </label>
          <ActionAlert data={actionData} intent="add-deputies" />
          <div>
            <SubmitButton className="button primary">{c.township.addSubmit}</SubmitButton>
          </div>
        </Form>
        <ActionAlert data={actionData} intent="retire" />
        {deputies.length > 0 && (
          <>
            <p className="note">{c.township.retireNote}</p>
            <ol className="deputy-grid" aria-label={`${c.township.roster}（${deputies.length}）`}>
              {deputies.map((deputy) => (
                <li key={deputy.id}>
                  <span className="deputy-name">
                    {deputy.seatNo !== null && <span className="muted seat-no">{c.township.seatNo(deputy.seatNo)} </span>}
                    {deputy.name}
                  </span>
                  <Form
                    method="post"
                    className="inline-form"
                    onSubmit={(event) => {
                      if (!window.confirm(c.township.retireConfirm(deputy.name))) event.preventDefault();
                    }}
                  >
                    <input type="hidden" name="intent" value="retire" />
                    <input type="hidden" name="deputyId" value={deputy.id} />
                    <SubmitButton className="button small">
                      {c.township.retire}
                      <span className="visually-hidden">：{deputy.name}</span>
                    </SubmitButton>
                  </Form>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby="campaigns-heading" className="console-section">
        <h2 id="campaigns-heading">{collectionMessages.console.sectionHeading}</h2>
        <p className="note">{collectionMessages.console.sectionLead}</p>
        <ul className="link-list">
          {years.map((year) => (
            <li key={year}>
              <Link to={`/console/townships/${township.code}/campaign/${year}`}>{collectionMessages.console.navLink(year)}</Link>
              {!campaignYears.includes(year) && <span className="muted"> {collectionMessages.console.notCreated}</span>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="implementation-heading" className="console-section">
        <h2 id="implementation-heading">{implementationMessages.console.sectionHeading}</h2>
        <p className="note">{implementationMessages.console.sectionLead}</p>
        <ul className="link-list">
          {[...new Set(sessions.map((session) => session.year))]
            .sort((a, b) => b - a)
            .map((year) => (
              <li key={year}>
                <Link to={`/console/townships/${township.code}/implementation/${year}`}>{implementationMessages.console.navLink(year)}</Link>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="sessions-heading" className="console-section">
        <h2 id="sessions-heading">{c.township.sessions}</h2>
        {sessions.length === 0 ? (
          <p className="note">{c.township.noSessions}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption className="visually-hidden">{c.township.sessions}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.township.sessionTitle}</th>
                  <th scope="col">{c.township.sessionDate}</th>
                  <th scope="col">{c.township.sessionPlace}</th>
                  <th scope="col" className="num">
                    {c.township.sessionSeated}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.id}>
                    <th scope="row">
                      <Link to={`/console/sessions/${session.id}`}>{session.title}</Link>
                    </th>
                    <td className="nowrap">{formatDate(session.meetingDate)}</td>
                    <td>{session.place}</td>
                    <td className="num">{formatInteger(session.seated)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {deputies.length === 0 ? (
          <p className="note">{c.township.rosterFirst}</p>
        ) : (
          <Form method="post" className="stack panel narrow-wide" aria-labelledby="create-session-heading">
            <h3 id="create-session-heading">{c.township.createHeading}</h3>
            <input type="hidden" name="intent" value="create-session" />
            <p className="note">{c.township.createLead}</p>
            <label className="field">
              <span>{c.township.sessionTitle}</span>
              <input
                name="title"
                maxLength={80}
                defaultValue={values.title ?? ""}
                placeholder={c.township.titlePlaceholder(township.name)}
                aria-invalid={actionData?.errors?.title ? true : undefined}
              />
            </label>
            <FieldError data={actionData} intent="create-session" field="title" />
            <label className="field">
              <span>{c.township.sessionDate}</span>
              <input
                name="meetingDate"
                type="date"
                defaultValue={values.meetingDate ?? today}
                aria-invalid={actionData?.errors?.meetingDate ? true : undefined}
              />
            </label>
            <FieldError data={actionData} intent="create-session" field="meetingDate" />
            <label className="field">
              <span>{c.township.sessionPlace}</span>
              <input
                name="place"
                maxLength={80}
                defaultValue={values.place ?? ""}
                placeholder={c.township.placePlaceholder(county)}
                aria-invalid={actionData?.errors?.place ? true : undefined}
              />
            </label>
            <FieldError data={actionData} intent="create-session" field="place" />
            <ActionAlert data={actionData} intent="create-session" />
            <div>
              <SubmitButton className="button primary">{c.township.createSubmit}</SubmitButton>
            </div>
          </Form>
        )}
      </section>
    </>
  );
}
