/**
 * The monitoring pages' error boundary: a view refused (an area outside the account's) or not
 * found says so in the monitor's frame and leads back to the staffer's own area (/monitor).
 */
import { ErrorPanel } from "~/components/ui/ErrorPanel";
import { monitorMessages } from "~/messages/monitor";

export function MonitorError() {
  return (
    <div className="monitor">
      <ErrorPanel back={{ to: "/monitor", label: monitorMessages.monitor.back }} />
    </div>
  );
}
