/**
 * What a page says when its loader or action refused or failed: the server's own Chinese reason
 * when it gave one, otherwise a sentence for the status (a 403 is not "not found"). Route error
 * boundaries use it with a way back that fits where the user is, inside their own area's frame
 * (the console, the tablet, the monitor).
 */
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { errorMessage } from "~/messages/common";

export interface ErrorPanelProps {
  back: { to: string; label: string };
  /** The area's panel style (the tablet's large text) beside the shared one. */
  className?: string;
  /** The way back as the area draws it (the tablet's big button). */
  backClassName?: string;
}

export function ErrorPanel({ back, className, backClassName }: ErrorPanelProps) {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? errorMessage(error.status, error.data) : errorMessage(500, null);
  return (
    <section className={className ? `error-panel ${className}` : "error-panel"} role="alert">
      <h1>{message}</h1>
      <Link to={back.to} className={backClassName}>
        {back.label}
      </Link>
    </section>
  );
}
