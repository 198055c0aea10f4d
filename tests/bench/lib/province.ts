/**
 * A province's voting day set up through the app's own services: every township (or a fraction)
 * gets its deputies, a session, a slate of 5 projects and a prepared round for 3 places, and a
 * one-time sign-in code per deputy — what the clerks do before the vote. Must run with
 * DATABASE_URL set before the app modules load.
 */
export interface BenchDeputy {
  deputyId: number;
  code: string;
  sessionId: number;
  roundId: number;
  candidateIds: number[];
}

export interface BenchTownship {
  townshipId: number;
  sessionId: number;
  roundId: number;
  secret: boolean;
  deputies: BenchDeputy[];
}

const clerk = { actor: "clerk:bench", device: "bench" };

/** `leaveOut`: codes of congresses another part of the bench sets up (the hall of 450, lib/hall.ts). */
export async function setUpProvince(options: {
  fraction: number;
  secretEvery?: number;
  leaveOut?: string[];
  log?: (line: string) => void;
}): Promise<BenchTownship[]> {
  const { prisma } = await import("~/data/sqlite.server");
  const { addDeputies } = await import("~/data/deputies.server");
  const { candidates } = await import("~/data/sessions.server");
  const { inTransaction } = await import("~/data/transaction.server");
  const { addCandidates, createSession, prepareRound } = await import("~/services/congress-session.server");
  const { issueSignInCodes } = await import("~/services/voting.server");

  const all = await prisma.township.findMany({
    where: { retiredAt: null, code: { notIn: options.leaveOut ?? [] } },
    select: { id: true, name: true, seatedDeputies: true },
    orderBy: { code: "asc" },
  });
  // An even spread over the province, not the first cities only.
  const step = 1 / options.fraction;
  const chosen = all.filter((_, i) => Math.floor(i / step) !== Math.floor((i - 1) / step) || options.fraction >= 1);
  const townships: BenchTownship[] = [];
  for (const [index, township] of chosen.entries()) {
    const names = Array.from({ length: township.seatedDeputies }, (_, i) => `${township.name}代表${i + 1}`);
    await inTransaction((tx) => addDeputies(tx, township.id, names));
    const sessionId = await createSession(clerk, township.id, {
      title: `${township.name}第十八届人民代表大会第六次会议`,
      meetingDate: new Date("2026-01-15T09:00:00+08:00"),
      place: "镇政府大会议室",
    });
    await addCandidates(
      clerk,
      sessionId,
      Array.from({ length: 5 }, (_, i) => ({
        name: `民生实事项目${i + 1}`,
        content: "道路硬化、饮水安全、学校改造等",
        investment: 120 + i * 30,
        fundingSource: "县级财政补助",
        plannedCompletion: "2026-12",
        responsibleUnit: "镇人民政府",
      })),
      "form",
    );
    const candidateIds = (await candidates(sessionId)).map((candidate) => candidate.id);
    const secret = options.secretEvery ? index % options.secretEvery === 0 : false;
    const roundId = await prepareRound(clerk, sessionId, { candidateIds, places: 3, form: "per-project", secret, liveResults: false });
    const roster = await prisma.attendance.findMany({ where: { sessionId }, select: { deputyId: true }, orderBy: { seatNo: "asc" } });
    const deputyIds = roster.map((row) => row.deputyId);
    const codes = await issueSignInCodes(clerk, sessionId, deputyIds);
    townships.push({
      townshipId: township.id,
      sessionId,
      roundId,
      secret,
      deputies: deputyIds.map((deputyId, i) => ({ deputyId, code: codes[i]!, sessionId, roundId, candidateIds })),
    });
    if (options.log && (index + 1) % 100 === 0) options.log(`  set up ${index + 1} / ${chosen.length} townships`);
  }
  return townships;
}

/** Opens every township's round (the clerk's step once the quorum is there); a secret one gets its key card first. */
export async function openRounds(townships: BenchTownship[]) {
  const { openRoundForVoting } = await import("../../factories/session.ts");
  for (const township of townships) await openRoundForVoting(township.sessionId, township.roundId, township.secret);
}

/** Closes every township's round; a secret one is counted with its key card. */
export async function closeRounds(townships: BenchTownship[]) {
  const { closeAndCount } = await import("../../factories/session.ts");
  for (const township of townships) await closeAndCount(township.sessionId, township.roundId);
}
