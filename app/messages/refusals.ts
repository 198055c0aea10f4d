/**
 * What each refusal says (Simplified Chinese), by its code (app/domain/refusals.ts). The table is
 * typed by code: a code added without its sentence fails the type check.
 */
import type { RefusalCode, RefusalReason } from "~/domain/refusals";
import type { RoundAction, RoundStatus } from "~/domain/round-lifecycle";
import { commonMessages } from "./common";
import { collectionMessages } from "./collection";
import { consoleMessages } from "./console";

const status = (s: RoundStatus) => commonMessages.roundStatus[s];

/** A round step refused in this status: what the clerk or deputy is told. */
const roundStep: Record<RoundAction, (s: RoundStatus) => string> = {
  edit: (s) => `本轮表决${status(s)}，设置已冻结，不能修改。如需重新表决，请新建一轮。`,
  key: (s) => `本轮表决${status(s)}，计票密钥卡只能在开始投票前制发。`,
  open: (s) => `本轮表决${status(s)}，不能再次开始。`,
  vote: (s) => (s === "prepared" ? "本轮表决尚未开始，请等待主持人宣布开始投票。" : `本轮表决${status(s)}，不能再投票。`),
  close: (s) => `本轮表决${status(s)}，不能截止。`,
  enter: (s) =>
    s === "open" ? "本轮仍在投票中，请先收回选票并登记收回张数，再录入。" : `本轮表决${status(s)}，不能再录入或修改选票；录入有误的，请作废本轮后重新录入。`,
  count: (s) => (s === "open" ? "本轮表决仍在投票中，请先截止投票，再开箱计票。" : `本轮表决${status(s)}，不能开箱计票。`),
  confirm: (s) =>
    s === "confirmed" || s === "published"
      ? "监票人已确认过本轮结果，不能重复确认。"
      : s === "sealed"
        ? "本轮选票尚未开箱计票，请总监票人先用计票密钥卡开箱计票。"
        : `本轮表决${status(s)}，不能确认。`,
  publish: (s) => (s === "published" ? "本轮结果已经公告。" : `本轮表决${status(s)}，须经监票人确认后才能公告。`),
  void: (s) => `本轮表决${status(s)}，结果已确认，不能作废；如需重新表决，请新建一轮。`,
};

const { roundKey, tampering, confirmations } = consoleMessages;

