import { Form } from "@remix-run/react";
import { consoleMessages as c } from "~/messages/console";
import { ActionAlert, FieldError, type ConsoleActionData } from "./ActionAlert";
import { SubmitButton } from "./SubmitButton";

interface Person {
  deputyId: number;
  name: string;
}

/** 监票人: the chief teller and the tellers, chosen from the deputies present. */
export function TellersForm({
  present,
  chief,
  tellers,
  actionData,
}: {
  present: Person[];
  chief: Person | null;
  tellers: Person[];
  actionData: ConsoleActionData | undefined;
}) {
  const tellerIds = new Set(tellers.map((teller) => teller.deputyId));
  return (
    <>
      <p className="lead">{chief ? c.tellers.current(chief.name, tellers.map((teller) => teller.name).join("、") || "—") : c.tellers.none}</p>
      {present.length === 0 ? (
        <p className="note">{c.tellers.noPresent}</p>
      ) : (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="tellers" />
          <p className="note">{c.tellers.lead}</p>
          <label className="field narrow">
            <span>{c.tellers.chief}</span>
            <select name="chiefId" defaultValue={chief?.deputyId ?? ""} required>
              <option value="" disabled>
                {c.tellers.chooseChief}
              </option>
              {present.map((person) => (
                <option key={person.deputyId} value={person.deputyId}>
                  {person.name}
                </option>
              ))}
            </select>
          </label>
          <FieldError data={actionData} intent="tellers" field="chiefId" />
          <fieldset className="checks">
            <legend>{c.tellers.tellers}</legend>
            {present.map((person) => (
              <label key={person.deputyId} className="check">
                <input type="checkbox" name="tellerIds[]" value={person.deputyId} defaultChecked={tellerIds.has(person.deputyId)} />
                <span>{person.name}</span>
              </label>
            ))}
          </fieldset>
          <FieldError data={actionData} intent="tellers" field="tellerIds" />
          <ActionAlert data={actionData} intent="tellers" />
          <div>
            <SubmitButton className="button primary">{c.tellers.submit}</SubmitButton>
          </div>
        </Form>
      )}
    </>
  );
}
