/** One selected project's implementation: its plan (made once), its milestones against their days, and its progress reports. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionAlert, FieldError, OtherIntentAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { SubmitButton } from "~/components/console/SubmitButton";
import { MILESTONE_TEMPLATE } from "~/domain/implementation";
import { commonMessages as t } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { implementationMessages as m } from "~/messages/implementation";
import { PlanSchema, ReportSchema } from "~/schemas/implementation";
import { requireClerkOfTownshipYear, staffActor } from "~/services/auth.server";
import { projectView } from "~/services/implementation-views.server";
import { createPlan, reportProgress } from "~/services/implementation.server";
import { Refusal } from "~/services/refusal";
import { formatWan, formatWanWithUnit } from "~/utils/format";
import { formToObject, parseForm, readFormData } from "~/utils/forms";
import { idParam } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${m.project.metaTitle(data.project.name)} · ${t.app.title}` : t.app.title }];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const { township, year, user } = await requireClerkOfTownshipYear(request, params);
  const candidateId = idParam(params.candidateId);
  const view = candidateId === null ? null : await projectView(township.id, year, candidateId);
  if (!view) throw new Response(m.public.notFound, { status: 404 });
  return { township, year, user, ...view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { township, year, project, today } = await load(request, params);
  return json({ township: { code: township.code, name: township.name }, year, project, today });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const values = formToObject(form) as Record<string, string>;
  const fail = (message: string, status = 400, extra: Partial<ConsoleActionData> = {}) =>
    json<ConsoleActionData>({ ok: false, intent, message, values, ...extra }, { status });
  const { township, year, user, project } = await load(request, params);
  const actor = staffActor(user, request);
  try {
    if (intent === "plan") {
      const parsed = parseForm(PlanSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await createPlan(actor, township.id, year, project.candidateId, parsed.data);
      return json<ConsoleActionData>({ ok: true, intent, message: m.project.planSaved });
    }
    if (intent === "report") {
      const parsed = parseForm(ReportSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await reportProgress(actor, township.id, year, project.candidateId, parsed.data);
      return json<ConsoleActionData>({ ok: true, intent, message: m.project.reportSaved });
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

function PlanForm({ project, actionData }: { project: ReturnType<typeof useLoaderData<typeof loader>>["project"]; actionData: ConsoleActionData | undefined }) {
  const values = actionData?.intent === "plan" && !actionData.ok ? (actionData.values ?? {}) : {};
  const rows = [
    ...MILESTONE_TEMPLATE.map((kind) => ({ kind, name: m.milestone[kind] })),
    { kind: "custom" as const, name: "" },
    { kind: "custom" as const, name: "" },
  ];
  return (
    <Form method="post" className="stack panel narrow-wide" aria-labelledby="plan-heading">
      <h2 id="plan-heading">{m.project.planHeading}</h2>
      <p className="note">{m.project.planLead}</p>
      <input type="hidden" name="intent" value="plan" />
      <label className="field">
        <span>{m.project.responsibleUnit}</span>
        <input name="responsibleUnit" maxLength={100} defaultValue={values.responsibleUnit ?? project.responsibleUnit} />
      </label>
      <FieldError data={actionData} intent="plan" field="responsibleUnit" />
      <label className="field">
        <span>{m.project.budget}</span>
        <input name="budget" inputMode="decimal" defaultValue={values.budget ?? String(project.investmentCents / 100)} />
      </label>
      <FieldError data={actionData} intent="plan" field="budget" />
      <div className="two-col">
        <label className="field">
          <span>{m.project.plannedStart}</span>
          <input name="plannedStart" type="date" defaultValue={values.plannedStart ?? project.votedOn} />
        </label>
        <label className="field">
          <span>{m.project.plannedCompletion}</span>
          <input name="plannedCompletion" type="date" defaultValue={values.plannedCompletion ?? ""} />
        </label>
      </div>
      <FieldError data={actionData} intent="plan" field="plannedStart" />
      <FieldError data={actionData} intent="plan" field="plannedCompletion" />
      <fieldset className="field">
        <legend>{m.project.milestonesHeading}</legend>
        {rows.map((row, index) => (
          <div key={index} className="two-col">
            <input type="hidden" name="kind[]" value={row.kind} />
            {row.kind === "custom" ? (
              <label className="field">
                <span>
                  {m.project.milestoneName}（{m.custom}）
                </span>
                <input name="name[]" maxLength={30} defaultValue="" />
              </label>
            ) : (
              <>
                <input type="hidden" name="name[]" value="" />
                <span className="field">{row.name}</span>
              </>
            )}
            <label className="field">
              <span>
                {row.kind === "custom" ? m.custom : row.name} {m.project.milestoneDay}
              </span>
              <input name="plannedOn[]" type="date" defaultValue="" />
            </label>
          </div>
        ))}
      </fieldset>
      <FieldError data={actionData} intent="plan" field="plannedOn" />
      <ActionAlert data={actionData} intent="plan" />
      <div>
        <SubmitButton className="button primary">{m.project.savePlan}</SubmitButton>
      </div>
    </Form>
  );
}

export default function ProjectImplementation() {
  const { township, year, project, today } = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<ConsoleActionData>();
  const back = `/console/townships/${township.code}/implementation/${year}`;
  const plan = project.plan;
  const values = actionData?.intent === "report" && !actionData.ok ? (actionData.values ?? {}) : {};
  const milestoneName = (milestone: { kind: string; name: string | null }) =>
    milestone.kind === "custom" ? (milestone.name ?? "") : m.milestone[milestone.kind as keyof typeof m.milestone];
  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${township.code}`}>{township.name}</Link> ›{" "}
        <Link to={back}>{m.console.heading(year)}</Link> › <span>{project.name}</span>
      </nav>
      <h1>{project.name}</h1>
      <p className="lead">{m.project.notice(project.noticeNo, project.votedOn)}</p>
      <OtherIntentAlert data={actionData} known={["plan", "report"]} />
      {!plan ? (
        <PlanForm project={project} actionData={actionData} />
      ) : (
        <>
          <ActionAlert data={actionData} intent="plan" />
          <p>{m.project.planLine(plan.responsibleUnit, formatWanWithUnit(plan.budgetCents), plan.plannedStart, plan.plannedCompletion)}</p>
          {project.progress && (
            <p>
              <strong>{m.projectState[project.progress.state]}</strong> · {m.public.progressLabel(project.progress.progress)}
              {project.progress.overdue > 0 && <span className="tag warning"> {m.overdue(project.progress.overdue, project.progress.mostDaysLate)}</span>}
            </p>
          )}
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption>{m.project.milestonesHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.project.milestone}</th>
                  <th scope="col">{m.project.plannedOn}</th>
                  <th scope="col">{m.project.milestoneStatus}</th>
                </tr>
              </thead>
              <tbody>
                {plan.milestones.map((milestone) => (
                  <tr key={milestone.id} className={milestone.status.state === "overdue" || milestone.status.state === "late" ? "row-warning" : undefined}>
                    <th scope="row">{milestoneName(milestone)}</th>
                    <td className="nowrap">{m.day(milestone.plannedOn)}</td>
                    <td>{m.milestoneState(milestone.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <Form method="post" className="stack panel narrow-wide" aria-labelledby="report-heading">
            <h2 id="report-heading">{m.project.reportHeading}</h2>
            <input type="hidden" name="intent" value="report" />
            <label className="field">
              <span>{m.project.reportedOn}</span>
              <input name="reportedOn" type="date" defaultValue={values.reportedOn ?? today} />
            </label>
            <FieldError data={actionData} intent="report" field="reportedOn" />
            <label className="field">
              <span>{m.project.progress}</span>
              <input name="progress" inputMode="numeric" defaultValue={values.progress ?? String(project.progress?.progress ?? 0)} />
            </label>
            <FieldError data={actionData} intent="report" field="progress" />
            <label className="field">
              <span>{m.project.spent}</span>
              <input name="spent" inputMode="decimal" defaultValue={values.spent ?? String((project.progress?.spentCents ?? 0) / 100)} />
            </label>
            <FieldError data={actionData} intent="report" field="spent" />
            <label className="field">
              <span>{m.project.reached}</span>
              <select name="milestoneId" defaultValue={values.milestoneId ?? ""}>
                <option value="">{m.project.noneReached}</option>
                {plan.milestones
                  .filter((milestone) => milestone.reachedOn === null)
                  .map((milestone) => (
                    <option key={milestone.id} value={milestone.id}>
                      {milestoneName(milestone)}
                    </option>
                  ))}
              </select>
            </label>
            <label className="field">
              <span>{m.project.text}</span>
              <textarea name="text" rows={3} maxLength={500} defaultValue={values.text ?? ""} />
            </label>
            <FieldError data={actionData} intent="report" field="text" />
            <ActionAlert data={actionData} intent="report" />
            <div>
              <SubmitButton className="button primary">{m.project.saveReport}</SubmitButton>
            </div>
          </Form>

          <section aria-labelledby="reports-heading" className="console-section">
            <h2 id="reports-heading">{m.project.reportsHeading}</h2>
            {plan.reports.length === 0 ? (
              <p className="note">{m.project.noReports}</p>
            ) : (
              <ol className="link-list">
                {[...plan.reports].reverse().map((report) => (
                  <li key={report.id}>
                    <p>{m.project.reportLine(report.reportedOn, report.progress, formatWan(report.spentCents))}</p>
                    <p className="muted content-cell">{report.text}</p>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
      <p>
        <Link to={back}>{m.project.back}</Link>
      </p>
    </>
  );
}
