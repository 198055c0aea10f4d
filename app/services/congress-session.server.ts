/**
 * The session use-cases of the presidium's clerk: create a session, check deputies in, enter the
 * slate, choose tellers, and take rounds through prepared → open → closed → confirmed → published
 * (or voided). Each runs in one transaction with its audit entry; a refused step writes nothing
 * but its refusal to the audit log.
 */
import { isDeepStrictEqual } from "node:util";
import { quorumShortfall, summariseAttendance, type AttendanceStatus } from "~/domain/attendance";
import { reviewBallot } from "~/domain/ballot";
import { refusePapersIssued } from "~/domain/paper-ballots";
import { refuseOpeningWithoutKey, refuseRoundAction, sealsBallots, statusAfterClose, type RoundAction } from "~/domain/round-lifecycle";
import { refuseRoundSettings, settledRoundSettings } from "~/domain/round-settings";
import { refuseRunoff, runoffPlan, runoffRoundOf } from "~/domain/runoff";
import { refuseRatingProjects, ratedYearOf } from "~/domain/satisfaction";
import { assignSeats } from "~/domain/seating";
import { chiefTellerOf, refuseConfirmation, refuseTellers } from "~/domain/tellers";
import { tallyCount, type RoundResult } from "~/domain/tally";
import { acceptedDetail, appendAudit, chainHead, recordRefusal } from "~/data/audit.server";
import { ballotsAsCounted, ballotsNotAsCast } from "~/data/audit-verify.server";
import { ballotBox } from "~/data/ballot-box.server";
import {
  ballotSetDigest,
  roundCountOf,
  countSealedBallots,
  destroySealedBallots,
  replaceSealedBallots,
  sealedBallotsOf,
  sealedSetDigest,
} from "~/data/ballots.server";
import { activeDeputies } from "~/data/deputies.server";
import { rateableProjectsOf } from "~/data/ratings.server";
import * as sessions from "~/data/sessions.server";
import { holderOfCard } from "~/data/passes.server";
import { outsideTransaction, type Tx } from "~/data/transaction.server";
import type { EntryMethod } from "~/domain/paper-ballots";
import type { CandidateInput } from "~/schemas/candidate";
import { consoleMessages } from "~/messages/console";
import type { RatingSettingsInput, RoundSettingsInput, SessionInput } from "~/schemas/session";
import { beijingYear } from "~/utils/format";
import { refreshCoverageSummary } from "./coverage-summary.server";
import { auditedChange, type Audit } from "./audited-change.server";
import { refuse, Refusal, type Actor } from "./refusal";
import { sha256 } from "./receipt.server";
import { keyFingerprint, newRoundKey, readKeyCode, unsealBallots } from "./round-key.server";

/** Every change of a session goes through the one audited-transaction helper. */
const act = auditedChange;

export async function createSession(actor: Actor, townshipId: number, input: SessionInput) {
  return act(actor, "session.create", {}, async (tx) => {
    const roster = await activeDeputies(townshipId, tx);
    if (roster.length === 0) throw new Refusal({ code: "no-roster" });
    const session = { townshipId, title: input.title, year: beijingYear(input.meetingDate), meetingDate: input.meetingDate, place: input.place };
    const sessionId = await sessions.insertSession(tx, session, assignSeats(roster));
    await appendAudit(tx, { ...actor, action: "session.create", outcome: "accepted", sessionId, detail: { title: input.title, seated: roster.length } });
    return sessionId;
  });
}

export async function markAttendance(actor: Actor, sessionId: number, deputyId: number, status: AttendanceStatus) {
  return act(actor, "attendance.set", { sessionId }, async (tx, audit) => {
    if ((await sessions.setAttendance(tx, sessionId, [deputyId], status)) !== 1) throw new Refusal({ code: "deputy-not-on-roster" });
    await audit({ deputyId, status, by: "clerk" });
  });
}

