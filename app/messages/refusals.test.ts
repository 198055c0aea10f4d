import { describe, expect, it } from "vitest";
import { quorumShortfall, summariseAttendance } from "~/domain/attendance";
import type { RefusalCode, RefusalReason } from "~/domain/refusals";
import { refuseOpeningWithoutKey, refuseRoundAction, ROUND_STATUSES, type RoundAction } from "~/domain/round-lifecycle";
import { refusalCodeOf, refusalMessage } from "./refusals";

const ACTIONS: RoundAction[] = ["edit", "key", "open", "vote", "close", "count", "confirm", "publish", "void"];

describe("refusalMessage", () => {
  it("says every refused round step in Chinese", () => {
    for (const status of ROUND_STATUSES) {
      for (const action of ACTIONS) {
        const refusal = refuseRoundAction(status, action);
        if (refusal) expect(refusalMessage(refusal)).toMatch(/^(本轮|监票人).*。$/);
      }
    }
  });

  it("tells the clerk what to do next when a step comes too early", () => {
    expect(refusalMessage(refuseRoundAction("open", "count")!)).toBe("本轮表决仍在投票中，请先截止投票，再开箱计票。");
    expect(refusalMessage(refuseRoundAction("sealed", "confirm")!)).toBe("本轮选票尚未开箱计票，请总监票人先用计票密钥卡开箱计票。");
    expect(refusalMessage(refuseRoundAction("prepared", "vote")!)).toBe("本轮表决尚未开始，请等待主持人宣布开始投票。");
    expect(refusalMessage(refuseRoundAction("published", "edit")!)).toBe("本轮表决已公告，设置已冻结，不能修改。如需重新表决，请新建一轮。");
  });

  it("says which step of the key card is missing", () => {
    expect(refusalMessage(refuseOpeningWithoutKey({ secret: true, medium: "tablet", sealKeyIssued: false, sealKeyVerified: false })!)).toContain(
      "制发计票密钥卡",
    );
    expect(refusalMessage(refuseOpeningWithoutKey({ secret: true, medium: "tablet", sealKeyIssued: true, sealKeyVerified: false })!)).toContain(
      "核对计票密钥卡",
    );
  });

  it("states the quorum's numbers one below it", () => {
    const roster = [...Array(29).fill("present"), ...Array(5).fill("leave"), ...Array(11).fill("absent")];
    expect(refusalMessage(quorumShortfall(summariseAttendance(45, roster))!)).toBe(
      "实到代表29名，未达到全体代表45名的三分之二以上（至少30名），还差1名，不能开始表决。",
    );
  });

  it("puts the numbers and names of a refusal into its sentence", () => {
    const cases: Array<[RefusalReason, string]> = [
      [{ code: "places-exceed-candidates", places: 4, candidates: 3 }, "应选名额（4个）不能多于候选项目数（3个）。"],
      [{ code: "runoff-exists", number: 2 }, "已为本轮安排了再次票决（第2轮）。"],
      [{ code: "already-voted", receipt: "AB12-CD34" }, "您已在本轮投过票（回执 AB12-CD34），不能重复投票。"],
      [{ code: "already-voted", receipt: null }, "您已在本轮投过票，不能重复投票。"],
      [{ code: "ballot-round-not-open", started: false }, "本轮表决尚未开始。"],
      [{ code: "ballot-round-not-open", started: true }, "本轮表决已经截止，不能再投票。"],
      [{ code: "names-on-roster", names: ["张伟", "李娜"] }, "张伟、李娜 已在代表名单上；同名代表请加以区分（如“张伟（大）”）。"],
      [{ code: "township-code-unknown", townshipCode: "430121999" }, "没有区划代码为 430121999 的乡镇或县级人大。"],
    ];
    for (const [refusal, sentence] of cases) expect(refusalMessage(refusal)).toBe(sentence);
  });

  it("has a Chinese sentence for every code", () => {
    for (const refusal of Object.values(ONE_OF_EACH)) expect(refusalMessage(refusal), refusal.code).toMatch(/[\u4e00-\u9fff]/);
  });
});

