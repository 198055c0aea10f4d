/**
 * What storage alone costs: the rows one ballot writes (the issued ballot marked used, the ballot
 * or its sealed form, its receipt, its audit entry), written with raw better-sqlite3 and the app's
 * durability settings, on a copy of the benchmark database holding open rounds with unused ballots.
 */
import { createHash, randomInt } from "node:crypto";
import Database from "better-sqlite3";

/** Ballots a second: one ballot per commit, and in groups of 50 (as the ballot box commits). */
export interface StorageCeiling {
  perCommit: number;
  grouped: number;
}

export function storageCeiling(file: string, count: number): StorageCeiling {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  const issues = db.prepare("SELECT roundId, deputyId FROM BallotIssue WHERE votedAt IS NULL LIMIT ?").all(count) as Array<{
    roundId: number;
    deputyId: number;
  }>;
  const markVoted = db.prepare("UPDATE BallotIssue SET votedAt = ? WHERE roundId = ? AND deputyId = ? AND votedAt IS NULL");
  const insertBallot = db.prepare("INSERT INTO Ballot (id, roundId, deputyId, choices, valid) VALUES (?, ?, ?, ?, 1)");
  const insertReceipt = db.prepare("INSERT INTO BallotReceipt (roundId, receipt, deputyId) VALUES (?, ?, ?)");
  const insertAudit = db.prepare(
    "INSERT INTO AuditEntry (at, actor, device, action, outcome, sessionId, roundId, detail, prevHash, hash) VALUES (?, ?, 'bench', 'ballot.cast', 'accepted', NULL, ?, '{}', ?, ?)",
  );
  let prev = "0".repeat(64);
  const writeOne = (issue: { roundId: number; deputyId: number }, i: number) => {
    const now = new Date().toISOString();
    markVoted.run(now, issue.roundId, issue.deputyId);
    insertBallot.run(randomInt(1, 2 ** 48), issue.roundId, issue.deputyId, '{"1":"yes","2":"yes","3":"yes","4":"no"}');
    insertReceipt.run(issue.roundId, `R${i}-${randomInt(1e9)}`, issue.deputyId);
    const hash = createHash("sha256")
      .update(prev + now + issue.deputyId)
      .digest("hex");
    insertAudit.run(now, `deputy:${issue.deputyId}`, issue.roundId, prev, hash);
    prev = hash;
  };
  const half = Math.floor(issues.length / 2);
  const single = db.transaction(writeOne);
  let t0 = performance.now();
  issues.slice(0, half).forEach((issue, i) => single(issue, i));
  const perCommit = half / ((performance.now() - t0) / 1000);
  const grouped = db.transaction((group: typeof issues, offset: number) => group.forEach((issue, i) => writeOne(issue, offset + i)));
  const rest = issues.slice(half);
  t0 = performance.now();
  for (let i = 0; i < rest.length; i += 50) grouped(rest.slice(i, i + 50), half + i);
  const groupedRate = rest.length / ((performance.now() - t0) / 1000);
  db.close();
  return { perCommit, grouped: groupedRate };
}
