import { describe, expect, it } from "vitest";
import {
  areaLevel,
  areaTotals,
  areaWithin,
  classifyAnomalies,
  compareYears,
  countAnomalies,
  coverageRatio,
  cumulativeByDate,
  histogram,
  isQuorumRefusal,
  readSort,
  sortAreas,
  summariseTownshipYear,
  totalsByArea,
  townshipStates,
  turnout,
  TURNOUT_THRESHOLDS,
  yesShare,
  type AreaTotals,
  type PublishedRound,
  type RegisterTownship,
  type TownshipYearTotals,
  type YearRound,
} from "./coverage";
import { quorumShortfall, summariseAttendance } from "./attendance";
import type { RoundResult } from "./tally";

describe("ratios", () => {
  it("coverage is published ÷ register, and undefined for an empty register", () => {
    expect(coverageRatio(1446, 1522)).toBeCloseTo(0.950066, 6);
    expect(coverageRatio(0, 12)).toBe(0);
    expect(coverageRatio(12, 12)).toBe(1);
    expect(coverageRatio(0, 0)).toBeNull();
  });

  it("turnout is present ÷ seated at opening", () => {
    expect(turnout(60, 64)).toBe(0.9375);
    expect(turnout(0, 0)).toBeNull();
  });

  it("yes share is counted against all seated deputies, not those present", () => {
    expect(yesShare(33, 64)).toBeCloseTo(0.515625, 6);
    expect(yesShare(1, 0)).toBeNull();
  });
});

function result(partial: Partial<RoundResult> & Pick<RoundResult, "projects" | "selected">): RoundResult {
  return {
    quorum: 43,
    quorumMet: true,
    passThreshold: 33,
    cast: 60,
    valid: 60,
    invalid: 0,
    roundValid: true,
    runoff: [],
    vacancies: 0,
    ...partial,
  };
}
function project(id: string, yes: number, outcome: "selected" | "runoff" | "not-selected" | "failed") {
  return { id, yes, no: 60 - yes, abstain: 0, notVoted: 0, passed: outcome !== "failed", outcome };
}

const mainRound: PublishedRound = {
  roundId: 10,
  meetingDate: new Date("2026-01-15T01:00:00Z"),
  publishedAt: new Date("2026-01-15T03:00:00Z"),
  isRunoff: false,
  medium: "tablet",
  seated: 64,
  present: 60,
  // 4 candidates, 3 places: A and B selected, C and D tied at 34 for the last place.
  result: result({
    projects: [project("1", 58, "selected"), project("2", 52, "selected"), project("3", 34, "runoff"), project("4", 34, "runoff")],
    selected: ["1", "2"],
    runoff: ["3", "4"],
  }),
  investmentCents: { "1": 12_345, "2": 80_000, "3": 5_000, "4": 7_000 },
};
const runoffRound: PublishedRound = {
  roundId: 11,
  meetingDate: new Date("2026-01-15T01:00:00Z"),
  publishedAt: new Date("2026-01-15T03:30:00Z"),
  isRunoff: true,
  medium: "tablet",
  seated: 64,
  present: 59,
  result: result({ cast: 59, valid: 59, projects: [project("3", 40, "selected"), project("4", 19, "failed")], selected: ["3"] }),
  investmentCents: { "3": 5_000, "4": 7_000 },
};

