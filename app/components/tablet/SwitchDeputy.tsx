/**
 * 更换代表: handing the tablet to another deputy signs this one out and ends their card, so the
 * bar's button only asks (/vote/ballot?confirm=signout, rendered by the server, the same with
 * JavaScript and without); the sign-out itself is this panel's form, the only one that carries
 * confirmed=yes, without which the action signs nobody out.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { tabletMessages as tablet } from "~/messages/tablet";

export const SWITCH_DEPUTY_HREF = "/vote/ballot?confirm=signout";

export function SwitchDeputyPanel({ deputyName }: { deputyName: string }) {
  const busy = useNavigation().state !== "idle";
  const s = tablet.switchDeputy;
  return (
    <section className="tablet-panel switch-deputy" aria-labelledby="switch-heading">
      <h1 id="switch-heading">{s.title}</h1>
      <p className="tablet-lead">{s.lead(deputyName)}</p>
      <p className="tablet-lead switch-deputy-consequence">{s.consequence(deputyName)}</p>
      <Form method="post" action="/vote/ballot" className="switch-deputy-actions">
        <input type="hidden" name="intent" value="signout" />
        <input type="hidden" name="confirmed" value="yes" />
        <Link className="button primary tablet-big-button" to="/vote/ballot">
          {s.cancel}
        </Link>
        <button className="button tablet-big-button" type="submit" disabled={busy}>
          {s.confirm}
        </button>
      </Form>
    </section>
  );
}
