/**
 * 确认: the second step of an irreversible action (截止投票, 发布公告, 重新制发密钥卡). The action's
 * button is a link to the same page with ?confirm=<intent>; the server renders this step, so it is
 * the same with JavaScript and without. Only this step's form carries confirmed=yes, and the action
 * refuses the step without it: a stray one-click post changes nothing.
 */
import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { consoleMessages as c } from "~/messages/console";
import { SubmitButton } from "./SubmitButton";

/** The link that asks first: this page, showing the confirmation step of `intent`. */
export function ConfirmLink({ intent, className, children }: { intent: string; className: string; children: ReactNode }) {
  return (
    <Link className={className} to={`?confirm=${intent}#confirm-step`} preventScrollReset>
      {children}
    </Link>
  );
}

/** Which step the page is asking to confirm, if any. */
export function useConfirming(): string | null {
  const [params] = useSearchParams();
  return params.get("confirm");
}

export function ConfirmStep({ intent, heading, submit, children }: { intent: string; heading: string; submit: string; children: ReactNode }) {
  // Posted to the page without ?confirm=…, so that the answer shows the page as it is afterwards.
  const { pathname } = useLocation();
  return (
    <section id="confirm-step" className="confirm-step" aria-labelledby="confirm-step-heading">
      <h3 id="confirm-step-heading">{heading}</h3>
      <Form method="post" action={pathname} className="stack">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="confirmed" value="yes" />
        {children}
        <div className="action-row">
          <SubmitButton className="button primary big">{submit}</SubmitButton>
          <Link className="button" to={pathname} preventScrollReset>
            {c.confirmations.cancel}
          </Link>
        </div>
      </Form>
    </section>
  );
}