describe("summariseTownshipYear", () => {
  it("is null when nothing is published", () => {
    expect(summariseTownshipYear([])).toBeNull();
  });

  it("adds up a main round and its run-off; turnout is the first published round's", () => {
    // Given out of order: the summary orders by publication.
    expect(summariseTownshipYear([runoffRound, mainRound])).toEqual({
      notices: 2,
      firstMeetingDate: new Date("2026-01-15T01:00:00Z"),
      firstPublishedAt: new Date("2026-01-15T03:00:00Z"),
      lastPublishedAt: new Date("2026-01-15T03:30:00Z"),
      projectsSelected: 3,
      investmentCents: 12_345 + 80_000 + 5_000,
      selectedYes: 58 + 52 + 40,
      selectedSeated: 64 * 3,
      turnoutPresent: 60,
      turnoutSeated: 64,
      runoffRounds: 1,
      vacancies: 0,
      invalidRounds: 0,
      paperRounds: 0,
    } satisfies TownshipYearTotals);
  });

  it("counts the published rounds voted on paper", () => {
    const paperMain: PublishedRound = { ...mainRound, medium: "paper" };
    expect(summariseTownshipYear([paperMain, runoffRound])!.paperRounds).toBe(1);
    expect(summariseTownshipYear([paperMain, { ...runoffRound, medium: "paper" }])!.paperRounds).toBe(2);
    expect(summariseTownshipYear([mainRound, runoffRound])!.paperRounds).toBe(0);
  });

  it("counts vacancies and rounds that decided nothing", () => {
    const vacant: PublishedRound = {
      ...mainRound,
      result: result({ projects: [project("1", 40, "selected"), project("2", 20, "failed")], selected: ["1"], vacancies: 1 }),
    };
    const invalid: PublishedRound = {
      ...mainRound,
      roundId: 12,
      publishedAt: new Date("2026-02-01T00:00:00Z"),
      result: result({ roundValid: false, cast: 61, projects: [project("1", 40, "failed")], selected: [], vacancies: 2 }),
    };
    const totals = summariseTownshipYear([vacant, invalid])!;
    expect(totals.vacancies).toBe(3);
    expect(totals.invalidRounds).toBe(1);
    expect(totals.projectsSelected).toBe(1);
    expect(totals.investmentCents).toBe(12_345);
  });
});

const register: RegisterTownship[] = [
  { id: 1, code: "430121102", name: "黄兴镇", countyCode: "430121", cityCode: "4301" },
  { id: 2, code: "430121104", name: "江背镇", countyCode: "430121", cityCode: "4301" },
  { id: 3, code: "430121105", name: "金井镇", countyCode: "430121", cityCode: "4301" },
  { id: 4, code: "430221101", name: "某镇", countyCode: "430221", cityCode: "4302" },
];
const totalsOf = (over: Partial<TownshipYearTotals>): TownshipYearTotals => ({
  notices: 1,
  firstMeetingDate: new Date("2026-01-10T01:00:00Z"),
  firstPublishedAt: new Date("2026-01-10T03:00:00Z"),
  lastPublishedAt: new Date("2026-01-10T03:00:00Z"),
  projectsSelected: 0,
  investmentCents: 0,
  selectedYes: 0,
  selectedSeated: 0,
  turnoutPresent: 0,
  turnoutSeated: 0,
  runoffRounds: 0,
  vacancies: 0,
  invalidRounds: 0,
  paperRounds: 0,
  ...over,
});
function yearRound(over: Partial<YearRound> & Pick<YearRound, "roundId" | "sessionId" | "townshipId">): YearRound {
  return {
    number: 1,
    status: "published",
    opened: true,
    isRunoff: false,
    voidReason: null,
    noticeNo: 1,
    quorumMet: true,
    vacancies: 0,
    ...over,
  };
}

