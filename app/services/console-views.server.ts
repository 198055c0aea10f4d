/**
 * Read-models of the presidium clerk's console (会务工作台): what each console page shows, built
 * from the repositories and the rules engine. Nothing here writes; nothing here shows an individual
 * deputy's choice in a secret (无记名) round — only whether the deputy voted.
 */
import { ratedYearOf } from "~/domain/satisfaction";
import { summariseAttendance, type AttendanceSummary } from "~/domain/attendance";
import { describeRound, type RoundText } from "~/domain/notice-text";
import { currentRound } from "~/domain/current-round";
import { sealsBallots, type RoundStatus } from "~/domain/round-lifecycle";
import { awaitsRunoff, refuseRunoff, runoffPlan, runoffRoundOf } from "~/domain/runoff";
import type { EntryDifference } from "~/domain/paper-ballots";
import type { BallotForm, BallotMarks, Choice, ProjectTally, RoundResult } from "~/domain/tally";
import { chiefTellerOf } from "~/domain/tellers";
import { auditDetail } from "~/data/audit-detail";
import { sessionAuditLog } from "~/data/audit.server";
import { rollOfVotes, votersOfRound } from "~/data/ballots.server";
import { activeDeputies, townshipByCode, townshipById } from "~/data/deputies.server";
import { passStates } from "~/data/passes.server";
import { rateableProjectsOf } from "~/data/ratings.server";
import { keyFingerprint } from "./round-key.server";
import * as sessions from "~/data/sessions.server";
import type { StaffUser } from "~/data/users.server";
import { commonMessages } from "~/messages/common";
import { consoleMessages as c } from "~/messages/console";
import { paperRoundMessages as pr } from "~/messages/paper-round";
import { paperEntryState } from "./paper-ballots.server";
import { csvDocument } from "~/utils/downloads";
import { qrSvg } from "~/utils/qr";
import { campaignYearsOf } from "~/data/campaigns.server";
import { outsideTransaction } from "~/data/transaction.server";
import { voteAddress } from "~/utils/hall-address";

// ---------------------------------------------------------------------------------------------
// /console

export async function homeView(user: StaffUser) {
  if (user.role !== "clerk" || user.townshipId === null) return { township: null, sessions: [] };
  const township = await townshipById(user.townshipId);
  if (!township) return { township: null, sessions: [] };
  const list = await sessions.sessionsOfTownship(township.id);
  return { township, sessions: list };
}

// ---------------------------------------------------------------------------------------------
// /console/townships/:code

/** The township of a 9-digit code, or null. */
export function townshipOfCode(code: string) {
  return townshipByCode(code);
}

/** Names already on the active roster: a second 张伟 must be told apart (张伟（大）) before entry. */
export function namesAlreadyOnRoster(existing: Array<{ name: string }>, incoming: string[]): string[] {
  const taken = new Set(existing.map((deputy) => deputy.name));
  return incoming.filter((name) => taken.has(name));
}

export async function townshipView(code: string) {
  const township = await townshipByCode(code);
  if (!township) return null;
  const [deputies, list, campaignYears] = await Promise.all([
    activeDeputies(township.id),
    sessions.sessionsOfTownship(township.id),
    campaignYearsOf(outsideTransaction, township.id),
  ]);
  return { township, deputies, sessions: list, campaignYears };
}

// ---------------------------------------------------------------------------------------------
// The next-step hint (下一步): what the clerk should do now, from the state of the session.

export interface NextStepRound {
  id: number;
  number: number;
  status: RoundStatus;
  runoffOfId: number | null;
  result: Pick<RoundResult, "runoff" | "vacancies"> | null;
  /** A paper round's papers issued, once it opened. */
  papersIssued?: number | null;
}

export interface NextStepState {
  candidates: number;
  attendance: Pick<AttendanceSummary, "present" | "quorumMet" | "shortBy">;
  hasChief: boolean;
  rounds: NextStepRound[]; // in number order
  /** Ballots of the open round, when there is one. */
  counts: { issued: number; voted: number } | null;
}

export interface NextStep {
  text: string;
  roundId?: number;
  roundNumber?: number;
}

