/**
 * 总监票人确认 on the chief teller's own tablet: the counted round's tally, a box to tick, and the
 * confirmation. A plain form post: it works without JavaScript.
 */
import { Form, useNavigation } from "@remix-run/react";
import { tablet } from "~/messages/tablet";
import { formatInteger } from "~/utils/format";

export interface TallyToConfirm {
  roundId: number;
  number: number;
  lines: string[];
  ballotsDigest: string | null;
  projects: Array<{ id: string; name: string; yes: number; no: number; abstain: number; notVoted: number; outcome: string }>;
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
      <div className="table-scroll" tabIndex={0}>
        <table className="data-table">
          <caption>{t.caption(tally.number)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.project}</th>
              <th scope="col" className="num">{t.yes}</th>
              <th scope="col" className="num">{t.no}</th>
              <th scope="col" className="num">{t.abstain}</th>
              <th scope="col" className="num">{t.notVoted}</th>
              <th scope="col">{t.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {tally.projects.map((project) => (
              <tr key={project.id}>
                <th scope="row">{project.name}</th>
                <td className="num">{formatInteger(project.yes)}</td>
                <td className="num">{formatInteger(project.no)}</td>
                <td className="num">{formatInteger(project.abstain)}</td>
                <td className="num">{formatInteger(project.notVoted)}</td>
                <td>{project.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
