/**
 * Read-models for what the public and the deputy see after a vote: the numbered notice (公告) with
 * its CSV, the list of published notices, and the deputy's own receipt. All wording of rule and
 * outcome comes from describeRound (domain/notice-text.ts), so the notice, the big screen and the
 * export can never disagree. A secret round's views carry no deputy identity: only counts and
 * receipt codes, which are derived from a random ballot key and name nobody.
 */
import { ratedYearOf } from "~/domain/satisfaction";
import { describeRound, presidiumName, type RoundText } from "~/domain/notice-text";
import type { BallotForm, Choice, ProjectTally, RoundResult } from "~/domain/tally";
import type { RoundMedium } from "~/domain/round-lifecycle";
import { receiptInRound, receiptsOfRound, recordedBallotOf, votersOfRound } from "~/data/ballots.server";
import * as sessions from "~/data/sessions.server";
import { congressLevel } from "~/data/stored-values";
import { outcomeLabel, publicMessages } from "~/messages/public";
import { csvDocument } from "~/utils/downloads";
import { formatDigest, formatWanPlain } from "~/utils/format";
import type { DeputyPass } from "./voting.server";

export interface NoticeProject {
  id: string;
  position: number;
  name: string;
  content: string;
  investmentCents: number;
  fundingSource: string;
  plannedCompletion: string;
  responsibleUnit: string;
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
  outcome: ProjectTally["outcome"];
  /** 当选 / 再次票决 / 未当选 / 未通过 / 本轮无效 */
  outcomeLabel: string;
}

export interface NoticeView {
  noticeNo: number;
  publishedAt: string;
  township: { name: string; code: string; county: string };
  /** Who issues it (公告机关): the township's presidium, or the county congress session's. */
  presidium: string;
  session: { id: number; title: string; meetingDate: string; place: string };
  round: {
    id: number;
    number: number;
    isRunoff: boolean;
    secret: boolean;
    form: BallotForm;
    places: number;
    seated: number;
    present: number;
    issued: number;
    /** 平板 or 纸质选票: a paper round has no receipt codes. */
    medium: RoundMedium;
    /** A rating round's: the year of the projects it rated (the year before the session's). */
    ratedYear: number;
  };
  result: RoundResult;
  text: RoundText;
  /** Every project of the round, in ballot order. */
  projects: NoticeProject[];
  /** The selected projects, by yes votes (highest first), as the result ranks them. */
  selected: NoticeProject[];
  /** Receipt codes of every ballot cast in the round, sorted: names nobody. */
  receipts: string[];
  /** 核验信息: the audit chain's head at publication and the ballots' digest, as printed (decision 006). */
  integrity: { anchorEntryId: number; anchorHash: string; ballotsDigest: string } | null;
  /** Chosen at publication: the notice prints each project's votes, or only the selected projects (the CSV has the votes either way). */
  showsVotes: boolean;
  /** The tellers who confirmed the count, as the confirmation recorded them (总监票人…、监票人…). */
  tellers: string | null;
}

/** The notice 第noticeNo号 of a session; null when there is no such published notice. */
/** A published notice; null for none, and for ids the URL did not give (utils/params.ts). */
export async function noticeView(sessionId: number | null, noticeNo: number | null): Promise<NoticeView | null> {
  if (!sessionId || !noticeNo) return null;
  const [header, rounds] = await Promise.all([sessions.sessionHeader(sessionId), sessions.roundsOfSession(sessionId)]);
  const round = rounds.find((r) => r.noticeNo === noticeNo && r.status === "published");
  if (!header || !round?.result || round.seated === null || round.present === null) return null;

  const { result } = round;
  const [receipts, counts] = await Promise.all([receiptsOfRound(round.id), sessions.voteCounts(round.id)]);
  const names = Object.fromEntries(round.candidates.map(({ candidate }) => [String(candidate.id), candidate.name]));
  // A paper round's 发出 is the papers the clerk recorded; a tablet round's, the ballots issued.
  const issued = round.papersIssued ?? counts.issued;
  const setting = { seated: round.seated, present: round.present, places: round.places, issued };
  const text = describeRound(result, names, setting);

  const byId = new Map(round.candidates.map(({ candidate }) => [String(candidate.id), candidate]));
  const projects: NoticeProject[] = result.projects.map((tally, index) => {
    const candidate = byId.get(tally.id);
    return {
      id: tally.id,
      position: index + 1,
      name: candidate?.name ?? tally.id,
      content: candidate?.content ?? "",
      investmentCents: candidate?.investmentCents ?? 0,
      fundingSource: candidate?.fundingSource ?? "",
      plannedCompletion: candidate?.plannedCompletion ?? "",
      responsibleUnit: candidate?.responsibleUnit ?? "",
      yes: tally.yes,
      no: tally.no,
      abstain: tally.abstain,
      notVoted: tally.notVoted,
      outcome: tally.outcome,
      outcomeLabel: outcomeLabel(tally, result.roundValid),
    };
  });
  const projectOf = new Map(projects.map((project) => [project.id, project]));

  return {
    noticeNo,
    publishedAt: (round.publishedAt ?? new Date()).toISOString(),
    township: { name: header.township.name, code: header.township.code, county: header.township.county.name },
    presidium: presidiumName(congressLevel(header.township.level), header.township.name, header.title),
    session: { id: header.id, title: header.title, meetingDate: header.meetingDate.toISOString(), place: header.place },
    round: {
      id: round.id,
      number: round.number,
      isRunoff: round.runoffOfId !== null,
      secret: round.secret,
      form: round.form,
      places: round.places,
      seated: round.seated,
      present: round.present,
      issued,
      medium: round.medium,
      ratedYear: ratedYearOf(header.year),
    },
    result,
    text,
    projects,
    selected: result.selected.map((id) => projectOf.get(id)!).filter(Boolean),
    receipts,
    integrity:
      round.anchorEntryId !== null && round.anchorHash && round.ballotsDigest
        ? { anchorEntryId: round.anchorEntryId, anchorHash: formatDigest(round.anchorHash), ballotsDigest: formatDigest(round.ballotsDigest) }
        : null,
    showsVotes: round.noticeShowsVotes,
    tellers: round.confirmedBy,
  };
}

