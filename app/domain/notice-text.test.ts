import { describe, expect, it } from "vitest";

import { describeRound, passRuleText, quorumText } from "./notice-text";
import { tallyRound, type Choice, type RoundInput } from "./tally";

type Ballot = Partial<Record<string, Choice>>;

const names: Record<string, string> = {
  road: "某某村道路硬化工程",
  water: "集镇供水管网改造",
  school: "中心小学食堂改扩建",
  clinic: "卫生院发热门诊建设",
  elderly: "居家养老服务中心建设",
};

/** `n` copies of a ballot. */
const times = (n: number, ballot: Ballot): Ballot[] => Array.from({ length: n }, () => ({ ...ballot }));

function round(input: Omit<RoundInput, "form"> & { form?: RoundInput["form"] }) {
  const full: RoundInput = { form: "per-project", ...input };
  return { result: tallyRound(full), setting: full };
}

describe("rule sentences", () => {
  it("states the quorum with its bound, met or not", () => {
    expect(quorumText(45, 40)).toBe("本次会议应到代表45名，实到代表40名，达到法定人数（三分之二以上，即30名）。");
    expect(quorumText(45, 30)).toBe("本次会议应到代表45名，实到代表30名，达到法定人数（三分之二以上，即30名）。");
    expect(quorumText(45, 29)).toBe("本次会议应到代表45名，实到代表29名，未达到法定人数（三分之二以上，即30名）。");
  });

  it("states the pass threshold as a majority of all deputies", () => {
    expect(passRuleText(45)).toBe("项目须获得全体代表过半数（23票以上）赞成方可通过。");
    expect(passRuleText(44)).toBe("项目须获得全体代表过半数（23票以上）赞成方可通过。");
    expect(passRuleText(160)).toBe("项目须获得全体代表过半数（81票以上）赞成方可通过。");
  });
});

describe("describeRound", () => {
  it("writes a valid round: attendance, rule, ballots, one line per project, outcome", () => {
    const { result, setting } = round({
      seated: 45,
      present: 40,
      places: 2,
      candidates: ["road", "water", "school"],
      ballots: [
        ...times(37, { road: "yes", water: "yes", school: "no" }),
        { road: "yes", water: "no", school: "yes" },
        { road: "no", school: "abstain" },
        { road: "yes", water: "yes", school: "yes" }, // over-marked: void
      ],
    });
    const text = describeRound(result, names, { ...setting, issued: 40 });
    expect(text.attendance).toBe("本次会议应到代表45名，实到代表40名。");
    expect(text.quorum).toBe("出席代表达到法定人数（三分之二以上，即30名）。");
    expect(text.rule).toBe("项目须获得全体代表过半数（23票以上）赞成方可通过。");
    expect(text.ballots).toBe("共发出选票40张，收回选票40张，其中有效票39张，无效票1张。");
    expect(text.projects).toEqual([
      { id: "road", line: "1. 某某村道路硬化工程：赞成38票，反对1票，弃权0票，未表决0票，通过，当选。" },
      { id: "water", line: "2. 集镇供水管网改造：赞成37票，反对1票，弃权0票，未表决1票，通过，当选。" },
      { id: "school", line: "3. 中心小学食堂改扩建：赞成1票，反对37票，弃权1票，未表决0票，未获全体代表过半数赞成，未通过。" },
    ]);
    expect(text.outcome).toBe("按得票多少，某某村道路硬化工程、集镇供水管网改造共2个项目当选。");
    expect(text.lines).toEqual([
      "本次会议应到代表45名，实到代表40名，达到法定人数（三分之二以上，即30名）。",
      text.rule,
      text.ballots,
      ...text.projects.map((p) => p.line),
      text.outcome,
    ]);
  });

  it("leaves out the issued ballots when the caller does not know them", () => {
    const { result, setting } = round({
      seated: 3, present: 3, places: 1, candidates: ["road"], ballots: times(3, { road: "yes" }),
    });
    expect(describeRound(result, names, setting).ballots).toBe("共收回选票3张，其中有效票3张，无效票0张。");
  });

  it("announces a run-off among projects tied at the last place", () => {
    const { result, setting } = round({
      seated: 45,
      present: 42,
      places: 2,
      candidates: ["road", "water", "school", "clinic"],
      ballots: [
        ...times(18, { road: "yes", water: "yes" }),
        ...times(18, { road: "yes", school: "yes" }),
        ...times(6, { water: "yes", school: "yes", clinic: "no" }),
      ],
    });
    expect(result.selected).toEqual(["road"]);
    expect(result.runoff).toEqual(["water", "school"]);
    const text = describeRound(result, names, setting);
    console.log(JSON.stringify(text, null, 1));
  });

  it("announces a vacancy", () => {
    const { result, setting } = round({
      seated: 45, present: 43, places: 3, candidates: ["road", "water", "school", "clinic"],
      ballots: [...times(30, { road: "yes", water: "yes", school: "no" }), ...times(13, { school: "yes", clinic: "yes" })],
    });
    console.log(JSON.stringify(describeRound(result, names, setting), null, 1));
  });

  it("failed quorum", () => {
    const { result, setting } = round({
      seated: 45, present: 29, places: 1, candidates: ["road", "water"],
      ballots: times(29, { road: "yes", water: "no" }),
    });
    console.log(JSON.stringify(describeRound(result, names, setting), null, 1));
  });
  it("too many", () => {
    const { result, setting } = round({
      seated: 45, present: 40, places: 1, candidates: ["road", "water"],
      ballots: times(41, { road: "yes", water: "no" }),
    });
    console.log(JSON.stringify(describeRound(result, names, { ...setting, issued: 40 }), null, 1));
  });
  it("none + ranked out", () => {
    const a = round({
      seated: 45, present: 40, places: 2, candidates: ["road", "water"],
      ballots: times(40, { road: "no", water: "abstain" }),
    });
    console.log(JSON.stringify(describeRound(a.result, names, a.setting).outcome, null, 1));
    const b = round({
      seated: 45, present: 40, places: 1, candidates: ["road", "water"], form: "choose-n",
      ballots: [...times(25, { road: "yes" }), ...times(15, { water: "yes" })],
    });
    console.log(JSON.stringify(describeRound(b.result, names, b.setting), null, 1));
  });
});
