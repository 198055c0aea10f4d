/**
 * The per-township-per-year summary behind the coverage and monitoring views: kept up to date in
 * the transaction that publishes a notice (publishRound), and checkable at any time against a
 * recount from the ballots.
 */
import { isDeepStrictEqual } from "node:util";
import { roundCountsOf } from "~/data/ballots.server";
import { outsideTransaction, type Queryable } from "~/data/transaction.server";
import { summariseTownshipYear, type TownshipYearTotals } from "~/domain/coverage";
import { tallyCount, type RoundResult } from "~/domain/tally";
import { allSummaries, publishedRoundsOf, summaryKeyOfSession, townshipYearsWithPublishedRounds, writeSummary } from "~/data/coverage.server";
import type { Tx } from "~/data/transaction.server";

/**
 * Recomputes the summary of the session's township and year from its published rounds. Called
 * inside publishRound's transaction, after the round is marked published, so the summary and the
 * notice commit together. It recomputes the whole township-year (a handful of rounds) rather than
 * adding to it, so a retried transaction cannot count a notice twice.
 */
export async function refreshCoverageSummary(tx: Tx, sessionId: number): Promise<void> {
  const key = await summaryKeyOfSession(tx, sessionId);
  if (!key) return;
  const rounds = await publishedRoundsOf(tx, key.townshipId, key.year);
  await writeSummary(tx, key, summariseTownshipYear(rounds));
}

export interface SummaryMismatch {
  townshipId: number;
  year: number;
  problem: string;
}

/**
 * The check that the summary table is what the ballots say: every published round is recounted
 * from its stored ballots by the rules engine and must equal its stored result; each township-year
 * is then summed again from those recounts and must equal its summary row, field by field; and no
 * summary row may exist without published rounds. Returns what disagrees (empty when all agree).
 */
export async function verifyCoverageSummaries(
  db: Queryable = outsideTransaction,
): Promise<{ townshipYears: number; rounds: number; mismatches: SummaryMismatch[] }> {
  const expectedKeys = await townshipYearsWithPublishedRounds(db);
  const stored = new Map((await allSummaries(db)).map((row) => [`${row.townshipId}:${row.year}`, row]));
  const mismatches: SummaryMismatch[] = [];
  let roundsChecked = 0;

  for (const { townshipId, year } of expectedKeys) {
    const published = await publishedRoundsOf(db, townshipId, year);
    const counts = await roundCountsOf(
      db,
      published.map((round) => round.roundId),
    );
    const recounted = published.map((round) => {
      const result: RoundResult = tallyCount(counts.get(round.roundId)!);
      if (!isDeepStrictEqual(result, round.result)) {
        mismatches.push({ townshipId, year, problem: `round ${round.roundId}: recount differs from the stored result` });
      }
      roundsChecked += 1;
      return { ...round, result };
    });
    const expected = summariseTownshipYear(recounted);
    const key = `${townshipId}:${year}`;
    const row = stored.get(key);
    stored.delete(key);
    if (!row) {
      mismatches.push({ townshipId, year, problem: "no summary row for a township-year with published rounds" });
      continue;
    }
    for (const field of Object.keys(expected!) as Array<keyof TownshipYearTotals>) {
      const want = expected![field];
      const have = row[field];
      const same = want instanceof Date ? have instanceof Date && have.getTime() === want.getTime() : have === want;
      if (!same) mismatches.push({ townshipId, year, problem: `${field}: summary ${String(have)}, recount ${String(want)}` });
    }
  }
  for (const row of stored.values()) {
    mismatches.push({ townshipId: row.townshipId, year: row.year, problem: "summary row without any published round" });
  }
  return { townshipYears: expectedKeys.length, rounds: roundsChecked, mismatches };
}