const refusalMessages: { [C in RefusalCode]: (refusal: Extract<RefusalReason, { code: C }>) => string } = {
  "round-step-not-allowed": ({ action, status }) => roundStep[action](status),
  "round-key-not-verified": ({ issued }) =>
    issued ? "无记名表决须先由总监票人核对计票密钥卡（输入卡上的密钥），才能开始投票。" : "无记名表决须先制发计票密钥卡并交总监票人核对，才能开始投票。",
  "round-not-found": () => "没有这一轮表决。",
  "round-changed-meanwhile": () => "本轮状态刚刚被其他操作改变，请刷新后重试。",
  "another-round-open": () => "已有一轮表决正在进行，请先截止该轮。",
  "quorum-not-met": ({ present, seated, quorum, shortBy }) =>
    `实到代表${present}名，未达到全体代表${seated}名的三分之二以上（至少${quorum}名），还差${shortBy}名，不能开始表决。`,
  "session-not-found": () => "没有这次会议。",
  "no-roster": () => "本乡镇还没有代表名单，请先录入代表，再建立会议。",
  "deputy-not-on-roster": () => "这位代表不在本次会议名单上。",
  "deputies-not-on-roster": () => "所选代表中有不在本次会议名单上的，未签到任何代表。",
  "deputy-not-active": () => "这位代表不在本乡镇的在任代表名单上。",
  "names-on-roster": ({ names }) => `${names.join("、")} 已在代表名单上；同名代表请加以区分（如“张伟（大）”）。`,
  "candidate-on-slate": ({ name }) => `候选项目“${name}”已在名单上，未导入任何项目。`,
  "candidate-in-round": () => "该项目已列入表决轮次（含已作废的轮次），为保留表决记录不能删除；新建轮次时不勾选它即可。",
  "candidates-not-on-slate": () => "所选项目不在本次会议的候选名单上。",
  "places-exceed-candidates": ({ places, candidates }) => `应选名额（${places}个）不能多于候选项目数（${candidates}个）。`,
  "secret-live-results": () => "无记名表决时，大屏不能在投票过程中显示实时结果（逐票变化可能泄露个人的选择），请选择“截止后显示”。",
  "teller-chosen-twice": () => "总监票人和监票人不能是同一位代表。",
  "teller-not-present": () => "监票人须从已签到的代表中推选。",
  "no-chief-teller": () => "尚未推选总监票人，不能确认计票结果。",
  "not-chief-teller": () => "须由总监票人本人确认计票结果：在本人的平板上，或在会务电脑上输入本人签到卡上的签到码。",
  unconfirmed: ({ step }) => confirmations.unconfirmed[step],
  "key-for-recorded-round": () => roundKey.errors.notSecret,
  "key-needs-chief": () => roundKey.needsChief,
  "key-not-issued": () => roundKey.errors.notIssued,
  "key-format": () => roundKey.errors.format,
  "key-checksum": () => roundKey.errors.checksum,
  "key-not-this-round": ({ fingerprint }) => roundKey.errors.notThisRound(fingerprint),
  "key-unreadable": () => roundKey.errors.unreadable,
  "ballots-not-as-cast": () => tampering.ballotsNotAsCast,
  "sealed-ballots-changed": () => tampering.sealedChanged,
  "ballots-changed": () => tampering.ballotsChanged,
  "recount-differs": () => "复核计票结果与截止时不一致，请检查后重新截止。",
  "runoff-before-confirmation": () => "须在监票人确认本轮结果后，才能安排再次票决。",
  "runoff-not-needed": () => "本轮没有得票相同需要再次票决的项目。",
  "runoff-exists": ({ number }) => `已为本轮安排了再次票决（第${number}轮）。`,
  "round-of-another-session": () => "这一轮表决不属于您签到的会议。",
  "ballot-names-unknown-project": () => "选票上有不属于本轮的项目，请刷新后重新填写。",
  "ballot-round-not-open": ({ started }) => (started ? "本轮表决已经截止，不能再投票。" : "本轮表决尚未开始。"),
  "ballot-not-issued": () => "本轮开始时您尚未签到，没有领到本轮选票。",
  "already-voted": ({ receipt }) => (receipt ? `您已在本轮投过票（回执 ${receipt}），不能重复投票。` : "您已在本轮投过票，不能重复投票。"),
  "sign-in-code-invalid": () => "签到码无效、已使用或已过期。请向会务工作人员领取新的签到码。",
  "no-pass-to-revoke": () => "这位代表没有有效的签到码或已登录的平板。",
  "no-display-link": () => "这次会议没有已开启的大屏显示链接。",
  "username-taken": ({ username }) => `用户名“${username}”已被使用。`,
  "township-code-unknown": ({ townshipCode }) => `没有区划代码为 ${townshipCode} 的乡镇或县级人大。`,
  "account-not-found": () => "没有这个账户。",
  "county-code-unknown": ({ countyCode }) => `区划代码前6位 ${countyCode} 不是本省的县市区。`,
  "township-code-taken": ({ townshipCode }) => `区划代码 ${townshipCode} 已在名录中。`,
  "township-not-in-register": ({ townshipCode }) => `名录中没有在册的乡镇 ${townshipCode}。`,
  "congress-seated-by-roster": ({ countyCode, seated }) =>
    `县级人大 ${countyCode} 已录入代表名单，实有代表以名单为准（现为${seated}名）；请在会务工作台增减代表。`,
  "table-reader-busy": () => "系统正在读取另一个导入文件，请稍后再试",
  "paper-totals-recorded": () => "记名表决须逐张录入，以便留存每位代表的表决记录；汇总录入只用于无记名表决。",
  "paper-issued-over-present": ({ issued, present }) => `发出选票${issued}张，多于开始表决时的实到代表${present}名，请核对后重新填写。`,
  "paper-step-on-tablet-round": () => "本轮用平板表决，没有纸质选票可登记或录入。",
  "paper-entry-method": ({ entry }) => (entry === "totals" ? "本轮选定汇总录入，请按项目录入汇总数。" : "本轮选定逐张录入，请逐张录入选票。"),
  "paper-entry-teller-not-teller": () => "录入须由本次会议推选的总监票人或监票人负责，请先推选监票人。",
  "paper-entry-same-teller": ({ name }) => `第一遍已由${name}负责录入；两遍录入须由两位不同的监票人分别负责。`,
  "paper-entry-not-started": () => "这一遍录入尚未开始，请先选定负责录入的监票人。",
  "paper-over-returned": ({ returned }) => `本轮收回选票${returned}张，录入的选票不能多于收回张数。`,
  "paper-seat-missing": () => "记名选票须填写代表的座位号。",
  "paper-seat-not-issued": ({ seatNo }) => `座位号${seatNo}的代表在本轮开始时未签到，没有发给选票。`,
  "paper-seat-entered": ({ seatNo, number }) => `座位号${seatNo}的选票已作为第${number}张录入，同一代表只有一张选票。`,
  "paper-not-entered": ({ number }) => `第${number}张选票尚未录入，请按顺序录入。`,
  "paper-entries-incomplete": ({ first, second, returned }) =>
    `两遍录入都须录完收回的${returned}张选票才能计票（第一遍已录${first}张，第二遍已录${second}张）。`,
  "paper-entries-differ": ({ differences }) => `两遍录入有${differences}处不一致，请对照选票核对并改正后再计票。`,
  "paper-returned-missing": () => "请填写收回选票的张数，再进入录入。",
  "ballot-on-paper-round": () => "本轮使用纸质选票表决，请在纸质选票上填写，平板不能投票。",
  "key-for-paper-round": () => "纸质选票的无记名表决不需要计票密钥卡：选票本身不记名，收回后由监票人录入计票。",
  "chief-card-invalid": () => "这不是本次会议总监票人的签到卡代码，不能确认计票结果。",
  "totals-not-counts": () => "汇总数须为不小于0的整数。",
  "totals-invalid-over-cast": ({ invalid, cast }) => `无效票${invalid}张多于收回的${cast}张选票。`,
  "totals-project-missing": ({ position }) => `第${position}个项目的汇总数没有填写。`,
  "totals-project-sum": ({ position, sum, valid }) =>
    `第${position}个项目的赞成、反对、弃权、未表决合计${sum}票，与有效票${valid}张不符（每张有效票在每个项目上恰有一种结果）。`,
  "totals-choose-n-marks": ({ position }) => `本轮为勾选式选票，只有赞成（勾选）和未勾选；第${position}个项目不应有反对或弃权票。`,
  "totals-yes-over-places": ({ yes, most, places, valid }) =>
    `各项目赞成票合计${yes}票，超过有效票${valid}张最多可投的${most}票（每张有效票最多赞成${places}个项目），汇总数不可能成立。`,
  "campaign-exists": ({ year }) => `本乡镇已有${year}年度的征集活动，每年一次；请在原活动中修改。`,
  "campaign-days": ({ opensOn, closesOn, days, max }) =>
    days < 1 ? `截止日期${day(closesOn)}早于开始日期${day(opensOn)}，请核对。` : `征集期${days}天，超过${max}天；请核对开始和截止日期。`,
  "campaign-not-found": () => "没有这项征集活动。",
  "campaign-not-open": ({ phase, opensOn, closesOn }) =>
    phase === "upcoming" ? `征集将于${day(opensOn)}开始，请届时再提交。` : `征集已于${day(closesOn)}截止，感谢关注。`,
  "campaign-approved": () => "候选项目名单已经党委审定，初审结果不能再改。",
  "campaign-still-open": () => "征集尚未截止，须在截止后、全部建议初审完毕再记录审定。",
  "proposals-unscreened": ({ count }) => `还有${count}条建议未处理（待审核或待初审），须全部处理后再记录审定。`,
  "no-approved-projects": () => "请至少勾选一个审定为候选项目的项目。",
  "approval-on-slate": ({ count }) => `审定名单中已有${count}个项目列入会议候选项目，不能再改审定。`,
  "proposal-not-found": () => "没有这条建议。",
  "proposal-step-not-allowed": ({ step, status }) => `这条建议${collectionMessages.status[status]}，不能${collectionMessages.step[step]}。`,
  "proposal-duplicate": ({ number }) => `内容相同的建议已经收到（第${number}号），不必重复提交。`,
  "proposal-changed-meanwhile": () => "这条建议刚刚被其他操作处理过，请刷新后查看。",
  "proposal-link-invalid": () => "这个代表提交链接无效或已被新链接取代，请向乡镇人大主席团索取新的链接。",
  "collection-queue-full": ({ limit }) => `待审核的建议已达${limit}条，暂停接收，请稍后再提交或通过代表联络站反映。`,
  "pool-project-not-found": () => "项目库中没有这个项目。",
  "pool-project-not-approved": ({ name }) => `“${name}”不在党委审定的候选项目名单上，不能列入会议候选项目。`,
  "pool-project-on-slate": ({ name }) => `“${name}”已列入本次会议的候选项目。`,
  "plan-before-vote": ({ day: d, votedOn }) => `${day(d)}早于本项目的票决之日（${day(votedOn)}）：实施计划和节点只能安排在票决之后。`,
  "plan-ends-before-start": ({ start, completion }) => `计划完成日期${day(completion)}早于计划开工日期${day(start)}，请核对。`,
  "plan-without-milestones": () => "请至少安排一个节点（如立项、招标、开工、完工、验收）。",
  "milestone-unnamed": ({ position }) => `第${position}个节点是自定义节点，请填写名称。`,
  "report-before-vote": ({ day: d, votedOn }) => `日期${day(d)}早于票决之日（${day(votedOn)}）。`,
  "report-in-future": ({ day: d }) => `日期${day(d)}还没到，请填写实际的日期。`,
  "progress-out-of-range": ({ progress }) => `完成进度${progress}%不在0%到100%之间。`,
  "progress-went-back": ({ progress, last }) => `完成进度${progress}%低于上次报告的${last}%；进度只能保持或增加，如上次有误请在说明中写明。`,
  "project-not-selected": () => "这个项目不是本乡镇已公告的票决选中项目，不能安排实施计划或报告进度。",
  "plan-exists": () => "这个项目已有实施计划。",
  "plan-not-found": () => "这个项目还没有实施计划，请先制定实施计划。",
  "rating-nothing-to-rate": ({ year }) => `${year}年没有尚待测评的项目：本乡镇${year}年票决选定的项目都已列入满意度测评，或当年没有公告选定的项目。`,
  "rating-project-not-rateable": ({ year }) => `所选项目不是本乡镇${year}年票决选定的项目，不能列入满意度测评。`,
  "rating-project-rated": ({ name, round, session }) => `「${name}」已列入${session}第${round}轮满意度测评，同一项目不能测评两次；如该轮作废，可重新测评。`,
  "milestone-not-of-plan": () => "所选节点不属于这个项目的实施计划。",
  "inspection-deputies-unknown": () => "参加视察的代表中有不在本乡镇在任代表名单上的。",
};

function day(value: string): string {
  return collectionMessages.day(value);
}

/** The sentence of a refusal. */
export function refusalMessage(refusal: RefusalReason): string {
  return (refusalMessages[refusal.code] as (refusal: RefusalReason) => string)(refusal);
}

/**
 * Audit entries logged before refusals carried a code (existing databases) hold only their
 * sentence, and an audit entry is never rewritten (its hash is chained). The one refusal the
 * monitor counts, the quorum's, is recognised by its whole sentence as worded then — a frozen
 * format, not the current catalog.
 */
const LEGACY_QUORUM_SENTENCE = /^实到代表\d+名，未达到全体代表\d+名的三分之二以上（至少\d+名），还差\d+名，不能开始表决。$/;

/** The refusal code of an audit detail: its own, or for an entry without one, the code its sentence shows. */
export function refusalCodeOf(detail: { code?: unknown; reason?: unknown }): unknown {
  if (detail.code !== undefined) return detail.code;
  return typeof detail.reason === "string" && LEGACY_QUORUM_SENTENCE.test(detail.reason) ? "quorum-not-met" : undefined;
}