/**
 * The notice as a clean table (one header row, one row per project in ballot order), UTF-8 with a
 * byte-order mark so that Excel on Windows opens the Chinese correctly. The rule and outcome
 * sentences stay on the notice page; a clean table is what a county office can sort and sum.
 */
export function noticeCsv(view: NoticeView): string {
  const rating = view.round.form === "rating";
  const rows: Array<Array<string | number>> = [
    [...(rating ? publicMessages.csv.ratingHeader : publicMessages.csv.header)],
    ...view.projects.map((p) => [
      p.position,
      p.name,
      ...(rating ? [p.yes, p.abstain, p.no] : [p.yes, p.no, p.abstain]),
      p.notVoted,
      p.outcomeLabel,
      formatWanPlain(p.investmentCents),
      p.fundingSource,
      p.plannedCompletion,
      p.responsibleUnit,
    ]),
  ];
  return csvDocument(rows);
}

export interface NoticeListItem {
  sessionId: number;
  noticeNo: number;
  township: string;
  /** Who issued it (公告机关, by level). */
  presidium: string;
  county: string;
  sessionTitle: string;
  roundNumber: number;
  isRunoff: boolean;
  publishedAt: string;
  selected: number;
  places: number;
  /** A 满意度测评 notice: it selects nothing. */
  rating: boolean;
}

/**
 * Every published notice, newest first.
 *
 * Stopgap: the data layer has no query for published rounds across sessions yet, so this walks the
 * sessions by id (ids are dense: sessions are never deleted) and reads each session's rounds.
 * That is one query pair per session — fine for one county, too slow for a province. Replace the
 * walk with a single repository query (`publishedRounds()` in data/sessions.server.ts, ordered by
 * publishedAt desc) when it exists.
 */
export async function publishedNotices(): Promise<NoticeListItem[]> {
  const rounds = await sessions.publishedRounds(200);
  return rounds.map((round) => {
    const { result } = round;
    return {
      sessionId: round.session.id,
      noticeNo: round.noticeNo!,
      township: round.session.township.name,
      presidium: presidiumName(congressLevel(round.session.township.level), round.session.township.name, round.session.title),
      county: round.session.township.county.name,
      sessionTitle: round.session.title,
      roundNumber: round.number,
      isRunoff: round.runoffOfId !== null,
      publishedAt: (round.publishedAt ?? new Date(0)).toISOString(),
      selected: result?.selected.length ?? 0,
      places: round.places,
      rating: round.form === "rating",
    };
  });
}

export interface ReceiptView {
  round: { id: number; number: number; secret: boolean; isRunoff: boolean; form: BallotForm; noticeNo: number | null };
  sessionId: number;
  deputyId: number;
  receipt: string;
  /** Recorded rounds only: the deputy's own choices, in ballot order. Never set for a secret round. */
  choices: Array<{ id: string; name: string; choice: Choice | null }> | null;
}

const RECEIPT_FORMAT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/;

/**
 * The deputy's own receipt for a round of their session. A recorded round reads the receipt and
 * the choices from the deputy's ballot; a secret round stores no link from deputy to ballot, so
 * the receipt the tablet was given is shown if such a ballot exists and this deputy has voted.
 */
export async function receiptView(pass: DeputyPass, roundId: number | null, receipt: string | null): Promise<ReceiptView | null> {
  if (!roundId) return null;
  const round = await sessions.loadRound(roundId);
  if (!round || round.sessionId !== pass.sessionId) return null;
  const summary = { id: round.id, number: round.number, secret: round.secret, isRunoff: round.runoffOfId !== null, form: round.form, noticeNo: round.noticeNo };

  if (!round.secret) {
    const ballot = await recordedBallotOf(round.id, pass.deputyId);
    if (!ballot) return null;
    const choices = round.candidates.map(({ candidate }) => ({
      id: String(candidate.id),
      name: candidate.name,
      choice: ballot.choices[String(candidate.id)] ?? null,
    }));
    return { round: summary, sessionId: pass.sessionId, deputyId: pass.deputyId, receipt: ballot.receipt, choices };
  }

  const code = (receipt ?? "").trim().toUpperCase();
  if (!RECEIPT_FORMAT.test(code)) return null;
  const [voters, cast] = await Promise.all([votersOfRound(round.id), receiptInRound(round.id, code)]);
  if (voters.get(pass.deputyId) !== true || !cast) return null;
  return { round: summary, sessionId: pass.sessionId, deputyId: pass.deputyId, receipt: code, choices: null };
}
