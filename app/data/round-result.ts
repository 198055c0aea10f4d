/**
 * A round's stored tally (Round.resultJson): written and read here only, so that every reader gets
 * a checked `RoundResult` and no one outside app/data sees the JSON.
 */
import { z } from "zod";
import type { RoundResult } from "~/domain/tally";

const count = z.number().int().nonnegative();

const ProjectTallySchema = z.object({
  id: z.string(),
  yes: count,
  no: count,
  abstain: count,
  notVoted: count,
  passed: z.boolean(),
  outcome: z.enum(["selected", "runoff", "not-selected", "failed", "rated"]),
  grade: z.enum(["satisfied", "basically-satisfied", "dissatisfied"]).optional(),
});

const RoundResultSchema = z.object({
  quorum: count,
  quorumMet: z.boolean(),
  passThreshold: count,
  cast: count,
  valid: count,
  invalid: count,
  roundValid: z.boolean(),
  projects: z.array(ProjectTallySchema),
  selected: z.array(z.string()),
  runoff: z.array(z.string()),
  vacancies: count,
  rating: z.object({ basis: z.enum(["all", "present", "valid"]), of: count }).optional(),
}) satisfies z.ZodType<RoundResult>;

/** The stored form of a result. */
export function storedResult(result: RoundResult): string {
  return JSON.stringify(result);
}

/** A stored result, checked; null for a round not counted yet. A stored value of another shape is a defect: it throws. */
export function parseResult(json: string | null): RoundResult | null {
  if (json === null) return null;
  return RoundResultSchema.parse(JSON.parse(json));
}
