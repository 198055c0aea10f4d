/**
 * The public pages served again from memory (app/http/public-pages.server.ts), over the built
 * server: an anonymous reader gets one cached answer with an ETag, 304s and HEAD that agree with
 * it, and a CSP that allows the page's own inline scripts by hash (no nonce replayed to
 * everybody); a logged-in view is rendered for its reader and never stored; a publication and a
 * register change are visible on the very next request.
 */
import { createHash } from "node:crypto";
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commonMessages as t } from "~/messages/common";
import { addTownship, createAccount, retireTownship } from "~/services/accounts.server";
import { chooseTellers, confirmRound, publishRound } from "~/services/congress-session.server";
import { newBallotKey } from "~/services/receipt.server";
import { castBallot, issueSignInCodes } from "~/services/voting.server";
import { checkIn, clerk, closeAndCount, openRoundForVoting, sessionWithDeputies, slateAndRound, tablet } from "../factories/session";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import { closeReadOnlyDb, get, logInStaff, signInTablet } from "./helpers";

const PASSWORD = "public-pages-password";
const COUNTY = "430121";

let server: RunningServer;
let admin = "";
let session: Awaited<ReturnType<typeof sessionWithDeputies>>;

/** The raw bytes as they left the server, with the encoding asked for. */
function raw(
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const call = request(server.url + path, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    call.on("error", reject);
    call.end();
  });
}

const nonceOf = (policy: string) => /'nonce-([^']+)'/.exec(policy)?.[1] ?? null;
const inlineScripts = (html: string) => [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!);
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

beforeAll(async () => {
  session = await sessionWithDeputies(5);
  await createAccount({ username: "public-pages-admin", displayName: "省人大常委会办公厅", password: PASSWORD, role: "admin" });
  server = await startTestServer();
  admin = await logInStaff(server.url, "public-pages-admin", PASSWORD);
});

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

