import type { RefusalCode, RefusalReason } from "~/domain/refusals";
import { refusalMessage } from "~/messages/refusals";

export type RefusalStatus = 400 | 403 | 404 | 409;

/** The HTTP status each refusal answers with: 400 bad input, 403 not this one's to do, 404 no such thing, 409 not now. */
const STATUS: Record<RefusalCode, RefusalStatus> = {
  "round-step-not-allowed": 409,
  "round-key-not-verified": 409,
  "round-not-found": 404,
  "round-changed-meanwhile": 409,
  "another-round-open": 409,
  "quorum-not-met": 409,
  "session-not-found": 404,
  "no-roster": 409,
  "deputy-not-on-roster": 404,
  "deputies-not-on-roster": 404,
  "deputy-not-active": 404,
  "names-on-roster": 400,
  "candidate-on-slate": 400,
  "candidate-in-round": 409,
  "candidates-not-on-slate": 400,
  "places-exceed-candidates": 400,
  "secret-live-results": 400,
  "teller-chosen-twice": 400,
  "teller-not-present": 400,
  "no-chief-teller": 409,
  "not-chief-teller": 403,
  unconfirmed: 400,
  "key-for-recorded-round": 400,
  "key-needs-chief": 409,
  "key-not-issued": 409,
  "key-format": 400,
  "key-checksum": 400,
  "key-not-this-round": 403,
  "key-unreadable": 409,
  "ballots-not-as-cast": 409,
  "sealed-ballots-changed": 409,
  "ballots-changed": 409,
  "recount-differs": 409,
  "runoff-before-confirmation": 409,
  "runoff-not-needed": 409,
  "runoff-exists": 409,
  "round-of-another-session": 403,
  "ballot-names-unknown-project": 400,
  "ballot-round-not-open": 409,
  "ballot-not-issued": 403,
  "already-voted": 409,
  "sign-in-code-invalid": 403,
  "no-pass-to-revoke": 409,
  "no-display-link": 409,
  "username-taken": 400,
  "township-code-unknown": 400,
  "account-not-found": 404,
  "county-code-unknown": 400,
  "township-code-taken": 400,
  "township-not-in-register": 404,
  "congress-seated-by-roster": 409,
  "table-reader-busy": 409,
  "paper-totals-recorded": 400,
  "paper-issued-over-present": 400,
  "paper-step-on-tablet-round": 409,
  "paper-entry-method": 409,
  "paper-entry-teller-not-teller": 400,
  "paper-entry-same-teller": 400,
  "paper-entry-not-started": 409,
  "paper-over-returned": 400,
  "paper-seat-missing": 400,
  "paper-seat-not-issued": 400,
  "paper-seat-entered": 400,
  "paper-not-entered": 400,
  "paper-entries-incomplete": 409,
  "paper-entries-differ": 409,
  "paper-returned-missing": 400,
  "ballot-on-paper-round": 409,
  "key-for-paper-round": 400,
  "chief-card-invalid": 403,
  "totals-not-counts": 400,
  "totals-invalid-over-cast": 400,
  "totals-project-missing": 400,
  "totals-project-sum": 400,
  "totals-choose-n-marks": 400,
  "totals-yes-over-places": 400,
  "campaign-exists": 409,
  "campaign-days": 400,
  "campaign-not-found": 404,
  "campaign-not-open": 409,
  "campaign-approved": 409,
  "campaign-still-open": 409,
  "proposals-unscreened": 409,
  "no-approved-projects": 400,
  "approval-on-slate": 409,
  "proposal-not-found": 404,
  "proposal-step-not-allowed": 409,
  "proposal-duplicate": 409,
  "proposal-changed-meanwhile": 409,
  "proposal-link-invalid": 403,
  "collection-queue-full": 409,
  "pool-project-not-found": 404,
  "pool-project-not-approved": 409,
  "pool-project-on-slate": 409,
  "plan-before-vote": 400,
  "plan-ends-before-start": 400,
  "plan-without-milestones": 400,
  "milestone-unnamed": 400,
  "report-before-vote": 400,
  "report-in-future": 400,
  "progress-out-of-range": 400,
  "progress-went-back": 400,
  "project-not-selected": 404,
  "plan-exists": 409,
  "plan-not-found": 404,
  "rating-nothing-to-rate": 409,
  "rating-project-not-rateable": 400,
  "rating-project-rated": 409,
  "milestone-not-of-plan": 400,
  "inspection-deputies-unknown": 400,
};

/**
 * An illegal or impossible step, refused; nothing was changed. It carries the typed refusal (its
 * code and numbers), which the audit entry keeps; its message is the refusal's sentence from the
 * catalog, for the page to show.
 */
export class Refusal extends Error {
  readonly status: RefusalStatus;

  constructor(readonly refusal: RefusalReason) {
    super(refusalMessage(refusal));
    this.name = "Refusal";
    this.status = STATUS[refusal.code];
  }

  /** What the audit entry of the refusal records: the code and its numbers, and the sentence shown. */
  get auditDetail(): Record<string, unknown> {
    return { reason: this.message, ...this.refusal };
  }
}

/** Throws the refusal, if there is one: `refuse(refuseRoundAction(status, "open"))`. */
export function refuse(refusal: RefusalReason | null): asserts refusal is null {
  if (refusal) throw new Refusal(refusal);
}

/** Who is acting, and from which device: written to the audit log with every change. */
export interface Actor {
  /** "clerk:<username>", "deputy:<id>", "system" */
  actor: string;
  device: string;
}
