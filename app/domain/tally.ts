/**
 * 计票 — counting one voting round (表决轮次) on the candidate slate of livelihood projects.
 *
 * Pure: plain data in, plain data out. The rules come from the Local Organization Law
 * (2022 revision) and, for void ballots, the Election Law by analogy; each rule below
 * names its article. Cost is O(ballots × marks) plus a sort of the passing projects.
 */
import { passThresholdFor, quorumFor } from "./quorum";
import { basisCount, gradeSatisfaction, ratingCounts, ratingThreshold, type RatingBasis, type SatisfactionGrade } from "./satisfaction";

export { passThresholdFor, quorumFor } from "./quorum";

/**
 * 赞成 / 反对 / 弃权. A project left unmarked on a ballot is 未表决 (not voted). A rating ballot
 * stores its 满意 / 基本满意 / 不满意 in the same three marks (satisfaction.ts RATING_MARKS).
 */
export type Choice = "yes" | "no" | "abstain";

/**
 * Ballot form (选票式样): "per-project" asks yes/no/abstain on each project (the default);
 * "choose-n" (勾选) asks the deputy to tick up to N projects — a tick is a yes; "rating"
 * (满意度测评) asks 满意 / 基本满意 / 不满意 on each of last year's projects and selects nothing.
 */
export type BallotForm = "per-project" | "choose-n" | "rating";

/**
 * One ballot's marks: candidate id → choice; a missing key = not voted on that project. `null` is
 * a paper ballot the tellers judged void as marked (unreadable, defaced): cast, adding nothing.
 */
export type BallotMarks = Partial<Record<string, Choice>> | null;

export interface TallySetting {
  seated: number; // 全体代表: seated deputies when the round opened
  present: number; // deputies present when the round opened
  /** 发出选票: ballots issued. A tablet round issues one to each deputy present, the default. */
  issued?: number;
  places: number; // N, projects to select in this round
  candidates: string[]; // candidate ids in ballot order (M of them)
  form: BallotForm;
  /** Rating rounds: what the grade's 过半数 counts (全体代表 when not given). */
  ratingBasis?: RatingBasis;
}

export interface RoundInput extends TallySetting {
  ballots: BallotMarks[]; // one per ballot cast (收回)
}

/** 赞成 / 反对 / 弃权 / 未表决 on one project, over the valid ballots. */
export interface MarkCounts {
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
}

/**
 * 汇总计票: what tellers who counted paper ballots by hand bring from their count sheets — the
 * ballots returned (收回), how many of them were void, and each project's marks on the valid ones.
 */
export interface TotalsInput extends TallySetting {
  cast: number;
  invalid: number;
  totals: Readonly<Record<string, MarkCounts>>; // one per candidate
}

export interface ProjectTally {
  id: string;
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
  passed: boolean;
  outcome: "selected" | "runoff" | "not-selected" | "failed" | "rated";
  /** Rating rounds that decide (quorum met): the project's grade. */
  grade?: SatisfactionGrade;
}

export interface RoundResult {
  quorum: number;
  quorumMet: boolean;
  passThreshold: number;
  cast: number;
  valid: number;
  invalid: number;
  roundValid: boolean; // quorum met and no more ballots returned than issued
  projects: ProjectTally[]; // in candidate order
  selected: string[]; // by yes votes, highest first; equal votes keep candidate order
  runoff: string[]; // tied across the last place, in candidate order
  vacancies: number; // places left empty (0 while a run-off is pending)
  /** Rating rounds: the basis of the grades and what it counted; passThreshold is its 过半数. */
  rating?: { basis: RatingBasis; of: number };
}

const VOID = -1;

