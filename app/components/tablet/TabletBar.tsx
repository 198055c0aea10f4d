/** The tablet's top bar: which session, which deputy, checked in or not; a way to hand the tablet over. */
import { Form } from "@remix-run/react";
import { tablet } from "~/messages/tablet";

export interface TabletBarProps {
  township: string;
  sessionTitle: string;
  deputyName: string;
  status: string;
  /** Shows the 换人签到 button (posts intent=signout to /vote/ballot). */
  canSwitch?: boolean;
}

export function TabletBar({ township, sessionTitle, deputyName, status, canSwitch = true }: TabletBarProps) {
  const statusLabel = status === "present" ? tablet.bar.checkedIn : status === "leave" ? tablet.bar.onLeave : tablet.bar.notCheckedIn;
  return (
    <header className="tablet-bar">
      <div className="tablet-bar-session">
        <span className="tablet-bar-township">{township}</span>
        <span className="tablet-bar-title">{sessionTitle}</span>
      </div>
      <div className="tablet-bar-deputy">
        <strong>{tablet.bar.deputy(deputyName)}</strong>
        <span className={`tablet-status tablet-status-${status === "present" ? "in" : "out"}`}>
          <span aria-hidden="true">{status === "present" ? "✓ " : "• "}</span>
          {statusLabel}
        </span>
        {canSwitch && (
          <Form method="post" action="/vote/ballot" className="tablet-switch">
            <button className="button small tablet-switch-button" type="submit" name="intent" value="signout">
              {tablet.bar.switchDeputy}
            </button>
          </Form>
        )}
      </div>
    </header>
  );
}
