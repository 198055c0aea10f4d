import { Form } from "@remix-run/react";
import { paperEntryMessages as m } from "~/messages/paper-entry";

/** 开始录入: the teller responsible for an entry, chosen from the session's tellers. */
export function TellerChoice({ tellers }: { tellers: ReadonlyArray<{ id: number; name: string; role: string }> }) {
  if (tellers.length === 0) return <p>{m.noTellers}</p>;
  return (
    <Form method="post">
      <fieldset>
        <legend>{m.chooseTeller}</legend>
        {tellers.map((teller) => (
          <label key={teller.id} className="big-choice">
            <input type="radio" name="tellerId" value={teller.id} required /> {teller.name}（{teller.role === "chief" ? m.chief : m.teller}）
          </label>
        ))}
      </fieldset>
      <button type="submit" name="intent" value="start" className="button primary">
        {m.start}
      </button>
    </Form>
  );
}
