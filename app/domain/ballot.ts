/**
 * What a deputy's marks amount to before they confirm: how many projects were marked, and whether
 * the ballot would be void (more yes marks than places in a competitive or choose-N round — Election
 * Law Art. 44 by analogy; the same rule tallyRound applies when counting).
 */
import type { BallotForm, Choice } from "./tally";

export interface BallotRules {
  form: BallotForm;
  places: number;
  candidates: string[];
}

export interface BallotReview {
  marked: number;
  unmarked: number;
  yes: number;
  no: number;
  abstain: number;
  /** More yes marks than places where that voids the ballot: the tablet warns before it is cast. */
  void: boolean;
}

/** A competitive slate (差额) has more candidates than places; choose-N always limits yes marks. */
export function limitsYesMarks(rules: BallotRules): boolean {
  return rules.form === "choose-n" || rules.candidates.length > rules.places;
}

export function reviewBallot(rules: BallotRules, choices: Partial<Record<string, Choice>>): BallotReview {
  let yes = 0;
  let no = 0;
  let abstain = 0;
  for (const id of rules.candidates) {
    const choice = choices[id];
    if (choice === "yes") yes += 1;
    else if (choice === "no") no += 1;
    else if (choice === "abstain") abstain += 1;
  }
  const marked = yes + no + abstain;
  const isVoid = limitsYesMarks(rules) && yes > rules.places;
  return {
    marked,
    unmarked: rules.candidates.length - marked,
    yes,
    no,
    abstain,
    void: isVoid,
  };
}
