/**
 * 纸质选票 on a round's console page: where the tellers' entry stands and the count; the chief
 * teller's confirmation with their own card (a hall without tablets); and the switch of a failed
 * round to paper.
 */
import { Form, Link } from "@remix-run/react";
import { paperRoundMessages as pr } from "~/messages/paper-round";
import { FieldError, type ConsoleActionData } from "./ActionAlert";
import { SubmitButton } from "./SubmitButton";

interface EntryProgress {
  teller: string;
  entered: number;
  totalsSaved: boolean;
}

export interface PaperEntryView {
  returned: number;
  first: EntryProgress | null;
  second: EntryProgress | null;
  bothDone: boolean;
  differences: string[];
}

/** The entries of a paper round being entered, with links to the entry screens, the differences and the count. */
export function PaperRoundSummary({
  roundHref,
  entryMethod,
  entering,
  paper,
}: {
  roundHref: string;
  entryMethod: "per-ballot" | "totals" | null;
  entering: boolean;
  paper: PaperEntryView;
}) {
  const e = pr.entry;
  const slots =
    entryMethod === "totals"
      ? [{ label: e.totals, href: `${roundHref}/totals`, progress: paper.first, done: paper.first?.totalsSaved ?? false }]
      : [
          { label: e.slot(1), href: `${roundHref}/entry/1`, progress: paper.first, done: paper.first?.entered === paper.returned },
          { label: e.slot(2), href: `${roundHref}/entry/2`, progress: paper.second, done: paper.second?.entered === paper.returned },
        ];
  const countable = entryMethod === "totals" ? (paper.first?.totalsSaved ?? false) : paper.bothDone && paper.differences.length === 0;
  return (
    <section aria-labelledby="paper-entry-heading" className="console-section paper-entry-summary no-print">
      <h2 id="paper-entry-heading">{e.heading}</h2>
      <ul className="entry-slots">
        {slots.map((slot) => (
          <li key={slot.label}>
            <strong>{slot.label}</strong>{" "}
            {slot.progress ? (
              <span>
                {e.by(slot.progress.teller)} ·{" "}
                {entryMethod === "totals" ? (slot.done ? e.totalsSaved : e.notStarted) : e.progress(slot.progress.entered, paper.returned)}
              </span>
            ) : (
              <span className="muted">{e.notStarted}</span>
            )}{" "}
            {entering && (
              <Link className="button small" to={slot.href}>
                {e.go(slot.label)}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {entryMethod !== "totals" && paper.bothDone && (
        <div className={paper.differences.length === 0 ? "flash" : "flash error"} role="status">
          <p>{paper.differences.length === 0 ? e.agree : e.differ(paper.differences.length)}</p>
          {paper.differences.length > 0 && (
            <ul aria-label={e.differencesCaption}>
              {paper.differences.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {entering && (
        <Form method="post" className="action-row">
          <input type="hidden" name="intent" value="count-paper" />
          <SubmitButton className={countable ? "button primary big" : "button big"}>{e.count}</SubmitButton>
          <span className="hint">{e.countHint}</span>
        </Form>
      )}
    </section>
  );
}

/** 总监票人在本机确认: the code of the chief teller's own sign-in card, typed at the console. */
export function ChiefCardConfirm({ chief, actionData }: { chief: string; actionData: ConsoleActionData | undefined }) {
  const k = pr.confirm;
  return (
    <details className="void-box chief-card" open={actionData?.intent === "confirm-card" && !actionData.ok ? true : undefined}>
      <summary>{k.heading}</summary>
      <Form method="post" className="stack">
        <p>{k.lead}</p>
        <input type="hidden" name="intent" value="confirm-card" />
        <label className="field">
          <span>
            {k.codeLabel}（{chief}）
          </span>
          <input name="code" required maxLength={16} autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </label>
        <FieldError data={actionData} intent="confirm-card" field="code" />
        <label className="check">
          <input type="checkbox" name="checked" value="yes" required /> <span>{k.check}</span>
        </label>
        <FieldError data={actionData} intent="confirm-card" field="checked" />
        <div>
          <SubmitButton className="button primary">{k.submit}</SubmitButton>
        </div>
      </Form>
    </details>
  );
}

/**
 * 改用纸质选票重新表决, two clicks: open the box (its reason already filled in), and submit. A paper
 * round entered wrongly is voided and entered again the same way.
 */
export function RerunOnPaper({ medium, secret, actionData }: { medium: "tablet" | "paper"; secret: boolean; actionData: ConsoleActionData | undefined }) {
  const r = pr.rerun;
  const p = pr.prepare;
  return (
    <details className="void-box rerun-paper" open={actionData?.intent === "rerun-paper" && !actionData.ok ? true : undefined}>
      <summary>{medium === "paper" ? r.summaryPaper : r.summary}</summary>
      <Form method="post" className="stack">
        <p>{r.lead}</p>
        <input type="hidden" name="intent" value="rerun-paper" />
        <label className="field">
          <span>{pr.rerun.reasonLabel}</span>
          <textarea name="reason" rows={2} maxLength={200} required defaultValue={medium === "paper" ? r.reasonDefaultPaper : r.reasonDefault} />
        </label>
        <FieldError data={actionData} intent="rerun-paper" field="reason" />
        <fieldset className="choices">
          <legend>{p.entryLegend}</legend>
          <label className="check">
            <input type="radio" name="entryMethod" value="per-ballot" defaultChecked /> <span>{p.perBallot}</span>
          </label>
          {secret && (
            <label className="check">
              <input type="radio" name="entryMethod" value="totals" /> <span>{p.totals}</span>
            </label>
          )}
        </fieldset>
        <div>
          <SubmitButton className="button primary">{r.submit}</SubmitButton>
        </div>
      </Form>
    </details>
  );
}
