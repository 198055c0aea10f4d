import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { limitsYesMarks, reviewBallot } from "./ballot";
import {
  quorumFor,
  refuseTotals,
  tallyRound,
  tallyTotals,
  type BallotForm,
  type BallotMarks,
  type Choice,
  type MarkCounts,
  type RoundInput,
  type TotalsInput,
} from "./tally";

type Ballot = Partial<Record<string, Choice>>;

interface Column {
  yes: number;
  no?: number;
  abstain?: number;
}

/**
 * Builds `cast` ballots carrying exactly the given marks per project. Each project's yes
 * marks go to the ballots holding the fewest yes marks so far, so no ballot holds more
 * than ceil(total yes / cast) of them and stays valid whenever that fits the places.
 */
function ballotsFor(candidates: string[], columns: Column[], cast: number): Ballot[] {
  const ballots: Ballot[] = Array.from({ length: cast }, () => ({}));
  const yesLoad = new Array<number>(cast).fill(0);
  columns.forEach((column, j) => {
    const id = candidates[j]!;
    const order = [...yesLoad.keys()].sort((a, b) => yesLoad[a]! - yesLoad[b]! || a - b);
    const hasYes = new Set(order.slice(0, column.yes));
    for (const b of hasYes) {
      ballots[b]![id] = "yes";
      yesLoad[b]!++;
    }
    const others = order.filter((b) => !hasYes.has(b));
    const no = column.no ?? 0;
    const abstain = column.abstain ?? 0;
    if (column.yes + no + abstain > cast) throw new Error(`column ${id} holds more marks than ballots`);
    others.slice(0, no).forEach((b) => (ballots[b]![id] = "no"));
    others.slice(no, no + abstain).forEach((b) => (ballots[b]![id] = "abstain"));
  });
  return ballots;
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

/** A one-project equal-slate round in which `yes` deputies vote yes and the rest no. */
function singleProject(seated: number, present: number, yes: number, cast = present): RoundInput {
  const ballots: Ballot[] = Array.from({ length: cast }, (_, i) => ({ p1: i < yes ? "yes" : "no" }));
  return { seated, present, places: 1, candidates: ["p1"], form: "per-project", ballots };
}

describe("quorum and pass threshold at every township size (1–160 seated)", () => {
  const sizes = Array.from({ length: 160 }, (_, i) => i + 1);

  it("computes quorum as ceil(2s/3) and the threshold as floor(s/2)+1", () => {
    for (const seated of sizes) {
      const r = tallyRound(singleProject(seated, seated, 0));
      expect(r.quorum).toBe(Math.ceil((2 * seated) / 3));
      expect(r.passThreshold).toBe(Math.floor(seated / 2) + 1);
      // Any quorum can pass a project unanimously: the law never deadlocks a valid session.
      expect(r.quorum).toBeGreaterThanOrEqual(r.passThreshold);
    }
    expect(quorumFor(45)).toBe(30);
    expect(quorumFor(160)).toBe(107);
  });

  it("one below quorum selects nothing; at and above quorum the round stands", () => {
    for (const seated of sizes) {
      const quorum = quorumFor(seated);
      if (quorum - 1 >= 0) {
        // Everyone present votes yes, which would pass were the quorum met.
        const below = tallyRound(singleProject(seated, quorum - 1, quorum - 1));
        expect(below.quorumMet, `seated ${seated}`).toBe(false);
        expect(below.roundValid).toBe(false);
        expect(below.selected).toEqual([]);
        expect(below.vacancies).toBe(1);
        expect(below.projects[0]).toMatchObject({ yes: quorum - 1, passed: false, outcome: "failed" });
      }
      const at = tallyRound(singleProject(seated, quorum, quorum));
      expect(at.quorumMet, `seated ${seated}`).toBe(true);
      expect(at.roundValid).toBe(true);
      expect(at.selected).toEqual(["p1"]);
      if (quorum + 1 <= seated) {
        const above = tallyRound(singleProject(seated, quorum + 1, quorum + 1));
        expect(above.quorumMet).toBe(true);
        expect(above.selected).toEqual(["p1"]);
      }
    }
  });

  it("fails a project one vote short of a majority of all deputies, passes it at and above", () => {
    for (const seated of sizes) {
      const threshold = Math.floor(seated / 2) + 1;
      // Full attendance, so the threshold is tested against seated, not present.
      for (const yes of [threshold - 1, threshold, threshold + 1]) {
        if (yes < 0 || yes > seated) continue;
        const r = tallyRound(singleProject(seated, seated, yes));
        const passes = yes >= threshold;
        expect(r.projects[0]!.passed, `seated ${seated}, yes ${yes}`).toBe(passes);
        expect(r.projects[0]!.outcome).toBe(passes ? "selected" : "failed");
        expect(r.vacancies).toBe(passes ? 0 : 1);
      }
    }
  });

  it("counts the majority against all seated deputies, not those present", () => {
    for (const seated of sizes) {
      const quorum = quorumFor(seated);
      const threshold = Math.floor(seated / 2) + 1;
      if (threshold - 1 < 1) continue;
      // A majority of those present (and of valid ballots), but short of all deputies.
      const r = tallyRound(singleProject(seated, quorum, threshold - 1));
      if ((threshold - 1) * 2 > quorum) {
        expect(r.projects[0]!.passed, `seated ${seated}`).toBe(false);
      }
    }
  });

  it("accepts as many ballots as deputies present and voids the round at one more", () => {
    for (const seated of sizes) {
      const present = quorumFor(seated);
      expect(tallyRound(singleProject(seated, present, present, present)).roundValid).toBe(true);
      const over = tallyRound(singleProject(seated, present, present + 1, present + 1));
      expect(over.roundValid, `seated ${seated}`).toBe(false);
      expect(over.quorumMet).toBe(true);
      expect(over.selected).toEqual([]);
      expect(over.vacancies).toBe(1);
      expect(over.projects[0]).toMatchObject({ yes: present + 1, passed: false, outcome: "failed" });
    }
  });
});

describe("worked examples", () => {
  it("12 candidates for 10 places: top ten by yes votes, the 11th passes but is ranked out", () => {
    // Candidate order deliberately differs from the ranking.
    const candidates = ids(12);
    const yes = [33, 41, 25, 40, 20, 39, 38, 37, 30, 36, 35, 34];
    const ballots = ballotsFor(
      candidates,
      yes.map((y) => ({ yes: y, no: 43 - y - 1, abstain: 1 })),
      43,
    );
    const r = tallyRound({ seated: 45, present: 43, places: 10, candidates, form: "per-project", ballots });
    expect(r).toMatchObject({ quorum: 30, quorumMet: true, passThreshold: 23, cast: 43, valid: 43, invalid: 0 });
    expect(r.selected).toEqual(["p2", "p4", "p6", "p7", "p8", "p10", "p11", "p12", "p1", "p9"]);
    expect(r.runoff).toEqual([]);
    expect(r.vacancies).toBe(0);
    expect(r.projects.map((p) => p.yes)).toEqual(yes);
    expect(r.projects[2]).toMatchObject({ id: "p3", yes: 25, passed: true, outcome: "not-selected" });
    expect(r.projects[4]).toMatchObject({ id: "p5", yes: 20, no: 22, abstain: 1, passed: false, outcome: "failed" });
  });

  it("5 for 3 with a tie across the third place: the tied go to a run-off", () => {
    const candidates = ids(5);
    const ballots = ballotsFor(candidates, [{ yes: 25 }, { yes: 35 }, { yes: 5, no: 30 }, { yes: 25 }, { yes: 33 }], 42);
    const r = tallyRound({ seated: 45, present: 42, places: 3, candidates, form: "per-project", ballots });
    expect(r.invalid).toBe(0);
    expect(r.selected).toEqual(["p2", "p5"]);
    expect(r.runoff).toEqual(["p1", "p4"]);
    expect(r.vacancies).toBe(0);
    expect(r.projects.map((p) => p.outcome)).toEqual(["runoff", "selected", "failed", "runoff", "selected"]);
  });

  it("a tie inside the places, or one that exactly fills them, needs no run-off", () => {
    const candidates = ids(5);
    const run = (yes: number[]) => {
      const ballots = ballotsFor(
        candidates,
        yes.map((y) => ({ yes: y })),
        45,
      );
      const r = tallyRound({ seated: 45, present: 45, places: 3, candidates, form: "per-project", ballots });
      expect(r.invalid).toBe(0);
      return r;
    };
    const inside = run([30, 40, 40, 0, 24]);
    expect(inside.selected).toEqual(["p2", "p3", "p1"]);
    expect(inside.runoff).toEqual([]);
    expect(inside.projects[4]!.outcome).toBe("not-selected");

    const fills = run([30, 40, 5, 30, 10]);
    expect(fills.selected).toEqual(["p2", "p1", "p4"]);
    expect(fills.vacancies).toBe(0);

    // Tied at the last place but below the threshold: they simply fail, the place stays vacant.
    const below = run([40, 38, 20, 20, 5]);
    expect(below.selected).toEqual(["p1", "p2"]);
    expect(below.runoff).toEqual([]);
    expect(below.vacancies).toBe(1);
  });

  it("a tie across every place sends all the tied projects to a run-off", () => {
    const candidates = ids(4);
    const ballots = ballotsFor(candidates, [{ yes: 24 }, { yes: 24 }, { yes: 24 }, { yes: 1 }], 40);
    const r = tallyRound({ seated: 45, present: 40, places: 2, candidates, form: "per-project", ballots });
    expect(r.invalid).toBe(0);
    expect(r.selected).toEqual([]);
    expect(r.runoff).toEqual(["p1", "p2", "p3"]);
    expect(r.vacancies).toBe(0);
  });

  it("an equal slate (等额) of 5: one project rejected 0–43 leaves one place vacant", () => {
    const candidates = ids(5);
    const ballots = ballotsFor(candidates, [{ yes: 43 }, { yes: 41, no: 2 }, { yes: 0, no: 43 }, { yes: 39, abstain: 4 }, { yes: 23, no: 20 }], 43);
    const r = tallyRound({ seated: 45, present: 43, places: 5, candidates, form: "per-project", ballots });
    // Unanimous yes ballots carry 4 yes marks for 5 places: in 等额 no ballot can be over-marked.
    expect(r.invalid).toBe(0);
    expect(r.selected).toEqual(["p1", "p2", "p4", "p5"]);
    expect(r.projects[2]).toMatchObject({ yes: 0, no: 43, abstain: 0, notVoted: 0, passed: false, outcome: "failed" });
    expect(r.vacancies).toBe(1);
  });

  it("an equal slate ballot marking yes on every project is valid", () => {
    const candidates = ids(3);
    const all: Ballot = { p1: "yes", p2: "yes", p3: "yes" };
    const r = tallyRound({
      seated: 3,
      present: 3,
      places: 3,
      candidates,
      form: "per-project",
      ballots: [all, all, all],
    });
    expect(r.valid).toBe(3);
    expect(r.selected).toEqual(["p1", "p2", "p3"]);
  });

  it("a competitive ballot with more yes marks than places is void and counts for nothing", () => {
    const candidates = ids(5);
    const ballots: Ballot[] = [
      { p1: "yes", p2: "yes", p3: "yes" },
      { p1: "yes", p2: "yes", p3: "yes", p4: "yes", p5: "no" }, // 4 yes for 3 places
      { p1: "no", p4: "abstain" },
    ];
    const r = tallyRound({ seated: 5, present: 4, places: 3, candidates, form: "per-project", ballots });
    expect(r).toMatchObject({ cast: 3, valid: 2, invalid: 1, roundValid: true });
    expect(r.projects[0]).toMatchObject({ yes: 1, no: 1, abstain: 0, notVoted: 0 });
    expect(r.projects[3]).toMatchObject({ yes: 0, no: 0, abstain: 1, notVoted: 1 });
    expect(r.projects[4]).toMatchObject({ yes: 0, no: 0, abstain: 0, notVoted: 2 });
  });

  it("voids ballots naming an unknown project or carrying an unknown choice", () => {
    const candidates = ids(2);
    const ballots = [
      { p1: "yes" },
      { p1: "yes", ghost: "no" },
      { p1: "Yes" },
      { p2: 1 },
      { p1: null },
      { p1: "yes", p2: undefined }, // undefined is the same as unmarked
      {},
    ] as unknown as Ballot[];
    const r = tallyRound({ seated: 9, present: 7, places: 1, candidates, form: "per-project", ballots });
    expect(r).toMatchObject({ cast: 7, valid: 3, invalid: 4 });
    expect(r.projects[0]).toMatchObject({ yes: 2, notVoted: 1 });
    expect(r.projects[1]).toMatchObject({ yes: 0, notVoted: 3 });
  });

  it("quorum exactly met: 30 of 45 present is a valid round", () => {
    const candidates = ids(3);
    const ballots = ballotsFor(candidates, [{ yes: 24 }, { yes: 23, no: 7 }, { yes: 13, no: 17 }], 30);
    const r = tallyRound({ seated: 45, present: 30, places: 2, candidates, form: "per-project", ballots });
    expect(r).toMatchObject({ quorum: 30, quorumMet: true, roundValid: true, passThreshold: 23, invalid: 0 });
    expect(r.selected).toEqual(["p1", "p2"]);
    expect(r.projects[2]).toMatchObject({ passed: false, outcome: "failed" });
  });

  it("more ballots than deputies present voids the round but keeps its counts", () => {
    const candidates = ids(3);
    const ballots = ballotsFor(candidates, [{ yes: 41 }, { yes: 39 }, { yes: 2 }], 41);
    const r = tallyRound({ seated: 45, present: 40, places: 2, candidates, form: "per-project", ballots });
    expect(r).toMatchObject({ quorumMet: true, roundValid: false, cast: 41, valid: 41, vacancies: 2 });
    expect(r.selected).toEqual([]);
    expect(r.runoff).toEqual([]);
    expect(r.projects.map((p) => [p.yes, p.passed, p.outcome])).toEqual([
      [41, false, "failed"],
      [39, false, "failed"],
      [2, false, "failed"],
    ]);
  });

  it("choose-n: ticks are yes votes; a 'no' mark or too many ticks voids the ballot", () => {
    const candidates = ids(4);
    const ballots: Ballot[] = [
      { p1: "yes", p2: "yes" },
      { p1: "yes" },
      { p1: "yes", p3: "no" }, // choose-n carries ticks only
      { p2: "yes", p3: "abstain" },
      { p1: "yes", p2: "yes", p3: "yes" }, // 3 ticks for 2 places
      {},
    ];
    const r = tallyRound({ seated: 7, present: 6, places: 2, candidates, form: "choose-n", ballots });
    expect(r).toMatchObject({ cast: 6, valid: 3, invalid: 3 });
    expect(r.projects[0]).toMatchObject({ yes: 2, no: 0, abstain: 0, notVoted: 1 });
    expect(r.projects[1]).toMatchObject({ yes: 1, notVoted: 2 });
    expect(r.selected).toEqual([]); // 2 yes of 7 seated is no majority
    expect(r.vacancies).toBe(2);
  });

  it("choose-n on an equal slate accepts a tick on every project", () => {
    const r = tallyRound({
      seated: 3,
      present: 3,
      places: 2,
      candidates: ids(2),
      form: "choose-n",
      ballots: [{ p1: "yes", p2: "yes" }, { p1: "yes", p2: "yes" }, { p1: "yes" }],
    });
    expect(r.valid).toBe(3);
    expect(r.selected).toEqual(["p1", "p2"]);
  });
});

describe("inputs that make no sense", () => {
  const base: RoundInput = { seated: 45, present: 40, places: 2, candidates: ids(3), form: "per-project", ballots: [] };
  const cases: Array<[string, Partial<RoundInput>, RegExp]> = [
    ["seated 0", { seated: 0, present: 0 }, /^seated must be at least 1, got 0$/],
    ["seated fractional", { seated: 44.5 }, /^seated must be an integer, got 44\.5$/],
    ["seated NaN", { seated: Number.NaN }, /^seated /],
    ["present negative", { present: -1 }, /^present must be between 0 and seated \(45\), got -1$/],
    ["present above seated", { present: 46 }, /^present must be between 0 and seated \(45\), got 46$/],
    ["present fractional", { present: 39.5 }, /^present must be an integer/],
    ["places 0", { places: 0 }, /^places must be between 1 and candidates\.length \(3\), got 0$/],
    ["places above M", { places: 4 }, /^places must be between 1 and candidates\.length \(3\), got 4$/],
    ["places fractional", { places: 1.5 }, /^places must be an integer/],
    ["places infinite", { places: Number.POSITIVE_INFINITY }, /^places /],
    ["no candidates", { candidates: [], places: 1 }, /^places must be between 1 and candidates\.length \(0\)/],
    ["duplicate candidates", { candidates: ["a", "b", "a"] }, /^candidates must not repeat an id, got "a" twice$/],
    ["non-string candidate", { candidates: ["a", 7 as unknown as string] }, /^candidates /],
    ["unknown form", { form: "ranked" as BallotForm }, /^form must be/],
    ["ballots not an array", { ballots: null as unknown as Ballot[] }, /^ballots /],
  ];
  it.each(cases)("throws a RangeError naming the field: %s", (_, patch, message) => {
    expect(() => tallyRound({ ...base, ...patch })).toThrow(RangeError);
    expect(() => tallyRound({ ...base, ...patch })).toThrow(message);
  });
});

describe("properties", () => {
  const markArb = (form: BallotForm): fc.Arbitrary<Choice | undefined> =>
    form === "choose-n"
      ? fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant<Choice>("no") })
      : fc.constantFrom<Choice | undefined>(undefined, "no", "no", "abstain");

  /** A ballot: up to N (sometimes more) yes marks, other marks elsewhere, rarely junk. */
  const ballotArb = (candidates: string[], places: number, form: BallotForm): fc.Arbitrary<Ballot> =>
    fc
      .record({
        // Deputies mostly use every vote they have; some use fewer, a few too many.
        yesIds: fc.oneof(
          { weight: 6, arbitrary: fc.shuffledSubarray(candidates, { minLength: places, maxLength: places }) },
          { weight: 2, arbitrary: fc.subarray(candidates, { maxLength: places }) },
          { weight: 1, arbitrary: fc.subarray(candidates) },
        ),
        rest: fc.array(markArb(form), { minLength: candidates.length, maxLength: candidates.length }),
        junk: fc.oneof(
          { weight: 40, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.constantFrom<[string, unknown]>(["ghost", "yes"], [candidates[0]!, "YES"]) },
        ),
      })
      .map(({ yesIds, rest, junk }) => {
        const ballot: Record<string, unknown> = {};
        candidates.forEach((id, j) => {
          if (rest[j] !== undefined) ballot[id] = rest[j];
        });
        for (const id of yesIds) ballot[id] = "yes";
        if (junk) ballot[junk[0]] = junk[1];
        return ballot as Ballot;
      });

  /**
   * Rounds where deputies vote in blocs (ballots copy one of a few templates), so that
   * projects really pass, tie and get ranked out; with some quorum failures and
   * over-full ballot boxes.
   */
  const blocRoundArb: fc.Arbitrary<RoundInput> = fc
    .record({
      seated: fc.integer({ min: 1, max: 30 }),
      m: fc.integer({ min: 1, max: 7 }),
      form: fc.constantFrom<BallotForm>("per-project", "per-project", "choose-n"),
    })
    .chain(({ seated, m, form }) => {
      const quorum = quorumFor(seated);
      const candidates = ids(m);
      return fc
        .record({
          present: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: quorum, max: seated }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: seated }) }),
          // Slates a place or two larger than the places are where ranking and ties bite.
          places: fc.oneof({ weight: 2, arbitrary: fc.integer({ min: Math.max(1, m - 2), max: m }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: m }) }),
        })
        .chain(({ present, places }) => {
          const ballot = ballotArb(candidates, places, form);
          // Most ballot boxes hold about one ballot per deputy present; some hold fewer,
          // and a few hold more than the deputies present.
          const cast = fc.oneof(
            { weight: 6, arbitrary: fc.integer({ min: Math.max(0, present - 2), max: present }) },
            { weight: 2, arbitrary: fc.integer({ min: 0, max: present }) },
            { weight: 1, arbitrary: fc.integer({ min: present + 1, max: present + 2 }) },
          );
          return fc
            .record({ templates: fc.array(ballot, { minLength: 1, maxLength: 5 }), cast })
            .chain(({ templates, cast }) =>
              // Most ballots copy one bloc's template; one in six is the deputy's own.
              fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...templates).map((t) => ({ ...t })) }, { weight: 1, arbitrary: ballot }), {
                minLength: cast,
                maxLength: cast,
              }),
            )
            .map((ballots) => ({ seated, present, places, candidates, form, ballots }));
        });
    });

  /**
   * Competitive rounds built from target vote counts, the shape of a real 12-for-10 round:
   * often more projects clear the threshold than there are places, with yes counts just
   * above the threshold so that ties at the last place are common.
   * Every ballot stays within the places (ballotsFor spreads the yes marks evenly).
   */
  const countedRoundArb: fc.Arbitrary<RoundInput> = fc
    .record({
      seated: fc.integer({ min: 3, max: 40 }),
      m: fc.integer({ min: 2, max: 12 }),
      form: fc.constantFrom<BallotForm>("per-project", "per-project", "choose-n"),
    })
    .chain(({ seated, m, form }) =>
      fc
        .record({
          present: fc.integer({ min: quorumFor(seated), max: seated }),
          places: fc.integer({ min: Math.ceil(m / 2), max: m - 1 }),
        })
        .chain(({ present, places }) => {
          const threshold = Math.floor(seated / 2) + 1;
          const cast = present;
          const budget = places * cast; // yes marks that fit on the ballots
          const maxStrong = Math.min(m, Math.floor(budget / threshold));
          const column = fc.array(fc.nat(cast), { minLength: m, maxLength: m });
          return fc
            .record({
              strong: fc.oneof(
                {
                  weight: 3,
                  arbitrary: fc.integer({ min: Math.min(places + 1, maxStrong), max: Math.min(places + 2, maxStrong) }),
                },
                { weight: 1, arbitrary: fc.integer({ min: 0, max: maxStrong }) },
              ),
              // Margins over the threshold; few distinct values, so ties and gaps both occur.
              margin: fc.array(fc.noBias(fc.integer({ min: 0, max: 3 })), { minLength: m, maxLength: m }),
              weak: fc.array(fc.nat(threshold - 1), { minLength: m, maxLength: m }),
              order: fc.shuffledSubarray([...Array(m).keys()], { minLength: m, maxLength: m }),
              no: column,
              abstain: column,
            })
            .map(({ strong, margin, weak, order, no, abstain }) => {
              const yes = new Array<number>(m).fill(0);
              const strongOnes = order.slice(0, strong);
              for (const j of strongOnes) yes[j] = Math.min(cast, threshold + margin[j]!);
              // Trim the largest until the yes marks fit the ballots (maxStrong guarantees they can).
              while (yes.reduce((a, b) => a + b, 0) > budget) {
                const top = strongOnes.reduce((a, b) => (yes[b]! > yes[a]! ? b : a));
                yes[top]!--;
              }
              let left = budget - yes.reduce((a, b) => a + b, 0);
              for (const j of order.slice(strong)) {
                yes[j] = Math.min(weak[j]!, left);
                left -= yes[j];
              }
              const columns = yes.map((y, j) => {
                if (form === "choose-n") return { yes: y };
                const n = Math.min(no[j]!, cast - y);
                return { yes: y, no: n, abstain: Math.min(abstain[j]!, cast - y - n) };
              });
              const candidates = ids(m);
              return { seated, present, places, candidates, form, ballots: ballotsFor(candidates, columns, cast) };
            });
        }),
    );

  const roundArb = fc.oneof(blocRoundArb, countedRoundArb);

  const numRuns = 500;

  it("the generator reaches run-offs, vacancies, ranked-out and void rounds", () => {
    const rounds = fc.sample(roundArb, { numRuns: 2000, seed: 42 }).map((input) => ({ input, r: tallyRound(input) }));
    const share = (seen: (round: (typeof rounds)[number]) => boolean) => rounds.filter(seen).length / rounds.length;
    // Each kind of outcome must turn up often enough for 500 runs of a property to meet it.
    expect(share(({ r }) => r.runoff.length > 0)).toBeGreaterThan(0.05);
    expect(share(({ r }) => r.projects.some((p) => p.outcome === "not-selected"))).toBeGreaterThan(0.05);
    expect(share(({ r }) => r.roundValid && r.vacancies > 0 && r.selected.length > 0)).toBeGreaterThan(0.05);
    expect(share(({ r, input }) => r.selected.length === input.places)).toBeGreaterThan(0.05);
    expect(share(({ r }) => !r.quorumMet)).toBeGreaterThan(0.02);
    expect(share(({ r }) => r.quorumMet && !r.roundValid)).toBeGreaterThan(0.02);
    expect(share(({ r }) => r.invalid > 0 && r.valid > 0)).toBeGreaterThan(0.05);
  });

  it("selects no more than the places, and only projects that passed", () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const r = tallyRound(input);
        expect(r.selected.length).toBeLessThanOrEqual(input.places);
        for (const id of r.selected) {
          const p = r.projects.find((q) => q.id === id)!;
          expect(p.passed).toBe(true);
          expect(p.outcome).toBe("selected");
          expect(p.yes).toBeGreaterThanOrEqual(r.passThreshold);
        }
        for (const p of r.projects) {
          expect(p.passed).toBe(p.outcome !== "failed");
          if (p.passed) expect(r.roundValid).toBe(true);
        }
      }),
      { numRuns },
    );
  });

  it("accounts for every place: vacancies = places − selected, or 0 with a run-off pending", () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const r = tallyRound(input);
        if (r.runoff.length === 0) {
          expect(r.vacancies).toBe(input.places - r.selected.length);
        } else {
          expect(r.vacancies).toBe(0);
          // The tied share one vote count and together overflow the places left.
          const tied = r.projects.filter((p) => p.outcome === "runoff");
          expect(tied.map((p) => p.id)).toEqual(r.runoff);
          expect(new Set(tied.map((p) => p.yes)).size).toBe(1);
          expect(r.selected.length).toBeLessThan(input.places);
          expect(r.selected.length + r.runoff.length).toBeGreaterThan(input.places);
        }
        if (!r.roundValid) {
          expect(r.selected).toEqual([]);
          expect(r.runoff).toEqual([]);
          expect(r.vacancies).toBe(input.places);
        }
      }),
      { numRuns },
    );
  });

  it("ranks selected by yes votes and never leaves out a project with more votes", () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const r = tallyRound(input);
        const yes = new Map(r.projects.map((p) => [p.id, p.yes]));
        const selectedYes = r.selected.map((id) => yes.get(id)!);
        expect(selectedYes).toEqual([...selectedYes].sort((a, b) => b - a));
        const lowestSelected = Math.min(...selectedYes);
        for (const p of r.projects) {
          if (p.outcome === "runoff" || p.outcome === "not-selected") {
            expect(p.yes).toBeLessThan(lowestSelected);
          }
        }
      }),
      { numRuns },
    );
  });

  it("balances the books: yes+no+abstain+notVoted = valid per project, valid+invalid = cast", () => {
    fc.assert(
      fc.property(roundArb, (input) => {
        const r = tallyRound(input);
        expect(r.cast).toBe(input.ballots.length);
        expect(r.valid + r.invalid).toBe(r.cast);
        expect(r.projects.map((p) => p.id)).toEqual(input.candidates);
        for (const p of r.projects) {
          expect(p.yes + p.no + p.abstain + p.notVoted).toBe(r.valid);
          expect(Math.min(p.yes, p.no, p.abstain, p.notVoted)).toBeGreaterThanOrEqual(0);
          if (input.form === "choose-n") expect(p.no + p.abstain).toBe(0);
        }
      }),
      { numRuns },
    );
  });

  it("does not depend on the order of the ballots", () => {
    const withPermutation = roundArb.chain((input) =>
      fc.shuffledSubarray(input.ballots, { minLength: input.ballots.length, maxLength: input.ballots.length }).map((shuffled) => [input, shuffled] as const),
    );
    fc.assert(
      fc.property(withPermutation, ([input, shuffled]) => {
        expect(tallyRound({ ...input, ballots: shuffled })).toEqual(tallyRound(input));
      }),
      { numRuns },
    );
  });

  it("one more yes vote never unselects a selected project", () => {
    const isValid = (input: RoundInput, ballot: Ballot) => tallyRound({ ...input, seated: 1, present: 1, ballots: [ballot] }).valid === 1;

    const scenario = roundArb
      .map((input) => ({ input, result: tallyRound(input) }))
      .filter(({ result }) => result.selected.length > 0)
      .chain(({ input, result }) =>
        fc.record({
          input: fc.constant(input),
          target: fc.constantFrom(...result.selected),
          ballotAt: fc.nat(Math.max(0, input.ballots.length - 1)),
          addBallot: fc.boolean(),
        }),
      );

    let checked = 0;
    fc.assert(
      fc.property(scenario, ({ input, target, ballotAt, addBallot }) => {
        const ballots = [...input.ballots];
        // A new ballot only while someone present has not voted; otherwise one more mark.
        if (addBallot && ballots.length < input.present) {
          ballots.push({ [target]: "yes" });
        } else {
          // Turn the first not-yes mark at or after ballotAt into a yes, keeping the ballot valid.
          const at = [...ballots.keys()]
            .map((k) => (k + ballotAt) % ballots.length)
            .find((k) => {
              if (ballots[k]![target] === "yes" || !isValid(input, ballots[k]!)) return false;
              return isValid(input, { ...ballots[k], [target]: "yes" });
            });
          if (at === undefined) return;
          ballots[at] = { ...ballots[at], [target]: "yes" };
        }
        checked++;
        const after = tallyRound({ ...input, ballots });
        expect(after.selected).toContain(target);
      }),
      { numRuns },
    );
    expect(checked).toBeGreaterThan(numRuns / 4);
  });
});

