/**
 * What the tablet's ballot form posts, read and acted on: the review steps and the cast. One
 * function for both ways a post arrives — the Remix action of /vote/ballot, and the server's
 * direct path for the hot `confirm` post (server.ts) — so they cannot drift apart.
 */
import { z } from "zod";
import { reviewBallot, type BallotReview } from "~/domain/ballot";
import type { BallotForm, Choice } from "~/domain/tally";
import { tabletMessages as tablet } from "~/messages/tablet";
import { plainDecimal } from "~/schemas/numbers";
import { parseForm } from "~/utils/forms";
import { Refusal } from "./refusal";
import { ballotRulesFor, castBallot, type DeputyPass } from "./voting.server";

const candidateId = z.string().regex(/^\d{1,12}$/, tablet.errors.wrongForm);

/**
 * A ballot post: `choice.<candidateId>` = yes | no | abstain on a per-project ballot, `tick[]` =
 * candidate ids on a choose-N ballot. Which of the two the round takes is checked against the round.
 */
const BallotPostSchema = z.preprocess(
  (raw) => {
    const fields = (raw ?? {}) as Record<string, unknown>;
    const choices: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) if (name.startsWith("choice.")) choices[name.slice("choice.".length)] = value;
    return { intent: fields.intent, roundId: fields.roundId, ballotKey: fields.ballotKey, choices, tick: fields.tick ?? [] };
  },
  z.object({
    intent: z.enum(["review", "edit", "confirm"], { error: tablet.errors.wrongForm }),
    roundId: z.preprocess(plainDecimal, z.coerce.number({ error: tablet.errors.roundGone }).int(tablet.errors.roundGone).positive(tablet.errors.roundGone)),
    ballotKey: z.string({ error: tablet.errors.wrongForm }).regex(/^[A-Za-z0-9_-]{16,64}$/, tablet.errors.wrongForm),
    choices: z.record(candidateId, z.enum(["yes", "no", "abstain"], { error: tablet.errors.wrongChoice }), { error: tablet.errors.wrongForm }),
    tick: z.array(candidateId, { error: tablet.errors.wrongForm }).max(200, tablet.errors.wrongForm),
  }),
);

export type BallotPostResult =
  | { kind: "refused"; status: 400 | 403 | 404 | 409; message: string }
  | { kind: "review"; step: "review" | "edit"; roundId: number; ballotKey: string; choices: Record<string, Choice>; review: BallotReview }
  | { kind: "cast"; receiptUrl: string };

export async function handleBallotPost(pass: DeputyPass, device: string, fields: Record<string, unknown>): Promise<BallotPostResult> {
  const parsed = parseForm(BallotPostSchema, fields);
  if (!parsed.ok) return { kind: "refused", status: 400, message: parsed.message };
  const { roundId, ballotKey } = parsed.data;

  // The round's ballot form only (cached): this is the hot path; castBallot checks the rest.
  const rules = ballotRulesFor(pass, roundId);
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
    throw error;
  }
}

/** The marks as the service takes them; null when the post does not fit the round's ballot form. */
function choicesOf(form: BallotForm, marks: Record<string, Choice>, ticks: string[]): Record<string, Choice> | null {
  if (form === "per-project") return ticks.length > 0 ? null : marks;
  if (Object.keys(marks).length > 0) return null;
  return Object.fromEntries([...new Set(ticks)].map((id) => [id, "yes" as const]));
}
