/** Congress sessions: roster and check-in, slate, tellers, rounds. */
import type { AttendanceStatus } from "~/domain/attendance";
import type { EntryMethod } from "~/domain/paper-ballots";
import type { RoundMedium, RoundStatus } from "~/domain/round-lifecycle";
import type { RatingBasis } from "~/domain/satisfaction";
import type { BallotForm, RoundResult } from "~/domain/tally";
import type { Prisma } from "~/generated/prisma/client";
import { parseResult, storedResult } from "./round-result";
import { attendanceStatus, ballotForm, entryMethod, ratingBasis, roundMedium, roundStatus, tellerRole } from "./stored-values";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

export interface NewSession {
  townshipId: number;
  title: string;
  year: number;
  meetingDate: Date;
  place: string;
}

/** Creates the session with its roster frozen from the township's active deputies, in their seats. */
export async function insertSession(tx: Tx, input: NewSession, roster: Array<{ id: number; seatNo: number }>) {
  const session = await tx.congressSession.create({ data: { ...input, seated: roster.length }, select: { id: true } });
  await tx.attendance.createMany({
    data: roster.map((deputy) => ({ sessionId: session.id, deputyId: deputy.id, seatNo: deputy.seatNo })),
  });
  return session.id;
}

export function sessionsOfTownship(townshipId: number) {
  return prisma.congressSession.findMany({
    where: { townshipId },
    orderBy: { meetingDate: "desc" },
    select: { id: true, title: true, meetingDate: true, place: true, seated: true, year: true },
  });
}

export function sessionHeader(sessionId: number, db: Tx | typeof prisma = prisma) {
  return db.congressSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true, title: true, year: true, meetingDate: true, place: true, seated: true, lastNoticeNo: true,
      township: { select: { id: true, code: true, name: true, level: true, county: { select: { code: true, name: true, cityCode: true } } } },
    },
  });
}

export async function roster(sessionId: number, db: Tx | typeof prisma = prisma) {
  const rows = await db.attendance.findMany({
    where: { sessionId },
    orderBy: { seatNo: "asc" },
    select: { deputyId: true, seatNo: true, status: true, checkedInAt: true, checkedInBy: true, tellerRole: true, deputy: { select: { name: true } } },
  });
  return rows.map((row) => ({ ...row, status: attendanceStatus(row.status), tellerRole: tellerRole(row.tellerRole) }));
}

export async function allOnRoster(tx: Tx, sessionId: number, deputyIds: number[]) {
  const found = await tx.attendance.count({ where: { sessionId, deputyId: { in: deputyIds } } });
  return found === new Set(deputyIds).size;
}

export async function attendanceStatuses(sessionId: number, db: Tx | typeof prisma = prisma) {
  const rows = await db.attendance.findMany({ where: { sessionId }, select: { status: true } });
  return rows.map((row) => attendanceStatus(row.status));
}

/**
 * 签到 / 请假 at the console: sets the attendance of deputies on the session's roster and returns
 * how many of `deputyIds` are on it. A deputy already present keeps their check-in (its time, and
 * whether the tablet or the clerk made it). The tablet's own check-in is the ballot box's.
 */
export async function setAttendance(tx: Tx, sessionId: number, deputyIds: number[], status: AttendanceStatus): Promise<number> {
  const onRoster = await tx.attendance.count({ where: { sessionId, deputyId: { in: deputyIds } } });
  if (status === "present") {
    await tx.attendance.updateMany({
      where: { sessionId, deputyId: { in: deputyIds }, status: { not: "present" } },
      data: { status, checkedInAt: new Date(), checkedInBy: "clerk" },
    });
  } else {
    await tx.attendance.updateMany({ where: { sessionId, deputyId: { in: deputyIds } }, data: { status, checkedInAt: null, checkedInBy: null } });
  }
  return onRoster;
}

export async function setTellers(tx: Tx, sessionId: number, chiefId: number, tellerIds: number[]) {
  await tx.attendance.updateMany({ where: { sessionId }, data: { tellerRole: "none" } });
  await tx.attendance.updateMany({ where: { sessionId, deputyId: chiefId }, data: { tellerRole: "chief" } });
  await tx.attendance.updateMany({ where: { sessionId, deputyId: { in: tellerIds } }, data: { tellerRole: "teller" } });
}

export interface CandidateRow {
  name: string;
  content: string;
  investmentCents: number;
  fundingSource: string;
  plannedCompletion: string;
  responsibleUnit: string;
  /** The pool project (项目库) the candidate was taken from. */
  poolProjectId?: number | null;
}

export async function appendCandidates(tx: Tx, sessionId: number, rows: CandidateRow[]) {
  const last = await tx.candidate.findFirst({ where: { sessionId }, orderBy: { position: "desc" }, select: { position: true } });
  const start = (last?.position ?? 0) + 1;
  await tx.candidate.createMany({ data: rows.map((row, index) => ({ ...row, sessionId, position: start + index })) });
}

export function candidates(sessionId: number, db: Tx | typeof prisma = prisma) {
  return db.candidate.findMany({
    where: { sessionId },
    orderBy: { position: "asc" },
    select: {
      id: true, position: true, name: true, content: true, investmentCents: true, fundingSource: true,
      plannedCompletion: true, responsibleUnit: true, poolProjectId: true, _count: { select: { rounds: true } },
    },
  });
}

export async function deleteCandidate(tx: Tx, sessionId: number, candidateId: number) {
  const { count } = await tx.candidate.deleteMany({ where: { id: candidateId, sessionId, rounds: { none: {} } } });
  return count === 1;
}

