/**
 * What a page says when its loader or action refused or failed: the server's own Chinese reason
 * when it gave one, otherwise a sentence for the status (a 403 is not "not found"). Route error
 * boundaries use it with a way back that fits where the user is.
 */
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { errorMessage } from "~/messages/common";

export function ErrorPanel({ back }: { back: { to: string; label: string } }) {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? errorMessage(error.status, error.data) : errorMessage(500, null);
  return (
    <section className="error-panel" role="alert">
      <h1>{message}</h1>
      <Link to={back.to}>{back.label}</Link>
    </section>
  );
}
