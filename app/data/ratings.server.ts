/**
 * 满意度测评: which of a township's projects are on a rating round, and the grades its published
 * rating rounds gave. A rating round is a round of form "rating" whose candidates are the projects
 * of an earlier session (decision 017).
 */
import { ratingCounts, type RateableProject, type RatingBasis, type SatisfactionGrade } from "~/domain/satisfaction";
import { selectedProjectsOf } from "./implementation.server";
import { parseResult } from "./round-result";
import { prisma } from "./sqlite.server";
import type { Tx } from "./transaction.server";

type Db = Tx | typeof prisma;

/** The projects on the township's rating rounds that were not voided, with the round that asks each. */
async function ratedProjects(db: Db, townshipId: number): Promise<Map<number, { round: number; session: string }>> {
  const rounds = await db.round.findMany({
    where: { form: "rating", status: { not: "voided" }, session: { townshipId } },
    select: { number: true, session: { select: { title: true } }, candidates: { select: { candidateId: true } } },
  });
  const rated = new Map<number, { round: number; session: string }>();
  for (const round of rounds) for (const { candidateId } of round.candidates) rated.set(candidateId, { round: round.number, session: round.session.title });
  return rated;
}

/** The projects the township selected in `year`, in slate order, each with the rating round that already asks it. */
export async function rateableProjectsOf(db: Db, townshipId: number, year: number): Promise<RateableProject[]> {
  const [selected, rated] = await Promise.all([selectedProjectsOf(db, townshipId, year), ratedProjects(db, townshipId)]);
  return selected.map((project) => ({ id: project.candidateId, name: project.name, ratedIn: rated.get(project.candidateId) ?? null }));
}

export interface ProjectRating {
  candidateId: number;
  grade: SatisfactionGrade;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  notRated: number;
  basis: RatingBasis;
  /** What the basis counted (the seated deputies, by default). */
  of: number;
  sessionId: number;
  noticeNo: number;
}

/** The grades published rating rounds gave these projects, by candidate id (a project is rated once). */
export async function ratingsOf(db: Db, candidateIds: readonly number[]): Promise<Map<number, ProjectRating>> {
  if (candidateIds.length === 0) return new Map();
  const rounds = await db.round.findMany({
    where: { form: "rating", status: "published", candidates: { some: { candidateId: { in: [...candidateIds] } } } },
    select: { sessionId: true, noticeNo: true, resultJson: true },
  });
  const wanted = new Set(candidateIds.map(String));
  const ratings = new Map<number, ProjectRating>();
  for (const round of rounds) {
    const result = parseResult(round.resultJson)!;
    for (const project of result.projects) {
      if (!wanted.has(project.id) || project.grade === undefined) continue;
      ratings.set(Number(project.id), {
        candidateId: Number(project.id),
        grade: project.grade,
        ...ratingCounts(project),
        notRated: project.notVoted,
        basis: result.rating!.basis,
        of: result.rating!.of,
        sessionId: round.sessionId,
        noticeNo: round.noticeNo!,
      });
    }
  }
  return ratings;
}
