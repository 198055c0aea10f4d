/**
 * The ballot box in a process of its own, casting the given ballots one commit at a time: a second
 * copy of the app's modules writing to the same file, as the server's and Remix's copies do. Run
 * by app/data/audit-refusal.server.test.ts with `node --import tsx`; reads its work from argv[2]
 * and prints "started" before the first commit and "done" after the last.
 */
import { ballotBox } from "~/data/ballot-box.server";
import { ballotDigest } from "~/data/ballots.server";
import { closeDatabase } from "~/data/sqlite.server";

interface Work {
  sessionId: number;
  roundId: number;
  deputyIds: number[];
  candidateId: string;
}

const work = JSON.parse(process.argv[2]!) as Work;
process.stdout.write("started\n");
for (const deputyId of work.deputyIds) {
  const choices = { [work.candidateId]: "yes" as const };
  const outcome = await ballotBox().submit({
    roundId: work.roundId,
    sessionId: work.sessionId,
    deputyId,
    receipt: `other-process-${deputyId}`,
    device: "other process",
    contents: { kind: "recorded", choices, valid: true, digest: ballotDigest(choices) },
  });
  if (outcome.kind !== "recorded") throw new Error(`ballot of deputy ${deputyId}: ${outcome.kind}`);
}
await closeDatabase();
process.stdout.write("done\n");
