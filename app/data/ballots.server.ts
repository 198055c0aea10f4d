/**
 * 选票: reading ballots back for the tally, the roll and the notice (casting: ballot-box.server.ts),
 * and the count of a secret round, which replaces its sealed ballots by their contents in an order
 * that says nothing about who cast them (decision 006).
 */
import { createHash, randomInt } from "node:crypto";
import type { BallotMarks, Choice, RoundCount } from "~/domain/tally";
import { entriesOf, parseMarks, storedMarks } from "./paper-entries.server";
import { ballotForm, entryMethod, ratingBasis, roundMedium } from "./stored-values";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

type Db = Tx | typeof prisma;
export type BallotChoices = Partial<Record<string, Choice>>;

/** Whether a receipt belongs to a ballot cast in this round (a retry's original, a deputy's own). */
export async function receiptInRound(roundId: number, receipt: string, db: Db = prisma): Promise<boolean> {
  return (await db.ballotReceipt.count({ where: { roundId, receipt } })) === 1;
}

/** What the deputy chose (recorded rounds), with their receipt — for the deputy's own receipt page. */
export async function recordedBallotOf(roundId: number, deputyId: number) {
  const [ballot, receipt] = await Promise.all([
    prisma.ballot.findUnique({ where: { roundId_deputyId: { roundId, deputyId } }, select: { choices: true } }),
    prisma.ballotReceipt.findUnique({ where: { roundId_deputyId: { roundId, deputyId } }, select: { receipt: true } }),
  ]);
  return ballot && receipt && { receipt: receipt.receipt, choices: parseMarks(ballot.choices) ?? {} };
}

/**
 * What rounds are counted from — the one place tally inputs are assembled, for the close, the
 * count, the confirmation's recount, the live screen and the coverage check: the seated and present
 * numbers frozen when each round opened (and a paper round's papers issued), its places, form and
 * candidates in ballot order, and the contents of its stored ballots (ordered by key: random) — or,
 * for a paper round entered as totals, the totals its tellers entered.
 */
export async function roundCountsOf(db: Db, roundIds: number[]): Promise<Map<number, RoundCount>> {
  const [rounds, ballots] = await Promise.all([
    db.round.findMany({
      where: { id: { in: roundIds } },
      select: {
        id: true, seated: true, present: true, papersIssued: true, papersReturned: true, places: true, form: true, medium: true, entryMethod: true, ratingBasis: true,
        candidates: { orderBy: { position: "asc" }, select: { candidateId: true } },
      },
    }),
    db.ballot.findMany({ where: { roundId: { in: roundIds } }, select: { roundId: true, choices: true }, orderBy: { id: "asc" } }),
  ]);
  const counts = new Map<number, RoundCount>();
  for (const round of rounds) {
    if (round.seated === null || round.present === null) throw new Error(`round ${round.id} has not opened: there is nothing to count`);
    const candidates = round.candidates.map(({ candidateId }) => String(candidateId));
    const setting = {
      seated: round.seated,
      present: round.present,
      ...(round.papersIssued === null ? {} : { issued: round.papersIssued }),
      places: round.places,
      form: ballotForm(round.form),
      candidates,
      ...(round.ratingBasis === null ? {} : { ratingBasis: ratingBasis(round.ratingBasis)! }),
    };
    if (roundMedium(round.medium) === "paper" && entryMethod(round.entryMethod) === "totals") {
      const totals = (await entriesOf(db, round.id))[0]?.totals;
      if (!totals || round.papersReturned === null) throw new Error(`round ${round.id} has no totals entered: there is nothing to count`);
      counts.set(round.id, { kind: "totals", input: { ...setting, cast: round.papersReturned, invalid: totals.invalid, totals: totals.projects } });
    } else {
      counts.set(round.id, { kind: "ballots", input: { ...setting, ballots: [] } });
    }
  }
  for (const ballot of ballots) {
    const count = counts.get(ballot.roundId)!;
    if (count.kind === "ballots") count.input.ballots.push(parseMarks(ballot.choices));
  }
  return counts;
}

export async function roundCountOf(db: Db, roundId: number): Promise<RoundCount> {
  const count = (await roundCountsOf(db, [roundId])).get(roundId);
  if (!count) throw new Error(`round ${roundId} does not exist`);
  return count;
}

