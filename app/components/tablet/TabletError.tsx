/**
 * The tablet's error boundary: a refused or failed tablet page says why in the tablet's large text
 * and offers one big button back to /vote, inside the tablet's frame rather than the site's.
 */
import { ErrorPanel } from "~/components/ui/ErrorPanel";
import { tabletMessages as tablet } from "~/messages/tablet";

export function TabletError() {
  return (
    <div className="tablet">
      <div className="tablet-body">
        <ErrorPanel className="tablet-panel" backClassName="button primary tablet-big-button" back={{ to: "/vote", label: tablet.errors.back }} />
      </div>
    </div>
  );
}