/** One refusal of every code: a code added without a sample here fails the type check. */
const ONE_OF_EACH: { [C in RefusalCode]: Extract<RefusalReason, { code: C }> } = {
  "round-step-not-allowed": { code: "round-step-not-allowed", action: "open", status: "open" },
  "round-key-not-verified": { code: "round-key-not-verified", issued: true },
  "round-not-found": { code: "round-not-found" },
  "round-changed-meanwhile": { code: "round-changed-meanwhile" },
  "another-round-open": { code: "another-round-open" },
  "quorum-not-met": { code: "quorum-not-met", present: 3, seated: 7, quorum: 5, shortBy: 2 },
  "session-not-found": { code: "session-not-found" },
  "no-roster": { code: "no-roster" },
  "deputy-not-on-roster": { code: "deputy-not-on-roster" },
  "deputies-not-on-roster": { code: "deputies-not-on-roster" },
  "deputy-not-active": { code: "deputy-not-active" },
  "names-on-roster": { code: "names-on-roster", names: ["张伟"] },
  "candidate-on-slate": { code: "candidate-on-slate", name: "村道硬化" },
  "candidate-in-round": { code: "candidate-in-round" },
  "candidates-not-on-slate": { code: "candidates-not-on-slate" },
  "places-exceed-candidates": { code: "places-exceed-candidates", places: 4, candidates: 3 },
  "secret-live-results": { code: "secret-live-results" },
  "teller-chosen-twice": { code: "teller-chosen-twice" },
  "teller-not-present": { code: "teller-not-present" },
  "no-chief-teller": { code: "no-chief-teller" },
  "not-chief-teller": { code: "not-chief-teller" },
  unconfirmed: { code: "unconfirmed", step: "publish" },
  "key-for-recorded-round": { code: "key-for-recorded-round" },
  "key-needs-chief": { code: "key-needs-chief" },
  "key-not-issued": { code: "key-not-issued" },
  "key-format": { code: "key-format" },
  "key-checksum": { code: "key-checksum" },
  "key-not-this-round": { code: "key-not-this-round", fingerprint: "AB12-CD34" },
  "key-unreadable": { code: "key-unreadable" },
  "ballots-not-as-cast": { code: "ballots-not-as-cast" },
  "sealed-ballots-changed": { code: "sealed-ballots-changed" },
  "ballots-changed": { code: "ballots-changed" },
  "recount-differs": { code: "recount-differs" },
  "runoff-before-confirmation": { code: "runoff-before-confirmation" },
  "runoff-not-needed": { code: "runoff-not-needed" },
  "runoff-exists": { code: "runoff-exists", number: 2 },
  "round-of-another-session": { code: "round-of-another-session" },
  "ballot-names-unknown-project": { code: "ballot-names-unknown-project" },
  "ballot-round-not-open": { code: "ballot-round-not-open", started: true },
  "ballot-not-issued": { code: "ballot-not-issued" },
  "already-voted": { code: "already-voted", receipt: null },
  "sign-in-code-invalid": { code: "sign-in-code-invalid" },
  "no-pass-to-revoke": { code: "no-pass-to-revoke" },
  "no-display-link": { code: "no-display-link" },
  "username-taken": { code: "username-taken", username: "clerk1" },
  "township-code-unknown": { code: "township-code-unknown", townshipCode: "430121999" },
  "account-not-found": { code: "account-not-found" },
  "county-code-unknown": { code: "county-code-unknown", countyCode: "439999" },
  "township-code-taken": { code: "township-code-taken", townshipCode: "430121102" },
  "township-not-in-register": { code: "township-not-in-register", townshipCode: "430121102" },
  "congress-seated-by-roster": { code: "congress-seated-by-roster", countyCode: "430181", seated: 300 },
  "table-reader-busy": { code: "table-reader-busy" },
  "paper-totals-recorded": { code: "paper-totals-recorded" },
  "paper-issued-over-present": { code: "paper-issued-over-present", issued: 41, present: 40 },
  "paper-step-on-tablet-round": { code: "paper-step-on-tablet-round" },
  "paper-entry-method": { code: "paper-entry-method", entry: "totals" },
  "paper-entry-teller-not-teller": { code: "paper-entry-teller-not-teller" },
  "paper-entry-same-teller": { code: "paper-entry-same-teller", name: "张伟" },
  "paper-entry-not-started": { code: "paper-entry-not-started" },
  "paper-over-returned": { code: "paper-over-returned", returned: 60 },
  "paper-seat-missing": { code: "paper-seat-missing" },
  "paper-seat-not-issued": { code: "paper-seat-not-issued", seatNo: 7 },
  "paper-seat-entered": { code: "paper-seat-entered", seatNo: 7, number: 3 },
  "paper-not-entered": { code: "paper-not-entered", number: 4 },
  "paper-entries-incomplete": { code: "paper-entries-incomplete", first: 60, second: 58, returned: 60 },
  "paper-entries-differ": { code: "paper-entries-differ", differences: 2 },
  "paper-returned-missing": { code: "paper-returned-missing" },
  "ballot-on-paper-round": { code: "ballot-on-paper-round" },
  "key-for-paper-round": { code: "key-for-paper-round" },
  "chief-card-invalid": { code: "chief-card-invalid" },
  "totals-not-counts": { code: "totals-not-counts" },
  "totals-invalid-over-cast": { code: "totals-invalid-over-cast", invalid: 61, cast: 60 },
  "totals-project-missing": { code: "totals-project-missing", position: 3 },
  "totals-project-sum": { code: "totals-project-sum", position: 3, sum: 59, valid: 58 },
  "totals-choose-n-marks": { code: "totals-choose-n-marks", position: 2 },
  "totals-yes-over-places": { code: "totals-yes-over-places", yes: 600, most: 580, places: 10, valid: 58 },
  "campaign-exists": { code: "campaign-exists", year: 2027 },
  "campaign-days": { code: "campaign-days", opensOn: "2027-01-10", closesOn: "2027-01-05", days: -4, max: 183 },
  "campaign-not-found": { code: "campaign-not-found" },
  "campaign-not-open": { code: "campaign-not-open", phase: "closed", opensOn: "2027-01-05", closesOn: "2027-02-05" },
  "campaign-approved": { code: "campaign-approved" },
  "campaign-still-open": { code: "campaign-still-open" },
  "proposals-unscreened": { code: "proposals-unscreened", count: 3 },
  "no-approved-projects": { code: "no-approved-projects" },
  "approval-on-slate": { code: "approval-on-slate", count: 2 },
  "proposal-not-found": { code: "proposal-not-found" },
  "proposal-step-not-allowed": { code: "proposal-step-not-allowed", step: "admit", status: "pooled" },
  "proposal-duplicate": { code: "proposal-duplicate", number: 12 },
  "proposal-changed-meanwhile": { code: "proposal-changed-meanwhile" },
  "proposal-link-invalid": { code: "proposal-link-invalid" },
  "collection-queue-full": { code: "collection-queue-full", limit: 2000 },
  "pool-project-not-found": { code: "pool-project-not-found" },
  "pool-project-not-approved": { code: "pool-project-not-approved", name: "修建村道" },
  "pool-project-on-slate": { code: "pool-project-on-slate", name: "修建村道" },
  "plan-before-vote": { code: "plan-before-vote", day: "2026-01-10", votedOn: "2026-01-15" },
  "plan-ends-before-start": { code: "plan-ends-before-start", start: "2026-03-01", completion: "2026-02-01" },
  "plan-without-milestones": { code: "plan-without-milestones" },
  "milestone-unnamed": { code: "milestone-unnamed", position: 6 },
  "report-before-vote": { code: "report-before-vote", day: "2026-01-10", votedOn: "2026-01-15" },
  "report-in-future": { code: "report-in-future", day: "2027-01-01" },
  "progress-out-of-range": { code: "progress-out-of-range", progress: 120 },
  "progress-went-back": { code: "progress-went-back", progress: 30, last: 50 },
  "project-not-selected": { code: "project-not-selected" },
  "plan-exists": { code: "plan-exists" },
  "plan-not-found": { code: "plan-not-found" },
  "rating-nothing-to-rate": { code: "rating-nothing-to-rate", year: 2025 },
  "rating-project-not-rateable": { code: "rating-project-not-rateable", year: 2025 },
  "rating-project-rated": { code: "rating-project-rated", name: "村道硬化", round: 3, session: "某镇第十八届人民代表大会第六次会议" },
  "milestone-not-of-plan": { code: "milestone-not-of-plan" },
  "inspection-deputies-unknown": { code: "inspection-deputies-unknown" },
};

describe("refusalCodeOf", () => {
  it("takes the code an audit entry carries", () => {
    expect(refusalCodeOf({ code: "quorum-not-met", reason: "…" })).toBe("quorum-not-met");
    expect(refusalCodeOf({ code: "another-round-open", reason: "实到代表3名，未达到全体代表7名的三分之二以上（至少5名），还差2名，不能开始表决。" })).toBe(
      "another-round-open",
    );
  });

  it("recognises the quorum refusal of an entry logged before codes by its whole sentence only", () => {
    expect(refusalCodeOf({ reason: "实到代表3名，未达到全体代表7名的三分之二以上（至少5名），还差2名，不能开始表决。" })).toBe("quorum-not-met");
    expect(refusalCodeOf({ reason: "出席代表未达到三分之二" })).toBeUndefined();
    expect(refusalCodeOf({ reason: "已有一轮表决正在进行，请先截止该轮。" })).toBeUndefined();
    expect(refusalCodeOf({})).toBeUndefined();
  });
});
