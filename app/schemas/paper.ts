/** The tellers' paper entry forms: one paper (逐张录入) and the totals (汇总录入). */
import { z } from "zod";
import { paperEntryMessages as m } from "~/messages/paper-entry";

const count = z.coerce.number({ message: m.errors.count }).int(m.errors.count).min(0, m.errors.count).max(100000, m.errors.count);

export const StartEntrySchema = z.object({ tellerId: z.coerce.number({ message: m.errors.teller }).int(m.errors.teller).positive(m.errors.teller) });

export const PaperSchema = z.object({
  number: z.coerce.number({ message: m.errors.number }).int(m.errors.number).positive(m.errors.number),
  seatNo: z.preprocess((value) => (value === "" || value === undefined ? null : value), z.coerce.number().int().positive(m.errors.seat).nullable()),
  void: z.preprocess((value) => value === "yes" || value === "on", z.boolean()),
});

export const MARK_VALUES = ["yes", "no", "abstain", "none"] as const;
export type MarkValue = (typeof MARK_VALUES)[number];

/** The marks of a paper posted as `mark-<candidateId>`; "none" (未表决) leaves the key out. */
export function marksFromForm(form: FormData, candidateIds: string[]): Record<string, "yes" | "no" | "abstain"> {
  const marks: Record<string, "yes" | "no" | "abstain"> = {};
  for (const id of candidateIds) {
    const value = String(form.get(`mark-${id}`) ?? "none");
    if (value === "yes" || value === "no" || value === "abstain") marks[id] = value;
  }
  return marks;
}

export const TotalsRowSchema = z.object({ yes: count, no: count, abstain: count, notVoted: count });
export const TotalsSchema = z.object({ invalid: count });
