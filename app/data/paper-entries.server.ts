/**
 * 纸质选票录入: the tellers' entries of a paper round — the papers of a per-ballot entry as each
 * teller typed them, or the totals of a totals entry (domain/paper-ballots.ts says what they mean).
 */
import { z } from "zod";
import type { EnteredPaper, EntrySlot } from "~/domain/paper-ballots";
import type { BallotMarks, MarkCounts } from "~/domain/tally";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

type Db = Tx | typeof prisma;

/** One teller's entry of a round, with its papers in stack order. */
export interface PaperEntryRecord {
  id: number;
  slot: EntrySlot;
  tellerId: number;
  enteredBy: string;
  createdAt: Date;
  papers: Array<EnteredPaper & { number: number }>;
  totals: PaperTotals | null;
}

/** 汇总录入: each project's marks from the count sheets, and the void papers. */
export interface PaperTotals {
  invalid: number;
  projects: Record<string, MarkCounts>;
}

const count = z.number().int().nonnegative();
const TotalsSchema = z.object({
  invalid: count,
  projects: z.record(z.string(), z.object({ yes: count, no: count, abstain: count, notVoted: count })),
}) satisfies z.ZodType<PaperTotals>;

const ChoiceSchema = z.enum(["yes", "no", "abstain"]);
const MarksSchema = z.record(z.string(), ChoiceSchema).nullable();

function entrySlot(stored: number): EntrySlot {
  if (stored !== 1 && stored !== 2) throw new Error(`PaperEntry.slot: unexpected stored value ${stored}`);
  return stored;
}

/** A paper's marks as stored: JSON of an object, or null for a paper judged void. */
export function storedMarks(marks: BallotMarks): string {
  return JSON.stringify(marks);
}

export function parseMarks(json: string): BallotMarks {
  return MarksSchema.parse(JSON.parse(json));
}

export async function entriesOf(db: Db, roundId: number): Promise<PaperEntryRecord[]> {
  const rows = await db.paperEntry.findMany({
    where: { roundId },
    orderBy: { slot: "asc" },
    select: {
      id: true, slot: true, tellerId: true, enteredBy: true, createdAt: true, totalsJson: true,
      papers: { orderBy: { number: "asc" }, select: { number: true, seatNo: true, choices: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    slot: entrySlot(row.slot),
    tellerId: row.tellerId,
    enteredBy: row.enteredBy,
    createdAt: row.createdAt,
    totals: row.totalsJson === null ? null : TotalsSchema.parse(JSON.parse(row.totalsJson)),
    papers: row.papers.map((paper) => ({ number: paper.number, seatNo: paper.seatNo, marks: parseMarks(paper.choices) })),
  }));
}

export async function insertEntry(tx: Tx, roundId: number, entry: { slot: EntrySlot; tellerId: number; enteredBy: string }): Promise<number> {
  const row = await tx.paperEntry.create({ data: { roundId, ...entry }, select: { id: true } });
  return row.id;
}

/** Another teller takes over an entry (its papers stay). */
export async function reassignEntry(tx: Tx, entryId: number, entry: { tellerId: number; enteredBy: string }): Promise<void> {
  await tx.paperEntry.update({ where: { id: entryId }, data: entry });
}

/** The deputies a round issued ballots (papers) to when it opened. */
export async function issuedDeputies(tx: Tx, roundId: number): Promise<Set<number>> {
  const issued = await tx.ballotIssue.findMany({ where: { roundId }, select: { deputyId: true } });
  return new Set(issued.map((row) => row.deputyId));
}

/** Saves paper `number` of an entry, new or corrected. */
export async function savePaper(tx: Tx, entryId: number, number: number, paper: EnteredPaper): Promise<void> {
  const data = { seatNo: paper.seatNo, choices: storedMarks(paper.marks), enteredAt: new Date() };
  await tx.paperBallot.upsert({ where: { entryId_number: { entryId, number } }, create: { entryId, number, ...data }, update: data });
}

export async function saveTotals(tx: Tx, entryId: number, totals: PaperTotals): Promise<void> {
  await tx.paperEntry.update({ where: { id: entryId }, data: { totalsJson: JSON.stringify(totals) } });
}
