import { Form } from "@remix-run/react";
import { consoleMessages as c } from "~/messages/console";
import { ActionAlert, type ConsoleActionData } from "./ActionAlert";
import { formatTime } from "~/utils/format";
import { SubmitButton } from "./SubmitButton";

/** 会场大屏: the session's display link — open, replace or revoke it; a new link is shown once. */
export function DisplayLinkPanel({ openedAt, actionData }: { openedAt: string | null; actionData: ConsoleActionData | undefined }) {
  const justOpened = actionData?.ok && actionData.intent === "display-open" ? actionData.displayUrl : undefined;
  return (
    <>
      <p className="hint">{c.display.lead}</p>
      <p>{openedAt ? c.display.openedAt(formatTime(openedAt)) : c.display.none}</p>
      {justOpened && (
        <div className="display-link" role="status">
          <label htmlFor="display-url">{c.display.opened}</label>
          <input id="display-url" readOnly value={justOpened} onFocus={(event) => event.currentTarget.select()} />
          <a className="button primary" href={justOpened} target="_blank" rel="noreferrer">
            {c.display.openScreen}
          </a>
        </div>
      )}
      <ActionAlert data={actionData} intent={justOpened ? [] : ["display-open", "display-revoke"]} />
      <div className="display-actions">
        <Form method="post">
          <input type="hidden" name="intent" value="display-open" />
          <SubmitButton>{openedAt ? c.display.replace : c.display.open}</SubmitButton>
        </Form>
        {openedAt && (
          <Form method="post">
            <input type="hidden" name="intent" value="display-revoke" />
            <SubmitButton>{c.display.revoke}</SubmitButton>
          </Form>
        )}
      </div>
    </>
  );
}