/** One sentence telling the clerk what to do next, with the round it concerns. */
export function nextStep(state: NextStepState): NextStep {
  const live = state.rounds.filter((round) => round.status !== "voided");
  const at = (round: NextStepRound, text: string): NextStep => ({ text, roundId: round.id, roundNumber: round.number });
  const awaitsItsRunoff = (round: NextStepRound) => awaitsRunoff(round.result, runoffRoundOf(live, round.id));

  const open = live.find((round) => round.status === "open");
  if (open) {
    if (open.papersIssued != null) return at(open, c.next.openPaper(open.number, open.papersIssued));
    return at(open, c.next.open(open.number, state.counts?.voted ?? 0, state.counts?.issued ?? 0));
  }
  const sealed = live.find((round) => round.status === "sealed");
  if (sealed) return at(sealed, c.next.sealed(sealed.number));
  const entering = live.find((round) => round.status === "entering");
  if (entering) return at(entering, c.next.entering(entering.number));
  const closed = live.find((round) => round.status === "closed");
  if (closed) return at(closed, c.next.closed(closed.number));
  const confirmed = live.find((round) => round.status === "confirmed");
  if (confirmed) {
    if (awaitsItsRunoff(confirmed)) return at(confirmed, c.next.runoff(confirmed.number));
    return at(confirmed, c.next.confirmed(confirmed.number));
  }
  const prepared = live.find((round) => round.status === "prepared");

  if (state.candidates === 0) return { text: c.next.noCandidates };
  if (!state.attendance.quorumMet) return { text: c.next.quorumShort(state.attendance.present, state.attendance.shortBy) };
  if (!state.hasChief) return { text: c.next.noChief };
  if (prepared) {
    return at(prepared, prepared.runoffOfId !== null ? c.next.runoffPrepared(prepared.number) : c.next.prepared(prepared.number));
  }
  const last = live.at(-1);
  if (!last) return { text: c.next.noRound };
  // Only published rounds are left here.
  if (awaitsItsRunoff(last)) return at(last, c.next.runoff(last.number));
  if (last.result && last.result.vacancies > 0) return at(last, c.next.vacancies(last.number, last.result.vacancies));
  return at(last, c.next.done(last.number));
}

// ---------------------------------------------------------------------------------------------
// Audit log, in the clerk's words

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  device: string;
  deviceFull: string;
  action: string;
  outcome: string;
  refused: boolean;
}

interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  device: string;
  action: string;
  outcome: string;
  roundId: number | null;
  detail: string;
}

interface AuditNames {
  deputies: Map<number, string>;
  candidates: Map<number, string>;
  rounds: Map<number, number>; // round id → number
}

/** The actor as the clerk reads it: a deputy by name, staff by role and username, the system. */
export function actorLabel(actor: string, deputies: Map<number, string>): string {
  const [kind, ...rest] = actor.split(":");
  const who = rest.join(":");
  if (kind === "deputy") return c.audit.deputy(deputies.get(Number(who)) ?? who);
  if (kind === "system") return c.audit.system;
  const role = c.userRole[kind ?? ""];
  return role ? `${role} ${who}` : actor;
}

/**
 * "10.0.0.7 Mozilla/5.0 (…) Chrome/126.0 Safari/537.36" → "10.0.0.7 · Chrome 126": enough to tell
 * the clerk's laptop from a tablet; the full string stays in the log.
 */
const BROWSERS: Array<[RegExp, string]> = [
  [/Edg\/(\d+)/, "Edge"],
  [/MicroMessenger\/(\d+)/, c.audit.wechat],
  [/Firefox\/(\d+)/, "Firefox"],
  [/HeadlessChrome\/(\d+)/, "HeadlessChrome"],
  [/(?:Chrome|CriOS)\/(\d+)/, "Chrome"],
  [/Version\/(\d+).*Safari/, "Safari"],
];

export function shortDevice(device: string): string {
  const [address = "", ...rest] = device.trim().split(/\s+/);
  const agent = rest.join(" ");
  if (!agent) return address;
  const found = BROWSERS.map(([pattern, name]) => [pattern.exec(agent), name] as const).find(([match]) => match);
  const label = found ? `${found[1]} ${found[0]![1]}` : agent.slice(0, 24);
  const platform = /iPad|iPhone|Android|Windows|Macintosh|Linux/.exec(agent)?.[0];
  return [address === "unknown" ? "" : address, [label, platform].filter(Boolean).join(" / ")].filter(Boolean).join(" · ");
}

