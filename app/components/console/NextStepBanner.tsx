import { Link } from "@remix-run/react";
import { consoleMessages as c } from "~/messages/console";

export interface NextStepView {
  text: string;
  roundId?: number;
  roundNumber?: number;
}

/** "下一步": what the clerk should do now. */
export function NextStepBanner({ next, sessionId, here }: { next: NextStepView; sessionId: number; here?: number }) {
  return (
    <p className="next-step">
      <strong className="next-step-label">{c.session.nextStep}</strong>
      <span>{next.text}</span>
      {next.roundId !== undefined && next.roundId !== here && (
        <Link className="button small" to={`/console/sessions/${sessionId}/rounds/${next.roundId}`}>
          {c.next.roundLink(next.roundNumber!)}
        </Link>
      )}
    </p>
  );
}
