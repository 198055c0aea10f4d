/**
 * The live state of a session, as the console and the big screen show it: attendance and quorum,
 * the current round, how many of the ballots issued were cast, and the results when the round's
 * settings allow them.
 * Never anything about an individual deputy's choice.
 */
import { summariseAttendance } from "~/domain/attendance";
import { currentRound } from "~/domain/current-round";
import type { RoundMedium, RoundStatus } from "~/domain/round-lifecycle";
import { showsResult } from "~/domain/round-settings";
import type { BallotForm, RoundResult } from "~/domain/tally";
import * as sessions from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
import { tallyStoredRound } from "./congress-session.server";

export interface LiveRound {
  id: number;
  number: number;
  status: RoundStatus;
  places: number;
  form: BallotForm;
  secret: boolean;
  medium: RoundMedium;
  isRunoff: boolean;
  /** Ballots issued and cast; a paper round's papers issued (发出) and returned (收回). */
  issued: number;
  voted: number;
  /** 应到 / 实到 frozen when the round opened (null before). */
  seated: number | null;
  present: number | null;
  noticeNo: number | null;
  candidates: Array<{ id: number; name: string }>;
  /** Present when the settings allow the screen to show results now. */
  result: RoundResult | null;
}

export interface LiveSnapshot {
  sessionId: number;
  title: string;
  township: string;
  attendance: ReturnType<typeof summariseAttendance>;
  round: LiveRound | null;
}

/** The session now, following its current round (current-round.ts). */
export async function liveSnapshot(sessionId: number): Promise<LiveSnapshot | null> {
  const header = await sessions.sessionHeader(sessionId);
  if (!header) return null;
  const [statuses, rounds] = await Promise.all([sessions.attendanceStatuses(sessionId), sessions.roundsOfSession(sessionId)]);
  const current = currentRound(rounds);
  let round: LiveRound | null = null;
  if (current) {
    const counts =
      current.medium === "paper" ? { issued: current.papersIssued ?? 0, voted: current.papersReturned ?? 0 } : await sessions.voteCounts(current.id);
    const showResult = showsResult(current);
    let result: RoundResult | null = null;
    if (showResult && current.result) result = current.result;
    else if (showResult && current.status === "open") result = await inTransaction((tx) => tallyStoredRound(tx, current));
    round = {
      id: current.id,
      number: current.number,
      status: current.status,
      places: current.places,
      form: current.form,
      secret: current.secret,
      medium: current.medium,
      isRunoff: current.runoffOfId !== null,
      ...counts,
      seated: current.seated,
      present: current.present,
      noticeNo: current.noticeNo,
      candidates: current.candidates.map(({ candidate }) => ({ id: candidate.id, name: candidate.name })),
      result,
    };
  }
  return {
    sessionId,
    title: header.title,
    township: header.township.name,
    attendance: summariseAttendance(header.seated, statuses),
    round,
  };
}