/** One audit entry as a line of the console's log. Never shows a ballot's content (none is logged). */
export function describeAuditEntry(entry: AuditEntry, names: AuditNames): AuditRow {
  const deputy = (id: number) => names.deputies.get(id) ?? `#${id}`;
  const deputyList = (ids: number[]) => (ids.length <= 3 ? c.audit.names(ids.map(deputy)) : c.audit.deputyCount(ids.length));
  const label = c.actions[entry.action] ?? entry.action;
  const roundNo = entry.roundId !== null ? names.rounds.get(entry.roundId) : undefined;
  let what = "";
  switch (entry.action) {
    case "attendance.set": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.deputyId !== undefined) {
        what = `${deputy(detail.deputyId)} → ${c.attendance.status[detail.status ?? ""] ?? detail.status ?? ""}`;
        if (detail.by) what += `（${c.attendance.by[detail.by] ?? detail.by}）`;
      }
      break;
    }
    case "attendance.check-in": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.deputyIds) what = deputyList(detail.deputyIds);
      break;
    }
    case "pass.issue": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.deputyId !== undefined) what = deputy(detail.deputyId);
      else if (detail.deputyIds) what = deputyList(detail.deputyIds);
      break;
    }
    case "tellers.set": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.chiefId !== undefined) what = c.audit.tellers(deputy(detail.chiefId), (detail.tellerIds ?? []).map(deputy));
      break;
    }
    case "slate.add": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.count !== undefined) what = c.audit.slateAdded(detail.count, detail.source === "import");
      break;
    }
    case "slate.remove": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.candidateId !== undefined) what = names.candidates.get(detail.candidateId) ?? `#${detail.candidateId}`;
      break;
    }
    case "round.prepare": {
      const detail = auditDetail(entry.action, entry.detail);
      const number = detail.roundId !== undefined ? names.rounds.get(detail.roundId) : undefined;
      if (number !== undefined) what = c.rounds.roundName(number);
      break;
    }
    case "round.publish": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.noticeNo !== undefined) what = c.session.notice(detail.noticeNo);
      break;
    }
    case "round.void": {
      const detail = auditDetail(entry.action, entry.detail);
      if (detail.reason !== undefined && entry.outcome === "accepted") what = detail.reason;
      break;
    }
  }
  if (roundNo !== undefined && (entry.action.startsWith("round.") || entry.action === "ballot.cast")) {
    what = [c.rounds.roundName(roundNo), what].filter(Boolean).join(" ");
  }
  const refused = entry.outcome === "refused";
  const reason = auditDetail(entry.action, entry.detail).reason ?? "";
  return {
    id: entry.id,
    at: entry.at,
    actor: actorLabel(entry.actor, names.deputies),
    device: shortDevice(entry.device),
    deviceFull: entry.device,
    action: what ? `${label}：${what}` : label,
    outcome: refused ? `${c.audit.refused}${reason ? `：${reason}` : ""}` : c.audit.accepted,
    refused,
  };
}

// ---------------------------------------------------------------------------------------------
// /console/sessions/:sessionId

export const AUDIT_TAIL = 50;

type RoundRecord = sessions.RoundRecord;

