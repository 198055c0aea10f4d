/**
 * The deputy's side: a one-time code signs a tablet in for one session; the tablet checks in and
 * casts one ballot per open round. Casting is idempotent: a retry with the same ballot key gets the
 * original receipt; any other second attempt is refused, and the database could not store it anyway.
 */
import { reviewBallot } from "~/domain/ballot";
import type { RefusalReason } from "~/domain/refusals";
import { describeRound } from "~/domain/notice-text";
import type { Choice } from "~/domain/tally";
import { recordRefusal } from "~/data/audit.server";
import { ballotBox, type BoxContents } from "~/data/ballot-box.server";
import { ballotDigest, ballotIssueOf, receiptInRound, recordedBallotOf } from "~/data/ballots.server";
import { insertPasses, revokePasses, revokeToken } from "~/data/passes.server";
import * as sessions from "~/data/sessions.server";
import { outcomeLabel } from "~/messages/public";
import { formatDigest } from "~/utils/format";
import { announceSessionChange } from "./events.server";
import { failedAttempts } from "./failed-attempts.server";
import { newDeviceToken, newSignInCode, receiptFor, sha256 } from "./receipt.server";
import { sealBallot } from "./round-key.server";
import { auditedChange } from "./audited-change.server";
import { Refusal, type Actor } from "./refusal";

/** How long a card's code, and the tablet signed in with it, stay good. */
const PASS_HOURS = 16;

export interface DeputyPass {
  sessionId: number;
  deputyId: number;
}

export async function issueSignInCode(actor: Actor, sessionId: number, deputyId: number): Promise<string> {
  const [code] = await issueSignInCodes(actor, sessionId, [deputyId]);
  return code!;
}

/** Issues fresh one-time codes (a new card replaces an unused one) for deputies on the roster. */
export async function issueSignInCodes(actor: Actor, sessionId: number, deputyIds: number[]): Promise<string[]> {
  const codes = deputyIds.map(() => newSignInCode());
  await auditedChange(
    actor,
    "pass.issue",
    { sessionId },
    async (tx, audit) => {
      if (!(await sessions.allOnRoster(tx, sessionId, deputyIds))) throw new Refusal({ code: "deputy-not-on-roster" });
      const expiresAt = new Date(Date.now() + PASS_HOURS * 3_600_000);
      await insertPasses(
        tx,
        sessionId,
        deputyIds.map((deputyId, i) => ({ deputyId, codeHash: sha256(codes[i]!) })),
        expiresAt,
      );
      // The codes themselves are never logged: whoever reads the log must not be able to vote with them.
      await audit({ deputyIds });
    },
    { deputyIds },
  );
  return codes;
}

/** 注销平板: ends the deputy's card and the tablet signed in with it (lost, taken, or left signed in). */
export async function revokeTablet(actor: Actor, sessionId: number, deputyId: number): Promise<void> {
  await auditedChange(
    actor,
    "pass.revoke",
    { sessionId },
    async (tx, audit) => {
      if (!(await sessions.allOnRoster(tx, sessionId, [deputyId]))) throw new Refusal({ code: "deputy-not-on-roster" });
      if ((await revokePasses(tx, sessionId, [deputyId])) === 0) throw new Refusal({ code: "no-pass-to-revoke" });
      await audit({ deputyId });
    },
    { deputyId },
  );
}

/** Redeems a code once; returns the device token the tablet keeps as a cookie. */
export async function signInWithCode(device: string, code: string): Promise<{ token: string; sessionId: number }> {
  const token = newDeviceToken();
  const pass = await ballotBox().redeem({ codeHash: sha256(code), tokenHash: sha256(token), device });
  if (!pass) {
    await failedAttempts.record({ action: "deputy.sign-in", reason: "invalid code", device });
    throw new Refusal({ code: "sign-in-code-invalid" });
  }
  return { token, sessionId: pass.sessionId };
}

export async function passFromToken(token: string | null | undefined): Promise<DeputyPass | null> {
  if (!token) return null;
  const pass = await ballotBox().passByTokenHash(sha256(token));
  if (!pass || pass.expiresAt.getTime() <= Date.now()) return null;
  return { sessionId: pass.sessionId, deputyId: pass.deputyId };
}

/** The ballot form of a round this pass may vote in (cached; no database read once warm), or null. */
export async function ballotRulesFor(pass: DeputyPass, roundId: number) {
  const rules = await ballotBox().roundBallotRules(roundId);
  return rules && rules.sessionId === pass.sessionId ? { form: rules.form, places: rules.places, candidates: rules.candidates } : null;
}

/** 更换代表: the tablet is handed on; its device token stops working. */
export async function signOutTablet(token: string | null) {
  if (token) await revokeToken(sha256(token));
}

export async function checkInOnTablet(pass: DeputyPass, device: string) {
  if (await ballotBox().checkIn({ sessionId: pass.sessionId, deputyId: pass.deputyId, device })) announceSessionChange(pass.sessionId);
}

/**
 * What the tablet shows: the deputy, the session, the open round with this deputy's state in it,
 * and — on the chief teller's tablet — a counted round waiting for their confirmation.
 */
