import { describe, expect, it } from "vitest";

import { describeRound, passRuleText, presidiumName, quorumText } from "./notice-text";
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
      seated: 3,
      present: 3,
      places: 1,
      candidates: ["road"],
      ballots: times(3, { road: "yes" }),
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
    expect(text.projects.map((p) => p.line)).toEqual([
      "1. 某某村道路硬化工程：赞成36票，反对0票，弃权0票，未表决6票，通过，当选。",
      "2. 集镇供水管网改造：赞成24票，反对0票，弃权0票，未表决18票，通过，得票相同，需再次票决。",
      "3. 中心小学食堂改扩建：赞成24票，反对0票，弃权0票，未表决18票，通过，得票相同，需再次票决。",
      "4. 卫生院发热门诊建设：赞成0票，反对6票，弃权0票，未表决36票，未获全体代表过半数赞成，未通过。",
    ]);
    expect(text.outcome).toBe("某某村道路硬化工程当选。集镇供水管网改造、中心小学食堂改扩建得票相同（各24票），需再次票决，确定剩余1个名额。");
  });

  it("announces a run-off for every place when the tie spans them all", () => {
    const { result, setting } = round({
      seated: 9,
      present: 9,
      places: 2,
      candidates: ["road", "water", "school"],
      ballots: [...times(3, { road: "yes", water: "yes" }), ...times(3, { water: "yes", school: "yes" }), ...times(3, { road: "yes", school: "yes" })],
    });
    expect(describeRound(result, names, setting).outcome).toBe(
      "某某村道路硬化工程、集镇供水管网改造、中心小学食堂改扩建得票相同（各6票），需再次票决，确定2个名额。",
    );
  });

  it("announces vacancies, and a project that passed but ranked below the places", () => {
    const vacancy = round({
      seated: 45,
      present: 43,
      places: 3,
      candidates: ["road", "water", "school", "clinic"],
      ballots: [...times(30, { road: "yes", water: "yes", school: "no" }), ...times(13, { school: "yes", clinic: "yes" })],
    });
    const text = describeRound(vacancy.result, names, vacancy.setting);
    expect(text.projects[2]!.line).toBe("3. 中心小学食堂改扩建：赞成13票，反对30票，弃权0票，未表决0票，未获全体代表过半数赞成，未通过。");
    expect(text.outcome).toBe("按得票多少，某某村道路硬化工程、集镇供水管网改造共2个项目当选。尚有1个名额空缺。");

    // 9 seated, 2 places: all three pass with 5 or more, the third is ranked out.
    const rankedOut = round({
      seated: 9,
      present: 9,
      places: 2,
      candidates: ["road", "water", "school"],
      ballots: [...times(4, { road: "yes", water: "yes" }), ...times(3, { road: "yes", school: "yes" }), ...times(2, { water: "yes", school: "yes" })],
    });
    const ranked = describeRound(rankedOut.result, names, rankedOut.setting);
    expect(ranked.projects[2]!.line).toBe("3. 中心小学食堂改扩建：赞成5票，反对0票，弃权0票，未表决4票，通过，但得票未进入前2名，未当选。");
    expect(ranked.outcome).toBe("按得票多少，某某村道路硬化工程、集镇供水管网改造共2个项目当选。");
  });

  it("announces a round with nothing selected", () => {
    const { result, setting } = round({
      seated: 45,
      present: 40,
      places: 2,
      candidates: ["road", "water"],
      ballots: times(40, { road: "no", water: "abstain" }),
    });
    expect(describeRound(result, names, setting).outcome).toBe("本轮没有项目当选，尚有2个名额空缺。");
  });

  it("declares a round void for want of a quorum, still reporting its counts", () => {
    const { result, setting } = round({
      seated: 45,
      present: 29,
      places: 1,
      candidates: ["road", "water"],
      ballots: times(29, { road: "yes", water: "no" }),
    });
    const text = describeRound(result, names, setting);
    expect(text.quorum).toBe("出席代表未达到法定人数（三分之二以上，即30名）。");
    expect(text.lines).toEqual([
      "本次会议应到代表45名，实到代表29名，未达到法定人数（三分之二以上，即30名）。",
      "项目须获得全体代表过半数（23票以上）赞成方可通过。",
      "共收回选票29张，其中有效票29张，无效票0张。",
      "1. 某某村道路硬化工程：赞成29票，反对0票，弃权0票，未表决0票，本轮表决无效。",
      "2. 集镇供水管网改造：赞成0票，反对29票，弃权0票，未表决0票，本轮表决无效。",
      "出席代表未达到法定人数，本轮表决无效。",
    ]);
  });

  it("declares a round void when more ballots come back than deputies are present", () => {
    const { result, setting } = round({
      seated: 45,
      present: 40,
      places: 1,
      candidates: ["road", "water"],
      ballots: times(41, { road: "yes", water: "no" }),
    });
    const text = describeRound(result, names, { ...setting, issued: 40 });
    expect(text.ballots).toBe("共发出选票40张，收回选票41张，其中有效票41张，无效票0张。");
    expect(text.projects[0]!.line).toBe("1. 某某村道路硬化工程：赞成41票，反对0票，弃权0票，未表决0票，本轮表决无效。");
    expect(text.outcome).toBe("收回选票多于发出选票，本轮表决无效。");
  });

  it("falls back to the id for a project without a name", () => {
    const { result, setting } = round({
      seated: 3,
      present: 3,
      places: 1,
      candidates: ["p-17"],
      ballots: times(3, { "p-17": "yes" }),
    });
    const text = describeRound(result, {}, setting);
    expect(text.projects[0]!.line).toBe("1. p-17：赞成3票，反对0票，弃权0票，未表决0票，通过，当选。");
    expect(text.outcome).toBe("p-17当选。");
  });
});

describe("presidiumName (公告机关, by level)", () => {
  it("names a township's standing presidium by the township", () => {
    expect(presidiumName("township", "黄兴镇", "黄兴镇第十八届人民代表大会第六次会议")).toBe("黄兴镇人民代表大会主席团");
  });
  it("names a county congress's presidium by its session", () => {
    expect(presidiumName("county", "浏阳市", "浏阳市第十七届人民代表大会第五次会议")).toBe("浏阳市第十七届人民代表大会第五次会议主席团");
  });
});