/** 批量签到: checks the chosen deputies in at once, all or none (a deputy not on the roster refuses them all). */
export async function checkInDeputies(actor: Actor, sessionId: number, deputyIds: number[]) {
  const unique = [...new Set(deputyIds)];
  return act(actor, "attendance.check-in", { sessionId }, async (tx, audit) => {
    if ((await sessions.setAttendance(tx, sessionId, unique, "present")) !== unique.length) {
      throw new Refusal({ code: "deputies-not-on-roster" });
    }
    await audit({ deputyIds: unique, status: "present", by: "clerk" });
  });
}

export async function chooseTellers(actor: Actor, sessionId: number, chiefId: number, tellerIds: number[]) {
  return act(actor, "tellers.set", { sessionId }, async (tx, audit) => {
    const rows = await sessions.roster(sessionId, tx);
    const present = new Set(rows.filter((row) => row.status === "present").map((row) => row.deputyId));
    refuse(refuseTellers(chiefId, tellerIds, present));
    await sessions.setTellers(tx, sessionId, chiefId, tellerIds);
    await audit({ chiefId, tellerIds });
  });
}

/** A project's fields as stored (on a slate, or in the collection's pool). */
export function toCandidateRow(input: CandidateInput): sessions.CandidateRow {
  return {
    name: input.name,
    content: input.content,
    investmentCents: Math.round(input.investment * 100),
    fundingSource: input.fundingSource,
    plannedCompletion: input.plannedCompletion,
    responsibleUnit: input.responsibleUnit,
  };
}

export async function addCandidates(actor: Actor, sessionId: number, inputs: CandidateInput[], source: "form" | "import") {
  return act(actor, "slate.add", { sessionId }, async (tx, audit) => {
    const existing = await sessions.candidates(sessionId, tx);
    const names = new Set(existing.map((candidate) => candidate.name));
    const duplicate = inputs.find((input) => names.has(input.name));
    if (duplicate) throw new Refusal({ code: "candidate-on-slate", name: duplicate.name });
    await sessions.appendCandidates(tx, sessionId, inputs.map(toCandidateRow));
    await audit({ source, count: inputs.length, names: inputs.map((input) => input.name) });
  });
}

export async function removeCandidate(actor: Actor, sessionId: number, candidateId: number) {
  return act(actor, "slate.remove", { sessionId }, async (tx, audit) => {
    if (!(await sessions.deleteCandidate(tx, sessionId, candidateId))) {
      // Even a voided round keeps its slate on record, so its projects stay too.
      throw new Refusal({ code: "candidate-in-round" });
    }
    await audit({ candidateId });
  });
}

export async function prepareRound(actor: Actor, sessionId: number, input: RoundSettingsInput) {
  return act(actor, "round.prepare", { sessionId }, async (tx, audit) => {
    const settings = settledRoundSettings(input);
    const slate = new Set((await sessions.candidates(sessionId, tx)).map((candidate) => candidate.id));
    refuse(refuseRoundSettings(settings, slate));
    const roundId = await sessions.insertRound(tx, sessionId, settings);
    await audit({ roundId, ...settings });
    return roundId;
  });
}

/**
 * 满意度测评: a rating round of the projects the township selected the year before, always secret
 * (无记名), on tablets or on paper. Each project is rated once: one already on a rating round that
 * was not voided is refused (decision 017).
 */
export async function prepareRating(actor: Actor, sessionId: number, input: RatingSettingsInput) {
  return act(actor, "round.prepare", { sessionId }, async (tx, audit) => {
    const header = await sessions.sessionHeader(sessionId, tx);
    if (!header) throw new Refusal({ code: "session-not-found" });
    const year = ratedYearOf(header.year);
    refuse(refuseRatingProjects(input.candidateIds, await rateableProjectsOf(tx, header.township.id, year), year));
    const settings = settledRoundSettings({
      candidateIds: input.candidateIds,
      places: input.candidateIds.length,
      secret: true,
      liveResults: false,
      medium: input.medium ?? "tablet",
      entryMethod: input.entryMethod ?? null,
    });
    refuse(refuseRoundSettings(settings, new Set(input.candidateIds)));
    const ratingBasis = input.basis ?? "all";
    const roundId = await sessions.insertRound(tx, sessionId, { ...settings, form: "rating", ratingBasis });
    await audit({ roundId, form: "rating", ratingBasis, ratedYear: year, ...settings });
    return roundId;
  });
}

