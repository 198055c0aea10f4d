/**
 * The tablet's ballot API: what the ballot page's script sends to cast a confirmed ballot and what
 * it gets back — an explicit contract between the page and the server (app/http/tablet-ballot.server.ts),
 * not Remix's internal data protocol. A tablet without JavaScript posts the ballot form to the
 * page's own action instead; each post reaches exactly one of the two.
 *
 *   POST /vote/cast   Content-Type: application/json   (the tablet's pass cookie)
 *   { "roundId": 12, "ballotKey": "…", "choices": { "<candidateId>": "yes" | "no" | "abstain" } }
 *   or, on a choose-N ballot, { "roundId": 12, "ballotKey": "…", "tick": ["<candidateId>", …] }
 *   (a rating ballot sends "choices" too: 满意 "yes", 基本满意 "abstain", 不满意 "no", decision 017)
 *
 *   200 { ok: true, receiptUrl }            cast, or a retry of a ballot already cast (same receipt)
 *   400/403/404/409/413/415 { ok: false, message }   refused: nothing was stored; the marks stay
 *   401 { ok: false, message, signIn: true }          no valid pass: sign in again at /vote
 *   anything else (5xx, no answer)                    unknown: retry with the same ballot key
 */
import type { Choice } from "~/domain/tally";

export const TABLET_CAST_PATH = "/vote/cast";

export interface TabletCast {
  roundId: number;
  ballotKey: string;
  choices?: Record<string, Choice>;
  tick?: string[];
}

export type TabletCastAnswer = { ok: true; receiptUrl: string } | { ok: false; message: string; signIn?: true };