describe("township states and area totals", () => {
  const summaries = new Map([
    [1, totalsOf({ projectsSelected: 3, investmentCents: 100_000, selectedYes: 150, selectedSeated: 192, turnoutPresent: 60, turnoutSeated: 64 })],
    [
      4,
      totalsOf({
        projectsSelected: 1,
        investmentCents: 5_000,
        selectedYes: 30,
        selectedSeated: 40,
        turnoutPresent: 36,
        turnoutSeated: 40,
        vacancies: 1,
        paperRounds: 1,
      }),
    ],
  ]);
  const rounds: YearRound[] = [
    yearRound({ roundId: 1, sessionId: 1, townshipId: 1 }),
    yearRound({ roundId: 2, sessionId: 2, townshipId: 2, status: "closed", noticeNo: null }),
    yearRound({ roundId: 3, sessionId: 3, townshipId: 3, status: "prepared", opened: false, noticeNo: null, quorumMet: null }),
    yearRound({ roundId: 4, sessionId: 4, townshipId: 4 }),
  ];
  const states = townshipStates(register, summaries, rounds);

  it("a township is published with a summary, held with an opened round, else not held", () => {
    expect(states.map((t) => [t.name, t.state])).toEqual([
      ["黄兴镇", "published"],
      ["江背镇", "held"],
      ["金井镇", "not-held"],
      ["某镇", "published"],
    ]);
  });

  it("sums an area: coverage, projects, investment, mean turnout, mean yes share over projects", () => {
    const province = areaTotals("43", "湖南省", states);
    expect(province).toEqual({
      code: "43",
      name: "湖南省",
      register: 4,
      held: 3,
      published: 2,
      notHeld: 1,
      coverage: 0.5,
      projectsSelected: 4,
      investmentCents: 105_000,
      averageTurnout: (60 / 64 + 36 / 40) / 2,
      averageYesShare: ((150 / 192) * 3 + (30 / 40) * 1) / 4,
      runoffRounds: 0,
      vacancies: 1,
      publishedRounds: 2,
      paperRounds: 1,
    } satisfies AreaTotals);
  });

  it("an area with no township published has no averages, and an empty area no coverage", () => {
    const empty = areaTotals("430000", "空", []);
    expect(empty.coverage).toBeNull();
    expect(empty.averageTurnout).toBeNull();
    const notYet = areaTotals("x", "未", states.slice(1, 3));
    expect(notYet).toMatchObject({ register: 2, held: 1, published: 0, notHeld: 1, coverage: 0, averageTurnout: null, averageYesShare: null });
  });

  it("groups by city in the order given, including cities with no township", () => {
    const byCity = totalsByArea(
      [
        { code: "4301", name: "长沙市" },
        { code: "4302", name: "株洲市" },
        { code: "4399", name: "无" },
      ],
      states,
      (t) => t.cityCode,
    );
    expect(byCity.map((row) => [row.code, row.register, row.published, row.coverage])).toEqual([
      ["4301", 3, 1, 1 / 3],
      ["4302", 1, 1, 1],
      ["4399", 0, 0, null],
    ]);
  });
});

describe("sorting", () => {
  const rows = [
    { code: "4302", name: "株洲市", coverage: 0.5 },
    { code: "4301", name: "长沙市", coverage: null },
    { code: "4303", name: "湘潭市", coverage: 0.9 },
    { code: "4304", name: "衡阳市", coverage: 0.5 },
  ] as unknown as AreaTotals[];

  it("reads ?sort=&dir= and falls back to code order for unknown keys", () => {
    expect(readSort("coverage", "desc")).toEqual({ key: "coverage", dir: "desc" });
    expect(readSort("drop table", "sideways")).toEqual({ key: "code", dir: "asc" });
  });

  it("sorts numbers both ways, empty values last, ties by code", () => {
    expect(sortAreas(rows, "coverage", "asc").map((r) => r.code)).toEqual(["4302", "4304", "4303", "4301"]);
    expect(sortAreas(rows, "coverage", "desc").map((r) => r.code)).toEqual(["4303", "4302", "4304", "4301"]);
    expect(sortAreas(rows, "code", "desc").map((r) => r.code)).toEqual(["4304", "4303", "4302", "4301"]);
  });
});

