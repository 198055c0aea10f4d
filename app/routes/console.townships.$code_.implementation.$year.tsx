/**
 * 实施与监督 (the clerk's): a township's selected projects of a year with their plans and progress,
 * the presidium's inspections (视察) and its hearing of the mid-year report (年中报告).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActionAlert, FieldError, OtherIntentAlert, useConsoleActionData, type ConsoleActionData } from "~/components/console/ActionAlert";
import { SubmitButton } from "~/components/console/SubmitButton";
import { commonMessages as t } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { implementationMessages as m } from "~/messages/implementation";
import { InspectionSchema, MidYearSchema } from "~/schemas/implementation";
import { requireClerkOfTownshipYear, staffActor } from "~/services/auth.server";
import { implementationView } from "~/services/implementation-views.server";
import { recordInspection, recordMidYear } from "~/services/implementation.server";
import { Refusal } from "~/services/refusal";
import { formatWan } from "~/utils/format";
import { formToObject, parseForm, readFormData } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${m.console.heading(data.year)} · ${data.township.name} · ${c.title} · ${t.app.title}` : t.app.title },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { township, year } = await requireClerkOfTownshipYear(request, params);
  return json({ township: { code: township.code, name: township.name }, year, ...(await implementationView(township.id, year)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "");
  const values = formToObject(form) as Record<string, string>;
  const fail = (message: string, status = 400, extra: Partial<ConsoleActionData> = {}) =>
    json<ConsoleActionData>({ ok: false, intent, message, values, ...extra }, { status });
  const { township, year, user } = await requireClerkOfTownshipYear(request, params);
  const actor = staffActor(user, request);
  try {
    if (intent === "mid-year") {
      const parsed = parseForm(MidYearSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await recordMidYear(actor, township.id, year, parsed.data);
      return json<ConsoleActionData>({ ok: true, intent, message: m.console.midYearSaved });
    }
    if (intent === "inspection") {
      const parsed = parseForm(InspectionSchema, form);
      if (!parsed.ok) return fail(parsed.message, 400, { errors: parsed.errors });
      await recordInspection(actor, township.id, year, parsed.data);
      return json<ConsoleActionData>({ ok: true, intent, message: m.console.inspectionRecorded });
    }
  } catch (error) {
    if (error instanceof Refusal) return fail(error.message, error.status);
    throw error;
  }
  return fail(c.errors.unknownIntent);
}

export default function ImplementationConsole() {
  const { township, year, projects, inspections, midYear, deputies, today } = useLoaderData<typeof loader>();
  const actionData = useConsoleActionData<ConsoleActionData>();
  const base = `/console/townships/${township.code}/implementation/${year}`;
  const planned = projects.filter((project) => project.plan !== null);
  const nameOfPlan = new Map(planned.map((project) => [project.plan!.id, project.name]));
  const mine = (intent: string) => (actionData?.intent === intent && !actionData.ok ? (actionData.values ?? {}) : {});
  return (
    <>
      <nav aria-label={c.breadcrumbs} className="breadcrumbs">
        <Link to="/console">{c.title}</Link> › <Link to={`/console/townships/${township.code}`}>{township.name}</Link> › <span>{m.console.heading(year)}</span>
      </nav>
      <h1>{m.console.heading(year)}</h1>
      <OtherIntentAlert data={actionData} known={["mid-year", "inspection"]} />
      <p>
        <Link to={`/progress/${township.code}/${year}`} className="button small">
          {m.console.publicPage}
        </Link>
      </p>
      <section aria-labelledby="projects-heading" className="console-section">
        <h2 id="projects-heading">{m.console.projectsHeading}</h2>
        {projects.length === 0 ? (
          <>
            <p className="note">{m.console.noProjects(year)}</p>
            {/* A post from a page of before (or made by hand) is still answered. */}
            <ActionAlert data={actionData} intent={["mid-year", "inspection"]} />
          </>
        ) : (
          <div className="table-scroll" tabIndex={0}>
            <table className="data-table">
              <caption className="visually-hidden">{m.console.projectsHeading}</caption>
              <thead>
                <tr>
                  <th scope="col">{m.console.project}</th>
                  <th scope="col">{m.console.plan}</th>
                  <th scope="col" className="num">
                    {m.console.progress}
                  </th>
                  <th scope="col" className="num">
                    {m.console.budget}
                  </th>
                  <th scope="col" className="num">
                    {m.console.spent}
                  </th>
                  <th scope="col">{m.console.state}</th>
                </tr>
              </thead>
              <tbody>
                {projects.map((project) => (
                  <tr key={project.candidateId}>
                    <th scope="row">
                      <Link to={`${base}/projects/${project.candidateId}`}>{project.name}</Link>
                    </th>
                    <td>{project.plan ? project.plan.responsibleUnit : m.console.noPlan}</td>
                    <td className="num">{project.progress ? `${project.progress.progress}%` : "—"}</td>
                    <td className="num">{formatWan(project.plan?.budgetCents ?? project.investmentCents)}</td>
                    <td className="num">{project.progress ? formatWan(project.progress.spentCents) : "—"}</td>
                    <td>
                      {project.progress ? m.projectState[project.progress.state] : m.console.noPlan}
                      {project.rating && <span className={`tag grade-${project.rating.grade}`}> {m.rating.grade(t.satisfaction[project.rating.grade])}</span>}
                      {project.progress && project.progress.overdue > 0 && (
                        <span className="tag warning"> {m.overdue(project.progress.overdue, project.progress.mostDaysLate)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {projects.length > 0 && (
        <>
          <section aria-labelledby="mid-year-heading" className="console-section">
            <h2 id="mid-year-heading">{m.console.midYearHeading}</h2>
            {midYear && <p className="state state-published">{m.console.midYearLine(midYear.heardOn)}</p>}
            <Form method="post" className="stack panel narrow-wide">
              <p className="note">{m.console.midYearLead}</p>
              <input type="hidden" name="intent" value="mid-year" />
              <label className="field">
                <span>{m.console.heardOn}</span>
                <input name="heardOn" type="date" defaultValue={mine("mid-year").heardOn ?? midYear?.heardOn ?? today} />
              </label>
              <FieldError data={actionData} intent="mid-year" field="heardOn" />
              <label className="field">
                <span>{m.console.summary}</span>
                <textarea name="summary" rows={4} maxLength={2000} defaultValue={mine("mid-year").summary ?? midYear?.summary ?? ""} />
              </label>
              <FieldError data={actionData} intent="mid-year" field="summary" />
              <ActionAlert data={actionData} intent="mid-year" />
              <div>
                <SubmitButton className="button primary">{m.console.saveMidYear}</SubmitButton>
              </div>
            </Form>
          </section>

          <section aria-labelledby="inspections-heading" className="console-section">
            <h2 id="inspections-heading">{m.console.inspectionsHeading}</h2>
            {inspections.length === 0 ? (
              <p className="note">{m.console.noInspections}</p>
            ) : (
              <ul className="link-list">
                {inspections.map((inspection) => (
                  <li key={inspection.id}>
                    <p>
                      {m.console.inspectionLine(
                        inspection.heldOn,
                        inspection.deputyIds.length,
                        inspection.planIds.map((id) => nameOfPlan.get(id) ?? "").join("、"),
                      )}
                    </p>
                    <p className="muted content-cell">
                      {m.console.findings}：{inspection.findings}
                    </p>
                    <p className="muted content-cell">
                      {m.console.followUp}：{inspection.followUp}
                    </p>
                  </li>
                ))}
              </ul>
            )}
            {planned.length === 0 && <ActionAlert data={actionData} intent="inspection" />}
            {planned.length > 0 && (
              <Form method="post" className="stack panel narrow-wide" aria-labelledby="inspection-heading">
                <h3 id="inspection-heading">{m.console.inspectionHeading}</h3>
                <input type="hidden" name="intent" value="inspection" />
                <label className="field">
                  <span>{m.console.heldOn}</span>
                  <input name="heldOn" type="date" defaultValue={mine("inspection").heldOn ?? today} />
                </label>
                <FieldError data={actionData} intent="inspection" field="heldOn" />
                <fieldset className="field">
                  <legend>{m.console.projects}</legend>
                  {planned.map((project) => (
                    <label key={project.candidateId} className="check">
                      <input type="checkbox" name="planIds[]" value={project.plan!.id} /> {project.name}
                    </label>
                  ))}
                </fieldset>
                <FieldError data={actionData} intent="inspection" field="planIds" />
                <fieldset className="field">
                  <legend>{m.console.deputies}</legend>
                  {deputies.map((deputy) => (
                    <label key={deputy.id} className="check">
                      <input type="checkbox" name="deputyIds[]" value={deputy.id} /> {deputy.name}
                    </label>
                  ))}
                </fieldset>
                <FieldError data={actionData} intent="inspection" field="deputyIds" />
                <label className="field">
                  <span>{m.console.findings}</span>
                  <textarea name="findings" rows={3} maxLength={1000} defaultValue={mine("inspection").findings ?? ""} />
                </label>
                <FieldError data={actionData} intent="inspection" field="findings" />
                <label className="field">
                  <span>{m.console.followUp}</span>
                  <textarea name="followUp" rows={3} maxLength={1000} defaultValue={mine("inspection").followUp ?? ""} />
                </label>
                <FieldError data={actionData} intent="inspection" field="followUp" />
                <ActionAlert data={actionData} intent="inspection" />
                <div>
                  <SubmitButton className="button primary">{m.console.recordInspection}</SubmitButton>
                </div>
              </Form>
            )}
          </section>
        </>
      )}
    </>
  );
}
