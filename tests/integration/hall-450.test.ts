/**
 * The hall pages at the largest congress the law allows (a county congress of 450 deputies): the
 * session console (roster and check-in), a recorded round's page and its roll (记名表决名单) as CSV,
 * the passes print run (450 cards with their QR codes) and the big screen, served by the production
 * build. Each page must carry every deputy it lists, once; the big screen lists none (it counts).
 * Sizes and server times are measured against the same pages of a 45-deputy township in the same
 * run, as ratios, and printed: a page that grows faster than its deputies would show here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDeputies, townshipByCode } from "~/data/deputies.server";
import * as sessions from "~/data/sessions.server";
import { inTransaction } from "~/data/transaction.server";
import { createAccount } from "~/services/accounts.server";
import { addCandidates, checkInDeputies, closeRound, createSession, openRound, prepareRound } from "~/services/congress-session.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot } from "~/services/voting.server";
import type { RunningServer } from "../bench/lib/server";
import { candidateInput, clerk, tablet } from "../factories/session";
import { startTestServer } from "../setup/http-server";
import { get, logInStaff, post } from "./helpers";

const PASSWORD = "hall-450-password";
let server: RunningServer;
let cookie = "";

interface Hall {
  seated: number;
  sessionId: number;
  roundId: number;
  /** A second session of the same congress whose deputies have not signed in: its passes can all be printed. */
  passSessionId: number;
  names: string[];
}
const halls: Record<"county" | "township", Hall> = {} as never;

/** A congress with `seated` deputies all present, 15 projects, a recorded round in which everyone voted, closed. */
async function hall(code: string, seated: number): Promise<Hall> {
  const congress = (await townshipByCode(code))!;
  const names = Array.from({ length: seated }, (_, i) => `${congress.name}代表${String(i + 1).padStart(3, "0")}`);
  await inTransaction((tx) => addDeputies(tx, congress.id, names));
  const sessionId = await createSession(clerk, congress.id, {
    title: `${congress.name}第十七届人民代表大会第五次会议`,
    meetingDate: new Date("2026-01-08T09:00:00+08:00"),
    place: "人民会堂",
  });
  const passSessionId = await createSession(clerk, congress.id, {
    title: `${congress.name}第十七届人民代表大会第六次会议`,
    meetingDate: new Date("2026-06-08T09:00:00+08:00"),
    place: "人民会堂",
  });
  const roster = await sessions.roster(sessionId);
  await checkInDeputies(
    clerk,
    sessionId,
    roster.map((row) => row.deputyId),
  );
  await addCandidates(
    clerk,
    sessionId,
    Array.from({ length: 15 }, (_, i) => candidateInput(i + 1)),
    "form",
  );
  const candidateIds = (await sessions.candidates(sessionId)).map((candidate) => candidate.id);
  const roundId = await prepareRound(clerk, sessionId, { candidateIds, places: 12, form: "per-project", secret: false, liveResults: false });
  await openRound(clerk, sessionId, roundId);
  for (const [i, row] of roster.entries()) {
    const choices = Object.fromEntries(candidateIds.map((id, k) => [String(id), (i + k) % 15 < 12 ? "yes" : "no"] as const));
    await castBallot(await tablet(sessionId, row.deputyId), "t", { roundId, ballotKey: newBallotKey(), choices });
  }
  await closeRound(clerk, sessionId, roundId);
  return { seated, sessionId, roundId, passSessionId, names };
}

async function timedGet(path: string) {
  const started = performance.now();
  const answer = await get(server.url, path, { cookie });
  return { ...answer, ms: performance.now() - started };
}

/** The median of five fetches of a page (the first, warming up, left out), and its body. */
async function measure(path: string) {
  await timedGet(path);
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await timedGet(path));
  const sorted = runs.map((run) => run.ms).sort((a, b) => a - b);
  return { status: runs[0]!.status, text: runs[0]!.body, bytes: Buffer.byteLength(runs[0]!.body), ms: sorted[2]! };
}