describe("the coverage map", () => {
  it("is an SVG of county links with their figures, followed by the same figures as the county table, within 150 KB of SVG", async () => {
    const page = await raw("/coverage?year=2026", { "Accept-Encoding": "identity" });
    const html = page.body.toString("utf8");
    const svg = /<figure class="chart">(?:(?!<\/figure>)[\s\S])*?各县市区覆盖率地图[\s\S]*?<\/svg>/.exec(html)?.[0] ?? "";
    expect(svg).toMatch(/<a href="\/counties\/430121" class="map-county"><title>长沙县：已公告 \d+ \/ \d+ 乡镇<\/title><path d="M/);
    expect(svg.match(/class="map-county"/g)).toHaveLength(122);
    expect(Buffer.byteLength(svg)).toBeLessThan(150_000);
    expect(html).toMatch(/<th scope="row"><a [^>]*href="\/counties\/430121">长沙县<\/a><\/th>/);
    expect(html).toContain("湖南省各县市区覆盖率地图");
    console.info(`/coverage: ${page.body.length} bytes, the map's SVG ${Buffer.byteLength(svg)} bytes`);
  });
});

describe("an anonymous reader", () => {
  it("gets one cached answer: the same bytes and ETag each time, public but revalidated, its inline scripts allowed by hash", async () => {
    const first = await raw("/coverage", { "Accept-Encoding": "identity" });
    const second = await raw("/coverage", { "Accept-Encoding": "identity" });
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("public, no-cache");
    expect(first.headers.vary).toContain("Accept-Encoding");
    expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.equals(first.body)).toBe(true);
    expect(first.headers["content-length"]).toBe(String(first.body.length));

    const html = first.body.toString("utf8");
    expect(html).toContain("window.__remixContext");
    expect(html).not.toContain("nonce=");
    const policy = String(first.headers["content-security-policy"]);
    expect(nonceOf(policy)).toBeNull();
    const scripts = inlineScripts(html);
    expect(scripts.length).toBeGreaterThan(1);
    for (const script of scripts) expect(policy).toContain(sha256(script));
    // Nothing else of the policy changes: the same directives as a rendered page's.
    const rendered = String((await raw("/coverage", { Cookie: admin })).headers["content-security-policy"]);
    expect(policy.replace(/ ?'sha256-[^']+'/g, "")).toBe(rendered.replace(/ ?'nonce-[^']+'/, ""));
  });

  it("gets a 304 for the ETag it holds, a HEAD that matches the GET, and the same bytes gzipped", async () => {
    const page = await raw("/coverage?year=2026", { "Accept-Encoding": "identity" });
    const notModified = await raw("/coverage?year=2026", { "If-None-Match": String(page.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    expect(notModified.headers.etag).toBe(page.headers.etag);
    expect((await raw("/coverage?year=2026", { "If-None-Match": 'W/"another"' })).status).toBe(200);

    const head = await raw("/coverage?year=2026", { "Accept-Encoding": "identity" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(page.body.length));
    expect(head.headers.etag).toBe(page.headers.etag);

    const zipped = await raw("/coverage?year=2026", { "Accept-Encoding": "gzip, deflate, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).equals(page.body)).toBe(true);
  });

  it("gets a missing page's 404 as Remix answers it, and a data request goes to Remix untouched", async () => {
    for (const path of ["/townships/999999999", "/notices/999999/1", "/counties/999999"]) {
      const answer = await get(server.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get("etag"), path).toBeNull();
    }
    const data = await get(server.url, "/coverage?_data=routes%2Fcoverage");
    expect(data.status).toBe(200);
    expect(data.contentType).toContain("application/json");
    expect(data.headers.get("cache-control")).toBeNull();
  });
});

describe("a logged-in reader", () => {
  it("gets the page rendered for this response: its own nonce, private and not stored", async () => {
    const [one, two] = [await raw("/coverage", { Cookie: admin }), await raw("/coverage", { Cookie: admin })];
    for (const answer of [one, two]) {
      expect(answer.status).toBe(200);
      expect(answer.headers["cache-control"]).toBe("private, no-store");
      expect(answer.headers.etag).toBeUndefined();
      const nonce = nonceOf(String(answer.headers["content-security-policy"]));
      expect(nonce).toBeTruthy();
      expect(answer.body.toString("utf8")).toContain(`nonce="${nonce}"`);
    }
    expect(nonceOf(String(one.headers["content-security-policy"]))).not.toBe(nonceOf(String(two.headers["content-security-policy"])));
  });

  it("a deputy's tablet is a login too: its public pages are rendered for it, private", async () => {
    const [code] = await issueSignInCodes(clerk, session.sessionId, [session.deputyIds[4]!]);
    const deputy = await signInTablet(server.url, code!);
    const answer = await raw("/notices", { Cookie: deputy });
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("private, no-store");
    expect(answer.headers.etag).toBeUndefined();
    expect(nonceOf(String(answer.headers["content-security-policy"]))).toBeTruthy();
  });
});

describe("a change", () => {
  it("a publication shows on the next request of the township page, the coverage and the new notice", async () => {
    const township = `/townships/${"430121102"}`;
    const before = await raw(township, { "Accept-Encoding": "identity" });
    const coverageBefore = await raw("/coverage", { "Accept-Encoding": "identity" });
    const noticeLink = `/notices/${session.sessionId}/1`;
    expect(before.body.toString("utf8")).not.toContain(noticeLink);
    expect((await get(server.url, noticeLink)).status).toBe(404);

    await checkIn(session.sessionId, session.deputyIds);
    await chooseTellers(clerk, session.sessionId, session.deputyIds[0]!, [session.deputyIds[1]!]);
    const { roundId, candidateIds } = await slateAndRound(session.sessionId, 3, { places: 2 });
    await openRoundForVoting(session.sessionId, roundId, false);
    for (const deputyId of session.deputyIds) {
      const choices = Object.fromEntries(candidateIds.map((id) => [id, "yes"] as const));
      await castBallot(await tablet(session.sessionId, deputyId), "public-pages", { roundId, ballotKey: newBallotKey(), choices });
    }
    await closeAndCount(session.sessionId, roundId);
    await confirmRound(await tablet(session.sessionId, session.deputyIds[0]!), "public-pages", roundId);
    expect(await publishRound(clerk, session.sessionId, roundId)).toBe(1);

    const after = await raw(township, { "Accept-Encoding": "identity", "If-None-Match": String(before.headers.etag) });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.toString("utf8")).toContain(noticeLink);
    expect((await raw("/coverage", { "If-None-Match": String(coverageBefore.headers.etag) })).status).toBe(200);
    const notice = await raw(noticeLink, { "Accept-Encoding": "identity" });
    expect(notice.status).toBe(200);
    expect(notice.headers["cache-control"]).toBe("public, no-cache");
    expect(notice.body.toString("utf8")).toContain("第1号民生实事项目");
  });

  it("a township added to or retired from the register shows on the next request of its county page", async () => {
    const retiredTags = (html: string) => html.split(`<small class="tag">${t.register.retired}</small>`).length - 1;
    const before = (await raw(`/counties/${COUNTY}`, { "Accept-Encoding": "identity" })).body.toString("utf8");
    expect(before).not.toContain("缓存测试乡");

    await addTownship(clerk, { code: "430121399", name: "缓存测试乡", kind: "乡", seatedDeputies: 45, population: 9000 });
    const added = (await raw(`/counties/${COUNTY}`, { "Accept-Encoding": "identity" })).body.toString("utf8");
    expect(added).toContain("缓存测试乡");

    await retireTownship(clerk, "430121399");
    const retired = (await raw(`/counties/${COUNTY}`, { "Accept-Encoding": "identity" })).body.toString("utf8");
    expect(retiredTags(retired)).toBe(retiredTags(added) + 1);
  });
});
