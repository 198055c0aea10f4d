/**
 * The forensic reader (decision 006): a secret round in which 40 deputies vote one after another,
 * each with a ballot no one else cast; the database files (main file, write-ahead log, shared
 * memory) are read as raw bytes while the round is open and again after it was counted, and every
 * method in tests/forensics/linking-attacks.ts tries to pair deputies with ballots.
 *
 * Random pairing gets 1 right on average (at least 8 right: p ≈ 1e-5); the controls show the same
 * methods pair 40 of 40 where the files do keep an order (receipts while the round is open, which
 * say nothing about a choice), so a method that finds nothing here is not a method that cannot find.
 */
import { describe, expect, it } from "vitest";
import { openConnection } from "~/data/sqlite.server";
import { databasePath, env } from "~/utils/env.server";
import { closeRound, countSealedRound, openRound } from "~/services/congress-session.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot } from "~/services/voting.server";
import type { Choice } from "~/domain/tally";
import { canonical, score, singleCopyAttacks, survivingBlobs, twoCopyAttacks, visibleContents, votingOrder, type Attack } from "../forensics/linking-attacks";
import { readFiles } from "../forensics/sqlite-file";
import { checkIn, clerk, keyCardFor, ratingRound, sessionWithDeputies, slateAndRound, tablet } from "../factories/session";

const DEPUTIES = 40;
const CHANCE_BOUND = 7; // right pairings a method may get by luck: P(≥ 8 of 40) ≈ 1e-5 for a random pairing

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Every per-project ballot on these projects: 3^5 = 243 of them. */
function allBallots(candidateIds: string[]): Array<Record<string, Choice>> {
  let ballots: Array<Record<string, Choice>> = [{}];
  for (const id of candidateIds) ballots = ballots.flatMap((ballot) => (["yes", "no", "abstain"] as const).map((choice) => ({ ...ballot, [id]: choice })));
  return ballots;
}

function report(label: string, attacks: Attack[], truth: Map<number, string>) {
  const lines = attacks.map((attack) => `  ${attack.method}: ${score(attack.guess, truth)} of ${truth.size} right (${attack.guess.size} guessed)`);
  console.log(`${label}\n${lines.join("\n")}`);
}

describe("a secret round read from the database files", () => {
  // A rating round (满意度测评) of last year's five projects is sealed and counted as a vote is.
  it.each(["a vote", "a satisfaction rating"])("%s: links no ballot to its deputy better than chance, while open or after the count", async (kind) => {
    const { townshipId, sessionId, deputyIds } = await sessionWithDeputies(DEPUTIES);
    await checkIn(sessionId, deputyIds);
    const { roundId, candidateIds } =
      kind === "a vote" ? await slateAndRound(sessionId, 5, { places: 5, secret: true }) : await ratingRound(townshipId, sessionId, 5);
    const round = { roundId, candidateIds: candidateIds.map(String) };
    const code = await keyCardFor(sessionId, roundId);
    await openRound(clerk, sessionId, roundId);

    // A reader holds a snapshot from before the votes (as a long report or a backup would), so the
    // write-ahead log cannot start over while they are cast and keeps every one of their commits:
    // the reader of the files at their strongest, and the controls' premise. Without it, 40 votes
    // write about as many log frames as the automatic checkpoint's 1,000 (25 each, in three
    // commits), and the log could start over mid-round, overwriting their first commits: the
    // control got 38 of 40 once each audit entry also wrote its (chain, id) index page.
    const holder = openConnection("maintenance");
    holder.exec("BEGIN");
    holder.prepare("SELECT count(*) FROM Round").get();

    // Deputies vote one after another, in a known order, each a ballot of their own.
    const order = shuffled(deputyIds);
    const ballots = shuffled(allBallots(round.candidateIds)).slice(0, DEPUTIES);
    const contentsOf = new Map<number, string>();
    const receiptOf = new Map<number, string>();
    for (const [i, deputyId] of order.entries()) {
      const pass = await tablet(sessionId, deputyId);
      const { receipt } = await castBallot(pass, "127.0.0.1 tablet", { roundId, ballotKey: newBallotKey(), choices: ballots[i]! });
      contentsOf.set(deputyId, canonical(ballots[i]!));
      receiptOf.set(deputyId, receipt);
    }
    const file = databasePath(env().DATABASE_URL);

    // While open: the files are copied, as a backup or a stolen disk would have them.
    const during = readFiles(file);
    expect(during.wal.length).toBeGreaterThan(0);
    expect(votingOrder(during, round)).toEqual(order); // the reader knows who voted when
    expect(visibleContents(during, round).size).toBe(0); // and no choice is in the files at all
    const duringOnContents = singleCopyAttacks(during, round, "contents");
    report("while open, contents:", duringOnContents, contentsOf);
    for (const attack of duringOnContents) expect(score(attack.guess, contentsOf), attack.method).toBe(0);
    // The controls: receipts, written in voting order while open, are paired by the same methods.
    const controls = singleCopyAttacks(during, round, "receipts");
    report("while open, receipts (control):", controls, receiptOf);
    const best = (method: string) => Math.max(...controls.filter((attack) => attack.method.startsWith(method)).map((attack) => score(attack.guess, receiptOf)));
    expect(best("cell order")).toBe(DEPUTIES);
    expect(best("log commit pairing")).toBe(DEPUTIES);
    holder.exec("COMMIT");
    holder.close();

    // Closed, then counted with the chief teller's card.
    await closeRound(clerk, sessionId, roundId);
    await countSealedRound(clerk, sessionId, roundId, code);
    const after = readFiles(file);
    expect(after.wal.length).toBe(0); // the log was truncated: its old frames are gone
    expect(visibleContents(after, round)).toEqual(new Set(contentsOf.values())); // the ballots are there, for recounts
    expect(survivingBlobs(during, after, round)).toBe(0); // and the sealed bytes are not, anywhere

    const onContents = [...singleCopyAttacks(after, round, "contents"), ...twoCopyAttacks(during, after, round)];
    const onReceipts = singleCopyAttacks(after, round, "receipts");
    report("after the count, contents:", onContents, contentsOf);
    report("after the count, receipts:", onReceipts, receiptOf);
    for (const attack of onContents) expect(score(attack.guess, contentsOf), attack.method).toBeLessThanOrEqual(CHANCE_BOUND);
    for (const attack of onReceipts) expect(score(attack.guess, receiptOf), attack.method).toBeLessThanOrEqual(CHANCE_BOUND);
  });
});