beforeAll(async () => {
  halls.county = await hall("430181", 450);
  halls.township = await hall("430121102", 45);
  await createAccount({ username: "hall450-admin", displayName: "测试管理员", password: PASSWORD, role: "admin" });
  server = await startTestServer();
  cookie = await logInStaff(server.url, "hall450-admin", PASSWORD);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const PAGES = {
  console: (h: Hall) => `/console/sessions/${h.sessionId}`,
  round: (h: Hall) => `/console/sessions/${h.sessionId}/rounds/${h.roundId}`,
  roll: (h: Hall) => `/console/sessions/${h.sessionId}/rounds/${h.roundId}/roll.csv`,
  passes: (h: Hall) => `/console/sessions/${h.sessionId}/passes`,
  screen: (h: Hall) => `/screen/${h.sessionId}`,
};

describe("the hall pages at 450 deputies", () => {
  it("list every deputy once where they list deputies, and grow with the deputies, not faster", async () => {
    const figures: string[] = [];
    for (const [page, path] of Object.entries(PAGES)) {
      const [big, small] = [await measure(path(halls.county)), await measure(path(halls.township))];
      expect(big.status, page).toBe(200);
      figures.push(
        `${page.padEnd(8)} 450: ${(big.bytes / 1024).toFixed(0).padStart(5)} KB ${big.ms.toFixed(0).padStart(4)} ms · 45: ${(small.bytes / 1024).toFixed(0).padStart(4)} KB ${small.ms.toFixed(0).padStart(4)} ms · ×${(big.bytes / small.bytes).toFixed(1)} bytes, ×${(big.ms / small.ms).toFixed(1)} time`,
      );
      // Ten times the deputies: no page may grow more than ten times (and a little for fixed parts).
      expect(big.bytes / small.bytes, page).toBeLessThan(11);
      const occurrences = (name: string) => big.text.split(name).length - 1;
      const listed = halls.county.names.filter((name) => occurrences(name) > 0).length;
      if (page === "screen") expect(listed, "the big screen counts, it lists no deputy").toBe(0);
      else expect(listed, `${page}: every deputy`).toBe(450);
    }
    console.log(`hall pages, median of 5 (server and client share the machine):\n${figures.join("\n")}`);
  });

  it("prints 450 passes in one run, each with its own QR code, on whole sheets", async () => {
    const printRun = async (h: Hall) => {
      const started = performance.now();
      const answer = await post(server.url, `/console/sessions/${h.passSessionId}/passes`, { cookie, fields: [["scope", "all"]] });
      return { ...answer, ms: performance.now() - started, bytes: Buffer.byteLength(answer.body) };
    };
    const [big, small] = [await printRun(halls.county), await printRun(halls.township)];
    expect(big.status).toBe(200);
    expect(big.body.match(/<article class="pass-card"/g)).toHaveLength(450);
    expect(big.body.match(/<div class="qr" role="img"/g)).toHaveLength(450);
    for (const name of halls.county.names) expect(big.body).toContain(`aria-label="${name} `);
    // A4 sheets of 8 (PassCards): 56 full sheets and one of 2, no card split across a page.
    const sheets = big.body.split('<div class="pass-sheet"').slice(1);
    expect(sheets.map((sheet) => sheet.split('<article class="pass-card"').length - 1)).toEqual([...Array(56).fill(8), 2]);
    console.log(
      `passes print run: 450 cards ${(big.bytes / 1024).toFixed(0)} KB in ${big.ms.toFixed(0)} ms, ${sheets.length} sheets; 45 cards ${(small.bytes / 1024).toFixed(0)} KB in ${small.ms.toFixed(0)} ms (×${(big.ms / small.ms).toFixed(1)} time)`,
    );
  });

  it("gives the roll of a recorded round as one line per deputy", async () => {
    const { text } = await measure(PAGES.roll(halls.county));
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines).toHaveLength(451);
  });
});
