/** 选票: reading ballots back for the tally, the roll and the notice (casting: ballot-box.server.ts). */
import type { Choice } from "~/domain/tally";
import { prisma } from "./db.server";
import type { Tx } from "./transaction.server";

export async function ballotWithReceipt(roundId: number, receipt: string, db: Tx | typeof prisma = prisma) {
  return db.ballot.findFirst({ where: { roundId, receipt }, select: { receipt: true, deputyId: true } });
}

/** What the deputy chose (recorded rounds) — for the deputy's own receipt page. */
export async function recordedBallotOf(roundId: number, deputyId: number) {
  const ballot = await prisma.ballot.findUnique({
    where: { roundId_deputyId: { roundId, deputyId } },
    select: { receipt: true, choices: true },
  });
  return ballot && { receipt: ballot.receipt, choices: JSON.parse(ballot.choices) as Partial<Record<string, Choice>> };
}

/** The contents of every ballot cast in a round, for the tally. Ordered by key: random in secret rounds. */
export async function ballotContents(roundId: number, db: Tx | typeof prisma = prisma) {
  const rows = await db.ballot.findMany({ where: { roundId }, select: { choices: true }, orderBy: { id: "asc" } });
  return rows.map((row) => JSON.parse(row.choices) as Partial<Record<string, Choice>>);
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
      choices: JSON.parse(row.choices) as Partial<Record<string, Choice>>,
    }))
    .sort((a, b) => a.deputyId - b.deputyId);
}

/** Receipt codes of a round, sorted, for the notice: a deputy can find theirs. */
export async function receiptsOfRound(roundId: number) {
  const rows = await prisma.ballot.findMany({ where: { roundId }, select: { receipt: true }, orderBy: { receipt: "asc" } });
  return rows.map((row) => row.receipt);
}

/** Who has voted (both modes: names, never choices). */
export async function votersOfRound(roundId: number) {
  const rows = await prisma.ballotIssue.findMany({ where: { roundId }, select: { deputyId: true, votedAt: true } });
  return new Map(rows.map((row) => [row.deputyId, row.votedAt !== null]));
}

/** Where a receipt stands, once its round is published (nothing is said of unpublished rounds). */
export async function publishedReceipt(receipt: string) {
  const ballot = await prisma.ballot.findFirst({
    where: { receipt, round: { status: "published" } },
    select: {
      valid: true,
      round: { select: { number: true, noticeNo: true, secret: true, session: { select: { id: true, title: true } } } },
    },
  });
  return ballot && {
    valid: ballot.valid,
    roundNumber: ballot.round.number,
    noticeNo: ballot.round.noticeNo!,
    secret: ballot.round.secret,
    sessionId: ballot.round.session.id,
    sessionTitle: ballot.round.session.title,
  };
}

/** The ballot issued to a deputy in a round, and whether it was used. */
export function ballotIssueOf(roundId: number, deputyId: number) {
  return prisma.ballotIssue.findUnique({ where: { roundId_deputyId: { roundId, deputyId } }, select: { votedAt: true } });
}