/**
 * The totals a teller's count sheet would show for these ballots, counted here independently of
 * tally.ts: a paper is valid unless judged void (null) or over-marked (ballot.ts reviewBallot).
 */
function totalsOf(input: RoundInput): TotalsInput {
  const { ballots, ...setting } = input;
  const rules = { form: input.form, places: input.places, candidates: input.candidates };
  const validBallots = ballots.filter((ballot): ballot is Ballot => ballot !== null && !reviewBallot(rules, ballot).void);
  const totals: Record<string, MarkCounts> = {};
  for (const id of input.candidates) {
    const count = (choice: Choice) => validBallots.filter((ballot) => ballot[id] === choice).length;
    const yes = count("yes");
    const no = count("no");
    const abstain = count("abstain");
    totals[id] = { yes, no, abstain, notVoted: validBallots.length - yes - no - abstain };
  }
  return { ...setting, cast: ballots.length, invalid: ballots.length - validBallots.length, totals };
}

describe("paper rounds: totals (汇总录入) decide as the ballots do", () => {
  /** A paper: void as marked, or yes on a set of projects (sometimes over-marked) and other marks elsewhere. */
  const paperArb = (candidates: string[], places: number, form: BallotForm): fc.Arbitrary<BallotMarks> =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      {
        weight: 12,
        arbitrary: fc
          .record({
            yesIds: fc.oneof(
              { weight: 6, arbitrary: fc.shuffledSubarray(candidates, { minLength: places, maxLength: places }) },
              { weight: 2, arbitrary: fc.subarray(candidates, { maxLength: places }) },
              { weight: 1, arbitrary: fc.subarray(candidates) },
            ),
            rest: fc.array(fc.constantFrom<Choice | undefined>(undefined, undefined, "no", "abstain"), {
              minLength: candidates.length,
              maxLength: candidates.length,
            }),
          })
          .map(({ yesIds, rest }) => {
            const ballot: Ballot = {};
            // A choose-n paper carries ticks only (a no there is junk, not a mark the totals can hold).
            if (form === "per-project") candidates.forEach((id, j) => rest[j] !== undefined && (ballot[id] = rest[j]));
            for (const id of yesIds) ballot[id] = "yes";
            return ballot;
          }),
      },
    );

  const paperRoundArb: fc.Arbitrary<RoundInput> = fc
    .record({
      seated: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 160 }) }),
      m: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 7 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) }),
      form: fc.constantFrom<BallotForm>("per-project", "per-project", "choose-n"),
    })
    .chain(({ seated, m, form }) => {
      const quorum = quorumFor(seated);
      const candidates = ids(m);
      return fc
        .record({
          present: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: quorum, max: seated }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: seated }) }),
          places: fc.oneof({ weight: 2, arbitrary: fc.integer({ min: Math.max(1, m - 2), max: m }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: m }) }),
        })
        .chain(({ present, places }) =>
          fc.record({ issued: fc.option(fc.integer({ min: 0, max: present }), { nil: undefined, freq: 2 }) }).chain(({ issued }) => {
            const paper = paperArb(candidates, places, form);
            const box = issued ?? present;
            // Most boxes hold about the papers issued; some fewer; a few one or two more.
            const cast = fc.oneof(
              { weight: 6, arbitrary: fc.integer({ min: Math.max(0, box - 2), max: box }) },
              { weight: 2, arbitrary: fc.integer({ min: 0, max: box }) },
              { weight: 1, arbitrary: fc.integer({ min: box + 1, max: box + 2 }) },
            );
            return fc
              .record({ templates: fc.array(paper, { minLength: 1, maxLength: 4 }), cast })
              .chain(({ templates, cast }) =>
                fc.array(
                  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...templates).map((t) => (t === null ? null : { ...t })) }, { weight: 1, arbitrary: paper }),
                  { minLength: cast, maxLength: cast },
                ),
              )
              .map((ballots) => ({ seated, present, ...(issued === undefined ? {} : { issued }), places, candidates, form, ballots }));
          }),
        );
    });

  /**
   * Competitive rounds built from target yes counts just over the threshold (ties at the last place
   * are common), then a few void and over-marked papers added to the stack.
   */
  const tiedRoundArb: fc.Arbitrary<RoundInput> = fc
    .record({
      seated: fc.integer({ min: 3, max: 160 }),
      m: fc.integer({ min: 2, max: 20 }),
      form: fc.constantFrom<BallotForm>("per-project", "choose-n"),
    })
    .chain(({ seated, m, form }) =>
      fc
        .record({
          present: fc.integer({ min: quorumFor(seated), max: seated }),
          places: fc.integer({ min: Math.ceil(m / 2), max: m - 1 }),
          margin: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: m, maxLength: m }),
          strongExtra: fc.integer({ min: 1, max: 2 }),
          voids: fc.integer({ min: 0, max: 2 }),
          overMarked: fc.integer({ min: 0, max: 1 }),
          issuedLess: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        })
        .map(({ present, places, margin, strongExtra, voids, overMarked, issuedLess }) => {
          const threshold = Math.floor(seated / 2) + 1;
          const cast = present - voids - overMarked;
          const candidates = ids(m);
          const budget = places * Math.max(0, cast);
          const yes = new Array<number>(m).fill(0);
          let left = budget;
          for (let j = 0; j < Math.min(m, places + strongExtra); j++) {
            const y = Math.max(0, Math.min(cast, threshold + margin[j]!, left));
            yes[j] = y;
            left -= y;
          }
          const ballots: BallotMarks[] =
            cast > 0
              ? ballotsFor(
                  candidates,
                  yes.map((y) => ({ yes: y, no: form === "choose-n" ? 0 : Math.min(1, cast - y) })),
                  cast,
                )
              : [];
          for (let i = 0; i < overMarked; i++) ballots.push(Object.fromEntries(candidates.map((id) => [id, "yes" as const])));
          for (let i = 0; i < voids; i++) ballots.splice(i, 0, null);
          const issued = issuedLess === undefined ? undefined : Math.max(0, present - issuedLess);
          return { seated, present, ...(issued === undefined ? {} : { issued }), places, candidates, form, ballots };
        }),
    );

  const anyPaperRoundArb = fc.oneof(paperRoundArb, tiedRoundArb);

  it("the generator reaches run-offs, vacancies, void papers, choose-n, void rounds and quorum failures", () => {
    const rounds = fc.sample(anyPaperRoundArb, { numRuns: 3000, seed: 13 }).map((input) => ({ input, r: tallyRound(input) }));
    const share = (seen: (round: (typeof rounds)[number]) => boolean) => rounds.filter(seen).length / rounds.length;
    expect(share(({ r }) => r.runoff.length > 0)).toBeGreaterThan(0.02);
    expect(share(({ r }) => r.roundValid && r.vacancies > 0)).toBeGreaterThan(0.05);
    expect(share(({ input }) => input.ballots.includes(null))).toBeGreaterThan(0.1);
    expect(share(({ input, r }) => r.invalid > input.ballots.filter((b) => b === null).length)).toBeGreaterThan(0.05); // over-marked
    expect(share(({ input }) => input.form === "choose-n")).toBeGreaterThan(0.2);
    expect(share(({ input, r }) => input.form === "choose-n" && r.selected.length > 0)).toBeGreaterThan(0.05);
    expect(share(({ input }) => input.issued !== undefined && input.ballots.length > input.issued)).toBeGreaterThan(0.02);
    expect(share(({ r }) => r.quorumMet && !r.roundValid)).toBeGreaterThan(0.02);
    expect(share(({ r }) => !r.quorumMet)).toBeGreaterThan(0.02);
    expect(share(({ input }) => input.seated > 100 && input.candidates.length > 10)).toBeGreaterThan(0.01);
    expect(share(({ input }) => input.ballots.some((b) => b !== null && Object.keys(b).length < input.candidates.length))).toBeGreaterThan(0.3);
  });

  it("tallyTotals on the totals of any ballot set equals tallyRound on the ballots", () => {
    fc.assert(
      fc.property(anyPaperRoundArb, (input) => {
        const totals = totalsOf(input);
        expect(refuseTotals(totals)).toBeNull();
        expect(tallyTotals(totals)).toEqual(tallyRound(input));
      }),
      { numRuns: 2500 },
    );
  });
});