export async function sessionView(sessionId: number) {
  const header = await sessions.sessionHeader(sessionId);
  if (!header) return null;
  const [rows, slate, rounds, passes, log, rateable] = await Promise.all([
    sessions.roster(sessionId),
    sessions.candidates(sessionId),
    sessions.roundsOfSession(sessionId),
    passStates(sessionId),
    sessionAuditLog(sessionId, AUDIT_TAIL),
    rateableProjectsOf(outsideTransaction, header.township.id, ratedYearOf(header.year)),
  ]);
  const attendance = summariseAttendance(
    header.seated,
    rows.map((row) => row.status),
  );
  // The round whose voters the roster marks.
  const current = currentRound(rounds);
  const [voters, counts] = current ? await Promise.all([votersOfRound(current.id), sessions.voteCounts(current.id)]) : [null, null];

  const roster = rows.map((row) => ({
    deputyId: row.deputyId,
    seatNo: row.seatNo,
    name: row.deputy.name,
    status: row.status,
    checkedInBy: row.checkedInBy,
    tellerRole: row.tellerRole,
    pass: passes.get(row.deputyId) ?? null,
    /** null: no ballot in the current round; else whether it was used. Names only, never choices. */
    voted: voters ? (voters.get(row.deputyId) ?? null) : null,
  }));
  const chief = chiefTellerOf(roster);
  const tellers = roster.filter((row) => row.tellerRole === "teller");
  const numberOf = new Map(rounds.map((round) => [round.id, round.number]));

  const roundRows = rounds.map((round) => {
    const result = round.result;
    return {
      id: round.id,
      number: round.number,
      status: round.status,
      statusLabel: commonMessages.roundStatus[round.status],
      places: round.places,
      candidates: round.candidates.length,
      form: round.form,
      secret: round.secret,
      liveResults: round.liveResults,
      runoffOfNumber: round.runoffOfId !== null ? (numberOf.get(round.runoffOfId) ?? null) : null,
      noticeNo: round.noticeNo,
      selected: result?.selected.length ?? null,
      vacancies: result?.vacancies ?? null,
    };
  });

  const names: AuditNames = {
    deputies: new Map(roster.map((row) => [row.deputyId, row.name])),
    candidates: new Map(slate.map((candidate) => [candidate.id, candidate.name])),
    rounds: numberOf,
  };

  return {
    session: {
      id: header.id,
      title: header.title,
      year: header.year,
      meetingDate: header.meetingDate,
      place: header.place,
      seated: header.seated,
      township: header.township,
    },
    attendance,
    roster,
    chief: chief && { deputyId: chief.deputyId, name: chief.name },
    tellers: tellers.map((row) => ({ deputyId: row.deputyId, name: row.name })),
    candidates: slate.map(({ _count, ...candidate }) => ({ ...candidate, inRound: _count.rounds > 0 })),
    rounds: roundRows,
    /** 满意度测评: last year's selected projects, each with the rating round that asks it. */
    rating: { year: ratedYearOf(header.year), projects: rateable },
    current: current && { id: current.id, number: current.number, status: current.status, ...counts! },
    next: nextStep({
      candidates: slate.length,
      attendance,
      hasChief: chief !== null,
      rounds: rounds.map((round) => ({
        id: round.id,
        number: round.number,
        status: round.status,
        runoffOfId: round.runoffOfId,
        result: round.result,
        papersIssued: round.papersIssued,
      })),
      counts: current?.status === "open" ? counts : null,
    }),
    audit: log.map((entry) => describeAuditEntry(entry, names)),
  };
}

export type SessionView = NonNullable<Awaited<ReturnType<typeof sessionView>>>;

// ---------------------------------------------------------------------------------------------
// /console/sessions/:sessionId/rounds/:roundId

export interface TallyRow extends ProjectTally {
  position: number;
  name: string;
  outcomeLabel: string;
  line: string;
}

/** The tally table: one row per project in ballot order, with its result in words. */
export function tallyRows(result: RoundResult, candidates: Array<{ id: number; name: string }>, text: RoundText): TallyRow[] {
  const nameOf = new Map(candidates.map((candidate) => [String(candidate.id), candidate.name]));
  const lineOf = new Map(text.projects.map((project) => [project.id, project.line]));
  return result.projects.map((project, index) => ({
    ...project,
    position: index + 1,
    name: nameOf.get(project.id) ?? project.id,
    outcomeLabel: project.grade
      ? commonMessages.satisfaction[project.grade]
      : (c.round.outcome[result.roundValid ? project.outcome : "failed"] ?? project.outcome),
    line: lineOf.get(project.id) ?? "",
  }));
}

/** A round is counted once it has been closed; a round voided after closing keeps its count. */
function isCounted(round: Pick<RoundRecord, "closedAt" | "result">): boolean {
  return round.closedAt !== null && round.result !== null;
}

/** A paper's marks in short, by project number (作废票 for a paper judged void). */
export function marksSummary(form: BallotForm, marks: BallotMarks | undefined, candidateIds: string[]): string {
  if (marks === undefined) return pr.entry.notEntered;
  if (marks === null) return pr.entry.voidPaper;
  const groups = { yes: [] as number[], no: [] as number[], abstain: [] as number[], notVoted: [] as number[] };
  candidateIds.forEach((id, index) => groups[marks[id] ?? "notVoted"].push(index + 1));
  return pr.entry.marksSummary(form, groups);
}

