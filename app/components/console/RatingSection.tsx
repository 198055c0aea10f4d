/**
 * 满意度测评 on the session console: last year's selected projects, which of them a rating round
 * already asks, and the form that prepares a rating round of the others (always secret).
 */
import { Form } from "@remix-run/react";
import type { RateableProject } from "~/domain/satisfaction";
import { consoleMessages as c } from "~/messages/console";
import { ActionAlert, FieldError, type ConsoleActionData } from "./ActionAlert";
import { MediumFields } from "./RoundsSection";
import { SubmitButton } from "./SubmitButton";

const m = c.rating;

export function RatingSection({ year, projects, actionData }: { year: number; projects: RateableProject[]; actionData: ConsoleActionData | undefined }) {
  if (projects.length === 0)
    return (
      <>
        <ActionAlert data={actionData} intent="prepare-rating" />
        <p className="note">{m.none(year)}</p>
      </>
    );
  const open = projects.filter((project) => project.ratedIn === null);
  return (
    <>
      <p className="lead">{m.lead(year)}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption>{m.caption(year)}</caption>
          <thead>
            <tr>
              <th scope="col">{m.project}</th>
              <th scope="col">{m.state}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((project) => (
              <tr key={project.id}>
                <th scope="row">{project.name}</th>
                <td>{project.ratedIn ? m.ratedIn(project.ratedIn.session, project.ratedIn.round) : m.notRated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ActionAlert data={actionData} intent="prepare-rating" />
      {open.length === 0 ? (
        <p className="note">{m.allRated}</p>
      ) : (
        <Form method="post" className="stack panel" aria-labelledby="prepare-rating-heading">
          <h3 id="prepare-rating-heading">{m.submit}</h3>
          <input type="hidden" name="intent" value="prepare-rating" />
          <fieldset className="checks">
            <legend>{m.projectsLegend}</legend>
            {open.map((project) => (
              <label key={project.id} className="check">
                <input type="checkbox" name="candidateIds[]" value={project.id} defaultChecked /> <span>{project.name}</span>
              </label>
            ))}
          </fieldset>
          <FieldError data={actionData} intent="prepare-rating" field="candidateIds" />
          <fieldset className="choices">
            <legend>{m.basisLegend}</legend>
            {(["all", "present", "valid"] as const).map((basis) => (
              <label key={basis} className="check">
                <input type="radio" name="basis" value={basis} defaultChecked={basis === "all"} /> <span>{m.basis[basis]}</span>
              </label>
            ))}
            <p className="hint">{m.basisHint}</p>
          </fieldset>
          <MediumFields />
          <p className="hint">{m.secretNote}</p>
          <div>
            <SubmitButton className="button primary">{m.submit}</SubmitButton>
          </div>
        </Form>
      )}
    </>
  );
}