export async function tabletState(pass: DeputyPass) {
  const [header, roster, openRound] = await Promise.all([
    sessions.sessionHeader(pass.sessionId),
    sessions.roster(pass.sessionId),
    sessions.openRoundOf(pass.sessionId),
  ]);
  const me = roster.find((row) => row.deputyId === pass.deputyId);
  if (!header || !me) return null;
  const opened = openRound ? await sessions.loadRound(openRound.id) : null;
  // A paper round is voted on paper: the tablet says so and shows no ballot.
  const round = opened?.medium === "tablet" ? opened : null;
  const issue = round ? await ballotIssueOf(round.id, pass.deputyId) : null;
  const awaiting = me.tellerRole === "chief" ? await sessions.roundAwaitingConfirmation(pass.sessionId) : null;
  return {
    session: { id: header.id, title: header.title, township: header.township.name },
    deputy: { id: pass.deputyId, name: me.deputy.name, status: me.status },
    isChiefTeller: me.tellerRole === "chief",
    confirmation: awaiting && (await tallyForConfirmation(awaiting.id, header.seated)),
    paperRound: opened && opened.medium === "paper" ? { id: opened.id, number: opened.number } : null,
    round: round && {
      id: round.id,
      number: round.number,
      places: round.places,
      form: round.form,
      secret: round.secret,
      isRunoff: round.runoffOfId !== null,
      issued: issue !== null,
      voted: issue?.votedAt != null,
      candidates: round.candidates.map(({ candidate }) => candidate),
    },
  };
}

/** The tally the chief teller confirms: each project's votes and outcome, and the notice's sentences. */
async function tallyForConfirmation(roundId: number, seated: number) {
  const round = await sessions.loadRound(roundId);
  if (!round?.result) return null;
  const { result } = round;
  const names = Object.fromEntries(round.candidates.map(({ candidate }) => [String(candidate.id), candidate.name]));
  const text = describeRound(result, names, {
    seated,
    present: round.present ?? 0,
    places: round.places,
    issued: round.medium === "paper" ? (round.papersIssued ?? round.present ?? 0) : (round.present ?? 0),
  });
  return {
    roundId: round.id,
    number: round.number,
    form: round.form,
    lines: [text.ballots, ...(result.rating ? [text.rule] : []), text.outcome],
    ballotsDigest: round.ballotsDigest && formatDigest(round.ballotsDigest),
    vacancies: result.vacancies,
    projects: result.projects.map((project, index) => ({
      id: project.id,
      position: index + 1,
      name: names[project.id] ?? project.id,
      yes: project.yes,
      no: project.no,
      abstain: project.abstain,
      notVoted: project.notVoted,
      outcome: project.outcome,
      outcomeLabel: outcomeLabel(project, result.roundValid),
    })),
  };
}

export interface BallotSubmission {
  roundId: number;
  ballotKey: string;
  choices: Partial<Record<string, Choice>>;
}

/**
 * The hot path. Checks the marks against the round's slate (cached), seals a secret round's
 * ballot with the round key, then hands it to the ballot box, which stores it in a group commit
 * and answers after the fsync.
 */
export async function castBallot(pass: DeputyPass, device: string, submission: BallotSubmission): Promise<{ receipt: string; repeated: boolean }> {
  const actor = `deputy:${pass.deputyId}`;
  const receipt = receiptFor(submission.ballotKey);
  const loggedRefusal = async (reason: RefusalReason) => {
    const refusal = new Refusal(reason);
    await recordRefusal({ actor, device, action: "ballot.cast", sessionId: pass.sessionId, roundId: submission.roundId, detail: refusal.auditDetail });
    return refusal;
  };

  const box = ballotBox();
  const rules = await box.roundBallotRules(submission.roundId);
  if (!rules || rules.sessionId !== pass.sessionId) throw await loggedRefusal({ code: "round-of-another-session" });
  // A paper round's ballots are the papers (its medium never changes once prepared).
  if (rules.paper) throw await loggedRefusal({ code: "ballot-on-paper-round" });
  const known = new Set(rules.candidates);
  if (Object.keys(submission.choices).some((id) => !known.has(id))) throw await loggedRefusal({ code: "ballot-names-unknown-project" });
  if (rules.secret && !rules.sealKey) throw await loggedRefusal({ code: "ballot-round-not-open", started: false });
  const contents: BoxContents = rules.secret
    ? { kind: "sealed", sealKey: rules.sealKey!, sealed: sealBallot(submission.roundId, rules.sealKey!, rules.candidates, submission.choices) }
    : {
        kind: "recorded",
        choices: submission.choices,
        digest: ballotDigest(submission.choices),
        valid: !reviewBallot({ form: rules.form, places: rules.places, candidates: rules.candidates }, submission.choices).void,
      };

  const outcome = await box.submit({ roundId: submission.roundId, sessionId: pass.sessionId, deputyId: pass.deputyId, contents, receipt, device });
  switch (outcome.kind) {
    case "recorded":
      announceSessionChange(pass.sessionId);
      return { receipt, repeated: false };
    case "round-not-open":
      // A retry whose first attempt was stored before the close still gets its receipt.
      if (outcome.status !== "prepared" && (await receiptInRound(submission.roundId, receipt))) return { receipt, repeated: true };
      throw await loggedRefusal({ code: "ballot-round-not-open", started: outcome.status !== "prepared" });
    case "not-issued":
      throw await loggedRefusal({ code: "ballot-not-issued" });
    case "already-voted":
      break;
  }
  // Already voted: the same ballot key is a retry of the same ballot (a double tap, a dropped
  // connection) and gets its receipt again; anything else is a second vote and is refused.
  if (await receiptInRound(submission.roundId, receipt)) return { receipt, repeated: true };
  const original = rules.secret ? null : await recordedBallotOf(submission.roundId, pass.deputyId);
  throw await loggedRefusal({ code: "already-voted", receipt: original?.receipt ?? null });
}
