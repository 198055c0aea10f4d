/**
 * A tablet's sign-in, with its limits (issue 19). The tablets of a hall share one NAT address, so
 * a sign-in is limited by its code (a card's code is used once; ten tries of one code a minute is
 * not a deputy retyping it) and, for failures only, by the address: past RATE_LIMIT_SIGNINS wrong
 * codes a minute from one address, a wrong code is answered "too many", but a valid code still signs
 * its tablet in, whatever the other devices of the hall sent. What keeps codes from being guessed
 * is their size: 8 characters of 32 (2⁴⁰), good for 16 hours.
 */
import { tabletMessages as tablet } from "~/messages/tablet";
import { env } from "~/utils/env.server";
import { WindowCounts } from "~/utils/attempt-counters";
import { failedAttempts } from "./failed-attempts.server";
import { sha256 } from "./receipt.server";
import { Refusal } from "./refusal";
import { signInWithCode } from "./voting.server";

/** Refused before or after the code was checked, for too many attempts: answered 429. */
export class TooManyAttempts extends Error {
  override name = "TooManyAttempts";
}

const TRIES_PER_CODE = 10;
const triesPerCode = new WindowCounts(60_000);
const failuresPerAddress = new WindowCounts(60_000);

/** Signs a tablet in with a one-time code; `address` is the client's, as auth.server's clientAddress gives it. */
export async function signInFromTablet(client: { address: string; device: string }, code: string) {
  if (triesPerCode.add(sha256(code), Date.now()) > TRIES_PER_CODE) {
    await failedAttempts.record({ action: "deputy.sign-in", reason: "too many attempts with one code", device: client.device });
    throw new TooManyAttempts(tablet.signIn.tooManyWithCode);
  }
  try {
    return await signInWithCode(client.device, code);
  } catch (error) {
    if (error instanceof Refusal && failuresPerAddress.add(client.address, Date.now()) > env().RATE_LIMIT_SIGNINS) {
      throw new TooManyAttempts(tablet.signIn.tooManyFromNetwork);
    }
    throw error;
  }
}
