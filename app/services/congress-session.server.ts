/**
 * The session use-cases of the presidium's clerk: create a session, check deputies in, enter the
 * slate, choose tellers, and take rounds through prepared → open → closed → confirmed → published
 * (or voided). Each runs in one transaction with its audit entry; a refused step writes nothing
 * but its refusal to the audit log.
 */
import { isDeepStrictEqual } from "node:util";
import { quorumRefusal, quorumShortfall, summariseAttendance, type AttendanceStatus } from "~/domain/attendance";
import { reviewBallot } from "~/domain/ballot";
import { refuseOpeningWithoutKey, refuseRoundAction, statusAfterClose, type RoundAction } from "~/domain/round-lifecycle";
import { assignSeats } from "~/domain/seating";
import { tallyRound, type RoundResult } from "~/domain/tally";
import { acceptedDetail, appendAudit, chainHead, recordRefusal } from "~/data/audit.server";
import { ballotsAsCounted, ballotsNotAsCast } from "~/data/audit-verify.server";
import { ballotBox } from "~/data/ballot-box.server";
import {
  ballotSetDigest, tallyInputOf, countSealedBallots, destroySealedBallots, replaceSealedBallots, sealedBallotsOf, sealedSetDigest,
} from "~/data/ballots.server";
import { activeDeputies } from "~/data/deputies.server";
import * as sessions from "~/data/sessions.server";
import type { Tx } from "~/data/transaction.server";
import type { CandidateInput } from "~/schemas/candidate";
import { c } from "~/messages/console";
import type { RoundSettingsInput, SessionInput } from "~/schemas/session";
import { beijingYear } from "~/utils/format";
import { refreshCoverageSummary } from "./coverage-summary.server";
import { auditedChange } from "./audited-change.server";
import { Refusal, type Actor } from "./refusal";
import { keyFingerprint, newRoundKey, readKeyCode, unsealBallots } from "./round-key.server";

/** Every change of a session goes through the one audited-transaction helper. */
const act = auditedChange;

export async function createSession(actor: Actor, townshipId: number, input: SessionInput) {
  return act(actor, "session.create", {}, async (tx) => {
    const roster = await activeDeputies(townshipId, tx);
    if (roster.length === 0) throw new Refusal("本乡镇还没有代表名单，请先录入代表，再建立会议。");
    const session = { townshipId, title: input.title, year: beijingYear(input.meetingDate), meetingDate: input.meetingDate, place: input.place };
    const sessionId = await sessions.insertSession(tx, session, assignSeats(roster));
    await appendAudit(tx, { ...actor, action: "session.create", outcome: "accepted", sessionId, detail: { title: input.title, seated: roster.length } });
    return sessionId;
  });
}

export async function markAttendance(actor: Actor, sessionId: number, deputyId: number, status: AttendanceStatus) {
  return act(actor, "attendance.set", { sessionId }, async (tx, audit) => {
    if ((await sessions.setAttendance(tx, sessionId, [deputyId], status)) !== 1) throw new Refusal("这位代表不在本次会议名单上。", 404);
    await audit({ deputyId, status, by: "clerk" });
  });
}

/** 批量签到: checks the chosen deputies in at once, all or none (a deputy not on the roster refuses them all). */
export async function checkInDeputies(actor: Actor, sessionId: number, deputyIds: number[]) {
  const unique = [...new Set(deputyIds)];
  return act(actor, "attendance.check-in", { sessionId }, async (tx, audit) => {
    if ((await sessions.setAttendance(tx, sessionId, unique, "present")) !== unique.length) {
      throw new Refusal("所选代表中有不在本次会议名单上的，未签到任何代表。", 404);
    }
    await audit({ deputyIds: unique, status: "present", by: "clerk" });
  });
}

export async function chooseTellers(actor: Actor, sessionId: number, chiefId: number, tellerIds: number[]) {
  return act(actor, "tellers.set", { sessionId }, async (tx, audit) => {
    const rows = await sessions.roster(sessionId, tx);
    const present = new Set(rows.filter((row) => row.status === "present").map((row) => row.deputyId));
    const chosen = [chiefId, ...tellerIds];
    if (new Set(chosen).size !== chosen.length) throw new Refusal("总监票人和监票人不能是同一位代表。", 400);
    const absent = chosen.filter((id) => !present.has(id));
    if (absent.length) throw new Refusal("监票人须从已签到的代表中推选。", 400);
    await sessions.setTellers(tx, sessionId, chiefId, tellerIds);
    await audit({ chiefId, tellerIds });
  });
}

