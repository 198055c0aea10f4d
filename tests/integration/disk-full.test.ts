/**
 * A full disk in the middle of a vote: the database sits on a small file system of its own (a
 * tmpfs mounted for the test), the hall votes, and a file fills the rest of the disk. Every tablet
 * is answered either "cast" — and its ballot is stored — or 503 with a Chinese message saying
 * nothing was stored — and its ballot is not; the server stays up; once space is freed, the same
 * tablets confirm again with the same ballot keys and each ballot is stored once.
 * Needs root (mount); says so and stops without a verdict where it cannot mount.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, rmSync, unlinkSync, writeSync, closeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "~/data/backup.server";
import { appDatabaseFile } from "~/data/sqlite.server";
import { httpMessages } from "~/messages/http";
import { issueSignInCodes } from "~/services/voting.server";
import { auditKeyFile } from "~/utils/env.server";
import type { RunningServer } from "../bench/lib/server";
import { newBallotKey } from "../bench/lib/tablet-client";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import { startTestServer } from "../setup/http-server";
import { get, post, signInTablet } from "./helpers";

const DEPUTIES = 80;
const mountPoint = mkdtempSync(path.join(os.tmpdir(), "disk-full-"));
let mounted = false;
try {
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mountPoint], { stdio: "ignore" });
  mounted = true;
} catch {
  console.warn(`disk-full test NOT RUN: cannot mount a tmpfs at ${mountPoint} (needs root)`);
}

let server: RunningServer;
let roundId: number;
let candidateIds: number[];
let tablets: Array<{ deputyId: number; cookie: string; ballotKey: string }>;
const database = path.join(mountPoint, "app.db");
const filler = path.join(mountPoint, "filler");

beforeAll(async () => {
  if (!mounted) return;
  const { sessionId, deputyIds } = await sessionWithDeputies(DEPUTIES);
  await checkIn(sessionId, deputyIds);
  ({ roundId, candidateIds } = await slateAndRound(sessionId, 3, { places: 2 }));
  const { openRound } = await import("~/services/congress-session.server");
  await openRound(clerk, sessionId, roundId);
  const codes = await issueSignInCodes(clerk, sessionId, deputyIds);
  backupDatabase(appDatabaseFile(), database);
  server = await startTestServer({ AUDIT_KEY_FILE: auditKeyFile() }, `file:${database}`);
  tablets = [];
  for (const [i, code] of codes.entries()) tablets.push({ deputyId: deputyIds[i]!, cookie: await signInTablet(server.url, code), ballotKey: newBallotKey() });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (mounted) execFileSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

async function cast(tablet: (typeof tablets)[number]) {
  const [a, b, c] = candidateIds;
  const answer = await post(server.url, "/vote/cast", {
    cookie: tablet.cookie,
    body: JSON.stringify({ roundId, ballotKey: tablet.ballotKey, choices: { [a!]: "yes", [b!]: "no", [c!]: "abstain" } }),
    contentType: "application/json",
  });
  return { status: answer.status, body: JSON.parse(answer.body) as { ok: boolean; message?: string } };
}

function storedDeputies(): number[] {
  const db = new Database(database, { readonly: true });
  try {
    return (db.prepare("SELECT deputyId FROM Ballot WHERE roundId = ? ORDER BY deputyId").all(roundId) as Array<{ deputyId: number }>).map(
      (row) => row.deputyId,
    );
  } finally {
    db.close();
  }
}

/** Writes zeros until the file system has no room left. */
function fillTheDisk() {
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let size = chunk.length; size >= 512;) {
      try {
        writeSync(fd, chunk, 0, size);
      } catch {
        size /= 2;
      }
    }
  } finally {
    closeSync(fd);
  }
}

describe.runIf(mounted)("a full disk during a vote", () => {
  it("stores what it acknowledges, refuses in Chinese what it cannot store, and stores it once when space is back", async () => {
    const acknowledged = new Set<number>();
    for (const tablet of tablets.slice(0, 5)) if ((await cast(tablet)).body.ok) acknowledged.add(tablet.deputyId);
    expect(acknowledged.size).toBe(5);

    fillTheDisk();
    const refused: typeof tablets = [];
    for (const tablet of tablets.slice(5)) {
      const answer = await cast(tablet);
      if (answer.body.ok) acknowledged.add(tablet.deputyId);
      else {
        expect(answer.status).toBe(503);
        expect(answer.body.message).toBe(httpMessages.notStored);
        refused.push(tablet);
      }
    }
    expect(refused.length, "the disk filled up: some ballots could not be stored").toBeGreaterThan(0);
    // The same refusal as the page's plain form (no JavaScript): the page says so, with the marks kept.
    const [a, b, c] = candidateIds;
    const plain = await post(server.url, "/vote/ballot", {
      cookie: refused[0]!.cookie,
      fields: [
        ["intent", "confirm"],
        ["roundId", String(roundId)],
        ["ballotKey", refused[0]!.ballotKey],
        [`choice.${a}`, "yes"],
        [`choice.${b}`, "no"],
        [`choice.${c}`, "abstain"],
      ],
    });
    expect(plain.status).toBe(503);
    expect(plain.body).toContain(httpMessages.notStored);
    expect((await get(server.url, "/healthz")).status).toBe(200);
    // What was acknowledged is stored; what was refused is not.
    expect(storedDeputies()).toEqual([...acknowledged].sort((a, b) => a - b));

    unlinkSync(filler);
    for (const tablet of refused) expect((await cast(tablet)).body.ok, `deputy ${tablet.deputyId} confirms again`).toBe(true);
    // A retried confirmation of an acknowledged ballot is answered as cast, and stores nothing more.
    expect((await cast(tablets[0]!)).body.ok).toBe(true);
    expect(storedDeputies()).toEqual(tablets.map((tablet) => tablet.deputyId).sort((a, b) => a - b));
    console.log(`disk full: ${acknowledged.size} ballots stored as acknowledged, ${refused.length} refused (503) then stored on retry, ${DEPUTIES} in all`);
  }, 120_000);
});
