/**
 * 纸质选票 — a round voted on paper (DOMAIN.md "Paper ballots"). The clerk records the papers issued
 * (发出, at most the deputies present) when it opens and the tellers the papers returned (收回) when
 * they are collected; more returned than issued voids the round (tally.ts, the same rule as on
 * tablets). The tellers then enter what the papers say, one of two ways chosen when the round is
 * prepared:
 *   - 逐张录入 (per-ballot): each paper as marked, twice, by two tellers independently; the entries
 *     are compared — as multisets in a secret round (a paper names nobody), paper by paper by seat
 *     in a recorded one — and the round is counted only once they agree, by `tallyRound`;
 *   - 汇总录入 (totals): each project's marks from the tellers' count sheets, checked by
 *     `refuseTotals` and counted by `tallyTotals`.
 */
import type { RefusalReason } from "./refusals";
import type { BallotMarks, Choice } from "./tally";

/** 逐张录入 / 汇总录入. */
export type EntryMethod = "per-ballot" | "totals";

/** The two independent entries of a per-ballot round: 第一遍 and 第二遍. */
export type EntrySlot = 1 | 2;
export const ENTRY_SLOTS: readonly EntrySlot[] = [1, 2];

/** One paper as a teller entered it. `seatNo`: the deputy a recorded round's paper names (secret: null). */
export interface EnteredPaper {
  seatNo: number | null;
  marks: BallotMarks;
}

/** null when a paper round may be prepared with this entry method, else why not. */
export function refusePaperSettings(settings: { secret: boolean; entry: EntryMethod }): RefusalReason | null {
  // Totals keep no paper's marks: a recorded round would lose its roll of votes.
  if (!settings.secret && settings.entry === "totals") return { code: "paper-totals-recorded" };
  return null;
}

/** null when this many papers may be issued to the deputies present, else why not. */
export function refusePapersIssued(issued: number, present: number): RefusalReason | null {
  if (issued > present) return { code: "paper-issued-over-present", issued, present };
  return null;
}

/**
 * null when a teller may save this paper as number `number` of their entry, else why not: a paper
 * beyond those returned, a recorded paper naming a deputy who was not issued one, or one already
 * entered under another number (each deputy has one paper).
 */
export function refusePaper(
  entry: { returned: number; papers: ReadonlyMap<number, EnteredPaper> },
  number: number,
  paper: EnteredPaper,
  issuedSeats: ReadonlySet<number> | null,
): RefusalReason | null {
  if (number > entry.returned) return { code: "paper-over-returned", returned: entry.returned };
  if (issuedSeats === null) return null;
  if (paper.seatNo === null) return { code: "paper-seat-missing" };
  if (!issuedSeats.has(paper.seatNo)) return { code: "paper-seat-not-issued", seatNo: paper.seatNo };
  for (const [other, entered] of entry.papers) {
    if (other !== number && entered.seatNo === paper.seatNo) return { code: "paper-seat-entered", seatNo: paper.seatNo, number: other };
  }
  return null;
}

/**
 * A difference between the two entries. Secret round: a paper's marks entered `first` times in the
 * first entry and `second` times in the second. Recorded round: the paper of one seat, as each entry
 * has it (null: not entered there).
 */
export type EntryDifference =
  | { kind: "marks"; marks: BallotMarks; first: number; second: number }
  | { kind: "seat"; seatNo: number; first: BallotMarks | undefined; second: BallotMarks | undefined };

/**
 * 核对: every difference between two entries of the same stack; none when they agree. A secret
 * round's papers name nobody and the stack may be entered in any order, so the entries are compared
 * as multisets of marks; a recorded round's paper by paper, by the seat each names.
 */
export function compareEntries(secret: boolean, first: readonly EnteredPaper[], second: readonly EnteredPaper[]): EntryDifference[] {
  if (secret) {
    const counts = new Map<string, { marks: BallotMarks; first: number; second: number }>();
    const add = (paper: EnteredPaper, side: "first" | "second") => {
      const key = marksKey(paper.marks);
      const row = counts.get(key) ?? { marks: normalMarks(paper.marks), first: 0, second: 0 };
      row[side]++;
      counts.set(key, row);
    };
    first.forEach((paper) => add(paper, "first"));
    second.forEach((paper) => add(paper, "second"));
    return [...counts.entries()]
      .filter(([, row]) => row.first !== row.second)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => ({ kind: "marks", ...row }));
  }
  const bySeat = (papers: readonly EnteredPaper[]) => new Map(papers.map((paper) => [paper.seatNo ?? 0, normalMarks(paper.marks)]));
  const a = bySeat(first);
  const b = bySeat(second);
  const seats = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => x - y);
  return seats
    .filter((seatNo) => !a.has(seatNo) || !b.has(seatNo) || marksKey(a.get(seatNo)!) !== marksKey(b.get(seatNo)!))
    .map((seatNo) => ({ kind: "seat", seatNo, first: a.get(seatNo), second: b.get(seatNo) }));
}

/**
 * null when the two entries may be counted, else why not: both hold every returned paper, and
 * they agree.
 */
export function refuseCountingEntries(
  secret: boolean,
  returned: number,
  first: readonly EnteredPaper[],
  second: readonly EnteredPaper[],
): RefusalReason | null {
  if (first.length !== returned || second.length !== returned) {
    return { code: "paper-entries-incomplete", first: first.length, second: second.length, returned };
  }
  const differences = compareEntries(secret, first, second).length;
  if (differences > 0) return { code: "paper-entries-differ", differences };
  return null;
}

/** A paper's marks without unmarked keys: two entries of the same paper are equal values. */
export function normalMarks(marks: BallotMarks): BallotMarks {
  if (marks === null) return null;
  const kept = Object.entries(marks).filter((entry): entry is [string, Choice] => entry[1] !== undefined);
  return Object.fromEntries(kept.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

/** Equal marks, equal strings (null: void as marked). */
export function marksKey(marks: BallotMarks): string {
  return JSON.stringify(normalMarks(marks));
}