/** The sealed ballots of a secret round, for the count. */
export async function sealedBallotsOf(tx: Tx, roundId: number): Promise<Buffer[]> {
  const rows = await tx.sealedBallot.findMany({ where: { roundId }, select: { sealed: true }, orderBy: { id: "asc" } });
  return rows.map((row) => Buffer.from(row.sealed));
}

export function countSealedBallots(tx: Tx, roundId: number): Promise<number> {
  return tx.sealedBallot.count({ where: { roundId } });
}

export interface CountedBallot {
  choices: BallotMarks;
  valid: boolean;
}

/**
 * The count of a secret round, inside its transaction: the sealed ballots are deleted (with
 * secure_delete on, their bytes are zeroed), the contents are written with fresh random keys in
 * the order of the contents themselves, and the receipts are written again in sorted order. What
 * insertion order said about the order of voting is gone from the tables and indexes; the caller
 * then truncates the write-ahead log (BallotBox.truncateWal) so that it is gone from the files.
 */
export async function replaceSealedBallots(tx: Tx, roundId: number, counted: CountedBallot[]): Promise<void> {
  await tx.sealedBallot.deleteMany({ where: { roundId } });
  const receipts = await tx.ballotReceipt.findMany({ where: { roundId }, select: { receipt: true }, orderBy: { receipt: "asc" } });
  await tx.ballotReceipt.deleteMany({ where: { roundId } });
  if (receipts.length) await tx.ballotReceipt.createMany({ data: receipts.map(({ receipt }) => ({ roundId, receipt })) });
  await insertInContentOrder(tx, roundId, counted);
}

/**
 * The count of a paper round's agreed entry: its papers become the round's ballots — a recorded
 * round's with the deputy each names, a secret round's with nobody, in content order and with
 * random keys as for a sealed round (the stack's order says nothing either, but need not be kept).
 */
export async function storeCountedPapers(tx: Tx, roundId: number, papers: Array<CountedBallot & { deputyId: number | null }>): Promise<void> {
  const recorded = papers.filter((paper) => paper.deputyId !== null);
  if (recorded.length) {
    await tx.ballot.createMany({
      data: recorded.map((paper) => ({ id: randomInt(1, 2 ** 48), roundId, deputyId: paper.deputyId, choices: canonicalChoices(paper.choices), valid: paper.valid })),
    });
  }
  await insertInContentOrder(
    tx,
    roundId,
    papers.filter((paper) => paper.deputyId === null),
  );
}

async function insertInContentOrder(tx: Tx, roundId: number, counted: CountedBallot[]): Promise<void> {
  const rows = counted
    .map((ballot) => ({ choices: canonicalChoices(ballot.choices), valid: ballot.valid }))
    .sort((a, b) => (a.choices < b.choices ? -1 : a.choices > b.choices ? 1 : Number(a.valid) - Number(b.valid)));
  if (rows.length) await tx.ballot.createMany({ data: rows.map((row) => ({ id: randomInt(1, 2 ** 48), roundId, ...row })) });
}

/** Destroys what a voided secret round sealed: unopened, it can never count, and a card could still open it. */
export async function destroySealedBallots(tx: Tx, roundId: number): Promise<number> {
  const { count } = await tx.sealedBallot.deleteMany({ where: { roundId } });
  return count;
}

/** A recorded ballot's digest, logged with its `ballot.cast` entry: the contents as cast. */
export function ballotDigest(choices: BallotMarks): string {
  return createHash("sha256").update(canonicalChoices(choices)).digest("hex");
}

/**
 * The digest of a round's counted ballots as a set (deputy for recorded rounds, contents, valid),
 * in no particular order: logged when the round is counted, checked again at confirmation and
 * publication, and printed on the notice. Names no single ballot.
 */