function toCandidateRow(input: CandidateInput): sessions.CandidateRow {
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
    if (duplicate) throw new Refusal(`候选项目“${duplicate.name}”已在名单上，未导入任何项目。`, 400);
    await sessions.appendCandidates(tx, sessionId, inputs.map(toCandidateRow));
    await audit({ source, count: inputs.length, names: inputs.map((input) => input.name) });
  });
}

export async function removeCandidate(actor: Actor, sessionId: number, candidateId: number) {
  return act(actor, "slate.remove", { sessionId }, async (tx, audit) => {
    if (!(await sessions.deleteCandidate(tx, sessionId, candidateId))) {
      // Even a voided round keeps its slate on record, so its projects stay too.
      throw new Refusal("该项目已列入表决轮次（含已作废的轮次），为保留表决记录不能删除；新建轮次时不勾选它即可。");
    }
    await audit({ candidateId });
  });
}

export async function prepareRound(actor: Actor, sessionId: number, input: RoundSettingsInput) {
  return act(actor, "round.prepare", { sessionId }, async (tx, audit) => {
    const slate = new Set((await sessions.candidates(sessionId, tx)).map((candidate) => candidate.id));
    if (input.candidateIds.some((id) => !slate.has(id))) throw new Refusal("所选项目不在本次会议的候选名单上。", 400);
    if (input.places > input.candidateIds.length) {
      throw new Refusal(`应选名额（${input.places}个）不能多于候选项目数（${input.candidateIds.length}个）。`, 400);
    }
    if (input.secret && input.liveResults) {
      throw new Refusal("无记名表决时，大屏不能在投票过程中显示实时结果（逐票变化可能泄露个人的选择），请选择“截止后显示”。", 400);
    }
    const roundId = await sessions.insertRound(tx, sessionId, input);
    await audit({ roundId, ...input });
    return roundId;
  });
}

async function loadForAction(tx: Tx, sessionId: number, roundId: number, action: RoundAction) {
  const round = await sessions.loadRound(roundId, tx);
  if (!round || round.sessionId !== sessionId) throw new Refusal("没有这一轮表决。", 404);
  const refusal = refuseRoundAction(round.status, action);
  if (refusal) throw new Refusal(refusal);
  return round;
}

function changed(ok: boolean) {
  if (!ok) throw new Refusal("本轮状态刚刚被其他操作改变，请刷新后重试。");
}

export async function openRound(actor: Actor, sessionId: number, roundId: number) {
  return act(actor, "round.open", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "open");
    if (await sessions.openRoundOf(sessionId, tx)) throw new Refusal("已有一轮表决正在进行，请先截止该轮。");
    const header = await sessions.sessionHeader(sessionId, tx);
    const attendance = summariseAttendance(header!.seated, await sessions.attendanceStatuses(sessionId, tx));
    const shortfall = quorumShortfall(attendance);
    if (shortfall) throw new Refusal(quorumRefusal(attendance)!, 409, { ...shortfall });
    const keyRefusal = refuseOpeningWithoutKey({ secret: round.secret, sealKeyIssued: round.sealKey !== null, sealKeyVerified: round.sealKeyVerifiedAt !== null });
    if (keyRefusal) throw new Refusal(keyRefusal);
    changed(await sessions.updateRound(tx, roundId, "prepared", { status: "open", seated: attendance.seated, present: attendance.present, openedAt: new Date() }));
    const issued = await sessions.issueBallots(tx, roundId, sessionId);
    await audit({ seated: attendance.seated, present: attendance.present, issued });
  });
}

/** The tally of a round from its stored ballots, by the rules engine. */
export async function tallyStoredRound(tx: Tx, round: Pick<sessions.RoundRecord, "id">): Promise<RoundResult> {
  return tallyRound(await tallyInputOf(tx, round.id));
}

