/**
 * 拒绝 — every step the app refuses, as a code with the numbers that explain it. The domain and
 * the services return or throw these, never sentences: `app/messages/refusals.ts` turns each code
 * into Chinese (a code without a sentence fails the type check), the audit log keeps the code and
 * its numbers beside the sentence, and monitoring counts refusals by code.
 */
import type { CampaignPhase, ProposalStatus, ScreeningStep } from "./collection";
import type { RoundAction, RoundStatus } from "./round-lifecycle";
import type { TotalsRefusal } from "./tally";

export type RefusalReason =
  // Round lifecycle (round-lifecycle.ts)
  | { code: "round-step-not-allowed"; action: RoundAction; status: RoundStatus }
  | { code: "round-key-not-verified"; issued: boolean }
  | { code: "round-not-found" }
  | { code: "round-changed-meanwhile" }
  | { code: "another-round-open" }
  // Attendance (attendance.ts): Local Organization Law Art. 14
  | { code: "quorum-not-met"; present: number; seated: number; quorum: number; shortBy: number }
  // Session, roster and slate
  | { code: "session-not-found" }
  | { code: "no-roster" }
  | { code: "deputy-not-on-roster" }
  | { code: "deputies-not-on-roster" }
  | { code: "deputy-not-active" }
  | { code: "names-on-roster"; names: string[] }
  | { code: "candidate-on-slate"; name: string }
  | { code: "candidate-in-round" }
  // Round settings (round-settings.ts)
  | { code: "candidates-not-on-slate" }
  | { code: "places-exceed-candidates"; places: number; candidates: number }
  | { code: "secret-live-results" }
  // Tellers (tellers.ts)
  | { code: "teller-chosen-twice" }
  | { code: "teller-not-present" }
  | { code: "no-chief-teller" }
  | { code: "not-chief-teller" }
  // Irreversible steps posted without their confirmation
  | { code: "unconfirmed"; step: "close" | "publish" | "key-issue" }
  // The round key of a secret round (decision 006)
  | { code: "key-for-recorded-round" }
  | { code: "key-needs-chief" }
  | { code: "key-not-issued" }
  | { code: "key-format" }
  | { code: "key-checksum" }
  | { code: "key-not-this-round"; fingerprint: string }
  | { code: "key-unreadable" }
  // The audit chain against the tables (decision 010)
  | { code: "ballots-not-as-cast" }
  | { code: "sealed-ballots-changed" }
  | { code: "ballots-changed" }
  | { code: "recount-differs" }
  // Run-off (runoff.ts)
  | { code: "runoff-before-confirmation" }
  | { code: "runoff-not-needed" }
  | { code: "runoff-exists"; number: number }
  // The ballot on the tablet
  | { code: "round-of-another-session" }
  | { code: "ballot-names-unknown-project" }
  | { code: "ballot-round-not-open"; started: boolean }
  | { code: "ballot-not-issued" }
  | { code: "already-voted"; receipt: string | null }
  | { code: "sign-in-code-invalid" }
  | { code: "no-pass-to-revoke" }
  // The big screen's link
  | { code: "no-display-link" }
  // Accounts and the register of townships
  | { code: "username-taken"; username: string }
  | { code: "township-code-unknown"; townshipCode: string }
  | { code: "account-not-found" }
  | { code: "county-code-unknown"; countyCode: string }
  | { code: "township-code-taken"; townshipCode: string }
  | { code: "township-not-in-register"; townshipCode: string }
  | { code: "congress-seated-by-roster"; countyCode: string; seated: number }
  // Table import
  | { code: "table-reader-busy" }
  // Paper ballots (paper-ballots.ts) and the totals the tellers counted (tally.ts refuseTotals)
  | { code: "paper-totals-recorded" }
  | { code: "paper-issued-over-present"; issued: number; present: number }
  | { code: "paper-step-on-tablet-round" }
  | { code: "paper-entry-method"; entry: "per-ballot" | "totals" }
  | { code: "paper-entry-teller-not-teller" }
  | { code: "paper-entry-same-teller"; name: string }
  | { code: "paper-entry-not-started" }
  | { code: "paper-over-returned"; returned: number }
  | { code: "paper-seat-missing" }
  | { code: "paper-seat-not-issued"; seatNo: number }
  | { code: "paper-seat-entered"; seatNo: number; number: number }
  | { code: "paper-not-entered"; number: number }
  | { code: "paper-entries-incomplete"; first: number; second: number; returned: number }
  | { code: "paper-entries-differ"; differences: number }
  | { code: "chief-card-invalid" }
  | { code: "paper-returned-missing" }
  | { code: "key-for-paper-round" }
  | { code: "ballot-on-paper-round" }
  // Collection, screening and approval of the candidate list (collection.ts)
  | { code: "campaign-exists"; year: number }
  | { code: "campaign-days"; opensOn: string; closesOn: string; days: number; max: number }
  | { code: "campaign-not-found" }
  | { code: "campaign-not-open"; phase: CampaignPhase; opensOn: string; closesOn: string }
  | { code: "campaign-approved" }
  | { code: "campaign-still-open" }
  | { code: "proposals-unscreened"; count: number }
  | { code: "no-approved-projects" }
  | { code: "approval-on-slate"; count: number }
  | { code: "proposal-not-found" }
  | { code: "proposal-step-not-allowed"; step: ScreeningStep; status: ProposalStatus }
  | { code: "proposal-duplicate"; number: number }
  | { code: "proposal-changed-meanwhile" }
  | { code: "proposal-link-invalid" }
  | { code: "collection-queue-full"; limit: number }
  | { code: "pool-project-not-found" }
  | { code: "pool-project-not-approved"; name: string }
  | { code: "pool-project-on-slate"; name: string }
  // Implementation and supervision (implementation.ts)
  | { code: "plan-before-vote"; day: string; votedOn: string }
  | { code: "plan-ends-before-start"; start: string; completion: string }
  | { code: "plan-without-milestones" }
  | { code: "milestone-unnamed"; position: number }
  | { code: "report-before-vote"; day: string; votedOn: string }
  | { code: "report-in-future"; day: string }
  | { code: "progress-out-of-range"; progress: number }
  | { code: "progress-went-back"; progress: number; last: number }
  | { code: "project-not-selected" }
  | { code: "plan-exists" }
  | { code: "plan-not-found" }
  | { code: "milestone-not-of-plan" }
  | { code: "inspection-deputies-unknown" }
  // Satisfaction rating (satisfaction.ts)
  | { code: "rating-nothing-to-rate"; year: number }
  | { code: "rating-project-not-rateable"; year: number }
  | { code: "rating-project-rated"; name: string; round: number; session: string }
  | TotalsRefusal;

export type RefusalCode = RefusalReason["code"];