async function loadForAction(tx: Tx, sessionId: number, roundId: number, action: RoundAction) {
  const round = await sessions.loadRound(roundId, tx);
  if (!round || round.sessionId !== sessionId) throw new Refusal({ code: "round-not-found" });
  refuse(refuseRoundAction(round.status, action));
  return round;
}

function changed(ok: boolean) {
  if (!ok) throw new Refusal({ code: "round-changed-meanwhile" });
}

/**
 * 开始投票: the quorum is checked and the settings frozen with the seated and present numbers; a
 * ballot is issued to each deputy present. A paper round records the papers handed out (发出):
 * `papersIssued`, at most the deputies present, one each when not given.
 */
export async function openRound(actor: Actor, sessionId: number, roundId: number, { papersIssued }: { papersIssued?: number } = {}) {
  return act(actor, "round.open", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "open");
    if (await sessions.openRoundOf(sessionId, tx)) throw new Refusal({ code: "another-round-open" });
    const header = await sessions.sessionHeader(sessionId, tx);
    const attendance = summariseAttendance(header!.seated, await sessions.attendanceStatuses(sessionId, tx));
    refuse(quorumShortfall(attendance));
    refuse(
      refuseOpeningWithoutKey({
        secret: round.secret,
        medium: round.medium,
        sealKeyIssued: round.sealKey !== null,
        sealKeyVerified: round.sealKeyVerifiedAt !== null,
      }),
    );
    const paper = round.medium === "paper" ? { papersIssued: papersIssued ?? attendance.present } : {};
    if (paper.papersIssued !== undefined) refuse(refusePapersIssued(paper.papersIssued, attendance.present));
    changed(
      await sessions.updateRound(tx, roundId, "prepared", {
        status: "open",
        seated: attendance.seated,
        present: attendance.present,
        openedAt: new Date(),
        ...paper,
      }),
    );
    const issued = await sessions.issueBallots(tx, roundId, sessionId);
    await audit({ seated: attendance.seated, present: attendance.present, issued: paper.papersIssued ?? issued, medium: round.medium });
  });
}

/** The tally of a round from what it is counted from (its ballots, or a totals round's totals), by the rules engine. */
export async function tallyStoredRound(tx: Tx, round: Pick<sessions.RoundRecord, "id">): Promise<RoundResult> {
  return tallyCount(await roundCountOf(tx, round.id));
}

/**
 * 截止投票 / 收回选票. A recorded tablet round is counted now; a secret tablet round stays sealed
 * for the chief teller's key; a paper round records the papers returned (收回, `papersReturned`)
 * and goes to the tellers' entry.
 */
export async function closeRound(actor: Actor, sessionId: number, roundId: number, { papersReturned }: { papersReturned?: number } = {}) {
  return act(actor, "round.close", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "close");
    const status = statusAfterClose(round);
    if (status === "entering") {
      if (papersReturned === undefined) throw new Refusal({ code: "paper-returned-missing" });
      changed(await sessions.updateRound(tx, roundId, "open", { status, closedAt: new Date(), papersReturned }));
      await audit({ papersIssued: round.papersIssued, papersReturned });
      return status;
    }
    if (papersReturned !== undefined) throw new Refusal({ code: "paper-step-on-tablet-round" });
    if (status === "sealed") {
      // Nothing to count yet: the ballots stay sealed until the chief teller's card opens them. The
      // set of sealed ballots is logged, so the count can tell whether it was changed since.
      changed(await sessions.updateRound(tx, roundId, "open", { status, closedAt: new Date() }));
      await audit({ sealed: await countSealedBallots(tx, roundId), sealedDigest: await sealedSetDigest(tx, roundId) });
      return status;
    }
    // Each recorded ballot is held against the digest its deputy's cast entry logged.
    if ((await ballotsNotAsCast(tx, roundId)).length > 0) throw new Refusal({ code: "ballots-not-as-cast" });
    const result = await tallyStoredRound(tx, round);
    const ballotsDigest = await ballotSetDigest(tx, roundId);
    changed(await sessions.updateRound(tx, roundId, "open", { status, closedAt: new Date(), result, ballotsDigest }));
    await audit({ ...tallyDetail(result), ballotsDigest });
    return status;
  });
}

