/**
 * 核对选票: says plainly how many projects were marked and how, warns when the ballot would be void
 * (reviewBallot, the same rule the tally applies), and lists each project with the deputy's mark.
 * The buttons (返回修改 / 确认投票) stay in a bar at the foot of the screen, as on the ballot: with a
 * dozen projects the end of the list is below the fold. What they do is the caller's (a server form
 * without JavaScript, a client submission with it); ReviewActions says which one is the filled one.
 */
import type { ButtonHTMLAttributes, Ref } from "react";
import type { BallotReview } from "~/domain/ballot";
import type { BallotForm, Choice } from "~/domain/tally";
import { markLabel } from "~/messages/common";
import { tabletMessages as tablet } from "~/messages/tablet";

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
          : form === "rating"
            ? tablet.review.rating(total, review.marked, review.unmarked)
            : tablet.review.perProject(total, review.marked, review.unmarked)}
      </p>
      {form === "rating" && (
        <p className="review-counts">
          {tablet.review.ratingCounts(review.yes, review.abstain, review.no)}
          {review.unmarked > 0 && tablet.review.unratedNote}
        </p>
      )}
      {form === "per-project" && (
        <p className="review-counts">
          {tablet.review.counts(review.yes, review.no, review.abstain)}
          {review.unmarked > 0 && tablet.review.unmarkedNote}
        </p>
      )}
      {review.void && (
        <div className="review-warning" role="alert">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {tablet.review.voidTitle}
          </strong>
          <p>{tablet.review.voidWarning(review.yes, places)}</p>
        </div>
      )}
      <h3 className="review-list-heading">{tablet.review.projectsHeading}</h3>
      <ol className="review-list">
        {candidates.map((candidate) => {
          const choice = choices[String(candidate.id)];
          const label = form === "choose-n" ? (choice === "yes" ? tablet.choice.ticked : tablet.choice.unticked) : markLabel(form, choice);
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
      <div className="review-footer">
        <p className="review-final">{tablet.review.finalNote}</p>
        {status}
        <div className="review-actions">{children}</div>
      </div>
    </section>
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { "aria-busy"?: boolean };

/**
 * 返回修改 and 确认投票. On a ballot that would be void the filled button is 返回修改: the safe way is
 * the one the eye and the thumb land on, and casting it anyway (仍然确认投票) is the plain one.
 */
export function ReviewActions({ isVoid, busy, back, confirm }: { isVoid: boolean; busy: boolean; back: ButtonProps; confirm: ButtonProps }) {
  const filled = "button primary tablet-big-button";
  const plain = "button tablet-big-button";
  return (
    <>
      <button className={isVoid ? filled : plain} disabled={busy} {...back}>
        {tablet.review.back}
      </button>
      <button className={isVoid ? plain : filled} disabled={busy} {...confirm}>
        {busy ? tablet.review.submitting : isVoid ? tablet.review.confirmVoid : tablet.review.confirm}
      </button>
    </>
  );
}
