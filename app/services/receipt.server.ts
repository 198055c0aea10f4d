/**
 * Receipts without a link: the ballot form carries a random ballot key; the receipt is derived
 * from it, so a retry with the same key finds the same receipt while the server stores no
 * deputy ↔ receipt link for secret rounds. A tablet running the page's script makes the key
 * itself; the key made here is the fallback for a tablet without JavaScript (the server then knows
 * it, which links nothing either: receipts are never stored beside a ballot's contents).
 */
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I

export function newBallotKey(): string {
  return randomBytes(16).toString("base64url");
}

export function receiptFor(ballotKey: string): string {
  const digest = createHash("sha256").update(`receipt|${ballotKey}`).digest();
  let code = "";
  for (let i = 0; i < 10; i += 1) code += ALPHABET[digest[i]! % 32];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A one-time sign-in code for a deputy's card: 8 characters, easy to type on a tablet. */
export function newSignInCode(): string {
  const bytes = randomBytes(8);
  let code = "";
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code;
}

export function newDeviceToken(): string {
  return randomBytes(32).toString("base64url");
}
