/**
 * 计票 — counting one voting round (表决轮次) on the candidate slate of livelihood projects.
 *
 * Pure: plain data in, plain data out. The rules come from the Local Organization Law
 * (2022 revision) and, for void ballots, the Election Law by analogy; each rule below
 * names its article. Cost is O(ballots × marks) plus a sort of the passing projects.
 */
import { passThresholdFor, quorumFor } from "./quorum";

export { passThresholdFor, quorumFor } from "./quorum";

/** 赞成 / 反对 / 弃权. A project left unmarked on a ballot is 未表决 (not voted). */
export type Choice = "yes" | "no" | "abstain";

/**
 * Ballot form (选票式样): "per-project" asks yes/no/abstain on each project (the default);
 * "choose-n" (勾选) asks the deputy to tick up to N projects — a tick is a yes.
 */
export type BallotForm = "per-project" | "choose-n";

export interface RoundInput {
  seated: number; // 全体代表: seated deputies when the round opened
  present: number; // deputies present when the round opened
  places: number; // N, projects to select in this round
  candidates: string[]; // candidate ids in ballot order (M of them)
  form: BallotForm;
  ballots: Array<Partial<Record<string, Choice>>>; // one per ballot cast; a missing key = not voted on that project
}

export interface ProjectTally {
  id: string;
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
  passed: boolean;
  outcome: "selected" | "runoff" | "not-selected" | "failed";
}

export interface RoundResult {
  quorum: number;
  quorumMet: boolean;
  passThreshold: number;
  cast: number;
  valid: number;
  invalid: number;
  roundValid: boolean; // quorum met and no more ballots than deputies present
  projects: ProjectTally[]; // in candidate order
  selected: string[]; // by yes votes, highest first; equal votes keep candidate order
  runoff: string[]; // tied across the last place, in candidate order
  vacancies: number; // places left empty (0 while a run-off is pending)
}

const YES = 0;
const NO = 1;
const ABSTAIN = 2;
const VOID = -1;