function tallyDetail(result: RoundResult) {
  return { cast: result.cast, valid: result.valid, invalid: result.invalid, selected: result.selected, runoff: result.runoff, vacancies: result.vacancies };
}

/**
 * 计票密钥卡: a fresh key for a secret round that has not opened yet. Returns the card's code,
 * which is shown once and never stored; the round keeps the public part. Issuing again replaces
 * the key (an earlier card stops working) and asks for the new card to be read back, so it is done
 * only when the clerk has confirmed that (`replace`).
 */
export async function issueRoundKey(actor: Actor, sessionId: number, roundId: number, { replace = false }: { replace?: boolean } = {}) {
  return act(actor, "round.key-issue", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "key");
    if (!round.secret) throw new Refusal({ code: "key-for-recorded-round" });
    if (!sealsBallots(round)) throw new Refusal({ code: "key-for-paper-round" });
    if (round.sealKey && !replace) throw new Refusal({ code: "unconfirmed", step: "key-issue" });
    const chief = chiefTellerOf(await sessions.roster(sessionId, tx));
    if (!chief) throw new Refusal({ code: "key-needs-chief" });
    const key = newRoundKey();
    changed(
      await sessions.updateRound(tx, roundId, "prepared", { status: "prepared", sealKey: key.publicKey, sealKeyIssuedAt: new Date(), sealKeyVerifiedAt: null }),
    );
    const fingerprint = keyFingerprint(key.publicKey);
    await audit({ fingerprint, chiefId: chief.deputyId, replaced: round.sealKey ? keyFingerprint(round.sealKey) : null });
    return { code: key.code, fingerprint, chief: chief.deputy.name };
  });
}

/** The chief teller reads the printed card back before the round opens: the card works. */
export async function verifyRoundKey(actor: Actor, sessionId: number, roundId: number, code: string) {
  return act(actor, "round.key-verify", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "key");
    const { sealKey } = keyOfRound(round, code);
    changed(await sessions.updateRound(tx, roundId, "prepared", { status: "prepared", sealKeyVerifiedAt: new Date() }));
    await audit({ fingerprint: keyFingerprint(sealKey) });
  });
}

/** The round's public key if the code on the card matches it; refuses with what went wrong. */
function keyOfRound(round: sessions.RoundRecord, code: string) {
  if (!round.secret) throw new Refusal({ code: "key-for-recorded-round" });
  if (!round.sealKey) throw new Refusal({ code: "key-not-issued" });
  const reading = readKeyCode(code);
  if (!reading.ok) throw new Refusal({ code: reading.problem === "format" ? "key-format" : "key-checksum" });
  if (reading.publicKey !== round.sealKey) throw new Refusal({ code: "key-not-this-round", fingerprint: keyFingerprint(round.sealKey) });
  return { sealKey: round.sealKey, privateKey: reading.privateKey };
}

/**
 * 开箱计票: the chief teller's card opens a sealed round's ballots; the tally is made from them,
 * and in the same transaction the sealed ballots are replaced by their contents in an order that
 * says nothing of the order of voting (decision 006). The key is used here and forgotten.
 */
export async function countSealedRound(actor: Actor, sessionId: number, roundId: number, code: string) {
  await act(actor, "round.count", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "count");
    const { sealKey, privateKey } = keyOfRound(round, code);
    if ((await acceptedDetail(tx, roundId, "round.close"))?.sealedDigest !== (await sealedSetDigest(tx, roundId)))
      throw new Refusal({ code: "sealed-ballots-changed" });
    const candidates = round.candidates.map(({ candidate }) => String(candidate.id));
    const opened = unsealBallots(round.id, privateKey, candidates, await sealedBallotsOf(tx, roundId));
    if (!opened) throw new Refusal({ code: "key-unreadable" });
    const rules = { form: round.form, places: round.places, candidates };
    await replaceSealedBallots(
      tx,
      roundId,
      opened.map((choices) => ({ choices, valid: !reviewBallot(rules, choices).void })),
    );
    const result = await tallyStoredRound(tx, round);
    const ballotsDigest = await ballotSetDigest(tx, roundId);
    changed(await sessions.updateRound(tx, roundId, "sealed", { status: "closed", result, ballotsDigest }));
    await audit({ fingerprint: keyFingerprint(sealKey), ...tallyDetail(result), ballotsDigest });
  });
  await forgetReplacedPages();
}