describe("anomalies", () => {
  const rounds: YearRound[] = [
    // Session 1: round 1 refused twice for want of quorum, then opened and published with a vacancy.
    yearRound({ roundId: 1, sessionId: 1, townshipId: 1, vacancies: 1 }),
    // Session 2: round 1 voided, round 2 published, round 3 a run-off still open.
    yearRound({ roundId: 2, sessionId: 2, townshipId: 2, status: "voided", voidReason: "表决终端故障", noticeNo: null, quorumMet: null }),
    yearRound({ roundId: 3, sessionId: 2, townshipId: 2, number: 2, noticeNo: 1 }),
    yearRound({ roundId: 4, sessionId: 2, townshipId: 2, number: 3, isRunoff: true, status: "open", noticeNo: null, quorumMet: null }),
    // Session 3: opened and closed, never published.
    yearRound({ roundId: 5, sessionId: 3, townshipId: 3, status: "closed", noticeNo: null }),
    // Session 4: prepared only, refused once, never opened — a quorum failure but not a held session.
    yearRound({
      roundId: 6,
      sessionId: 4,
      townshipId: 4,
      status: "voided",
      opened: false,
      voidReason: "出席代表未达到三分之二",
      noticeNo: null,
      quorumMet: null,
    }),
    // A result that says the quorum was not met (cannot happen through openRound, but is read if present).
    yearRound({ roundId: 7, sessionId: 5, townshipId: 4, quorumMet: false, status: "published" }),
  ];
  const refused = new Map([
    [1, 2],
    [6, 1],
  ]);
  const anomalies = classifyAnomalies(rounds, refused);

  it("finds each kind with what the monitor needs to show", () => {
    const brief = anomalies.map((a) => [a.kind, a.sessionId, a.roundNumber, a.count, a.detail]);
    expect(brief).toEqual([
      ["opening-refused", 1, 1, 2, "opened"],
      ["vacancy", 1, 1, 1, null],
      ["voided", 2, 1, 0, "表决终端故障"],
      ["runoff", 2, 3, 0, null],
      ["unpublished", 3, 1, 1, null],
      ["opening-refused", 4, 1, 1, null],
      ["voided", 4, 1, 0, "出席代表未达到三分之二"],
      ["quorum-failed", 4, 1, 1, null],
      ["quorum-failed", 5, 1, 0, null],
    ]);
  });

  it("a session with a published round is not unpublished, even with a run-off still open", () => {
    expect(anomalies.filter((a) => a.kind === "unpublished").map((a) => a.sessionId)).toEqual([3]);
  });

  it("counts by kind", () => {
    expect(countAnomalies(anomalies)).toEqual({ "quorum-failed": 2, "opening-refused": 2, voided: 2, runoff: 1, vacancy: 1, unpublished: 1 });
  });
});

describe("quorum failures are sessions that never reached the quorum (Art. 14)", () => {
  const kinds = (rounds: YearRound[], refused: Array<[number, number]>) =>
    classifyAnomalies(rounds, new Map(refused))
      .filter((a) => a.kind === "quorum-failed" || a.kind === "opening-refused")
      .map((a) => [a.kind, a.roundNumber, a.count, a.detail]);

  it("a round refused below quorum and opened the same day once the deputies came is a refused opening, not a failure", () => {
    expect(kinds([yearRound({ roundId: 1, sessionId: 1, townshipId: 1 })], [[1, 1]])).toEqual([["opening-refused", 1, 1, "opened"]]);
  });

  it("a refused round voided and a second round that opened with the quorum: the session reached it", () => {
    const rounds = [
      yearRound({ roundId: 1, sessionId: 1, townshipId: 1, status: "voided", opened: false, noticeNo: null, quorumMet: null }),
      yearRound({ roundId: 2, sessionId: 1, townshipId: 1, number: 2 }),
    ];
    expect(kinds(rounds, [[1, 3]])).toEqual([["opening-refused", 1, 3, null]]);
  });

  it("a session whose rounds were all refused is one failure, counting every refusal, at its last refused round", () => {
    const rounds = [
      yearRound({ roundId: 1, sessionId: 1, townshipId: 1, status: "voided", opened: false, noticeNo: null, quorumMet: null }),
      yearRound({ roundId: 2, sessionId: 1, townshipId: 1, number: 2, status: "prepared", opened: false, noticeNo: null, quorumMet: null }),
    ];
    expect(
      kinds(rounds, [
        [1, 2],
        [2, 1],
      ]),
    ).toEqual([
      ["opening-refused", 1, 2, null],
      ["opening-refused", 2, 1, null],
      ["quorum-failed", 2, 3, null],
    ]);
  });

  it("a session that never tried to open is no failure, and one refusal is enough to be one", () => {
    const prepared = yearRound({ roundId: 1, sessionId: 1, townshipId: 1, status: "prepared", opened: false, noticeNo: null, quorumMet: null });
    expect(kinds([prepared], [])).toEqual([]);
    expect(kinds([prepared], [[1, 1]])).toEqual([
      ["opening-refused", 1, 1, null],
      ["quorum-failed", 1, 1, null],
    ]);
  });

  it("a round opened whose result says the quorum was not met did not reach it", () => {
    expect(kinds([yearRound({ roundId: 1, sessionId: 1, townshipId: 1, quorumMet: false })], [])).toEqual([["quorum-failed", 1, 0, null]]);
    const later = yearRound({ roundId: 2, sessionId: 1, townshipId: 1, number: 2 });
    expect(kinds([yearRound({ roundId: 1, sessionId: 1, townshipId: 1, quorumMet: false }), later], [])).toEqual([]);
  });

  it("sessions are judged apart: a later session of the same township does not remedy an earlier one", () => {
    const rounds = [
      yearRound({ roundId: 1, sessionId: 1, townshipId: 1, status: "voided", opened: false, noticeNo: null, quorumMet: null }),
      yearRound({ roundId: 2, sessionId: 2, townshipId: 1 }),
    ];
    expect(kinds(rounds, [[1, 1]])).toEqual([
      ["opening-refused", 1, 1, null],
      ["quorum-failed", 1, 1, null],
    ]);
  });
});

