/** 纸质选票: the tellers' entry of a paper round and its count, through the services, against the real database. */
import { describe, expect, it } from "vitest";
import { auditFindings, ballotsAsCounted } from "~/data/audit-verify.server";
import { rollOfVotes } from "~/data/ballots.server";
import { prisma } from "~/data/sqlite.server";
import { candidates, loadRound, roster } from "~/data/sessions.server";
import { tallyTotals, type MarkCounts } from "~/domain/tally";
import {
  addCandidates,
  chooseTellers,
  closeRound,
  confirmRoundWithCard,
  markAttendance,
  openRound,
  prepareRound,
  publishRound,
  rerunOnPaper,
} from "~/services/congress-session.server";
import { countPaperRound, enterPaper, enterTotals, paperEntryState, startEntry } from "~/services/paper-ballots.server";
import { issueSignInCode } from "~/services/voting.server";
import { candidateInput, checkIn, clerk, sessionWithDeputies } from "../factories/session";

type Settings = {
  projects: number;
  places: number;
  form?: "per-project" | "choose-n";
  secret: boolean;
  medium?: "tablet" | "paper";
  entryMethod?: "per-ballot" | "totals";
};

/** A session of 6 deputies, all present, deputies 1–3 the tellers (1 the chief), and a round over `projects` projects. */
async function hallWithRound(settings: Settings) {
  const session = await sessionWithDeputies(6);
  const { sessionId, deputyIds } = session;
  await checkIn(sessionId, deputyIds);
  await chooseTellers(clerk, sessionId, deputyIds[0]!, [deputyIds[1]!, deputyIds[2]!]);
  await addCandidates(
    clerk,
    sessionId,
    Array.from({ length: settings.projects }, (_, i) => candidateInput(i + 1)),
    "form",
  );
  const candidateIds = (await candidates(sessionId)).map((candidate) => candidate.id);
  const medium = settings.medium ?? "paper";
  const roundId = await prepareRound(clerk, sessionId, {
    candidateIds,
    places: settings.places,
    form: settings.form ?? "per-project",
    secret: settings.secret,
    liveResults: false,
    medium,
    ...(medium === "paper" ? { entryMethod: settings.entryMethod ?? "per-ballot" } : {}),
  });
  const ids = candidateIds.map(String);
  return { ...session, roundId, ids, chief: deputyIds[0]!, tellers: [deputyIds[1]!, deputyIds[2]!] as const };
}

const refused = (code: string) => ({ refusal: expect.objectContaining({ code }) });

/** Marks of a paper: `yes` on the first `n` projects, `no` on the next one, the rest not voted. */
function marks(ids: string[], n: number): Record<string, "yes" | "no" | "abstain"> {
  const paper: Record<string, "yes" | "no" | "abstain"> = {};
  ids.forEach((id, i) => {
    if (i < n) paper[id] = "yes";
    else if (i === n) paper[id] = "no";
  });
  return paper;
}

async function expectClean(roundIds: number[]) {
  for (const roundId of roundIds) {
    const round = (await prisma.round.findUnique({ where: { id: roundId }, select: { id: true, secret: true, medium: true, entryMethod: true } }))!;
    expect(await ballotsAsCounted(prisma, round)).toBe(true);
  }
  expect((await auditFindings()).filter((finding) => "roundId" in finding && roundIds.includes(finding.roundId))).toEqual([]);
}

