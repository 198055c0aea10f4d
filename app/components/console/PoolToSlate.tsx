import { Form, Link } from "@remix-run/react";
import { collectionMessages as m } from "~/messages/collection";
import type { SlatePool } from "~/services/collection-views.server";
import { formatWan } from "~/utils/format";
import { ActionAlert, FieldError, type ConsoleActionData } from "./ActionAlert";
import { SubmitButton } from "./SubmitButton";

/** 从项目库选入: the approved projects of the year's collection that the slate has not taken yet. */
export function PoolToSlate({
  townshipCode,
  year,
  pool,
  actionData,
}: {
  townshipCode: string;
  year: number;
  pool: SlatePool;
  actionData: ConsoleActionData | undefined;
}) {
  const campaignLink = `/console/townships/${townshipCode}/campaign/${year}`;
  return (
    <Form method="post" className="stack panel" aria-labelledby="pool-to-slate-heading">
      <h3 id="pool-to-slate-heading">{m.slate.heading}</h3>
      <input type="hidden" name="intent" value="add-from-pool" />
      {pool.campaign === null ? (
        <p className="note">
          <Link to={campaignLink}>{m.slate.noCampaign(year)}</Link>
        </p>
      ) : pool.campaign.approvedOn === null ? (
        <p className="note">
          <Link to={campaignLink}>{m.slate.notApproved}</Link>
        </p>
      ) : pool.projects.length === 0 ? (
        <p className="note">{m.slate.none}</p>
      ) : (
        <>
          <p className="note">{m.slate.lead(year)}</p>
          <fieldset className="field">
            <legend className="visually-hidden">{m.slate.heading}</legend>
            {pool.projects.map((project) => (
              <label key={project.id} className="check">
                <input type="checkbox" name="projectIds[]" value={project.id} defaultChecked /> {project.name}{" "}
                <small className="muted">
                  {formatWan(project.investmentCents)} · {project.responsibleUnit}
                </small>
              </label>
            ))}
          </fieldset>
          <FieldError data={actionData} intent="add-from-pool" field="projectIds" />
          <div>
            <SubmitButton className="button primary">{m.slate.add}</SubmitButton>
          </div>
        </>
      )}
      <ActionAlert data={actionData} intent="add-from-pool" />
    </Form>
  );
}