describe("refuseTotals at its exact boundaries", () => {
  const counts = (yes: number, no = 0, abstain = 0, notVoted = 0): MarkCounts => ({ yes, no, abstain, notVoted });
  // 40 cast, 2 void: 38 valid; 3 projects for 2 places (competitive, cap 2).
  const base: TotalsInput = {
    seated: 45,
    present: 40,
    places: 2,
    candidates: ids(3),
    form: "per-project",
    cast: 40,
    invalid: 2,
    totals: { p1: counts(30, 8), p2: counts(25, 10, 3), p3: counts(20, 0, 0, 18) },
  };
  const withTotals = (patch: Partial<Record<string, MarkCounts>>, rest: Partial<TotalsInput> = {}): TotalsInput => ({
    ...base,
    ...rest,
    totals: { ...base.totals, ...patch } as Record<string, MarkCounts>,
  });

  it("accepts the base totals", () => {
    expect(refuseTotals(base)).toBeNull();
  });

  it("invalid = cast accepted; cast + 1 refused", () => {
    const empty = { p1: counts(0), p2: counts(0), p3: counts(0) };
    expect(refuseTotals({ ...base, invalid: 40, totals: empty })).toBeNull();
    expect(refuseTotals({ ...base, invalid: 41, totals: empty })).toEqual({ code: "totals-invalid-over-cast", invalid: 41, cast: 40 });
  });

  it("a project's marks must add up to the valid papers exactly, naming its position", () => {
    expect(refuseTotals(withTotals({ p2: counts(25, 10, 3, 0) }))).toBeNull();
    expect(refuseTotals(withTotals({ p2: counts(25, 10, 3, 1) }))).toEqual({ code: "totals-project-sum", position: 2, sum: 39, valid: 38 });
    expect(refuseTotals(withTotals({ p2: counts(25, 10, 2, 0) }))).toEqual({ code: "totals-project-sum", position: 2, sum: 37, valid: 38 });
    expect(refuseTotals(withTotals({ p3: counts(20, 0, 0, 19) }))).toEqual({ code: "totals-project-sum", position: 3, sum: 39, valid: 38 });
  });

  it("a choose-n project carries ticks only: a no or an abstain refused", () => {
    const chooseN = { ...base, form: "choose-n" as const, totals: { p1: counts(30, 0, 0, 8), p2: counts(25, 0, 0, 13), p3: counts(20, 0, 0, 18) } };
    expect(refuseTotals(chooseN)).toBeNull();
    expect(refuseTotals({ ...chooseN, totals: { ...chooseN.totals, p2: counts(25, 1, 0, 12) } })).toEqual({ code: "totals-choose-n-marks", position: 2 });
    expect(refuseTotals({ ...chooseN, totals: { ...chooseN.totals, p3: counts(20, 0, 1, 17) } })).toEqual({ code: "totals-choose-n-marks", position: 3 });
  });

  it("a competitive round's yes marks: N × valid accepted, one more refused", () => {
    // 2 places × 38 valid = 76 yes marks at most.
    const full = withTotals({ p1: counts(38), p2: counts(38), p3: counts(0, 38) });
    expect(refuseTotals(full)).toBeNull();
    const over = withTotals({ p1: counts(38), p2: counts(37, 1), p3: counts(2, 36) });
    expect(refuseTotals(over)).toEqual({ code: "totals-yes-over-places", yes: 77, most: 76, places: 2, valid: 38 });
    const chooseN = { ...base, form: "choose-n" as const, places: 1, candidates: ids(1), totals: { p1: counts(38) } };
    expect(refuseTotals(chooseN)).toBeNull();
  });

  it("an equal slate (M = N, per-project) caps yes at M per paper: every project yes on every paper is fine", () => {
    const equal = { ...base, places: 3, totals: { p1: counts(38), p2: counts(38), p3: counts(38) } };
    expect(refuseTotals(equal)).toBeNull();
    // M = N choose-n: the cap is N = M as well.
    expect(refuseTotals({ ...equal, form: "choose-n" })).toBeNull();
  });

  it("negative or fractional counts refused; a missing project refused with its position", () => {
    expect(refuseTotals({ ...base, cast: -1, invalid: 0 })).toEqual({ code: "totals-not-counts" });
    expect(refuseTotals({ ...base, invalid: -1 })).toEqual({ code: "totals-not-counts" });
    expect(refuseTotals({ ...base, cast: 40.5 })).toEqual({ code: "totals-not-counts" });
    expect(refuseTotals({ ...base, invalid: Number.NaN })).toEqual({ code: "totals-not-counts" });
    expect(refuseTotals(withTotals({ p1: counts(31, -1, 0, 8) }))).toEqual({ code: "totals-not-counts" });
    expect(refuseTotals(withTotals({ p1: counts(29.5, 8.5) }))).toEqual({ code: "totals-not-counts" });
    const { p2: _dropped, ...missing } = base.totals;
    expect(refuseTotals({ ...base, totals: missing })).toEqual({ code: "totals-project-missing", position: 2 });
  });

  it("tallyTotals throws a RangeError on totals refuseTotals refuses", () => {
    const refused: TotalsInput[] = [
      { ...base, invalid: 41 },
      withTotals({ p2: counts(25, 10, 3, 1) }),
      withTotals({ p1: counts(38), p2: counts(37, 1), p3: counts(2, 36) }),
      withTotals({ p1: counts(31, -1, 0, 8) }),
      { ...base, form: "choose-n" },
    ];
    for (const input of refused) {
      expect(refuseTotals(input)).not.toBeNull();
      expect(() => tallyTotals(input)).toThrow(RangeError);
      expect(() => tallyTotals(input)).toThrow(/^totals no ballots can have/);
    }
  });
});

