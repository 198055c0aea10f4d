/** What a use case refused: the typed reason (app/domain/refusals.ts) of the Refusal it threw; anything else fails the test. */
import type { RefusalReason } from "~/domain/refusals";
import { Refusal } from "~/services/refusal";

export async function refusalOf(promise: Promise<unknown>): Promise<RefusalReason> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Refusal) return error.refusal;
    throw error;
  }
  throw new Error("expected a refusal");
}