export function tallyRound(input: RoundInput): RoundResult {
  const index = validateRound(input);
  const { seated, present, places, candidates, form, ballots } = input;
  const m = candidates.length;

  const quorum = quorumFor(seated);
  const passThreshold = passThresholdFor(seated);
  const quorumMet = present >= quorum;

  // Election Law Art. 44, applied by analogy as township rules do: "每一选票所选的人数，
  // 多于规定应选代表人数的作废". On a per-project ballot that can only happen when M > N
  // (差额); a choose-n ballot is held to it always.
  const chooseN = form === "choose-n";
  const yesCap = chooseN || m > places ? places : m;

  const counts = [new Uint32Array(m), new Uint32Array(m), new Uint32Array(m)];
  // Scratch for one ballot's marks, so a ballot found void halfway adds nothing.
  const markedAt = new Uint32Array(m);
  const markedAs = new Uint8Array(m);
  let valid = 0;
  for (const ballot of ballots) {
    const marks = readBallot(ballot, index, chooseN, yesCap, markedAt, markedAs);
    if (marks === VOID) continue;
    valid++;
    for (let k = 0; k < marks; k++) counts[markedAs[k]][markedAt[k]]++;
  }
  const cast = ballots.length;
  const yes = counts[YES];

  // Art. 14 (quorum), and Election Law Art. 44 by analogy: "每次选举所投的票数，多于投票
  // 人数的无效". Such a round decides nothing, though its counts stay on the record.
  const roundValid = quorumMet && cast <= present;

  // Art. 25: a project passes with a majority of ALL seated deputies.
  const passing: number[] = [];
  if (roundValid) {
    for (let i = 0; i < m; i++) if (yes[i] >= passThreshold) passing.push(i);
  }
  passing.sort((a, b) => yes[b] - yes[a] || a - b);

  let selectedCount = Math.min(passing.length, places);
  let runoffCount = 0;
  if (passing.length > places) {
    const lastYes = yes[passing[places - 1]];
    if (yes[passing[places]] === lastYes) {
      // Taking every project tied at the last place would exceed N: the tied ones go to a
      // run-off (再次票决) for the places left after those strictly above them, as the
      // Election Law has tied candidates voted on again (就票数相等的候选人再次投票).
      while (selectedCount > 0 && yes[passing[selectedCount - 1]] === lastYes) selectedCount--;
      let end = places;
      while (end < passing.length && yes[passing[end]] === lastYes) end++;
      runoffCount = end - selectedCount;
    }
  }

  const outcomes = new Array<ProjectTally["outcome"]>(m).fill("failed");
  for (const i of passing) outcomes[i] = "not-selected";
  const selected: string[] = [];
  for (let k = 0; k < selectedCount; k++) {
    outcomes[passing[k]] = "selected";
    selected.push(candidates[passing[k]]);
  }
  // Tied projects have equal yes votes, so the index tie-break already left them in
  // candidate order.
  const runoff: string[] = [];
  for (let k = selectedCount; k < selectedCount + runoffCount; k++) {
    outcomes[passing[k]] = "runoff";
    runoff.push(candidates[passing[k]]);
  }

  const projects: ProjectTally[] = candidates.map((id, i) => ({
    id,
    yes: yes[i],
    no: counts[NO][i],
    abstain: counts[ABSTAIN][i],
    notVoted: valid - yes[i] - counts[NO][i] - counts[ABSTAIN][i],
    passed: outcomes[i] !== "failed",
    outcome: outcomes[i],
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
    selected,
    runoff,
    vacancies: runoffCount > 0 ? 0 : places - selectedCount,
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
  ballot: Partial<Record<string, Choice>>,
  index: ReadonlyMap<string, number>,
  chooseN: boolean,
  yesCap: number,
  markedAt: Uint32Array,
  markedAs: Uint8Array,
): number {
  if (typeof ballot !== "object" || ballot === null) return VOID;
  let marks = 0;
  let yesMarks = 0;
  for (const id in ballot) {
    const choice: unknown = ballot[id];
    if (choice === undefined) continue;
    const at = index.get(id);
    if (at === undefined) return VOID; // names a project not on this round's slate
    let as: number;
    if (choice === "yes") {
      if (++yesMarks > yesCap) return VOID; // over-marked (Election Law Art. 44 by analogy)
      as = YES;
    } else if (chooseN) {
      return VOID; // a choose-n ballot carries ticks only
    } else if (choice === "no") {
      as = NO;
    } else if (choice === "abstain") {
      as = ABSTAIN;
    } else {
      return VOID; // not one of the three choices
    }
    // Object keys are unique, so at most M marks fit the scratch arrays.
    markedAt[marks] = at;
    markedAs[marks] = as;
    marks++;
  }
  return marks;
}

/** Rejects inputs no real round can have; returns candidate id → ballot position. */
function validateRound(input: RoundInput): Map<string, number> {
  const { seated, present, places, candidates, form, ballots } = input;
  if (!Number.isSafeInteger(seated)) throw new RangeError(`seated must be an integer, got ${seated}`);
  if (seated < 1) throw new RangeError(`seated must be at least 1, got ${seated}`);
  if (!Number.isSafeInteger(present)) throw new RangeError(`present must be an integer, got ${present}`);
  if (present < 0 || present > seated) {
    throw new RangeError(`present must be between 0 and seated (${seated}), got ${present}`);
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
    throw new RangeError(
      `places must be between 1 and candidates.length (${candidates.length}), got ${places}`,
    );
  }
  if (form !== "per-project" && form !== "choose-n") {
    throw new RangeError(`form must be "per-project" or "choose-n", got ${JSON.stringify(form)}`);
  }
  if (!Array.isArray(ballots)) throw new RangeError("ballots must be an array");
  return index;
}
