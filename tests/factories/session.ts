/** Builds real sessions through the same services the app uses (no direct writes of results). */
import { townshipByCode, addDeputies, activeDeputies } from "~/data/deputies.server";
import { inTransaction } from "~/data/transaction.server";
import type { CandidateInput } from "~/schemas/candidate";
import {
  addCandidates,
  chooseTellers,
  closeRound,
  confirmRound,
  countSealedRound,
  createSession,
  issueRoundKey,
  markAttendance,
  openRound,
  prepareRating,
  prepareRound,
  publishRound,
  verifyRoundKey,
} from "~/services/congress-session.server";
import type { Actor } from "~/services/refusal";
import { issueSignInCode, passFromToken, signInWithCode, type DeputyPass } from "~/services/voting.server";

export const clerk: Actor = { actor: "clerk:test", device: "127.0.0.1 vitest" };
let townshipCursor = 0;
const TOWNSHIPS = ["430121102", "430121104", "430121105", "430121106", "430121107", "430121108", "430121109", "430121110"];

/** A session in a township of the register with `seated` deputies on its roster. */
export async function sessionWithDeputies(seated: number) {
  const township = await townshipByCode(TOWNSHIPS[townshipCursor++ % TOWNSHIPS.length]!);
  const existing = await activeDeputies(township!.id);
  if (existing.length < seated) {
    const names = Array.from({ length: seated - existing.length }, (_, i) => `代表${existing.length + i + 1}号`);
    await inTransaction((tx) => addDeputies(tx, township!.id, names));
  }
  const deputies = (await activeDeputies(township!.id)).slice(0, seated);
  if (deputies.length !== seated || existing.length > seated) throw new Error("factory: use a fresh township for a different size");
  const sessionId = await createSession(clerk, township!.id, {
    title: `${township!.name}第十八届人民代表大会第六次会议`,
    meetingDate: new Date("2026-01-15T09:00:00+08:00"),
    place: "镇政府大会议室",
  });
  return { townshipId: township!.id, sessionId, deputyIds: deputies.map((deputy) => deputy.id) };
}

export async function checkIn(sessionId: number, deputyIds: number[]) {
  for (const deputyId of deputyIds) await markAttendance(clerk, sessionId, deputyId, "present");
}

export function candidateInput(i: number, overrides: Partial<CandidateInput> = {}): CandidateInput {
  return {
    name: `第${i}号民生实事项目`,
    content: "村组道路硬化及安全防护设施建设",
    investment: 100 + i,
    fundingSource: "县级财政补助、镇级自筹",
    plannedCompletion: "2026-12",
    responsibleUnit: "镇农业综合服务中心",
    ...overrides,
  };
}

/** Adds `count` candidates and prepares a round over all of them; returns the round and candidate ids. */
export async function slateAndRound(
  sessionId: number,
  count: number,
  settings: { places: number; form?: "per-project" | "choose-n"; secret?: boolean; liveResults?: boolean },
) {
  const { candidates } = await import("~/data/sessions.server");
  await addCandidates(
    clerk,
    sessionId,
    Array.from({ length: count }, (_, i) => candidateInput(i + 1)),
    "form",
  );
  const candidateIds = (await candidates(sessionId)).map((candidate) => candidate.id);
  const roundId = await prepareRound(clerk, sessionId, {
    candidateIds,
    places: settings.places,
    form: settings.form ?? "per-project",
    secret: settings.secret ?? false,
    liveResults: settings.liveResults ?? false,
  });
  return { roundId, candidateIds };
}

/**
 * 满意度测评 at a 2026 session: `count` projects selected by the township's 2025 session — a secret
 * paper round counted from totals, so that last year leaves no ballot, receipt or cast entry in the
 * files — then a rating round over them.
 */
export async function ratingRound(townshipId: number, sessionId: number, count: number) {
  const { candidates, roster } = await import("~/data/sessions.server");
  const { countPaperRound, enterTotals, startEntry } = await import("~/services/paper-ballots.server");
  const last = await createSession(clerk, townshipId, {
    title: "第十八届人民代表大会第五次会议",
    meetingDate: new Date("2025-01-15T09:00:00+08:00"),
    place: "镇政府",
  });
  const rows = await roster(last);
  await checkIn(
    last,
    rows.map((row) => row.deputyId),
  );
  await chooseTellers(clerk, last, rows[0]!.deputyId, [rows[1]!.deputyId]);
  await addCandidates(
    clerk,
    last,
    Array.from({ length: count }, (_, i) => candidateInput(i + 1)),
    "form",
  );
  const candidateIds = (await candidates(last)).map((candidate) => candidate.id);
  const vote = await prepareRound(clerk, last, {
    candidateIds,
    places: count,
    form: "per-project",
    secret: true,
    liveResults: false,
    medium: "paper",
    entryMethod: "totals",
  });
  await openRound(clerk, last, vote);
  await closeRound(clerk, last, vote, { papersReturned: rows.length });
  await startEntry(clerk, last, vote, 1, rows[1]!.deputyId);
  const everyoneYes = { yes: rows.length, no: 0, abstain: 0, notVoted: 0 };
  await enterTotals(clerk, last, vote, { invalid: 0, projects: Object.fromEntries(candidateIds.map((id) => [String(id), everyoneYes])) });
  await countPaperRound(clerk, last, vote);
  await confirmRound(await tablet(last, rows[0]!.deputyId), "vitest", vote);
  await publishRound(clerk, last, vote);
  return { roundId: await prepareRating(clerk, sessionId, { candidateIds }), candidateIds };
}

/** Signs a deputy's tablet in with a freshly issued code, as the clerk and the tablet would. */
export async function tablet(sessionId: number, deputyId: number): Promise<DeputyPass> {
  const code = await issueSignInCode(clerk, sessionId, deputyId);
  const { token } = await signInWithCode("127.0.0.1 tablet", code);
  return (await passFromToken(token))!;
}

const keyCards = new Map<number, string>();

/**
 * What a secret round needs before it opens, done as the hall does it: a chief teller chosen from
 * the deputies present (the first one, unless tellers are chosen already), the key card issued,
 * and read back. Returns the card's code, which `countRound` uses after the round closes.
 */
export async function keyCardFor(sessionId: number, roundId: number): Promise<string> {
  const { roster } = await import("~/data/sessions.server");
  const rows = await roster(sessionId);
  if (!rows.some((row) => row.tellerRole === "chief")) {
    const present = rows.find((row) => row.status === "present");
    if (!present) throw new Error("factory: check deputies in before issuing a key card");
    await chooseTellers(clerk, sessionId, present.deputyId, []);
  }
  const { code } = await issueRoundKey(clerk, sessionId, roundId);
  await verifyRoundKey(clerk, sessionId, roundId, code);
  keyCards.set(roundId, code);
  return code;
}

/** Opens a round; a secret one gets its key card first. */
export async function openRoundForVoting(sessionId: number, roundId: number, secret: boolean) {
  if (secret) await keyCardFor(sessionId, roundId);
  await openRound(clerk, sessionId, roundId);
}

/** Closes a round; a secret one is then counted with the card its factory issued. */
export async function closeAndCount(sessionId: number, roundId: number) {
  if ((await closeRound(clerk, sessionId, roundId)) === "sealed") {
    const code = keyCards.get(roundId);
    if (!code) throw new Error("factory: a secret round opened without keyCardFor has no card to count with");
    await countSealedRound(clerk, sessionId, roundId, code);
  }
}