export async function ballotSetDigest(db: Db, roundId: number): Promise<string> {
  const rows = await db.ballot.findMany({ where: { roundId }, select: { deputyId: true, choices: true, valid: true } });
  const lines = rows.map((row) => `${row.deputyId ?? ""}|${canonicalChoices(parseMarks(row.choices))}|${row.valid ? 1 : 0}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/**
 * What a counted round's count is held against: the digest of its ballots as a set, or for a
 * paper round entered as totals, of the totals entered (the totals are what was counted).
 */
export async function countDigest(db: Db, round: { id: number; entryMethod: string | null }): Promise<string> {
  if (round.entryMethod !== "totals") return ballotSetDigest(db, round.id);
  const count = await roundCountOf(db, round.id);
  if (count.kind !== "totals") throw new Error(`round ${round.id} is not counted from totals`);
  const { cast, invalid, totals, candidates } = count.input;
  const lines = [`${cast}|${invalid}`, ...candidates.map((id) => [id, totals[id]!.yes, totals[id]!.no, totals[id]!.abstain, totals[id]!.notVoted].join("|"))];
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** The digest of a secret round's sealed ballots as a set, logged when it closes and checked at the count. */
export async function sealedSetDigest(tx: Tx, roundId: number): Promise<string> {
  const digests = (await sealedBallotsOf(tx, roundId)).map((sealed) => createHash("sha256").update(sealed).digest("hex")).sort();
  return createHash("sha256").update(digests.join("\n")).digest("hex");
}

/** A ballot's choices as JSON with its keys sorted: equal ballots are equal strings (null: a paper judged void). */
function canonicalChoices(choices: BallotMarks): string {
  if (choices === null) return storedMarks(null);
  return storedMarks(Object.fromEntries(Object.entries(choices).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** The roll of votes of a recorded (记名) round: each deputy's choices. Never called for secret rounds. */
export async function rollOfVotes(roundId: number) {
  const rows = await prisma.ballot.findMany({
    where: { roundId, deputyId: { not: null }, round: { secret: false } },
    select: { deputyId: true, choices: true, valid: true },
  });
  const names = await prisma.deputy.findMany({
    where: { id: { in: rows.map((row) => row.deputyId!) } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(names.map((deputy) => [deputy.id, deputy.name]));
  return rows
    .map((row) => ({
      deputyId: row.deputyId!,
      name: nameOf.get(row.deputyId!) ?? "",
      valid: row.valid,
      choices: parseMarks(row.choices),
    }))
    .sort((a, b) => a.deputyId - b.deputyId);
}

/** Receipt codes of a round, sorted, for the notice: a deputy can find theirs. */
export async function receiptsOfRound(roundId: number) {
  const rows = await prisma.ballotReceipt.findMany({ where: { roundId }, select: { receipt: true }, orderBy: { receipt: "asc" } });
  return rows.map((row) => row.receipt);
}

/** Who has voted (both modes: names, never choices). */
export async function votersOfRound(roundId: number) {
  const rows = await prisma.ballotIssue.findMany({ where: { roundId }, select: { deputyId: true, votedAt: true } });
  return new Map(rows.map((row) => [row.deputyId, row.votedAt !== null]));
}

/**
 * Where a receipt stands, once its round is published (nothing is said of unpublished rounds).
 * Whether the ballot was valid is said for recorded rounds only: in a secret round the receipt
 * must not tell anything about the ballot it came with.
 */
export async function publishedReceipt(receipt: string) {
  const found = await prisma.ballotReceipt.findFirst({
    where: { receipt, round: { status: "published" } },
    select: {
      roundId: true,
      deputyId: true,
      round: { select: { number: true, noticeNo: true, secret: true, session: { select: { id: true, title: true } } } },
    },
  });
  if (!found) return null;
  const recorded = found.deputyId !== null && !found.round.secret
    ? await prisma.ballot.findUnique({ where: { roundId_deputyId: { roundId: found.roundId, deputyId: found.deputyId } }, select: { valid: true } })
    : null;
  return {
    valid: recorded ? recorded.valid : null,
    roundNumber: found.round.number,
    noticeNo: found.round.noticeNo!,
    secret: found.round.secret,
    sessionId: found.round.session.id,
    sessionTitle: found.round.session.title,
  };
}

/** The ballot issued to a deputy in a round, and whether it was used. */
export function ballotIssueOf(roundId: number, deputyId: number) {
  return prisma.ballotIssue.findUnique({ where: { roundId_deputyId: { roundId, deputyId } }, select: { votedAt: true } });
}
