/**
 * What a tablet sends, read and acted on: the review steps and the cast. One schema and one cast for
 * both ways a ballot arrives — the ballot form posted to the Remix action of /vote/ballot (a tablet
 * without JavaScript), and the tablet script's JSON post to /vote/cast (app/http/tablet-contract.ts)
 * — so they cannot drift apart.
 */
import { z } from "zod";
import { reviewBallot, type BallotReview } from "~/domain/ballot";
import type { BallotForm, Choice } from "~/domain/tally";
import { isStorageFailure } from "~/data/sqlite.server";
import { httpMessages } from "~/messages/http";
import { tabletMessages as tablet } from "~/messages/tablet";
import { recordId } from "~/schemas/numbers";
import { parseForm, type Parsed } from "~/utils/forms";
import { Refusal } from "./refusal";
import { ballotRulesFor, castBallot, type DeputyPass } from "./voting.server";

const candidateId = z.string().regex(/^\d{1,12}$/, tablet.errors.wrongForm);

/** A ballot as both ways of sending it carry it, before it is checked against the round. */
const BallotInputSchema = z.object({
  intent: z.enum(["review", "edit", "confirm"], { error: tablet.errors.wrongForm }),
  roundId: recordId(tablet.errors.roundGone),
  ballotKey: z.string({ error: tablet.errors.wrongForm }).regex(/^[A-Za-z0-9_-]{16,64}$/, tablet.errors.wrongForm),
  choices: z.record(candidateId, z.enum(["yes", "no", "abstain"], { error: tablet.errors.wrongChoice }), { error: tablet.errors.wrongForm }),
  tick: z.array(candidateId, { error: tablet.errors.wrongForm }).max(200, tablet.errors.wrongForm),
});
type BallotInput = z.infer<typeof BallotInputSchema>;

/**
 * A ballot form post: `choice.<candidateId>` = yes | no | abstain on a per-project or rating ballot, `tick[]` =
 * candidate ids on a choose-N ballot. Which of the two the round takes is checked against the round.
 */
const BallotFormSchema = z.preprocess((raw) => {
  const fields = (raw ?? {}) as Record<string, unknown>;
  const choices: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) if (name.startsWith("choice.")) choices[name.slice("choice.".length)] = value;
  return { intent: fields.intent, roundId: fields.roundId, ballotKey: fields.ballotKey, choices, tick: fields.tick ?? [] };
}, BallotInputSchema);

/** The tablet script's cast (TabletCast): the same ballot, confirmed, as JSON. */
const TabletCastSchema = z.preprocess((raw) => {
  const body = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return { intent: "confirm", roundId: body.roundId, ballotKey: body.ballotKey, choices: body.choices ?? {}, tick: body.tick ?? [] };
}, BallotInputSchema);

export type BallotPostResult =
  | { kind: "refused"; status: 400 | 403 | 404 | 409 | 503; message: string }
  | { kind: "review"; step: "review" | "edit"; roundId: number; ballotKey: string; choices: Record<string, Choice>; review: BallotReview }
  | { kind: "cast"; receiptUrl: string };

/** A post of the ballot form (review, edit or confirm). */
export function handleBallotPost(pass: DeputyPass, device: string, fields: Record<string, unknown>): Promise<BallotPostResult> {
  return handleBallot(pass, device, parseForm(BallotFormSchema, fields));
}

/** The tablet script's cast (app/http/tablet-contract.ts): never a review step. */
export async function handleTabletCast(pass: DeputyPass, device: string, body: unknown): Promise<Exclude<BallotPostResult, { kind: "review" }>> {
  const result = await handleBallot(pass, device, parseForm(TabletCastSchema, body as Record<string, unknown>));
  return result.kind === "review" ? { kind: "refused", status: 400, message: tablet.errors.wrongForm } : result;
}

async function handleBallot(pass: DeputyPass, device: string, parsed: Parsed<BallotInput>): Promise<BallotPostResult> {
  if (!parsed.ok) return { kind: "refused", status: 400, message: parsed.message };
  const { roundId, ballotKey } = parsed.data;

  // The round's ballot form only (cached): this is the hot path; castBallot checks the rest.
  const rules = await ballotRulesFor(pass, roundId);
  if (!rules) return { kind: "refused", status: 409, message: tablet.errors.roundGone };
  const choices = choicesOf(rules.form, parsed.data.choices, parsed.data.tick);
  if (!choices) return { kind: "refused", status: 400, message: tablet.errors.wrongForm };
  if (parsed.data.intent !== "confirm") {
    return { kind: "review", step: parsed.data.intent, roundId, ballotKey, choices, review: reviewBallot(rules, choices) };
  }

  // Authorised by the pass: the service checks the round belongs to the pass's session and that
  // this deputy was issued a ballot.
  try {
    const { receipt } = await castBallot(pass, device, { roundId, ballotKey, choices });
    return { kind: "cast", receiptUrl: `/vote/receipt?round=${roundId}&r=${encodeURIComponent(receipt)}` };
  } catch (error) {
    if (error instanceof Refusal) return { kind: "refused", status: error.status, message: error.message };
    // The disk is full or the database read-only: nothing was stored, and the deputy is told so, the
    // marks kept (the script's cast and the plain form alike).
    if (isStorageFailure(error)) return { kind: "refused", status: 503, message: httpMessages.notStored };
    throw error;
  }
}

/** The marks as the service takes them; null when the post does not fit the round's ballot form. */
function choicesOf(form: BallotForm, marks: Record<string, Choice>, ticks: string[]): Record<string, Choice> | null {
  // A rating ballot carries its 满意 / 基本满意 / 不满意 in the same three marks (decision 017).
  if (form === "per-project" || form === "rating") return ticks.length > 0 ? null : marks;
  if (Object.keys(marks).length > 0) return null;
  return Object.fromEntries([...new Set(ticks)].map((id) => [id, "yes" as const]));
}
