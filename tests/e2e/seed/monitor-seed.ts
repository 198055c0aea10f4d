/**
 * Data for tests/e2e/monitor.spec.ts, made through the app's own services on the e2e database
 * (DATABASE_URL) while the server runs, in a county the spec claimed for itself: its first township
 * (by code) published, its second published with two places vacant, its third voted but not
 * published (and collected proposals first: three received, two pooled, one declined, no approval),
 * the rest not held; and a monitor account for the county. Prints what it made as JSON on
 * its last line. Usage: tsx monitor-seed.ts <county code> <first> <second> <third township code>
 */
import { addDeputies, activeDeputies, townshipByCode } from "~/data/deputies.server";
import { candidates as slate } from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
import type { Choice } from "~/domain/tally";
import { createAccount } from "~/services/accounts.server";
import { createCampaign, declineProposal, enterProposal, poolProposal } from "~/services/collection.server";
import { addCandidates, chooseTellers, confirmRound, createSession, markAttendance, prepareRound, publishRound } from "~/services/congress-session.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot, issueSignInCodes, passFromToken, signInWithCode } from "~/services/voting.server";
import { closeAndCount, openRoundForVoting, tablet } from "../../factories/session";

const actor = { actor: "clerk:e2e-seed", device: "e2e seed" };
const [county, publishedCode, vacantCode, heldCode] = process.argv.slice(2) as [string, string, string, string];
const MONITOR = { username: `e2e-monitor-${county}`, password: "e2e-monitor-password", area: county };

async function township(code: string, names: string[]) {
  const row = (await townshipByCode(code))!;
  await inTransaction((tx) => addDeputies(tx, row.id, names));
  const deputies = (await activeDeputies(row.id)).map((d) => d.id);
  const sessionId = await createSession(actor, row.id, {
    title: `${row.name}第十八届人民代表大会第六次会议`,
    meetingDate: new Date("2026-01-20T09:00:00+08:00"),
    place: "人民政府会议室",
  });
  for (const id of deputies) await markAttendance(actor, sessionId, id, "present");
  await chooseTellers(actor, sessionId, deputies[0]!, [deputies[1]!]);
  return { id: row.id, name: row.name, sessionId, deputies };
}

async function round(
  sessionId: number,
  deputies: number[],
  projects: string[],
  places: number,
  ballots: (ids: string[]) => Array<Partial<Record<string, Choice>>>,
) {
  await addCandidates(
    actor,
    sessionId,
    projects.map((name, i) => ({
      name,
      content: `${name}：建设内容详见项目说明`,
      investment: 100 + 50 * i,
      fundingSource: "市级财政补助、乡镇自筹",
      plannedCompletion: "2026-12",
      responsibleUnit: "乡镇人民政府",
    })),
    "form",
  );
  const candidateIds = (await slate(sessionId)).map((c) => c.id);
  const roundId = await prepareRound(actor, sessionId, { candidateIds, places, form: "per-project", secret: true, liveResults: false });
  await openRoundForVoting(sessionId, roundId, true);
  const codes = await issueSignInCodes(actor, sessionId, deputies);
  const passes = await Promise.all(codes.map(async (code) => (await passFromToken((await signInWithCode("e2e tablet", code)).token))!));
  const choices = ballots(candidateIds.map(String));
  await Promise.all(choices.map((c, i) => castBallot(passes[i]!, "e2e tablet", { roundId, ballotKey: newBallotKey(), choices: c })));
  await closeAndCount(sessionId, roundId);
  return roundId;
}

const qingxi = await township(publishedCode, ["毛建国", "毛秀英", "李春华", "周志强", "彭丽", "刘德明", "谭桂英", "曾伟", "唐敏"]);
const qingxiRound = await round(qingxi.sessionId, qingxi.deputies, ["清溪村道路硬化", "集镇污水管网改造", "中心小学食堂改扩建"], 2, ([a, b, c]) =>
  qingxi.deputies.map((_, i) => ({ [a!]: "yes", [b!]: i < 7 ? "yes" : "no", [c!]: i < 7 ? "no" : "yes" })),
);
await confirmRound(await tablet(qingxi.sessionId, qingxi.deputies[0]!), "e2e tablet", qingxiRound);
await publishRound(actor, qingxi.sessionId, qingxiRound);

const yintian = await township(vacantCode, ["王芳", "张伟", "李娜", "刘洋", "陈静"]);
const yintianRound = await round(yintian.sessionId, yintian.deputies, ["银田村饮水安全提升", "敬老院适老化改造", "全民健身广场建设"], 3, ([a, b, c]) =>
  yintian.deputies.map((_, i) => ({ [a!]: "yes", [b!]: i < 2 ? "yes" : "no", [c!]: "abstain" })),
);
await confirmRound(await tablet(yintian.sessionId, yintian.deputies[0]!), "e2e tablet", yintianRound);
await publishRound(actor, yintian.sessionId, yintianRound);

const shaoshan = await township(heldCode, ["杨帆", "赵磊", "孙丽", "周杰"]);
await round(shaoshan.sessionId, shaoshan.deputies, ["韶山乡卫生院改造", "村级便民服务中心"], 1, ([a]) => shaoshan.deputies.map(() => ({ [a!]: "yes" })));

// 征集 in the third township: three proposals received, two pooled, one declined; not yet approved.
const campaign = await createCampaign(actor, shaoshan.id, 2026, {
  title: "2026年民生实事项目征集",
  callText: "现面向全乡群众和人大代表征集2026年民生实事项目建议。",
  opensOn: "2025-11-01",
  closesOn: "2025-11-30",
  channels: ["online", "deputies"],
});
const proposals = [
  { source: "resident" as const, title: "修复村口塌方的护坡", proposer: null },
  { source: "village" as const, title: "建设村级养老服务站", proposer: "韶山村村民委员会" },
  { source: "government" as const, title: "新建乡镇室内体育馆", proposer: "乡人民政府" },
];
for (const [i, p] of proposals.entries())
  await enterProposal(actor, campaign, { ...p, place: `第${i + 1}村民小组`, reason: "群众反映强烈，急需解决。", village: null, contact: null });
const project = { content: "建设内容详见项目说明", investment: 80, fundingSource: "乡镇自筹", plannedCompletion: "2026-12", responsibleUnit: "乡人民政府" };
await poolProposal(actor, campaign, 1, { name: "村口护坡修复", ...project });
await poolProposal(actor, campaign, 2, { name: "村级养老服务站建设", ...project });
await declineProposal(actor, campaign, 3, "too-costly", null);

await createAccount({ username: MONITOR.username, displayName: "县人大常委会联工委", password: MONITOR.password, role: "monitor", areaCode: MONITOR.area });

console.log(JSON.stringify({ monitor: MONITOR, notices: [`/notices/${qingxi.sessionId}/1`, `/notices/${yintian.sessionId}/1`] }));
const { closeDatabase } = await import("~/data/sqlite.server");
await closeDatabase();