/** The differences between a paper round's two entries, in the clerk's words (the round page and the entry screens). */
export function entryDifferenceLines(round: Pick<RoundRecord, "candidates" | "form">, differences: readonly EntryDifference[]): string[] {
  const ids = round.candidates.map(({ candidate }) => String(candidate.id));
  return differences.map((difference) =>
    difference.kind === "marks"
      ? pr.entry.marksRow(marksSummary(round.form, difference.marks, ids), difference.first, difference.second)
      : pr.entry.seatRow(difference.seatNo, marksSummary(round.form, difference.first, ids), marksSummary(round.form, difference.second, ids)),
  );
}

/** Where a paper round's entry stands on its console page: each entry's teller and progress, and the differences. */
async function paperEntryView(round: RoundRecord, roster: RosterRow[]) {
  const state = await paperEntryState(round.id);
  if (!state) return null;
  const nameOf = new Map(roster.map((row) => [row.deputyId, row.deputy.name]));
  const entry = (record: typeof state.first) =>
    record && { teller: nameOf.get(record.tellerId) ?? "", entered: record.papers.length, totalsSaved: record.totals !== null };
  return {
    returned: state.returned,
    first: entry(state.first),
    second: entry(state.second),
    bothDone: state.bothDone,
    differences: entryDifferenceLines(round, state.differences),
  };
}

export async function roundView(sessionId: number, roundId: number) {
  const [header, round] = await Promise.all([sessions.sessionHeader(sessionId), sessions.loadRound(roundId)]);
  if (!header || !round || round.sessionId !== sessionId) return null;
  const [rows, rounds, counts, voters] = await Promise.all([
    sessions.roster(sessionId),
    sessions.roundsOfSession(sessionId),
    sessions.voteCounts(roundId),
    votersOfRound(roundId),
  ]);
  const attendance = summariseAttendance(
    header.seated,
    rows.map((row) => row.status),
  );
  const chiefRow = chiefTellerOf(rows);
  const numberOf = new Map(rounds.map((r) => [r.id, r.number]));
  const candidates = round.candidates.map(({ candidate }, index) => ({ ...candidate, position: index + 1 }));

  const result = isCounted(round) ? round.result : null;
  const sealKeyState: "none" | "issued" | "verified" | null = sealsBallots(round)
    ? round.sealKeyVerifiedAt
      ? "verified"
      : round.sealKey
        ? "issued"
        : "none"
    : null;
  let text: RoundText | null = null;
  let tally: TallyRow[] | null = null;
  if (result) {
    const names = Object.fromEntries(candidates.map((candidate) => [String(candidate.id), candidate.name]));
    text = describeRound(result, names, { seated: round.seated!, present: round.present!, places: round.places, issued: round.papersIssued ?? counts.issued });
    tally = tallyRows(result, candidates, text);
  }

  const nameOfCandidate = new Map(candidates.map((candidate) => [String(candidate.id), candidate.name]));
  const runoffRound = runoffRoundOf(rounds, roundId);
  const plan = result && runoffPlan(round, result);
  const runoff = plan && {
    names: plan.candidates.map((id) => nameOfCandidate.get(id) ?? id),
    places: plan.places,
    round: runoffRound && { id: runoffRound.id, number: runoffRound.number },
    canPrepare: refuseRunoff(round, plan, runoffRound) === null,
  };

  // Who voted (both modes): names only, in seat order.
  const ballotHolders = rows.filter((row) => voters.has(row.deputyId));
  const voterList = {
    voted: ballotHolders.filter((row) => voters.get(row.deputyId)).map((row) => row.deputy.name),
    notVoted: ballotHolders.filter((row) => !voters.get(row.deputyId)).map((row) => row.deputy.name),
  };

  return {
    session: { id: header.id, title: header.title, township: header.township, seated: header.seated },
    round: {
      id: round.id,
      number: round.number,
      status: round.status,
      statusLabel: commonMessages.roundStatus[round.status],
      places: round.places,
      form: round.form,
      ratingBasis: round.ratingBasis,
      secret: round.secret,
      liveResults: round.liveResults,
      medium: round.medium,
      entryMethod: round.entryMethod,
      papersIssued: round.papersIssued,
      papersReturned: round.papersReturned,
      seated: round.seated,
      present: round.present,
      openedAt: round.openedAt,
      closedAt: round.closedAt,
      confirmedAt: round.confirmedAt,
      confirmedBy: round.confirmedBy,
      publishedAt: round.publishedAt,
      noticeNo: round.noticeNo,
      voidReason: round.voidReason,
      sealKey: sealKeyState && { state: sealKeyState, fingerprint: round.sealKey && keyFingerprint(round.sealKey) },
      runoffOf: round.runoffOfId !== null ? { id: round.runoffOfId, number: numberOf.get(round.runoffOfId) ?? null } : null,
      competitive: candidates.length > round.places,
    },
    candidates: candidates.map(({ id, position, name, investmentCents, responsibleUnit }) => ({ id, position, name, investmentCents, responsibleUnit })),
    attendance,
    counts,
    chief: chiefRow ? { deputyId: chiefRow.deputyId, name: chiefRow.deputy.name } : null,
    result: result && {
      cast: result.cast,
      valid: result.valid,
      invalid: result.invalid,
      vacancies: result.vacancies,
      roundValid: result.roundValid,
      passThreshold: result.passThreshold,
    },
    text,
    tally,
    runoff,
    voters: voterList,
    paper: round.medium === "paper" && round.status !== "prepared" && round.status !== "open" ? await paperEntryView(round, rows) : null,
    next: roundNextStep({
      number: round.number,
      status: round.status,
      attendance,
      hasChief: chiefRow !== null,
      counts,
      result,
      runoffRound: runoffRound && { id: runoffRound.id, number: runoffRound.number },
      sealKey: sealKeyState ?? undefined,
      papersIssued: round.papersIssued,
    }),
    hasRoll: !round.secret && isCounted(round),
    roll: !round.secret && isCounted(round) ? await rollView(round, rows) : null,
  };
}

