/** 纸质选票的打印: the read-model behind the print page, against the real database. */
import { describe, expect, it } from "vitest";
import { candidates } from "~/data/sessions.server";
import { addCandidates, prepareRound } from "~/services/congress-session.server";
import { paperPrintView, printedPapers } from "~/services/paper-print.server";
import { candidateInput, checkIn, clerk, sessionWithDeputies } from "../factories/session";

async function paperRound(projects: number, settings: { places: number; form: "per-project" | "choose-n"; secret: boolean; medium?: "tablet" | "paper" }) {
  const session = await sessionWithDeputies(6);
  await addCandidates(
    clerk,
    session.sessionId,
    Array.from({ length: projects }, (_, i) => candidateInput(i + 1)),
    "form",
  );
  const candidateIds = (await candidates(session.sessionId)).map((candidate) => candidate.id);
  const roundId = await prepareRound(clerk, session.sessionId, {
    candidateIds,
    places: settings.places,
    form: settings.form,
    secret: settings.secret,
    liveResults: false,
    medium: settings.medium ?? "paper",
    entryMethod: "per-ballot",
  });
  return { ...session, roundId };
}

describe("ballot papers", () => {
  it("prints identical papers for a secret round, with no deputy's name or seat", async () => {
    const { sessionId, roundId, deputyIds } = await paperRound(3, { places: 3, form: "per-project", secret: true });
    await checkIn(sessionId, deputyIds.slice(0, 4));
    const view = (await paperPrintView(sessionId, roundId))!;
    expect(view.medium).toBe("paper");
    if (view.medium !== "paper") return;
    expect(view.defaultCount).toBe(4);
    const papers = printedPapers(view, view.defaultCount);
    expect(papers).toHaveLength(4);
    for (const paper of papers) expect(paper).toEqual(papers[0]);
    expect(papers[0]!.deputy).toBeNull();
    const text = JSON.stringify(papers);
    expect(text).not.toMatch(/代表\d+号/);
    expect(text).not.toContain("座位号");
    expect(papers[0]!.secrecy).toBe("无记名");
    expect(papers[0]!.title).toBe("民生实事项目表决票");
    expect(papers[0]!.roundTitle).toBe("第1轮表决");
    expect(papers[0]!.projects.map((project) => project.number)).toEqual([1, 2, 3]);
    expect(papers[0]!.footer).toBe("主席团制");
    expect(printedPapers(view, 9)).toHaveLength(9);
  });

  it("defaults a secret round to the seated number while nobody is checked in", async () => {
    const { sessionId, roundId } = await paperRound(2, { places: 2, form: "per-project", secret: true });
    const view = (await paperPrintView(sessionId, roundId))!;
    expect(view.medium === "paper" && view.defaultCount).toBe(6);
  });

  it("prints one paper per deputy present in a recorded round, with name and seat", async () => {
    const { sessionId, roundId, deputyIds } = await paperRound(2, { places: 2, form: "per-project", secret: false });
    await checkIn(sessionId, [deputyIds[4]!, deputyIds[1]!, deputyIds[2]!]);
    const view = (await paperPrintView(sessionId, roundId))!;
    const papers = printedPapers(view, 1);
    expect(papers).toHaveLength(3);
    const seats = papers.map((paper) => paper.deputy!.seatNo);
    expect(seats).toEqual([...seats].sort((a, b) => a - b));
    for (const paper of papers) {
      expect(paper.deputy!.name).toMatch(/^代表\d+号$/);
      expect(paper.secrecy).toBe("记名");
    }
    expect(new Set(papers.map((paper) => paper.deputy!.name)).size).toBe(3);
  });

  it("prints every deputy on the roster in a recorded round while nobody is present", async () => {
    const { sessionId, roundId } = await paperRound(2, { places: 2, form: "per-project", secret: false });
    expect(printedPapers((await paperPrintView(sessionId, roundId))!, 1)).toHaveLength(6);
  });

  it("limits the yes marks of a 12-for-10 round", async () => {
    const { sessionId, roundId } = await paperRound(12, { places: 10, form: "per-project", secret: true });
    const [paper] = printedPapers((await paperPrintView(sessionId, roundId))!, 1);
    expect(paper!.instructions).toEqual(["每个项目只能在一格内划“○”（或“√”），不划的视为未表决", "赞成的项目不能超过10个，否则选票无效"]);
    expect(paper!.projects).toHaveLength(12);
  });

  it("gives a choose-n round its own instruction", async () => {
    const { sessionId, roundId } = await paperRound(5, { places: 3, form: "choose-n", secret: true });
    const [paper] = printedPapers((await paperPrintView(sessionId, roundId))!, 1);
    expect(paper!.form).toBe("choose-n");
    expect(paper!.instructions).toEqual(["请在赞成的项目后的方格内划“√”", "赞成的项目不能超过3个，否则选票无效"]);
  });

  it("has no papers for a tablet round, and no round of another session", async () => {
    const { sessionId, roundId } = await paperRound(2, { places: 2, form: "per-project", secret: true, medium: "tablet" });
    const view = (await paperPrintView(sessionId, roundId))!;
    expect(view.medium).toBe("tablet");
    expect(printedPapers(view, 10)).toEqual([]);
    expect(await paperPrintView(sessionId + 1000, roundId)).toBeNull();
  });
});