/** The replaced pages leave the files with the write-ahead log (decision 006). */
async function forgetReplacedPages() {
  if (!(await ballotBox().truncateWal())) console.warn(consoleMessages.log.walNotTruncated);
}

/**
 * 总监票人确认: the chief teller confirms the tally on their own tablet, signed in with their own
 * card — something only the chief teller holds, not a click on the clerk's console.
 */
export async function confirmRound(chief: { sessionId: number; deputyId: number }, device: string, roundId: number, { via }: { via?: string } = {}) {
  const actor: Actor = { actor: `deputy:${chief.deputyId}`, device };
  return act(actor, "round.confirm", { sessionId: chief.sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, chief.sessionId, roundId, "confirm");
    const tellers = (await sessions.roster(chief.sessionId, tx)).filter((row) => row.tellerRole !== "none");
    refuse(refuseConfirmation(chiefTellerOf(tellers), chief.deputyId));
    // The ballots are the set the count logged, and recounted they give the result it stored.
    if (!(await ballotsAsCounted(tx, round))) throw new Refusal({ code: "ballots-changed" });
    const recount = await tallyStoredRound(tx, round);
    if (!isDeepStrictEqual(recount, round.result)) throw new Refusal({ code: "recount-differs" });
    const names = consoleMessages.round.signedBy(tellers.map((row) => ({ chief: row.tellerRole === "chief", name: row.deputy.name })));
    changed(await sessions.updateRound(tx, roundId, "closed", { status: "confirmed", confirmedAt: new Date(), confirmedBy: names }));
    await audit({ confirmedBy: names, ballotsDigest: round.ballotsDigest, ...(via ? { via } : {}) });
  });
}

/**
 * 总监票人确认 at the console, for a hall without tablets or a chief teller whose tablet failed:
 * the chief teller types the code of their own sign-in card, which only they hold (used on a
 * tablet or not), and the confirmation is theirs exactly as on their tablet; the log names the
 * staff login it was typed on.
 */
export async function confirmRoundWithCard(clerk: Actor, sessionId: number, roundId: number, code: string) {
  const deputyId = await holderOfCard(outsideTransaction, sessionId, sha256(code));
  if (deputyId === null) {
    const refusal = new Refusal({ code: "chief-card-invalid" });
    await recordRefusal({ ...clerk, action: "round.confirm", sessionId, roundId, detail: refusal.auditDetail });
    throw refusal;
  }
  await confirmRound({ sessionId, deputyId }, clerk.device, roundId, { via: clerk.actor });
}

/**
 * 发布公告: the notice gets its number and its anchor — the audit chain's head at publication and
 * the digest of the ballots — printed on it, so that any printed notice later proves the history
 * before it and the ballots it counted (decision 010; `npm run audit:verify -- --anchor`).
 */
export async function publishRound(actor: Actor, sessionId: number, roundId: number, { showsVotes = true }: { showsVotes?: boolean } = {}) {
  return act(actor, "round.publish", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "publish");
    if (!(await ballotsAsCounted(tx, round))) throw new Refusal({ code: "ballots-changed" });
    const noticeNo = await sessions.nextNoticeNo(tx, sessionId);
    const head = (await chainHead(tx, sessionId))!;
    changed(
      await sessions.updateRound(tx, roundId, "confirmed", {
        status: "published",
        publishedAt: new Date(),
        noticeNo,
        anchorEntryId: head.id,
        anchorHash: head.hash,
        noticeShowsVotes: showsVotes,
      }),
    );
    await refreshCoverageSummary(tx, sessionId);
    await audit({ noticeNo, showsVotes, anchor: { entryId: head.id, hash: head.hash }, ballotsDigest: round.ballotsDigest });
    return noticeNo;
  });
}

