/**
 * npm run bench:flood [-- --port 3331] — one hostile device on a hall's network, against the
 * production server with its default limits (issue 19). Other devices and networks are other
 * loopback addresses (the server keys on the socket's address). Prints, for each attack, what the
 * attacker sent, how long it took, and what a real tablet or staff member then got:
 *   1. 6,100 junk posts from the hall's address, then a real ballot and a check-in from it;
 *   2. 310 junk sign-ins from another hall's address, then a real deputy's valid code from it;
 *   3. 600 wrong codes, and 600 wrong passwords, from one address, spread over spellings of /vote
 *      and /login;
 *   4. 5 wrong passwords for the administrator from one address, then the right one from another;
 *   5. 1,200 wrong codes from 8 addresses, and the audit entries they added;
 *   6. a clerk's login with redirectTo "/\u3000/x", and a post with Origin https://<this host>.
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { execSync } from "node:child_process";
import { projectRoot, startServer } from "./lib/server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "3331" } } });
const workDir = path.join(projectRoot, "tests/bench/.data");
rmSync(workDir, { recursive: true, force: true });
mkdirSync(workDir, { recursive: true });
const databaseUrl = `file:${path.join(workDir, "hall-flood.db")}`;
process.env.DATABASE_URL = databaseUrl;

execSync("npm run build", { cwd: projectRoot, stdio: "ignore" });
const { setupDatabase } = await import("../../prisma/setup.ts");
await setupDatabase(databaseUrl);
const { openRound } = await import("~/services/congress-session.server");
const { createAccount } = await import("~/services/accounts.server");
const { newBallotKey } = await import("~/services/receipt.server");
const { issueSignInCodes } = await import("~/services/voting.server");
const { checkIn, clerk, sessionWithDeputies, slateAndRound } = await import("../factories/session.ts");
const { closeReadOnlyDb, mapLimit, post, query, refusalMessage, signInTablet } = await import("../integration/helpers.ts");
type Answer = Awaited<ReturnType<typeof post>>;

const session = await sessionWithDeputies(10);
await checkIn(session.sessionId, session.deputyIds.slice(0, 8));
const { roundId, candidateIds } = await slateAndRound(session.sessionId, 3, { places: 2 });
await openRound(clerk, session.sessionId, roundId);
await createAccount({ username: "flood-admin", displayName: "省级管理员", password: "flood-admin-password", role: "admin" });
await createAccount({ username: "flood-clerk", displayName: "会务文书", password: "flood-clerk-password", role: "clerk", townshipCode: "430121102" });
const codes = await issueSignInCodes(clerk, session.sessionId, session.deputyIds);

const server = await startServer({ port: Number(values.port), databaseUrl, quiet: true });
const base = server.url;
const tablets = [await signInTablet(base, codes[0]!), await signInTablet(base, codes[8]!)];

const statuses = (answers: Answer[]) =>
  Object.entries(answers.reduce<Record<number, number>>((count, a) => ({ ...count, [a.status]: (count[a.status] ?? 0) + 1 }), {}))
    .map(([status, n]) => `${n.toLocaleString("en-US")}× ${status}`)
    .join(", ");
const said = (answer: Answer) =>
  `${answer.status}${answer.location ? ` → ${answer.location.slice(0, 30)}` : ""}${answer.status >= 400 ? ` ${refusalMessage(answer)?.slice(0, 40)}` : ""}`;
const timed = async <T>(work: () => Promise<T>): Promise<[T, string]> => {
  const start = performance.now();
  const result = await work();
  return [result, `${((performance.now() - start) / 1000).toFixed(1)} s`];
};
let junkCode = 0;
/** A well-formed code no card carries. */
const wrongCode = () => {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  let code = "";
  for (let n = junkCode++, k = 0; k < 6; k++, n = Math.floor(n / 32)) code = alphabet[n % 32]! + code;
  return `ZZ${code}`;
};
const auditRows = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM "AuditEntry"'))[0]!.n;

