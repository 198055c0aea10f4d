/**
 * One candidate project on the ballot: its key facts, and the deputy's mark. Per-project ballots
 * get three large radio buttons (赞成 / 反对 / 弃权), rating ballots three too (满意 / 基本满意 /
 * 不满意); choose-N ballots one large checkbox. The
 * selected state is shown by colour, a ✓ and a heavier border, so it does not rest on colour alone.
 */
import type { BallotForm, Choice } from "~/domain/tally";
import { markChoices } from "~/messages/common";
import { tabletMessages as tablet } from "~/messages/tablet";
import { formatWanWithUnit } from "~/utils/format";

export interface BallotCandidate {
  id: number;
  name: string;
  content: string;
  investmentCents: number;
  fundingSource: string;
  plannedCompletion: string;
  responsibleUnit: string;
}

export interface ProjectCardProps {
  position: number;
  candidate: BallotCandidate;
  form: BallotForm;
  value: Choice | undefined;
  onChange: (choice: Choice | undefined) => void;
  /** Offer a "清除选择" button (needs JavaScript: a radio group cannot be cleared natively). */
  canClear: boolean;
}

export function ProjectCard({ position, candidate, form, value, onChange, canClear }: ProjectCardProps) {
  const id = String(candidate.id);
  const headingId = `project-${id}-name`;
  const facts = tablet.ballot.facts;
  return (
    <article className={`project-card${value ? " is-marked" : ""}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="project-name">
        <span className="project-no">{position}</span>
        {candidate.name}
      </h2>
      <p className="project-content">
        <span className="visually-hidden">{facts.content}：</span>
        {candidate.content}
      </p>
      <dl className="project-facts">
        <div>
          <dt>{facts.investment}</dt>
          <dd>{formatWanWithUnit(candidate.investmentCents)}</dd>
        </div>
        <div>
          <dt>{facts.fundingSource}</dt>
          <dd>{candidate.fundingSource}</dd>
        </div>
        <div>
          <dt>{facts.plannedCompletion}</dt>
          <dd>{candidate.plannedCompletion}</dd>
        </div>
        <div>
          <dt>{facts.responsibleUnit}</dt>
          <dd>{candidate.responsibleUnit}</dd>
        </div>
      </dl>
      {form !== "choose-n" ? (
        <fieldset className="choices">
          <legend className="visually-hidden">
            {form === "rating" ? tablet.ballot.ratingLegend(candidate.name) : tablet.ballot.choiceLegend(candidate.name)}
          </legend>
          {markChoices(form).map(({ choice, label }) => (
            <label key={choice} className={`choice choice-${choice}`}>
              <input type="radio" name={`choice.${id}`} value={choice} checked={value === choice} onChange={() => onChange(choice)} />
              <span className="choice-face">
                <span className="choice-mark" aria-hidden="true">
                  ✓
                </span>
                {label}
              </span>
            </label>
          ))}
          {canClear && value && (
            <button type="button" className="button small choice-clear" onClick={() => onChange(undefined)}>
              {tablet.ballot.clear}
            </button>
          )}
        </fieldset>
      ) : (
        <div className="choices choices-tick">
          <label className="choice choice-yes choice-tick">
            <input
              type="checkbox"
              name="tick[]"
              value={id}
              checked={value === "yes"}
              onChange={(event) => onChange(event.currentTarget.checked ? "yes" : undefined)}
              aria-label={tablet.ballot.tickLabel(candidate.name)}
            />
            <span className="choice-face" aria-hidden="true">
              <span className="choice-box">
                <span className="choice-mark">✓</span>
              </span>
              {tablet.ballot.tick}
            </span>
          </label>
        </div>
      )}
    </article>
  );
}
