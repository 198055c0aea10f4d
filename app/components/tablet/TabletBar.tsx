/** The tablet's top bar: which session, which deputy, checked in or not; a way to hand the tablet over. */
import { Link } from "@remix-run/react";
import { tabletMessages as tablet } from "~/messages/tablet";
import { SWITCH_DEPUTY_HREF } from "./SwitchDeputy";

export interface TabletBarProps {
  township: string;
  sessionTitle: string;
  deputyName: string;
  status: string;
  /** Shows the 更换代表 button (asks first: SwitchDeputyPanel). */
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
          <Link className="button small tablet-switch-button" to={SWITCH_DEPUTY_HREF}>
            {tablet.bar.switchDeputy}
          </Link>
        )}
      </div>
    </header>
  );
}