/**
 * A post of 截止投票 or 发布公告 that did not come from its confirmation step: nothing is done, and
 * the refusal is logged like any other and returned for the page to explain.
 */
export async function refuseUnconfirmed(actor: Actor, step: "close" | "publish", sessionId: number, roundId: number): Promise<Refusal> {
  const refusal = new Refusal({ code: "unconfirmed", step });
  await recordRefusal({ ...actor, action: `round.${step}`, sessionId, roundId, detail: refusal.auditDetail });
  return refusal;
}

export async function voidRound(actor: Actor, sessionId: number, roundId: number, reason: string) {
  let destroyed = 0;
  await act(actor, "round.void", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "void");
    destroyed = await voidInTransaction(tx, round, reason, audit);
  });
  if (destroyed > 0) await forgetReplacedPages();
}

/** Voids a round loaded for the action; returns how many sealed ballots it destroyed. */
async function voidInTransaction(tx: Tx, round: sessions.RoundRecord, reason: string, audit: Audit<"round.void">): Promise<number> {
  changed(await sessions.updateRound(tx, round.id, round.status, { status: "voided", voidReason: reason }));
  // An unopened secret round can never be counted now; a key card kept somewhere must not be
  // able to open its ballots later either.
  const sealed = sealsBallots(round);
  const destroyed = sealed ? await destroySealedBallots(tx, round.id) : 0;
  await audit({ reason, from: round.status, ...(sealed ? { sealedDestroyed: destroyed } : {}) });
  return destroyed;
}

/**
 * 改用纸质选票重新表决: a round that failed (the hall's power or Wi-Fi, a tablet round that cannot
 * go on; a paper round entered wrongly) is voided with its reason, and in the same transaction a
 * paper round with the same projects, places, form and mode is prepared in its place.
 */
export async function rerunOnPaper(actor: Actor, sessionId: number, roundId: number, input: { reason: string; entryMethod: EntryMethod }) {
  let destroyed = 0;
  const paperId = await act(actor, "round.void", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "void");
    const settings = settledRoundSettings({
      places: round.places,
      form: round.form,
      secret: round.secret,
      liveResults: false,
      medium: "paper" as const,
      entryMethod: input.entryMethod,
      candidateIds: round.candidates.map(({ candidate }) => candidate.id),
      ...(round.runoffOfId === null ? {} : { runoffOfId: round.runoffOfId }),
      ...(round.ratingBasis === null ? {} : { ratingBasis: round.ratingBasis }),
    });
    refuse(refuseRoundSettings(settings, new Set(settings.candidateIds)));
    destroyed = await voidInTransaction(tx, round, input.reason, audit);
    const newId = await sessions.insertRound(tx, sessionId, settings);
    await appendAudit(tx, {
      ...actor,
      action: "round.prepare",
      outcome: "accepted",
      sessionId,
      roundId: newId,
      detail: { roundId: newId, rerunOf: roundId, ...settings },
    });
    return newId;
  });
  if (destroyed > 0) await forgetReplacedPages();
  return paperId;
}

/** 再次票决: a new round among the projects tied across the last place, for the places left. */
export async function prepareRunoff(actor: Actor, sessionId: number, roundId: number) {
  return act(actor, "round.runoff", { sessionId, roundId }, async (tx, audit) => {
    const round = await sessions.loadRound(roundId, tx);
    if (!round || round.sessionId !== sessionId) throw new Refusal({ code: "round-not-found" });
    const plan = round.result ? runoffPlan(round, round.result) : null;
    refuse(refuseRunoff(round, plan, runoffRoundOf(await sessions.roundsOfSession(sessionId, tx), roundId)));
    const { places, candidates } = plan!; // refuseRunoff refuses a round without one
    const runoffId = await sessions.insertRound(tx, sessionId, {
      places,
      form: round.form,
      secret: round.secret,
      liveResults: round.liveResults,
      medium: round.medium,
      entryMethod: round.entryMethod,
      runoffOfId: roundId,
      candidateIds: candidates.map(Number),
    });
    await audit({ runoffRoundId: runoffId, candidates, places });
    return runoffId;
  });
}
