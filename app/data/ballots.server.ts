/**
 * 选票: reading ballots back for the tally, the roll and the notice (casting: ballot-box.server.ts),
 * and the count of a secret round, which replaces its sealed ballots by their contents in an order
 * that says nothing about who cast them (decision 006).
 */
import { createHash, randomInt } from "node:crypto";
import type { Choice, RoundInput } from "~/domain/tally";
import { ballotForm } from "./stored-values";
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
  return ballot && receipt && { receipt: receipt.receipt, choices: JSON.parse(ballot.choices) as BallotChoices };
}

/**
 * What rounds are counted from — the one place tally inputs are assembled, for the close, the
 * count, the confirmation's recount, the live screen and the coverage check: the seated and present
 * numbers frozen when each round opened, its places, form and candidates in ballot order, and the
 * contents of its stored ballots (ordered by key: random).
 */
export async function tallyInputsOf(db: Db, roundIds: number[]): Promise<Map<number, RoundInput>> {
  const [rounds, ballots] = await Promise.all([
    db.round.findMany({
      where: { id: { in: roundIds } },
      select: { id: true, seated: true, present: true, places: true, form: true, candidates: { orderBy: { position: "asc" }, select: { candidateId: true } } },
    }),
    db.ballot.findMany({ where: { roundId: { in: roundIds } }, select: { roundId: true, choices: true }, orderBy: { id: "asc" } }),
  ]);
  const inputs = new Map<number, RoundInput>();
  for (const round of rounds) {
    if (round.seated === null || round.present === null) throw new Error(`round ${round.id} has not opened: there is nothing to count`);
    const candidates = round.candidates.map(({ candidateId }) => String(candidateId));
    inputs.set(round.id, { seated: round.seated, present: round.present, places: round.places, form: ballotForm(round.form), candidates, ballots: [] });
  }
  for (const ballot of ballots) inputs.get(ballot.roundId)!.ballots.push(JSON.parse(ballot.choices) as BallotChoices);
  return inputs;
}

export async function tallyInputOf(db: Db, roundId: number): Promise<RoundInput> {
  const input = (await tallyInputsOf(db, [roundId])).get(roundId);
  if (!input) throw new Error(`round ${roundId} does not exist`);
  return input;
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
  choices: BallotChoices;
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
  const rows = counted
    .map((ballot) => ({ choices: canonicalChoices(ballot.choices), valid: ballot.valid }))
    .sort((a, b) => (a.choices < b.choices ? -1 : a.choices > b.choices ? 1 : Number(a.valid) - Number(b.valid)));
  await tx.sealedBallot.deleteMany({ where: { roundId } });
  const receipts = await tx.ballotReceipt.findMany({ where: { roundId }, select: { receipt: true }, orderBy: { receipt: "asc" } });
  await tx.ballotReceipt.deleteMany({ where: { roundId } });
  if (receipts.length) await tx.ballotReceipt.createMany({ data: receipts.map(({ receipt }) => ({ roundId, receipt })) });
  if (rows.length) await tx.ballot.createMany({ data: rows.map((row) => ({ id: randomInt(1, 2 ** 48), roundId, ...row })) });
}

/** Destroys what a voided secret round sealed: unopened, it can never count, and a card could still open it. */
export async function destroySealedBallots(tx: Tx, roundId: number): Promise<number> {
  const { count } = await tx.sealedBallot.deleteMany({ where: { roundId } });
  return count;
}

/** A recorded ballot's digest, logged with its `ballot.cast` entry: the contents as cast. */
export function ballotDigest(choices: BallotChoices): string {
  return createHash("sha256").update(canonicalChoices(choices)).digest("hex");
}

/**
 * The digest of a round's counted ballots as a set (deputy for recorded rounds, contents, valid),
 * in no particular order: logged when the round is counted, checked again at confirmation and
 * publication, and printed on the notice. Names no single ballot.
 */
export async function ballotSetDigest(db: Db, roundId: number): Promise<string> {
  const rows = await db.ballot.findMany({ where: { roundId }, select: { deputyId: true, choices: true, valid: true } });
  const lines = rows.map((row) => `${row.deputyId ?? ""}|${canonicalChoices(JSON.parse(row.choices) as BallotChoices)}|${row.valid ? 1 : 0}`).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** The digest of a secret round's sealed ballots as a set, logged when it closes and checked at the count. */
export async function sealedSetDigest(tx: Tx, roundId: number): Promise<string> {
  const digests = (await sealedBallotsOf(tx, roundId)).map((sealed) => createHash("sha256").update(sealed).digest("hex")).sort();
  return createHash("sha256").update(digests.join("\n")).digest("hex");
}

/** A ballot's choices as JSON with its keys sorted: equal ballots are equal strings. */
function canonicalChoices(choices: BallotChoices): string {
  return JSON.stringify(Object.fromEntries(Object.entries(choices).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
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
      choices: JSON.parse(row.choices) as BallotChoices,
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