describe("the papers issued (发出) rule", () => {
  const round = (cast: number, issued?: number): RoundInput => ({
    ...singleProject(45, 40, cast, cast),
    ...(issued === undefined ? {} : { issued }),
  });

  it("as many papers returned as issued stands; one more voids the round", () => {
    for (const issued of [0, 1, 30, 39, 40]) {
      expect(tallyRound(round(issued, issued)).roundValid, `issued ${issued}`).toBe(true);
      const over = tallyRound(round(issued + 1, issued));
      expect(over.roundValid, `issued ${issued}`).toBe(false);
      expect(over.quorumMet).toBe(true);
      expect(over.selected).toEqual([]);
    }
  });

  it("a tablet round issues one to each deputy present by default", () => {
    expect(tallyRound(round(40)).roundValid).toBe(true);
    expect(tallyRound(round(41)).roundValid).toBe(false);
  });

  it("the same rule holds on totals", () => {
    const totals = (cast: number, issued: number): TotalsInput => totalsOf(round(cast, issued));
    expect(tallyTotals(totals(35, 35)).roundValid).toBe(true);
    expect(tallyTotals(totals(36, 35)).roundValid).toBe(false);
  });

  it("issued above present, negative or fractional is a RangeError", () => {
    for (const issued of [41, -1, 2.5, Number.NaN]) {
      expect(() => tallyRound(round(0, issued)), `issued ${issued}`).toThrow(RangeError);
      expect(() => tallyRound(round(0, issued))).toThrow(/^issued must be between 0 and present \(40\)/);
      expect(() => tallyTotals(totalsOf({ ...round(0), issued }))).toThrow(RangeError);
    }
    expect(() => tallyRound(round(0, 40))).not.toThrow();
  });
});

// limitsYesMarks is the rule totalsOf relies on through reviewBallot; keep them one rule.
it("ballot.ts and tally.ts agree on which slates cap yes marks", () => {
  for (const m of [1, 2, 3]) {
    for (let places = 1; places <= m; places++) {
      for (const form of ["per-project", "choose-n"] as const) {
        const allYes = Object.fromEntries(ids(m).map((id) => [id, "yes" as const]));
        const r = tallyRound({ seated: 3, present: 3, places, candidates: ids(m), form, ballots: [allYes] });
        expect(r.invalid).toBe(limitsYesMarks({ form, places, candidates: ids(m) }) && m > places ? 1 : 0);
      }
    }
  }
});