export interface RoundStepState {
  number: number;
  status: RoundStatus;
  attendance: Pick<AttendanceSummary, "present" | "quorumMet" | "shortBy">;
  hasChief: boolean;
  counts: { issued: number; voted: number };
  result: Pick<RoundResult, "runoff" | "vacancies" | "roundValid"> | null;
  runoffRound: { id: number; number: number } | null;
  /** A secret round's key card before it opens: not issued, issued, or read back (verified). */
  sealKey?: "none" | "issued" | "verified";
  /** A paper round's papers issued, once it opened. */
  papersIssued?: number | null;
}

/** The next-step hint (下一步) on a round's page. */
export function roundNextStep(state: RoundStepState): NextStep {
  const { number, attendance, counts, result } = state;
  switch (state.status) {
    case "prepared":
      if (!attendance.quorumMet) return { text: c.next.quorumShort(attendance.present, attendance.shortBy) };
      if (state.sealKey && state.sealKey !== "verified") return { text: c.next.keyNeeded(number) };
      return { text: c.next.prepared(number) };
    case "open":
      if (state.papersIssued != null) return { text: c.next.openPaper(number, state.papersIssued) };
      return { text: c.next.open(number, counts.voted, counts.issued) };
    case "sealed":
      return { text: c.next.sealed(number) };
    case "entering":
      return { text: c.next.entering(number) };
    case "closed":
      return { text: state.hasChief ? c.next.closed(number) : c.round.confirmNeedsChief };
    case "confirmed":
      if (awaitsRunoff(result, state.runoffRound)) return { text: c.next.runoff(number) };
      return { text: c.next.confirmed(number) };
    case "published":
      if (awaitsRunoff(result, state.runoffRound)) return { text: c.next.runoff(number) };
      if (state.runoffRound) {
        return { text: c.round.runoffExists(state.runoffRound.number), roundId: state.runoffRound.id, roundNumber: state.runoffRound.number };
      }
      if (result && result.vacancies > 0) return { text: c.next.vacancies(number, result.vacancies) };
      return { text: c.next.done(number) };
    case "voided":
      return { text: c.next.voided(number) };
  }
}

export type RoundView = NonNullable<Awaited<ReturnType<typeof roundView>>>;

// ---------------------------------------------------------------------------------------------
// The roll of votes of a recorded round (记名): deputy × project

export type RollCell = Choice | null;

export interface RollView {
  candidates: Array<{ id: number; position: number; name: string }>;
  rows: Array<{ seatNo: number; name: string; voted: boolean; valid: boolean; cells: RollCell[] }>;
}

