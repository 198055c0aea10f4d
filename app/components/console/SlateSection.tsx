import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { consoleMessages as c } from "~/messages/console";
import { CANDIDATE_FIELD_LABELS } from "~/schemas/candidate";
import { ActionAlert, type ConsoleActionData } from "./ActionAlert";
import { ImportForm } from "./ImportForm";
import { formatWan } from "~/utils/format";
import { SubmitButton } from "./SubmitButton";

export interface CandidateView {
  id: number;
  position: number;
  name: string;
  content: string;
  investmentCents: number;
  fundingSource: string;
  plannedCompletion: string;
  responsibleUnit: string;
  inRound: boolean;
}

/** 候选项目: the slate table, delete, hand entry and file import. */
export function SlateSection({
  sessionId,
  candidates,
  actionData,
}: {
  sessionId: number;
  candidates: CandidateView[];
  actionData: ConsoleActionData | undefined;
}) {
  return (
    <>
      {candidates.length === 0 ? (
        <p className="note">{c.slate.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table slate">
            <caption>{c.slate.caption(candidates.length)}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {c.slate.number}
                </th>
                <th scope="col">{c.slate.name}</th>
                <th scope="col">{c.slate.content}</th>
                <th scope="col" className="num">
                  {c.slate.investment}
                </th>
                <th scope="col">{c.slate.funding}</th>
                <th scope="col">{c.slate.completion}</th>
                <th scope="col">{c.slate.unit}</th>
                <th scope="col">{c.slate.remove}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((candidate, index) => (
                <tr key={candidate.id}>
                  <td className="num">{index + 1}</td>
                  <th scope="row">{candidate.name}</th>
                  <td className="content-cell">{candidate.content}</td>
                  <td className="num">{formatWan(candidate.investmentCents)}</td>
                  <td>{candidate.fundingSource}</td>
                  <td className="nowrap">{candidate.plannedCompletion}</td>
                  <td>{candidate.responsibleUnit}</td>
                  <td>
                    {candidate.inRound ? (
                      <small className="muted">{c.slate.inRound}</small>
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="remove-candidate" />
                        <input type="hidden" name="candidateId" value={candidate.id} />
                        <SubmitButton className="button small" aria-label={c.slate.removeLabel(candidate.name)}>
                          {c.slate.remove}
                        </SubmitButton>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionAlert data={actionData} intent="remove-candidate" />
      <div className="two-col">
        <CandidateForm actionData={actionData} />
        <ImportForm
          intent="import"
          text={{
            heading: c.slate.importHeading,
            lead: c.slate.importLead,
            file: c.slate.importFile,
            submit: c.slate.importSubmit,
            failed: c.slate.importFailed,
          }}
          templates={`/console/sessions/${sessionId}/slate-template`}
          actionData={actionData}
        />
      </div>
    </>
  );
}

const FIELDS = [
  ["name", "input"],
  ["content", "textarea"],
  ["investment", "input"],
  ["fundingSource", "input"],
  ["plannedCompletion", "input"],
  ["responsibleUnit", "input"],
] as const;

const HINTS: Partial<Record<(typeof FIELDS)[number][0], string>> = {
  investment: c.slate.investmentHint,
  plannedCompletion: c.slate.completionHint,
};

/**
 * A project's fields (候选项目 on the slate, or a pool project at screening): `defaults` fill the
 * form the first time, what the clerk typed fills it again after a refusal.
 */
export function CandidateForm({
  actionData,
  intent = "candidate",
  heading = c.slate.addHeading,
  lead,
  submit = c.slate.addSubmit,
  defaults = {},
}: {
  actionData: ConsoleActionData | undefined;
  intent?: string;
  heading?: string;
  lead?: string;
  submit?: string;
  defaults?: Partial<Record<(typeof FIELDS)[number][0], string>>;
}) {
  const form = useRef<HTMLFormElement>(null);
  const mine = actionData?.intent === intent ? actionData : undefined;
  useEffect(() => {
    if (mine?.ok) form.current?.reset();
  }, [mine]);
  const values = mine && !mine.ok ? (mine.values ?? {}) : defaults;
  return (
    <Form method="post" className="stack panel" ref={form} aria-labelledby={`${intent}-form-heading`}>
      <h3 id={`${intent}-form-heading`}>{heading}</h3>
      {lead && <p className="note">{lead}</p>}
      <input type="hidden" name="intent" value={intent} />
      {FIELDS.map(([field, kind]) => {
        const error = mine && !mine.ok ? mine.errors?.[field] : undefined;
        const describedBy = [HINTS[field] ? `${intent}-${field}-hint` : "", error ? `${intent}-${field}-error` : ""].filter(Boolean).join(" ") || undefined;
        const props = {
          name: field,
          defaultValue: values[field] ?? "",
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy,
        };
        return (
          <label key={field} className="field">
            <span>{CANDIDATE_FIELD_LABELS[field]}</span>
            {kind === "textarea" ? <textarea {...props} rows={3} /> : <input {...props} inputMode={field === "investment" ? "decimal" : undefined} />}
            {HINTS[field] && (
              <small id={`${intent}-${field}-hint`} className="muted">
                {HINTS[field]}
              </small>
            )}
            {error && (
              <span className="field-error" id={`${intent}-${field}-error`}>
                {error}
              </span>
            )}
          </label>
        );
      })}
      <ActionAlert data={actionData} intent={intent} />
      <div>
        <SubmitButton className="button primary">{submit}</SubmitButton>
      </div>
    </Form>
  );
}
