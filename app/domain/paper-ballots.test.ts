import { describe, expect, it } from "vitest";

import { compareEntries, refuseCountingEntries, refusePaper, refusePaperSettings, refusePapersIssued, type EnteredPaper } from "./paper-ballots";
import type { BallotMarks } from "./tally";

const secretPaper = (marks: BallotMarks): EnteredPaper => ({ seatNo: null, marks });
const seatPaper = (seatNo: number, marks: BallotMarks): EnteredPaper => ({ seatNo, marks });

describe("compareEntries, secret round (multisets of marks)", () => {
  const stack: EnteredPaper[] = [
    secretPaper({ p1: "yes", p2: "no" }),
    secretPaper({ p1: "yes", p2: "no" }),
    secretPaper({ p1: "abstain" }),
    secretPaper(null),
    secretPaper({}),
  ];

  it("the same papers in another order: no differences", () => {
    expect(compareEntries(true, stack, [...stack].reverse())).toEqual([]);
    expect(compareEntries(true, [], [])).toEqual([]);
  });

  it("one paper's marks differ: two differences, one row 1/0 and one 0/1", () => {
    const second = [...stack];
    second[2] = secretPaper({ p1: "no" });
    const differences = compareEntries(true, stack, second);
    expect(differences).toHaveLength(2);
    expect(differences).toContainEqual({ kind: "marks", marks: { p1: "abstain" }, first: 1, second: 0 });
    expect(differences).toContainEqual({ kind: "marks", marks: { p1: "no" }, first: 0, second: 1 });
  });

  it("a paper entered twice in one entry and once in the other differs by its count", () => {
    expect(compareEntries(true, stack, stack.slice(1))).toEqual([{ kind: "marks", marks: { p1: "yes", p2: "no" }, first: 2, second: 1 }]);
  });

  it("a void paper and an unmarked paper are different papers", () => {
    const differences = compareEntries(true, [secretPaper(null)], [secretPaper({})]);
    expect(differences).toHaveLength(2);
    expect(differences).toContainEqual({ kind: "marks", marks: null, first: 1, second: 0 });
    expect(differences).toContainEqual({ kind: "marks", marks: {}, first: 0, second: 1 });
  });

  it("an unmarked key equals a missing key; key order does not matter", () => {
    expect(compareEntries(true, [secretPaper({ p1: undefined })], [secretPaper({})])).toEqual([]);
    expect(compareEntries(true, [secretPaper({ p1: "yes", p2: "no" })], [secretPaper({ p2: "no", p1: "yes" })])).toEqual([]);
  });
});

describe("compareEntries, recorded round (by seat)", () => {
  const first = [seatPaper(3, { p1: "yes" }), seatPaper(7, { p1: "no" }), seatPaper(12, null)];

  it("the same papers entered in another order: no differences", () => {
    expect(compareEntries(false, first, [first[2]!, first[0]!, first[1]!])).toEqual([]);
  });

  it("a seat's marks differ: one difference naming the seat and both readings", () => {
    const second = [first[0]!, seatPaper(7, { p1: "abstain" }), first[2]!];
    expect(compareEntries(false, first, second)).toEqual([{ kind: "seat", seatNo: 7, first: { p1: "no" }, second: { p1: "abstain" } }]);
  });

  it("a seat missing from one entry: one difference with undefined on that side", () => {
    expect(compareEntries(false, first, first.slice(0, 2))).toEqual([{ kind: "seat", seatNo: 12, first: null, second: undefined }]);
    expect(compareEntries(false, first.slice(1), first)).toEqual([{ kind: "seat", seatNo: 3, first: undefined, second: { p1: "yes" } }]);
  });

  it("void vs unmarked on the same seat differ; undefined keys do not", () => {
    expect(compareEntries(false, [seatPaper(1, null)], [seatPaper(1, {})])).toEqual([{ kind: "seat", seatNo: 1, first: null, second: {} }]);
    expect(compareEntries(false, [seatPaper(1, { p1: undefined })], [seatPaper(1, {})])).toEqual([]);
  });
});