export interface NewRound {
  places: number;
  form: BallotForm;
  secret: boolean;
  liveResults: boolean;
  medium: RoundMedium;
  /** Paper rounds only. */
  entryMethod: EntryMethod | null;
  runoffOfId?: number;
  /** Rating rounds only: the basis of the grades. */
  ratingBasis?: RatingBasis;
  candidateIds: number[];
}

export async function insertRound(tx: Tx, sessionId: number, input: NewRound) {
  const last = await tx.round.findFirst({ where: { sessionId }, orderBy: { number: "desc" }, select: { number: true } });
  const { candidateIds, ...settings } = input;
  const round = await tx.round.create({
    data: {
      ...settings,
      sessionId,
      number: (last?.number ?? 0) + 1,
      candidates: { create: candidateIds.map((candidateId, index) => ({ candidateId, position: index + 1 })) },
    },
    select: { id: true },
  });
  return round.id;
}

const roundSelect = {
  id: true, sessionId: true, number: true, runoffOfId: true, places: true, form: true, secret: true, liveResults: true,
  medium: true, entryMethod: true, papersIssued: true, papersReturned: true,
  status: true, voidReason: true, seated: true, present: true, openedAt: true, closedAt: true, confirmedAt: true,
  confirmedBy: true, publishedAt: true, noticeNo: true, resultJson: true, sealKey: true, sealKeyIssuedAt: true, sealKeyVerifiedAt: true,
  ballotsDigest: true, anchorEntryId: true, anchorHash: true, noticeShowsVotes: true, ratingBasis: true,
  candidates: {
    orderBy: { position: "asc" as const },
    select: {
      candidate: {
        select: { id: true, name: true, content: true, investmentCents: true, fundingSource: true, plannedCompletion: true, responsibleUnit: true },
      },
    },
  },
} as const;

type StoredRound = Prisma.RoundGetPayload<{ select: typeof roundSelect }>;

/** A round as the app knows it: its status and form narrowed, its tally parsed (null until counted). */
function roundRecord({ resultJson, ...round }: StoredRound) {
  return {
    ...round,
    status: roundStatus(round.status),
    form: ballotForm(round.form),
    medium: roundMedium(round.medium),
    entryMethod: entryMethod(round.entryMethod),
    ratingBasis: ratingBasis(round.ratingBasis),
    result: parseResult(resultJson),
  };
}

export async function loadRound(roundId: number, db: Tx | typeof prisma = prisma) {
  const round = await db.round.findUnique({ where: { id: roundId }, select: roundSelect });
  return round && roundRecord(round);
}

export type RoundRecord = ReturnType<typeof roundRecord>;

export async function roundsOfSession(sessionId: number, db: Tx | typeof prisma = prisma) {
  const rounds = await db.round.findMany({ where: { sessionId }, orderBy: { number: "asc" }, select: roundSelect });
  return rounds.map(roundRecord);
}

/** The round counted and waiting for the chief teller's confirmation, if any. */
export function roundAwaitingConfirmation(sessionId: number) {
  return prisma.round.findFirst({ where: { sessionId, status: "closed" }, orderBy: { number: "desc" }, select: { id: true } });
}

export function openRoundOf(sessionId: number, db: Tx | typeof prisma = prisma) {
  return db.round.findFirst({ where: { sessionId, status: "open" }, select: { id: true } });
}

export async function updateRound(
  tx: Tx,
  roundId: number,
  expected: RoundStatus,
  data: {
    status: RoundStatus; seated?: number; present?: number; openedAt?: Date; closedAt?: Date; confirmedAt?: Date;
    confirmedBy?: string; publishedAt?: Date; noticeNo?: number; result?: RoundResult; voidReason?: string;
    sealKey?: string; sealKeyIssuedAt?: Date; sealKeyVerifiedAt?: Date | null; ballotsDigest?: string; anchorEntryId?: number; anchorHash?: string;
    noticeShowsVotes?: boolean; papersIssued?: number; papersReturned?: number;
  },
) {
  // Guarded by the status read a moment ago: a concurrent change makes this a no-op, not a lost update.
  const { result, ...fields } = data;
  const stored = result === undefined ? fields : { ...fields, resultJson: storedResult(result) };
  const { count } = await tx.round.updateMany({ where: { id: roundId, status: expected }, data: stored });
  return count === 1;
}

/** Issues a ballot to every deputy present: the record of who may vote in this round. */
export async function issueBallots(tx: Tx, roundId: number, sessionId: number) {
  const present = await tx.attendance.findMany({ where: { sessionId, status: "present" }, select: { deputyId: true } });
  await tx.ballotIssue.createMany({ data: present.map(({ deputyId }) => ({ roundId, deputyId })) });
  return present.length;
}

export async function nextNoticeNo(tx: Tx, sessionId: number) {
  const session = await tx.congressSession.update({ where: { id: sessionId }, data: { lastNoticeNo: { increment: 1 } }, select: { lastNoticeNo: true } });
  return session.lastNoticeNo;
}

export async function voteCounts(roundId: number) {
  const [issued, voted] = await Promise.all([
    prisma.ballotIssue.count({ where: { roundId } }),
    prisma.ballotIssue.count({ where: { roundId, votedAt: { not: null } } }),
  ]);
  return { issued, voted };
}

/** Published rounds across all sessions, newest first: the public list of notices. */
export async function publishedRounds(take = 100, skip = 0) {
  const rounds = await prisma.round.findMany({
    where: { status: "published" },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
    skip,
    select: {
      id: true, number: true, noticeNo: true, publishedAt: true, places: true, form: true, resultJson: true, runoffOfId: true,
      session: { select: { id: true, title: true, township: { select: { name: true, level: true, county: { select: { name: true } } } } } },
    },
  });
  return rounds.map(({ resultJson, ...round }) => ({ ...round, result: parseResult(resultJson) }));
}
