import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { consoleMessages as c } from "~/messages/console";
import { ActionAlert, type ConsoleActionData } from "./ActionAlert";
import { SubmitButton } from "./SubmitButton";

/** What one import form says: the slate's, the roster's. */
export interface ImportFormText {
  heading: string;
  lead: string;
  file: string;
  submit: string;
  failed: string;
}

/**
 * 从文件导入: a file upload posting `intent`, the templates to download, and the file's errors row
 * by row when it was refused. Works without JavaScript (a plain multipart post).
 */
export function ImportForm({
  intent,
  text,
  templates,
  actionData,
}: {
  intent: string;
  text: ImportFormText;
  /** The template's address without its extension (…/slate-template). */
  templates: string;
  actionData: ConsoleActionData | undefined;
}) {
  const mine = actionData?.intent === intent ? actionData : undefined;
  const form = useRef<HTMLFormElement>(null);
  const headingId = `${intent}-form-heading`;
  useEffect(() => {
    if (mine?.ok) form.current?.reset();
  }, [mine]);
  return (
    <Form method="post" encType="multipart/form-data" className="stack panel" ref={form} aria-labelledby={headingId}>
      <h3 id={headingId}>{text.heading}</h3>
      <input type="hidden" name="intent" value={intent} />
      <p className="note">{text.lead}</p>
      <p className="template-links">
        <a className="button small" href={`${templates}.csv`} download>
          {c.slate.templateCsv}
        </a>
        <a className="button small" href={`${templates}.xlsx`} download>
          {c.slate.templateXlsx}
        </a>
      </p>
      <label className="field">
        <span>{text.file}</span>
        <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
      </label>
      {mine && !mine.ok && mine.importErrors && mine.importErrors.length > 0 ? (
        <div className="import-errors" role="alert">
          <p className="form-error">{text.failed}</p>
          <ul aria-label={c.slate.importErrorsCaption}>
            {mine.importErrors.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </div>
      ) : (
        <ActionAlert data={actionData} intent={intent} />
      )}
      <div>
        <SubmitButton className="button primary">{text.submit}</SubmitButton>
      </div>
    </Form>
  );
}