export function tallyRound(input: RoundInput): RoundResult {
  const index = validateRound(input);
  const { candidates, form, ballots } = input;
  const m = candidates.length;

  // Election Law Art. 44, applied by analogy as township rules do: "每一选票所选的人数，
  // 多于规定应选代表人数的作废". On a per-project ballot that can only happen when M > N
  // (差额); a choose-n ballot is held to it always.
  const chooseN = form === "choose-n";
  const yesCap = yesMarksAllowed(input);

  const counts = candidates.map(() => ({ yes: 0, no: 0, abstain: 0 }));
  // Scratch for one ballot's marks, so a ballot found void halfway adds nothing.
  const markedAt = new Uint32Array(m);
  const markedAs = new Array<Choice>(m);
  let valid = 0;
  for (const ballot of ballots) {
    const marks = readBallot(ballot, index, chooseN, yesCap, markedAt, markedAs);
    if (marks === VOID) continue;
    valid++;
    // readBallot filled the first `marks` slots, each with a position below M and a choice.
    for (let k = 0; k < marks; k++) counts[markedAt[k]!]![markedAs[k]!]++;
  }
  return decide(input, ballots.length, valid, counts);
}

/**
 * The same tally from counts made by hand (汇总录入): it decides exactly as `tallyRound` does on
 * any set of ballots with these totals (tally.test.ts proves it on random rounds). Totals no set
 * of ballots can have are a RangeError here; `refuseTotals` says which, for the tellers.
 */
export function tallyTotals(input: TotalsInput): RoundResult {
  validateRound({ ...input, ballots: [] });
  const impossible = refuseTotals(input);
  if (impossible) throw new RangeError(`totals no ballots can have: ${JSON.stringify(impossible)}`);
  return decide(
    input,
    input.cast,
    input.cast - input.invalid,
    input.candidates.map((id) => input.totals[id]!),
  );
}

/** What a round is counted from: its ballots, or (汇总录入) the totals the tellers counted by hand. */
export type RoundCount = { kind: "ballots"; input: RoundInput } | { kind: "totals"; input: TotalsInput };

export function tallyCount(count: RoundCount): RoundResult {
  return count.kind === "totals" ? tallyTotals(count.input) : tallyRound(count.input);
}

/** How many yes marks a ballot may carry before it is void: N in a competitive or choose-N round. */
function yesMarksAllowed({ form, places, candidates }: Pick<TallySetting, "form" | "places" | "candidates">): number {
  return form === "choose-n" || candidates.length > places ? places : candidates.length;
}

/**
 * Why totals cannot be true — null when some set of ballots has them. Exact: per-project marks
 * that add up to the valid ballots, ticks only on a choose-N ballot, and no more yes marks in all
 * than the valid ballots may carry (a 0/1 table with these column sums and at most N per row
 * exists exactly when each column fits the rows and the sum fits N × rows).
 */
export function refuseTotals(input: Pick<TotalsInput, "cast" | "invalid" | "totals" | "candidates" | "places" | "form">): TotalsRefusal | null {
  const { cast, invalid, totals, candidates, form } = input;
  if (!Number.isSafeInteger(cast) || cast < 0 || !Number.isSafeInteger(invalid) || invalid < 0) return { code: "totals-not-counts" };
  if (invalid > cast) return { code: "totals-invalid-over-cast", invalid, cast };
  const valid = cast - invalid;
  let yes = 0;
  for (const [index, id] of candidates.entries()) {
    const project = totals[id];
    if (!project) return { code: "totals-project-missing", position: index + 1 };
    const marks = [project.yes, project.no, project.abstain, project.notVoted];
    if (!marks.every((count) => Number.isSafeInteger(count) && count >= 0)) return { code: "totals-not-counts" };
    const sum = project.yes + project.no + project.abstain + project.notVoted;
    if (sum !== valid) return { code: "totals-project-sum", position: index + 1, sum, valid };
    if (form === "choose-n" && project.no + project.abstain > 0) return { code: "totals-choose-n-marks", position: index + 1 };
    yes += project.yes;
  }
  const cap = yesMarksAllowed(input);
  if (yes > cap * valid) return { code: "totals-yes-over-places", yes, most: cap * valid, places: cap, valid };
  return null;
}