describe("paper ballots", () => {
  it("counts a secret per-ballot 12-for-10 round once both entries agree", async () => {
    const { sessionId, roundId, ids, chief, tellers } = await hallWithRound({ projects: 12, places: 10, secret: true });
    await openRound(clerk, sessionId, roundId);
    expect((await loadRound(roundId))!.papersIssued).toBe(6);
    await closeRound(clerk, sessionId, roundId, { papersReturned: 6 });
    await startEntry(clerk, sessionId, roundId, 1, tellers[0]);
    await expect(startEntry(clerk, sessionId, roundId, 2, tellers[0])).rejects.toMatchObject(refused("paper-entry-same-teller"));
    await startEntry(clerk, sessionId, roundId, 2, chief);

    const papers = [marks(ids, 10), marks(ids, 10), marks(ids, 8), marks(ids, 5), marks(ids, 0), null];
    for (const [i, paper] of papers.entries()) await enterPaper(clerk, sessionId, roundId, 1, i + 1, { seatNo: null, marks: paper });
    for (const [i, paper] of papers.entries()) {
      const typed = i === 2 ? marks(ids, 7) : paper; // the second teller misreads paper 3
      await enterPaper(clerk, sessionId, roundId, 2, i + 1, { seatNo: null, marks: typed });
    }
    await expect(enterPaper(clerk, sessionId, roundId, 1, 7, { seatNo: null, marks: marks(ids, 1) })).rejects.toMatchObject(refused("paper-over-returned"));

    await expect(countPaperRound(clerk, sessionId, roundId)).rejects.toMatchObject(refused("paper-entries-differ"));
    const state = (await paperEntryState(roundId))!;
    expect(state.bothDone).toBe(true);
    expect(state.differences).toHaveLength(2);
    expect(state.differences.every((difference) => difference.kind === "marks")).toBe(true);
    expect((await loadRound(roundId))!.status).toBe("entering");

    await enterPaper(clerk, sessionId, roundId, 2, 3, { seatNo: null, marks: marks(ids, 8) });
    expect((await paperEntryState(roundId))!.differences).toEqual([]);
    await countPaperRound(clerk, sessionId, roundId);
    const round = (await loadRound(roundId))!;
    expect(round.status).toBe("closed");
    expect(round.result!.cast).toBe(6);
    expect(round.result!.invalid).toBe(1); // the void paper
    expect(round.result!.valid).toBe(5);
    expect(round.result!.projects[0]).toMatchObject({ yes: 4, no: 1, notVoted: 0 });
    expect(round.result!.roundValid).toBe(true);
    expect(await prisma.ballot.count({ where: { roundId } })).toBe(6);
    expect(await prisma.ballot.count({ where: { roundId, deputyId: { not: null } } })).toBe(0);

    await expect(enterPaper(clerk, sessionId, roundId, 1, 1, { seatNo: null, marks: marks(ids, 2) })).rejects.toMatchObject(refused("round-step-not-allowed"));
    await expect(countPaperRound(clerk, sessionId, roundId)).rejects.toMatchObject(refused("round-step-not-allowed"));
    await expectClean([roundId]);
  });

  it("keeps each deputy's paper in a recorded per-ballot round", async () => {
    const { sessionId, roundId, ids, chief, tellers } = await hallWithRound({ projects: 3, places: 2, secret: false });
    // One deputy is absent: no paper is issued to that seat.
    const rows = await roster(sessionId);
    const absent = rows[5]!;
    await markAttendance(clerk, sessionId, absent.deputyId, "absent");
    await openRound(clerk, sessionId, roundId);
    expect((await loadRound(roundId))!.papersIssued).toBe(5);
    await closeRound(clerk, sessionId, roundId, { papersReturned: 2 });
    await startEntry(clerk, sessionId, roundId, 1, tellers[0]);
    await startEntry(clerk, sessionId, roundId, 2, chief);
    await expect(enterPaper(clerk, sessionId, roundId, 1, 1, { seatNo: absent.seatNo, marks: marks(ids, 1) })).rejects.toMatchObject(
      refused("paper-seat-not-issued"),
    );
    const seated = [rows[0]!, rows[3]!];
    for (const slot of [1, 2] as const) {
      await enterPaper(clerk, sessionId, roundId, slot, 1, { seatNo: seated[0]!.seatNo, marks: marks(ids, 2) });
      await enterPaper(clerk, sessionId, roundId, slot, 2, { seatNo: seated[1]!.seatNo, marks: marks(ids, 0) });
    }
    await countPaperRound(clerk, sessionId, roundId);
    const roll = await rollOfVotes(roundId);
    expect(roll.map((row) => row.deputyId).sort()).toEqual(seated.map((row) => row.deputyId).sort());
    expect(roll.find((row) => row.deputyId === seated[0]!.deputyId)!.choices).toEqual(marks(ids, 2));
    await expectClean([roundId]);
  });

  it("counts a totals round, refusing impossible totals, and the chief teller confirms it with the card", async () => {
    const { sessionId, roundId, ids, chief, tellers } = await hallWithRound({ projects: 3, places: 2, secret: true, entryMethod: "totals" });
    await openRound(clerk, sessionId, roundId);
    await closeRound(clerk, sessionId, roundId, { papersReturned: 6 });
    await expect(startEntry(clerk, sessionId, roundId, 2, tellers[0])).rejects.toMatchObject(refused("paper-entry-method"));
    await startEntry(clerk, sessionId, roundId, 1, tellers[0]);
    await expect(enterPaper(clerk, sessionId, roundId, 1, 1, { seatNo: null, marks: marks(ids, 1) })).rejects.toMatchObject(refused("paper-entry-method"));

    const row = (yes: number, no: number, abstain: number, notVoted: number): MarkCounts => ({ yes, no, abstain, notVoted });
    const badSum = { [ids[0]!]: row(3, 1, 0, 0), [ids[1]!]: row(2, 2, 1, 0), [ids[2]!]: row(1, 1, 1, 2) };
    await expect(enterTotals(clerk, sessionId, roundId, { invalid: 1, projects: badSum })).rejects.toMatchObject(refused("totals-project-sum"));
    const tooManyYes = { [ids[0]!]: row(5, 0, 0, 0), [ids[1]!]: row(5, 0, 0, 0), [ids[2]!]: row(5, 0, 0, 0) };
    await expect(enterTotals(clerk, sessionId, roundId, { invalid: 1, projects: tooManyYes })).rejects.toMatchObject(refused("totals-yes-over-places"));
    expect((await paperEntryState(roundId))!.first!.totals).toBeNull();
    await expect(countPaperRound(clerk, sessionId, roundId)).rejects.toMatchObject(refused("paper-entry-not-started"));

    const good = { [ids[0]!]: row(4, 1, 0, 0), [ids[1]!]: row(3, 1, 1, 0), [ids[2]!]: row(2, 2, 0, 1) };
    await enterTotals(clerk, sessionId, roundId, { invalid: 1, projects: good });
    expect((await paperEntryState(roundId))!.first!.totals).toEqual({ invalid: 1, projects: good });
    await countPaperRound(clerk, sessionId, roundId);
    const round = (await loadRound(roundId))!;
    expect(round.status).toBe("closed");
    expect(round.result).toEqual(
      tallyTotals({
        cast: 6,
        invalid: 1,
        totals: good,
        candidates: ids,
        places: 2,
        form: "per-project",
        seated: round.seated!,
        present: round.present!,
        issued: 6,
      }),
    );

    await expect(confirmRoundWithCard(clerk, sessionId, roundId, "WRONG-CODE")).rejects.toMatchObject(refused("chief-card-invalid"));
    expect((await loadRound(roundId))!.status).toBe("closed");
    const card = await issueSignInCode(clerk, sessionId, chief);
    await confirmRoundWithCard(clerk, sessionId, roundId, card);
    expect((await loadRound(roundId))!.status).toBe("confirmed");
    await publishRound(clerk, sessionId, roundId);
    expect((await loadRound(roundId))!.status).toBe("published");
    await expectClean([roundId]);
  });

  it("reruns an open tablet round on paper with the same projects", async () => {
    const { sessionId, roundId } = await hallWithRound({ projects: 4, places: 2, secret: false, medium: "tablet" });
    await openRound(clerk, sessionId, roundId);
    // A recorded round keeps each deputy's vote: it cannot be rerun as totals.
    await expect(rerunOnPaper(clerk, sessionId, roundId, { reason: "会场停电", entryMethod: "totals" })).rejects.toThrow(/汇总录入只用于无记名表决/);
    expect((await loadRound(roundId))!.status).toBe("open");
    const paperId = await rerunOnPaper(clerk, sessionId, roundId, { reason: "会场停电", entryMethod: "per-ballot" });
    const old = (await loadRound(roundId))!;
    const rerun = (await loadRound(paperId))!;
    expect(old.status).toBe("voided");
    expect(rerun.status).toBe("prepared");
    expect(rerun.medium).toBe("paper");
    expect(rerun.entryMethod).toBe("per-ballot");
    expect(rerun.places).toBe(old.places);
    expect(rerun.secret).toBe(old.secret);
    expect(rerun.candidates.map(({ candidate }) => candidate.id)).toEqual(old.candidates.map(({ candidate }) => candidate.id));
    await expectClean([roundId, paperId]);
  });

  it("makes a round void when more papers are returned than issued", async () => {
    const { sessionId, roundId, ids, tellers } = await hallWithRound({ projects: 2, places: 1, secret: true, entryMethod: "totals" });
    await openRound(clerk, sessionId, roundId, { papersIssued: 4 });
    await closeRound(clerk, sessionId, roundId, { papersReturned: 5 });
    await startEntry(clerk, sessionId, roundId, 1, tellers[1]);
    const projects = { [ids[0]!]: { yes: 3, no: 2, abstain: 0, notVoted: 0 }, [ids[1]!]: { yes: 1, no: 3, abstain: 1, notVoted: 0 } };
    await enterTotals(clerk, sessionId, roundId, { invalid: 0, projects });
    await countPaperRound(clerk, sessionId, roundId);
    const round = (await loadRound(roundId))!;
    expect(round.result!.cast).toBe(5);
    expect(round.result!.roundValid).toBe(false);
    expect(round.result!.selected).toEqual([]);
    await expectClean([roundId]);
  });
});