type RosterRow = Awaited<ReturnType<typeof sessions.roster>>[number];

async function rollView(round: RoundRecord, roster: RosterRow[]): Promise<RollView> {
  const [ballots, voters] = await Promise.all([rollOfVotes(round.id), votersOfRound(round.id)]);
  const byDeputy = new Map(ballots.map((ballot) => [ballot.deputyId, ballot]));
  const candidates = round.candidates.map(({ candidate }, index) => ({ id: candidate.id, position: index + 1, name: candidate.name }));
  const rows = roster
    .filter((row) => voters.has(row.deputyId))
    .map((row) => {
      const ballot = byDeputy.get(row.deputyId);
      return {
        seatNo: row.seatNo,
        name: row.deputy.name,
        voted: ballot !== undefined,
        valid: ballot?.valid ?? false,
        cells: candidates.map((candidate) => ballot?.choices?.[String(candidate.id)] ?? null),
      };
    });
  return { candidates, rows };
}

/** The roll of a recorded round for download; null for a secret round or one not yet closed. */
export async function rollForDownload(sessionId: number, roundId: number) {
  const [header, round] = await Promise.all([sessions.sessionHeader(sessionId), sessions.loadRound(roundId)]);
  if (!header || !round || round.sessionId !== sessionId) return { found: false as const };
  if (round.secret || !isCounted(round)) return { found: true as const, township: header.township, roll: null };
  const roll = await rollView(round, await sessions.roster(sessionId));
  return { found: true as const, township: header.township, title: header.title, number: round.number, roll };
}

/**
 * The roll as CSV (deputies' names are typed by the clerk: defused like every cell).
 * Columns: seat, deputy, ballot, then one per project in ballot order.
 */
export function rollCsv(roll: RollView): string {
  const header = [c.round.rollSeat, c.round.rollDeputy, c.round.rollBallot, ...roll.candidates.map((candidate) => `${candidate.position}. ${candidate.name}`)];
  const lines = roll.rows.map((row) => [
    row.seatNo,
    row.name,
    !row.voted ? c.round.rollNotVoted : row.valid ? c.round.rollValid : c.round.rollInvalid,
    ...row.cells.map((cell) => (row.voted && cell ? c.round.choice[cell]! : row.voted ? "—" : "")),
  ]);
  return csvDocument([header, ...lines]);
}

// ---------------------------------------------------------------------------------------------
// /console/sessions/:sessionId/passes

export async function passesView(sessionId: number) {
  const header = await sessions.sessionHeader(sessionId);
  if (!header) return null;
  const [rows, passes] = await Promise.all([sessions.roster(sessionId), passStates(sessionId)]);
  return {
    session: { id: header.id, title: header.title, township: header.township },
    roster: rows.map((row) => ({
      deputyId: row.deputyId,
      seatNo: row.seatNo,
      name: row.deputy.name,
      status: row.status,
      signedIn: passes.get(row.deputyId) === "used",
    })),
  };
}

/** What an action on a session needs: its township (to authorise) and the names on its roster. */
export async function sessionForAction(sessionId: number) {
  const header = await sessions.sessionHeader(sessionId);
  if (!header) return null;
  const rows = await sessions.roster(sessionId);
  return {
    id: header.id,
    townshipId: header.township.id,
    roster: rows.map((row) => ({ deputyId: row.deputyId, seatNo: row.seatNo, name: row.deputy.name, status: row.status })),
  };
}

/**
 * A sign-in card: the code as read out, a QR code of the voting page at the hall's address with the
 * code filled in, and that address in plain text for a tablet that cannot scan.
 */
export function signInCard(hallOrigin: string, name: string, code: string) {
  const url = `${voteAddress(hallOrigin)}?code=${encodeURIComponent(code)}`;
  return { name, code: formatSignInCode(code), qrSvg: qrSvg(url), address: voteAddress(hallOrigin) };
}

/** The chief teller's key card of a secret round: the code as printed, and a QR code of the code alone. */
export function roundKeyCard(card: { code: string; fingerprint: string; chief: string }) {
  return { ...card, qrSvg: qrSvg(card.code) };
}

/** "K7MQ4XZ2" → "K7MQ-4XZ2": easier to read out and to type. */
export function formatSignInCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