/** Why a set of totals is impossible (refuseTotals); the messages name the project by its number. */
export type TotalsRefusal =
  | { code: "totals-not-counts" }
  | { code: "totals-invalid-over-cast"; invalid: number; cast: number }
  | { code: "totals-project-missing"; position: number }
  | { code: "totals-project-sum"; position: number; sum: number; valid: number }
  | { code: "totals-choose-n-marks"; position: number }
  | { code: "totals-yes-over-places"; yes: number; most: number; places: number; valid: number };

/** The rules of the law applied to a round's counts, however they were made. */
function decide(setting: TallySetting, cast: number, valid: number, counts: ReadonlyArray<Omit<MarkCounts, "notVoted">>): RoundResult {
  const { seated, present, places, candidates } = setting;
  const issued = setting.issued ?? present;
  const quorum = quorumFor(seated);
  const passThreshold = passThresholdFor(seated);
  const quorumMet = present >= quorum;

  const tallies = candidates.map((id, position) => ({
    id,
    position,
    yes: counts[position]!.yes,
    no: counts[position]!.no,
    abstain: counts[position]!.abstain,
    outcome: "failed" as ProjectTally["outcome"],
  }));

  // Art. 14 (quorum), and Election Law Art. 44 by analogy: "每次选举所投的票数，多于投票
  // 人数的无效" — here, more ballots returned than issued. Such a round decides nothing, though
  // its counts stay on the record.
  const roundValid = quorumMet && cast <= issued;
  if (setting.form === "rating") return rate(setting, { quorum, quorumMet, cast, valid, roundValid }, tallies);

  // Art. 25: a project passes with a majority of ALL seated deputies.
  const passing = roundValid ? tallies.filter((tally) => tally.yes >= passThreshold) : [];
  passing.sort((a, b) => b.yes - a.yes || a.position - b.position);

  let selectedCount = Math.min(passing.length, places);
  let runoffCount = 0;
  if (passing.length > places) {
    const lastYes = passing[places - 1]!.yes;
    const above = passing.filter((tally) => tally.yes > lastYes).length;
    const tied = passing.filter((tally) => tally.yes === lastYes).length;
    if (above + tied > places) {
      // Taking every project tied at the last place would exceed N: the tied ones go to a
      // run-off (再次票决) for the places left after those strictly above them, as the
      // Election Law has tied candidates voted on again (就票数相等的候选人再次投票).
      selectedCount = above;
      runoffCount = tied;
    }
  }

  for (const tally of passing) tally.outcome = "not-selected";
  const selected = passing.slice(0, selectedCount);
  for (const tally of selected) tally.outcome = "selected";
  // Tied projects have equal yes votes, so the position tie-break already left them in
  // candidate order.
  const runoff = passing.slice(selectedCount, selectedCount + runoffCount);
  for (const tally of runoff) tally.outcome = "runoff";

  const projects: ProjectTally[] = tallies.map(({ id, yes, no, abstain, outcome }) => ({
    id,
    yes,
    no,
    abstain,
    notVoted: valid - yes - no - abstain,
    passed: outcome !== "failed",
    outcome,
  }));

  return {
    quorum,
    quorumMet,
    passThreshold,
    cast,
    valid,
    invalid: cast - valid,
    roundValid,
    projects,
    selected: selected.map((tally) => tally.id),
    runoff: runoff.map((tally) => tally.id),
    vacancies: runoffCount > 0 ? 0 : places - selectedCount,
  };
}

/**
 * 满意度测评: each project's counts and, when the round decides (quorum met, no more papers returned
 * than issued), its grade against the basis. Nothing is selected and nothing goes to a run-off.
 */