export async function closeRound(actor: Actor, sessionId: number, roundId: number) {
  return act(actor, "round.close", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "close");
    const status = statusAfterClose(round);
    if (status === "sealed") {
      // Nothing to count yet: the ballots stay sealed until the chief teller's card opens them. The
      // set of sealed ballots is logged, so the count can tell whether it was changed since.
      changed(await sessions.updateRound(tx, roundId, "open", { status, closedAt: new Date() }));
      await audit({ sealed: await countSealedBallots(tx, roundId), sealedDigest: await sealedSetDigest(tx, roundId) });
      return status;
    }
    // Each recorded ballot is held against the digest its deputy's cast entry logged.
    if ((await ballotsNotAsCast(tx, roundId)).length > 0) throw new Refusal(c.tampering.ballotsNotAsCast);
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
    if (!round.secret) throw new Refusal(c.roundKey.errors.notSecret, 400);
    if (round.sealKey && !replace) throw new Refusal(c.confirmations.unconfirmed["key-issue"], 400);
    const chief = (await sessions.roster(sessionId, tx)).find((row) => row.tellerRole === "chief");
    if (!chief) throw new Refusal(c.roundKey.needsChief);
    const key = newRoundKey();
    changed(await sessions.updateRound(tx, roundId, "prepared", { status: "prepared", sealKey: key.publicKey, sealKeyIssuedAt: new Date(), sealKeyVerifiedAt: null }));
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
  if (!round.secret) throw new Refusal(c.roundKey.errors.notSecret, 400);
  if (!round.sealKey) throw new Refusal(c.roundKey.errors.notIssued);
  const reading = readKeyCode(code);
  if (!reading.ok) throw new Refusal(c.roundKey.errors[reading.problem], 400);
  if (reading.publicKey !== round.sealKey) throw new Refusal(c.roundKey.errors.notThisRound(keyFingerprint(round.sealKey)), 403);
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
    if ((await acceptedDetail(tx, roundId, "round.close"))?.sealedDigest !== (await sealedSetDigest(tx, roundId))) throw new Refusal(c.tampering.sealedChanged);
    const candidates = round.candidates.map(({ candidate }) => String(candidate.id));
    const opened = unsealBallots(round.id, privateKey, candidates, await sealedBallotsOf(tx, roundId));
    if (!opened) throw new Refusal(c.roundKey.errors.unreadable);
    const rules = { form: round.form, places: round.places, candidates };
    await replaceSealedBallots(tx, roundId, opened.map((choices) => ({ choices, valid: !reviewBallot(rules, choices).void })));
    const result = await tallyStoredRound(tx, round);
    const ballotsDigest = await ballotSetDigest(tx, roundId);
    changed(await sessions.updateRound(tx, roundId, "sealed", { status: "closed", result, ballotsDigest }));
    await audit({ fingerprint: keyFingerprint(sealKey), ...tallyDetail(result), ballotsDigest });
  });
  await forgetReplacedPages();
}

/** The replaced pages leave the files with the write-ahead log (decision 006). */
async function forgetReplacedPages() {
  if (!(await ballotBox().truncateWal())) console.warn("写前日志未能截断（有长时间的读操作）：将在下次计票或正常关闭时截断。");
}

/**
 * 总监票人确认: the chief teller confirms the tally on their own tablet, signed in with their own
 * card — something only the chief teller holds, not a click on the clerk's console.
 */
export async function confirmRound(chief: { sessionId: number; deputyId: number }, device: string, roundId: number) {
  const actor: Actor = { actor: `deputy:${chief.deputyId}`, device };
  return act(actor, "round.confirm", { sessionId: chief.sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, chief.sessionId, roundId, "confirm");
    const tellers = (await sessions.roster(chief.sessionId, tx)).filter((row) => row.tellerRole !== "none");
    const chiefRow = tellers.find((row) => row.tellerRole === "chief");
    if (!chiefRow) throw new Refusal("尚未推选总监票人，不能确认计票结果。");
    if (chiefRow.deputyId !== chief.deputyId) throw new Refusal("须由总监票人在本人的平板上确认计票结果。", 403);
    // The ballots are the set the count logged, and recounted they give the result it stored.
    if (!(await ballotsAsCounted(tx, round))) throw new Refusal(c.tampering.ballotsChanged);
    const recount = await tallyStoredRound(tx, round);
    if (!isDeepStrictEqual(recount, round.result)) throw new Refusal("复核计票结果与截止时不一致，请检查后重新截止。");
    const names = tellers.map((row) => `${row.tellerRole === "chief" ? "总监票人" : "监票人"}${row.deputy.name}`).join("、");
    changed(await sessions.updateRound(tx, roundId, "closed", { status: "confirmed", confirmedAt: new Date(), confirmedBy: names }));
    await audit({ confirmedBy: names, ballotsDigest: round.ballotsDigest });
  });
}