try {
  const junkTargets = ["/console/townships/430121102", "/vote/ballot", "/console/admin/accounts", "/nowhere"];
  const [junk, junkTime] = await timed(() =>
    mapLimit(
      Array.from({ length: 6_100 }, (_, i) => i),
      32,
      (i) =>
        post(base, junkTargets[i % 4]!, {
          fields: [
            ["intent", "junk"],
            ["n", String(i)],
          ],
        }),
    ),
  );
  const ballot = await post(base, "/vote/ballot", {
    cookie: tablets[0]!,
    fields: [
      ["intent", "confirm"],
      ["roundId", String(roundId)],
      ["ballotKey", newBallotKey()],
      ...candidateIds.map((id): [string, string] => [`choice.${id}`, "yes"]),
    ],
  });
  const checkin = await post(base, "/vote/ballot", { cookie: tablets[1]!, fields: [["intent", "checkin"]] });
  console.log(
    `1. 6,100 junk posts from the hall's address in ${junkTime} (${statuses(junk)}); then a real ballot: ${said(ballot)}; a check-in: ${said(checkin)}`,
  );

  const [signIns, signInTime] = await timed(() =>
    mapLimit(
      Array.from({ length: 310 }, () => wrongCode()),
      16,
      (code) => post(base, "/vote", { fields: [["code", code]], from: "127.0.0.7" }),
    ),
  );
  const real = await post(base, "/vote", { fields: [["code", codes[9]!]], from: "127.0.0.7" });
  console.log(`2. 310 junk sign-ins from another hall's address in ${signInTime} (${statuses(signIns)}); then a valid code: ${said(real)}`);

  const spellings = ["/vote", "/vote/", "/VOTE", "/%76ote", "/vote//"];
  const guesses = await mapLimit(
    Array.from({ length: 600 }, (_, i) => i),
    16,
    (i) => post(base, spellings[i % 5]!, { fields: [["code", wrongCode()]], from: "127.0.0.2" }),
  );
  console.log(`3. 600 wrong codes from one address over ${spellings.join(" ")}: ${statuses(guesses)}`);

  const logins = await mapLimit(
    Array.from({ length: 600 }, (_, i) => i),
    16,
    (i) =>
      post(base, ["/login", "/login/", "/LOGIN", "/%6cogin", "/login//"][i % 5]!, {
        fields: [
          ["username", `sprayed-${i}`],
          ["password", "wrong"],
        ],
        from: "127.0.0.8",
      }),
  );
  console.log(`3′. 600 wrong passwords from one address over /login /login/ /LOGIN /%6cogin /login//: ${statuses(logins)} (401 = a password checked)`);

  const wrong = [];
  for (let i = 0; i < 5; i++)
    wrong.push(
      await post(base, "/login", {
        fields: [
          ["username", "flood-admin"],
          ["password", `wrong-${i}`],
        ],
        from: "127.0.0.3",
      }),
    );
  const right = await post(base, "/login", {
    fields: [
      ["username", "flood-admin"],
      ["password", "flood-admin-password"],
    ],
    from: "127.0.0.4",
  });
  console.log(`4. 5 wrong passwords for the administrator from one address (${statuses(wrong)}); the right one from another: ${said(right)}`);

  const before = await auditRows();
  const addresses = Array.from({ length: 8 }, (_, i) => `127.0.0.${11 + i}`);
  const [flood, floodTime] = await timed(() =>
    mapLimit(
      Array.from({ length: 1_200 }, (_, i) => i),
      32,
      (i) => post(base, "/vote", { fields: [["code", wrongCode()]], from: addresses[i % 8] }),
    ),
  );
  console.log(`5. 1,200 wrong codes from 8 addresses in ${floodTime} (${statuses(flood)}): ${(await auditRows()) - before} audit entries added`);

  const sessionsBefore = (await query<{ n: number }>('SELECT count(*) AS n FROM "UserSession"'))[0]!.n;
  const latin = await post(base, "/login", {
    fields: [
      ["username", "flood-clerk"],
      ["password", "flood-clerk-password"],
      ["redirectTo", "/\u3000/x"],
    ],
    from: "127.0.0.5",
  });
  const sessionsAfter = (await query<{ n: number }>('SELECT count(*) AS n FROM "UserSession"'))[0]!.n;
  const cookie = latin.headers.getSetCookie().some((line) => line.startsWith("staff="));
  const https = await post(base, "/login", {
    fields: [
      ["username", "flood-clerk"],
      ["password", "x"],
    ],
    origin: base.replace(/^http:/, "https:"),
    from: "127.0.0.6",
  });
  console.log(
    `6. a clerk's login with redirectTo "/\\u3000/x": ${said(latin)}, ${sessionsAfter - sessionsBefore} login session written, cookie ${cookie ? "set" : "not set"}; Origin https://<host> on the http server: ${said(https)}`,
  );
} finally {
  await server.stop();
  await closeReadOnlyDb();
}
