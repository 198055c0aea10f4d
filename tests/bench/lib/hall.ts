/**
 * One hall of 450 tablets voting at once: the largest county congress (县级人民代表大会; Election
 * Law Art. 12 allows at most 450 deputies). Set up through the services province.ts uses — roster,
 * session, a slate of 15 projects for 12 places, a recorded (记名) and a secret (无记名) round, a
 * sign-in code per deputy — then each round is opened by the clerk and all 450 tablets cast at once.
 *
 * The congress is a county congress of the register (decision 019), which the province's townships
 * (province.ts) never include; its roster is written by the data layer, as province.ts writes every
 * township's.
 */
import type { Pool } from "undici";
import type { TabletCast } from "~/http/tablet-contract";
import { runLoad, type LoadResult } from "./load.ts";
import type { BenchDeputy } from "./province.ts";
import { castBallot, newBallotKey, warmUp } from "./tablet-client.ts";

export const HALL_DEPUTIES = 450;
const SLATE = 15;
const PLACES = 12;

export interface BenchHall {
  code: string;
  sessionId: number;
  rounds: { recorded: number; secret: number };
  candidateIds: number[];
  /** Each deputy with the recorded round's id; a ballot names the round it is cast in. */
  deputies: BenchDeputy[];
}

export type HallRoundKind = keyof BenchHall["rounds"];

export interface HallRoundResult {
  /** From the clerk's opening of the round to the last ballot the server acknowledged as stored. */
  openToLastStoredMs: number;
  /** Of which the clerk's opening: the round's snapshot of attendance and a ballot issued to each deputy present. */
  openingMs: number;
  ballots: LoadResult;
  /** Ballots of the round counted in the database after the run. */
  stored: number;
}

const clerk = { actor: "clerk:bench", device: "bench" };

/** The hall's congress (`code`: its register row) with 450 deputies, its session, slate and both rounds prepared. */
export async function setUpHall450(code: string): Promise<BenchHall> {
  const { prisma } = await import("~/data/sqlite.server");
  const { activeDeputies, addDeputies, townshipByCode } = await import("~/data/deputies.server");
  const { candidates } = await import("~/data/sessions.server");
  const { inTransaction } = await import("~/data/transaction.server");
  const { addCandidates, createSession, prepareRound } = await import("~/services/congress-session.server");
  const { issueSignInCodes } = await import("~/services/voting.server");

  const congress = await townshipByCode(code);
  if (!congress) throw new Error(`hall: no congress with code ${code} in the register`);
  if ((await activeDeputies(congress.id)).length > 0) throw new Error(`hall: ${code} has deputies already; the hall needs a congress of its own`);
  const names = Array.from({ length: HALL_DEPUTIES }, (_, i) => `${congress.name}代表${i + 1}`);
  await inTransaction((tx) => addDeputies(tx, congress.id, names));
  const sessionId = await createSession(clerk, congress.id, {
    title: `${congress.name}第十八届人民代表大会第六次会议`,
    meetingDate: new Date("2026-01-15T09:00:00+08:00"),
    place: "人民会堂",
  });
  await addCandidates(
    clerk,
    sessionId,
    Array.from({ length: SLATE }, (_, i) => ({
      name: `民生实事项目${i + 1}`,
      content: "道路硬化、饮水安全、学校改造等",
      investment: 300 + i * 50,
      fundingSource: "县级财政",
      plannedCompletion: "2026-12",
      responsibleUnit: "县人民政府",
    })),
    "form",
  );
  const candidateIds = (await candidates(sessionId)).map((candidate) => candidate.id);
  const settings = { candidateIds, places: PLACES, form: "per-project" as const, liveResults: false };
  const recorded = await prepareRound(clerk, sessionId, { ...settings, secret: false });
  const secret = await prepareRound(clerk, sessionId, { ...settings, secret: true });
  const roster = await prisma.attendance.findMany({ where: { sessionId }, select: { deputyId: true }, orderBy: { seatNo: "asc" } });
  if (roster.length !== HALL_DEPUTIES) throw new Error(`hall: the session seats ${roster.length} deputies, not ${HALL_DEPUTIES}`);
  const deputyIds = roster.map((row) => row.deputyId);
  const codes = await issueSignInCodes(clerk, sessionId, deputyIds);
  return {
    code,
    sessionId,
    rounds: { recorded, secret },
    candidateIds,
    deputies: deputyIds.map((deputyId, i) => ({ deputyId, code: codes[i]!, sessionId, roundId: recorded, candidateIds })),
  };
}

/** A full ballot on the 15 projects: yes on 12 (as many as there are places, so never void), no on 2, one abstention. */
export function hallBallot(deputy: BenchDeputy, roundId: number, ballotKey: string): TabletCast {
  const choices = Object.fromEntries(
    deputy.candidateIds.map((id, i) => {
      const turn = (i + deputy.deputyId) % deputy.candidateIds.length;
      return [id, turn < PLACES ? "yes" : turn < SLATE - 1 ? "no" : "abstain"] as const;
    }),
  );
  return { roundId, ballotKey, choices };
}

/**
 * Opens one of the hall's rounds and has every tablet cast at once, each on its own connection of
 * `pool` (opened beforehand, as a tablet holds one from loading the ballot page). The clock starts
 * at the clerk's opening — a secret round's key card is issued and read back before it — and
 * stops at the last acknowledgement. Then counts what the round stored and closes it (a secret
 * round is counted with its key card); throws unless every ballot was stored and none refused.
 */
export async function voteInHall(pool: Pool, origin: string, cookies: Map<number, string>, hall: BenchHall, kind: HallRoundKind): Promise<HallRoundResult> {
  const { prisma } = await import("~/data/sqlite.server");
  const { openRound } = await import("~/services/congress-session.server");
  const { closeAndCount, keyCardFor } = await import("../../factories/session.ts");
  const roundId = hall.rounds[kind];
  if (kind === "secret") await keyCardFor(hall.sessionId, roundId);
  await warmUp(pool, hall.deputies.length);

  const opened = performance.now();
  await openRound(clerk, hall.sessionId, roundId);
  const openingMs = performance.now() - opened;
  const ballots = await runLoad(hall.deputies, hall.deputies.length, (deputy) =>
    castBallot(pool, origin, cookies.get(deputy.deputyId)!, hallBallot(deputy, roundId, newBallotKey())).then(() => undefined),
  );
  const openToLastStoredMs = performance.now() - opened;

  // A recorded ballot is stored with its contents as it is cast; a secret one stays sealed until the count.
  const stored = kind === "secret" ? await prisma.sealedBallot.count({ where: { roundId } }) : await prisma.ballot.count({ where: { roundId } });
  const voted = await prisma.ballotIssue.count({ where: { roundId, votedAt: { not: null } } });
  await closeAndCount(hall.sessionId, roundId);
  const counted = await prisma.ballot.count({ where: { roundId } });
  if (ballots.errors > 0 || ballots.completed !== HALL_DEPUTIES || stored !== HALL_DEPUTIES || voted !== HALL_DEPUTIES || counted !== HALL_DEPUTIES) {
    throw new Error(
      `hall of ${HALL_DEPUTIES}, ${kind} round: ${ballots.completed} acknowledged, ${ballots.errors} errors (${ballots.errorSamples.join("; ")}), ` +
        `${stored} stored, ${voted} marked voted, ${counted} counted — every one of the ${HALL_DEPUTIES} must be stored, with no error`,
    );
  }
  return { openToLastStoredMs, openingMs, ballots, stored };
}