/**
 * 发布公告: the notice gets its number and its anchor — the audit chain's head at publication and
 * the digest of the ballots — printed on it, so that any printed notice later proves the history
 * before it and the ballots it counted (decision 010; `npm run audit:verify -- --anchor`).
 */
export async function publishRound(actor: Actor, sessionId: number, roundId: number, { showsVotes = true }: { showsVotes?: boolean } = {}) {
  return act(actor, "round.publish", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "publish");
    if (!(await ballotsAsCounted(tx, round))) throw new Refusal(c.tampering.ballotsChanged);
    const noticeNo = await sessions.nextNoticeNo(tx, sessionId);
    const head = (await chainHead(tx))!;
    changed(await sessions.updateRound(tx, roundId, "confirmed", {
      status: "published", publishedAt: new Date(), noticeNo, anchorEntryId: head.id, anchorHash: head.hash, noticeShowsVotes: showsVotes,
    }));
    await refreshCoverageSummary(tx, sessionId);
    await audit({ noticeNo, showsVotes, anchor: { entryId: head.id, hash: head.hash }, ballotsDigest: round.ballotsDigest });
    return noticeNo;
  });
}

/**
 * A post of 截止投票 or 发布公告 that did not come from its confirmation step: nothing is done, and
 * the refusal is logged like any other.
 */
export async function refuseUnconfirmed(actor: Actor, action: "round.close" | "round.publish", sessionId: number, roundId: number, reason: string) {
  await recordRefusal({ ...actor, action, sessionId, roundId, detail: { reason } });
}

export async function voidRound(actor: Actor, sessionId: number, roundId: number, reason: string) {
  let destroyed = 0;
  await act(actor, "round.void", { sessionId, roundId }, async (tx, audit) => {
    const round = await loadForAction(tx, sessionId, roundId, "void");
    changed(await sessions.updateRound(tx, roundId, round.status, { status: "voided", voidReason: reason }));
    // An unopened secret round can never be counted now; a key card kept somewhere must not be
    // able to open its ballots later either.
    if (round.secret) destroyed = await destroySealedBallots(tx, roundId);
    await audit({ reason, from: round.status, ...(round.secret ? { sealedDestroyed: destroyed } : {}) });
  });
  if (destroyed > 0) await forgetReplacedPages();
}

/** 再次票决: a new round among the projects tied across the last place, for the places left. */
export async function prepareRunoff(actor: Actor, sessionId: number, roundId: number) {
  return act(actor, "round.runoff", { sessionId, roundId }, async (tx, audit) => {
    const round = await sessions.loadRound(roundId, tx);
    if (!round || round.sessionId !== sessionId) throw new Refusal("没有这一轮表决。", 404);
    if (round.status !== "confirmed" && round.status !== "published") throw new Refusal("须在监票人确认本轮结果后，才能安排再次票决。");
    const result = round.result!;
    if (result.runoff.length === 0) throw new Refusal("本轮没有得票相同需要再次票决的项目。");
    const existing = (await sessions.roundsOfSession(sessionId, tx)).find((r) => r.runoffOfId === roundId && r.status !== "voided");
    if (existing) throw new Refusal(`已为本轮安排了再次票决（第${existing.number}轮）。`);
    const runoffId = await sessions.insertRound(tx, sessionId, {
      places: round.places - result.selected.length,
      form: round.form,
      secret: round.secret,
      liveResults: round.liveResults,
      runoffOfId: roundId,
      candidateIds: result.runoff.map(Number),
    });
    await audit({ runoffRoundId: runoffId, candidates: result.runoff, places: round.places - result.selected.length });
    return runoffId;
  });
}
