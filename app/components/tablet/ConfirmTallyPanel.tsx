/**
 * 总监票人确认 on the chief teller's own tablet: the counted round's tally (the console's table),
 * a box to tick, and the confirmation. A plain form post: it works without JavaScript.
 */
import { Form, useNavigation } from "@remix-run/react";
import type { BallotForm } from "~/domain/tally";
import { TallyTable, type TallyRowView } from "~/components/console/RoundResult";
import { tabletMessages as tablet } from "~/messages/tablet";

export interface TallyToConfirm {
  roundId: number;
  number: number;
  form: BallotForm;
  lines: string[];
  ballotsDigest: string | null;
  vacancies: number;
  projects: TallyRowView[];
}

export function ConfirmTallyPanel({ tally }: { tally: TallyToConfirm }) {
  const busy = useNavigation().state !== "idle";
  const t = tablet.confirmTally;
  return (
    <section className="tablet-panel" aria-labelledby="confirm-tally-heading">
      <h1 id="confirm-tally-heading">{t.title(tally.number)}</h1>
      <p className="tablet-lead">{t.lead}</p>
      {tally.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {tally.ballotsDigest && <p className="tally-digest">{t.digest(tally.ballotsDigest)}</p>}
      <TallyTable number={tally.number} rows={tally.projects} vacancies={tally.vacancies} form={tally.form} />
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="confirm-tally" />
        <input type="hidden" name="roundId" value={tally.roundId} />
        <label className="check big-check">
          <input type="checkbox" name="checked" value="yes" required />
          <span>{t.check}</span>
        </label>
        <button className="button primary tablet-big-button" type="submit" disabled={busy}>
          {t.submit}
        </button>
      </Form>
    </section>
  );
}