describe("refusePaper", () => {
  const entry = (papers: Array<[number, EnteredPaper]> = []) => ({ returned: 3, papers: new Map(papers) });

  it("a number up to the papers returned is accepted; one beyond refused", () => {
    expect(refusePaper(entry(), 3, secretPaper({}), null)).toBeNull();
    expect(refusePaper(entry(), 4, secretPaper({}), null)).toEqual({ code: "paper-over-returned", returned: 3 });
  });

  it("recorded: the paper must name a seat that was issued one", () => {
    const issued = new Set([3, 7, 12]);
    expect(refusePaper(entry(), 1, seatPaper(7, {}), issued)).toBeNull();
    expect(refusePaper(entry(), 1, secretPaper({}), issued)).toEqual({ code: "paper-seat-missing" });
    expect(refusePaper(entry(), 1, seatPaper(8, {}), issued)).toEqual({ code: "paper-seat-not-issued", seatNo: 8 });
  });

  it("recorded: a seat already entered under another number refused; re-saving the same number accepted", () => {
    const issued = new Set([3, 7, 12]);
    const entered = entry([[1, seatPaper(7, { p1: "yes" })]]);
    expect(refusePaper(entered, 2, seatPaper(7, {}), issued)).toEqual({ code: "paper-seat-entered", seatNo: 7, number: 1 });
    expect(refusePaper(entered, 1, seatPaper(7, { p1: "no" }), issued)).toBeNull();
    expect(refusePaper(entered, 2, seatPaper(3, {}), issued)).toBeNull();
  });
});

describe("refuseCountingEntries", () => {
  const papers = [secretPaper({ p1: "yes" }), secretPaper(null)];

  it("an entry missing a paper is incomplete", () => {
    expect(refuseCountingEntries(true, 2, papers, papers.slice(1))).toEqual({ code: "paper-entries-incomplete", first: 2, second: 1, returned: 2 });
    expect(refuseCountingEntries(true, 3, papers, papers)).toEqual({ code: "paper-entries-incomplete", first: 2, second: 2, returned: 3 });
  });

  it("complete entries that differ are refused with the number of differences", () => {
    expect(refuseCountingEntries(true, 2, papers, [papers[0]!, secretPaper({})])).toEqual({ code: "paper-entries-differ", differences: 2 });
    expect(refuseCountingEntries(false, 1, [seatPaper(1, {})], [seatPaper(1, { p1: "no" })])).toEqual({ code: "paper-entries-differ", differences: 1 });
  });

  it("complete entries that agree may be counted", () => {
    expect(refuseCountingEntries(true, 2, papers, [...papers].reverse())).toBeNull();
    expect(refuseCountingEntries(false, 2, [seatPaper(1, {}), seatPaper(2, null)], [seatPaper(2, null), seatPaper(1, {})])).toBeNull();
    expect(refuseCountingEntries(true, 0, [], [])).toBeNull();
  });
});

describe("refusePapersIssued and refusePaperSettings", () => {
  it("issued = present accepted; present + 1 refused", () => {
    expect(refusePapersIssued(40, 40)).toBeNull();
    expect(refusePapersIssued(0, 40)).toBeNull();
    expect(refusePapersIssued(41, 40)).toEqual({ code: "paper-issued-over-present", issued: 41, present: 40 });
  });

  it("totals entry only in a secret round; per-ballot in either", () => {
    expect(refusePaperSettings({ secret: true, entry: "totals" })).toBeNull();
    expect(refusePaperSettings({ secret: true, entry: "per-ballot" })).toBeNull();
    expect(refusePaperSettings({ secret: false, entry: "per-ballot" })).toBeNull();
    expect(refusePaperSettings({ secret: false, entry: "totals" })).toEqual({ code: "paper-totals-recorded" });
  });
});