function rate(
  setting: TallySetting,
  round: Pick<RoundResult, "quorum" | "quorumMet" | "cast" | "valid" | "roundValid">,
  tallies: ReadonlyArray<{ id: string; yes: number; no: number; abstain: number }>,
): RoundResult {
  const basis = setting.ratingBasis ?? "all";
  const of = basisCount(basis, { seated: setting.seated, present: setting.present, valid: round.valid });
  const projects: ProjectTally[] = tallies.map(({ id, yes, no, abstain }) => ({
    id,
    yes,
    no,
    abstain,
    notVoted: round.valid - yes - no - abstain,
    passed: false,
    outcome: "rated",
    ...(round.roundValid ? { grade: gradeSatisfaction(ratingCounts({ yes, no, abstain }), of) } : {}),
  }));
  return {
    ...round,
    passThreshold: ratingThreshold(of),
    invalid: round.cast - round.valid,
    projects,
    selected: [],
    runoff: [],
    vacancies: 0,
    rating: { basis, of },
  };
}

/**
 * Reads one ballot into the scratch arrays and returns how many marks it holds, or VOID.
 *
 * Walks the ballot's own keys rather than every candidate, so a ballot with few marks
 * costs little and an unknown key is caught in the same pass. A key whose value is
 * `undefined` is treated like a missing key (not voted), as `Partial<Record>` allows it.
 */
function readBallot(
  ballot: BallotMarks,
  index: ReadonlyMap<string, number>,
  chooseN: boolean,
  yesCap: number,
  markedAt: Uint32Array,
  markedAs: Choice[],
): number {
  if (typeof ballot !== "object" || ballot === null) return VOID;
  let marks = 0;
  let yesMarks = 0;
  for (const id in ballot) {
    const choice: unknown = ballot[id];
    if (choice === undefined) continue;
    const at = index.get(id);
    if (at === undefined) return VOID; // names a project not on this round's slate
    if (choice === "yes") {
      if (++yesMarks > yesCap) return VOID; // over-marked (Election Law Art. 44 by analogy)
    } else if (chooseN) {
      return VOID; // a choose-n ballot carries ticks only
    } else if (choice !== "no" && choice !== "abstain") {
      return VOID; // not one of the three choices
    }
    // Object keys are unique, so at most M marks fit the scratch arrays.
    markedAt[marks] = at;
    markedAs[marks] = choice;
    marks++;
  }
  return marks;
}

/** Rejects inputs no real round can have; returns candidate id → ballot position. */
function validateRound(input: RoundInput): Map<string, number> {
  const { seated, present, issued, places, candidates, form, ballots } = input;
  if (!Number.isSafeInteger(seated)) throw new RangeError(`seated must be an integer, got ${seated}`);
  if (seated < 1) throw new RangeError(`seated must be at least 1, got ${seated}`);
  if (!Number.isSafeInteger(present)) throw new RangeError(`present must be an integer, got ${present}`);
  if (present < 0 || present > seated) {
    throw new RangeError(`present must be between 0 and seated (${seated}), got ${present}`);
  }
  if (issued !== undefined && (!Number.isSafeInteger(issued) || issued < 0 || issued > present)) {
    throw new RangeError(`issued must be between 0 and present (${present}), got ${issued}`);
  }
  if (!Array.isArray(candidates)) throw new RangeError("candidates must be an array of ids");
  const index = new Map<string, number>();
  candidates.forEach((id, i) => {
    if (typeof id !== "string") throw new RangeError(`candidates must be string ids, got ${String(id)} at ${i}`);
    if (index.has(id)) throw new RangeError(`candidates must not repeat an id, got "${id}" twice`);
    index.set(id, i);
  });
  if (!Number.isSafeInteger(places)) throw new RangeError(`places must be an integer, got ${places}`);
  if (places < 1 || places > candidates.length) {
    throw new RangeError(`places must be between 1 and candidates.length (${candidates.length}), got ${places}`);
  }
  if (form !== "per-project" && form !== "choose-n" && form !== "rating") {
    throw new RangeError(`form must be "per-project", "choose-n" or "rating", got ${JSON.stringify(form)}`);
  }
  if (form === "rating" && places !== candidates.length) {
    throw new RangeError(`a rating round asks every project: places must be candidates.length (${candidates.length}), got ${places}`);
  }
  if (!Array.isArray(ballots)) throw new RangeError("ballots must be an array");
  return index;
}