describe("refused openings in the audit log", () => {
  it("are recognised by the code written with the refusal", () => {
    const summary = summariseAttendance(7, ["present", "present", "present", "present", "absent", "absent", "absent"]);
    expect(isQuorumRefusal({ ...quorumShortfall(summary)! })).toBe(true);
    expect(quorumShortfall(summariseAttendance(3, ["present", "present", "absent"]))).toBeNull();
  });

  it("a code other than the quorum's is not one, and no code is none", () => {
    expect(isQuorumRefusal({ code: "round-key-not-verified" })).toBe(false);
    expect(isQuorumRefusal({ code: undefined })).toBe(false);
    expect(isQuorumRefusal({})).toBe(false);
  });
});

describe("distributions and progress", () => {
  it("bins turnout from the quorum up, keeping every value", () => {
    const bins = histogram([0.67, 0.7, 0.74, 0.9, 0.95, 1, 1, 0.5], TURNOUT_THRESHOLDS);
    expect(bins.map((b) => b.count)).toEqual([2, 2, 0, 0, 0, 1, 3]);
    expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(8);
    expect(bins[0]!.from).toBeCloseTo(2 / 3);
    expect(() => histogram([1], [0])).toThrow(RangeError);
  });

  it("accumulates published townships by date", () => {
    expect(cumulativeByDate(["2026-01-15", "2026-01-10", "2026-01-15", "2026-02-01"])).toEqual([
      { date: "2026-01-10", added: 1, total: 1 },
      { date: "2026-01-15", added: 2, total: 3 },
      { date: "2026-02-01", added: 1, total: 4 },
    ]);
    expect(cumulativeByDate([])).toEqual([]);
  });
});

describe("year over year", () => {
  const year = (y: number, published: number, coverage: number | null, turnoutValue: number | null) => ({
    year: y,
    register: 100,
    held: published,
    published,
    coverage,
    projectsSelected: published * 3,
    investmentCents: published * 1000,
    averageTurnout: turnoutValue,
    averageYesShare: null,
  });

  it("sets each year beside the one before it", () => {
    const compared = compareYears([year(2026, 95, 0.95, 0.9), year(2025, 90, 0.9, 0.92), year(2023, 80, 0.8, null)]);
    expect(compared.map((y) => y.year)).toEqual([2023, 2025, 2026]);
    expect(compared[0]!.change).toBeNull();
    expect(compared[1]!.change).toBeNull(); // 2024 has no data: no comparison across a gap
    expect(compared[2]!.change).toEqual({
      published: 5,
      coverage: expect.closeTo(0.05, 10),
      projectsSelected: 15,
      investmentCents: 5000,
      averageTurnout: expect.closeTo(-0.02, 10),
    });
  });
});

describe("areas", () => {
  it("knows the level of a code", () => {
    expect(["43", "4301", "430121", "430121102", "x"].map(areaLevel)).toEqual(["province", "city", "county", null, null]);
  });
  it("a monitor sees its own area and what lies inside it", () => {
    expect(areaWithin("430121", "4301")).toBe(true);
    expect(areaWithin("4301", "4301")).toBe(true);
    expect(areaWithin("4302", "4301")).toBe(false);
    expect(areaWithin("43", "4301")).toBe(false);
  });
});
