/**
 * Route error boundaries (issue 11): a refused or missing page in the console, on the tablet, on the
 * monitor and on the big screen says what happened — the server's own Chinese reason, or the
 * sentence for its status (a 403 or 405 never says 没有找到这个页面) — inside its own area's frame,
 * with a way back that fits: the tablet's large text and a big button to /vote, the monitor's frame
 * and /monitor, the console's bar and /console.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleMessages as c } from "~/messages/console";
import { monitorMessages } from "~/messages/monitor";
import { publicMessages } from "~/messages/public";
import { tabletMessages as tablet } from "~/messages/tablet";
import { commonMessages as t } from "~/messages/common";
import { createAccount } from "~/services/accounts.server";
import { issueSignInCodes } from "~/services/voting.server";
import { clerk, sessionWithDeputies } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { closeReadOnlyDb, get, logInStaff, post, signInTablet, type Answer } from "./helpers";

const PASSWORD = "error-pages-password-123";
const OTHER_TOWNSHIP = "430121104"; // in the same county as the factory's first, 430121102

let server: RunningServer;
let deputy = "";
let clerkOfA = "";
let countyMonitor = "";
let admin = "";
let sessionId = 0;

beforeAll(async () => {
  const session = await sessionWithDeputies(3);
  sessionId = session.sessionId;
  await createAccount({ username: "errors-clerk", displayName: "会务文书", password: PASSWORD, role: "clerk", townshipCode: "430121102" });
  await createAccount({ username: "errors-monitor", displayName: "县人大联工委", password: PASSWORD, role: "monitor", areaCode: "430121" });
  await createAccount({ username: "errors-admin", displayName: "省人大", password: PASSWORD, role: "admin" });
  server = await startTestServer();
  const [code] = await issueSignInCodes(clerk, session.sessionId, [session.deputyIds[0]!]);
  [deputy, clerkOfA, countyMonitor, admin] = await Promise.all([
    signInTablet(server.url, code!),
    logInStaff(server.url, "errors-clerk", PASSWORD),
    logInStaff(server.url, "errors-monitor", PASSWORD),
    logInStaff(server.url, "errors-admin", PASSWORD),
  ]);
});

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

/** The `<a>` elements of a page, as href and text. */
function links(answer: Answer): Array<{ href: string; className: string; text: string }> {
  return [...answer.body.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)].map((match) => ({
    href: /\bhref="([^"]*)"/.exec(match[1]!)?.[1] ?? "",
    className: /\bclass="([^"]*)"/.exec(match[1]!)?.[1] ?? "",
    text: match[2]!.replace(/<[^>]*>/g, "").trim(),
  }));
}

/** The page is an error page for `status` whose alert heads with `message`, and never "not found" unless it is a 404. */
function expectErrorPage(answer: Answer, status: number, message: string) {
  expect(answer.status, answer.body.slice(0, 300)).toBe(status);
  expect(answer.contentType).toMatch(/^text\/html/);
  expect(/<section class="error-panel[^"]*" role="alert"><h1>([^<]*)<\/h1>/.exec(answer.body)?.[1]).toBe(message);
  if (status !== 404) expect(answer.body).not.toContain(t.errors.notFound);
}

describe("the tablet's error pages", () => {
  it("a receipt that does not exist (404) says so in the tablet's large text, with a big button back to /vote", async () => {
    const answer = await get(server.url, "/vote/receipt?round=999999&r=ABCD-EFGH", { cookie: deputy });
    expectErrorPage(answer, 404, tablet.errors.notFoundReceipt);
    expect(answer.body).toMatch(/<div class="tablet"><div class="tablet-body"><section class="error-panel tablet-panel" role="alert">/);
    expect(links(answer)).toContainEqual({ href: "/vote", className: "button primary tablet-big-button", text: tablet.errors.back });
    expect(answer.body).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/tablet-[^"]*\.css"/);
  });

  it("a post to a page that takes none (405) explains the status, not 没有找到这个页面", async () => {
    const answer = await post(server.url, "/vote/receipt?round=1", { cookie: deputy, fields: [["intent", "confirm"]] });
    expectErrorPage(answer, 405, t.errors.byStatus[405]!);
    expect(answer.body).toContain('class="error-panel tablet-panel"');
    expect(links(answer)).toContainEqual({ href: "/vote", className: "button primary tablet-big-button", text: tablet.errors.back });
  });
});

describe("the monitor's error pages", () => {
  it.each([
    ["the city above the county", "/monitor/4301"],
    ["another city's report", "/monitor/4302/report"],
  ])("%s, outside a county monitor's area (403), is refused in the monitor's frame", async (_, url) => {
    const answer = await get(server.url, url, { cookie: countyMonitor });
    expectErrorPage(answer, 403, monitorMessages.monitor.forbidden);
    expect(answer.body).toMatch(/<div class="monitor"><section class="error-panel" role="alert">/);
    expect(links(answer)).toContainEqual({ href: "/monitor", className: "", text: monitorMessages.monitor.back });
  });

  it("an area that does not exist (404) says 没有这个区域", async () => {
    const answer = await get(server.url, "/monitor/4399", { cookie: admin });
    expectErrorPage(answer, 404, monitorMessages.monitor.notFound);
    expect(answer.body).toContain('<div class="monitor"><section class="error-panel"');
    expect(answer.body).toMatch(/<link rel="stylesheet" href="\/build\/_assets\/monitor-[^"]*\.css"/);
  });
});

describe("the console's and the big screen's error pages", () => {
  it("another township's page (403) is refused inside the console, with the way back to its first page", async () => {
    const answer = await get(server.url, `/console/townships/${OTHER_TOWNSHIP}`, { cookie: clerkOfA });
    expectErrorPage(answer, 403, "您没有管理这个乡镇会议的权限。");
    expect(answer.body).toContain('<div class="console"><section class="error-panel" role="alert">');
    expect(links(answer)).toContainEqual({ href: "/console", className: "", text: c.backToConsole });
  });

  it("the big screen without its display link (403) says how to open it, and points to the published results", async () => {
    const answer = await get(server.url, `/screen/${sessionId}`);
    expectErrorPage(answer, 403, publicMessages.screen.needsLink);
    expect(links(answer)).toContainEqual({ href: "/notices", className: "", text: publicMessages.screen.notices });
  });
});
