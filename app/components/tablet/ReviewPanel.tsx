/**
 * 核对选票: says plainly how many projects were marked and how, warns when the ballot would be void
 * (reviewBallot, the same rule the tally applies), and lists each project with the deputy's mark.
 * The buttons (返回修改 / 确认投票) are the caller's: a server form without JavaScript, a client
 * submission with it.
 */
import type { Ref } from "react";
import type { BallotReview } from "~/domain/ballot";
import type { BallotForm, Choice } from "~/domain/tally";
import { tablet } from "~/messages/tablet";

export interface ReviewPanelProps {
  form: BallotForm;
  places: number;
  candidates: Array<{ id: number; name: string }>;
  choices: Partial<Record<string, Choice>>;
  review: BallotReview;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Submission progress and errors, shown right above the buttons where the deputy is looking. */
  status?: React.ReactNode;
  children: React.ReactNode;
}

export function ReviewPanel({ form, places, candidates, choices, review, headingRef, status, children }: ReviewPanelProps) {
  const total = candidates.length;
  return (
    <section className="review-panel" aria-labelledby="review-heading">
      <h2 id="review-heading" ref={headingRef} tabIndex={-1}>
        {tablet.review.title}
      </h2>
      <p className="review-summary">
        {form === "choose-n"
          ? tablet.review.chooseN(total, review.yes, places)
          : tablet.review.perProject(total, review.marked, review.unmarked)}
      </p>
      {form === "per-project" && (
        <p className="review-counts">
          {tablet.review.counts(review.yes, review.no, review.abstain)}
          {review.unmarked > 0 && tablet.review.unmarkedNote}
        </p>
      )}
      {review.warning && (
        <div className="review-warning" role="alert">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {tablet.review.voidTitle}
          </strong>
          <p>{review.warning}</p>
        </div>
      )}
      <h3 className="review-list-heading">{tablet.review.projectsHeading}</h3>
      <ol className="review-list">
        {candidates.map((candidate) => {
          const choice = choices[String(candidate.id)];
          const label =
            form === "choose-n"
              ? choice === "yes" ? tablet.choice.ticked : tablet.choice.unticked
              : choice ? tablet.choice[choice] : tablet.choice.none;
          return (
            <li key={candidate.id} className={`review-item review-${choice ?? "none"}`}>
              <div className="review-row">
                <span className="review-name">{candidate.name}</span>
                <span className="review-choice">
                  {choice === "yes" && <span aria-hidden="true">✓ </span>}
                  {label}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
      <p className="review-final">{tablet.review.finalNote}</p>
      {status}
      <div className="review-actions">{children}</div>
    </section>
  );
}
