/**
 * The crash test (tests/bench/crash.ts, `npm run test:crash`) in the suite, with four kills instead
 * of twelve: under a steady ballot load the server is killed with SIGKILL and restarted, and every
 * ballot it acknowledged must be stored exactly once, nothing stored that no tablet sent, no round
 * half-tallied, the audit chain whole. On the engine the suite runs on: the PostgreSQL suite runs it
 * on its own server, where only the app is killed and PostgreSQL keeps what it committed.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { appEngine } from "~/data/sqlite.server";
import { withDatabase } from "~/utils/database-url";
import { env, projectRoot } from "~/utils/env.server";
import { freePort } from "../setup/http-server";

const run = promisify(execFile);
const KILLS = 4;

describe("kill -9 under load", () => {
  it(`loses no acknowledged ballot and doubles none across ${KILLS} kills`, async () => {
    const args = ["tsx", "tests/bench/crash.ts", "--kills", String(KILLS), "--no-build", "--port", String(await freePort())];
    if (appEngine() === "postgresql") args.push("--db", "postgres", "--postgres-url", withDatabase(env().DATABASE_URL, "postgres"));
    const { stdout } = await run("npx", args, { cwd: projectRoot, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
    const verdict = stdout.trim().split("\n").at(-1)!;
    console.log(`crash test (${appEngine()}): ${verdict}`);
    expect(verdict).toMatch(new RegExp(`, lost 0, duplicated 0, phantom 0, kills ${KILLS}: PASS$`));
  }, 600_000);
});
