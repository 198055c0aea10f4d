/**
 * Hostile input (issue 6): malformed, oversized, wrongly typed, repeated and unicode-edge fields
 * posted to every action and every login form, as the role allowed to use it, so that each request
 * reaches validation. The answer must be a 4xx that explains itself in Chinese, never a 5xx, and the
 * database must be unchanged; a value that is valid after all (a deputy named "<script>…") must be
 * stored exactly as the server read it and shown escaped. Plus: bodies that are not forms, oversized
 * bodies, hostile URL parameters, cross-site posts, and the attributes of the session cookies.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseTellers, openRound, prepareRound } from "~/services/congress-session.server";
import { createAccount } from "~/services/accounts.server";
import { createCampaign, enterProposal, submitProposal } from "~/services/collection.server";
import { isoDay } from "~/utils/format";
import { openDisplayLink } from "~/services/display-link.server";
import { newBallotKey } from "~/services/receipt.server";
import { issueSignInCodes } from "~/services/voting.server";
import { checkIn, clerk, sessionWithDeputies, slateAndRound } from "../factories/session";
import { billionLaughsWorkbook, externalEntityWorkbook, honestZipBomb, lyingZipBomb, manyRowsWorkbook } from "../factories/workbooks";
import type { RunningServer } from "../bench/lib/server";
import { startTestServer } from "../setup/http-server";
import {
  asServerReadsIt,
  changedTables,
  CJK,
  closeReadOnlyDb,
  databaseDigest,
  eventually,
  get,
  hasChineseMessage,
  logInStaff,
  mapLimit,
  openLiveStream,
  post,
  query,
  refusalMessage,
  setCookies,
  signInTablet,
  type Answer,
  type Fields,
  type LiveStreamClient,
} from "./helpers";

const PASSWORD = "hostile-password-123";
const TOWNSHIP = "430121102";
const CONCURRENCY = 8;

// ---------------------------------------------------------------------------------------------
// What a field accepts

type Kind =
  /** Free text, trimmed (and, single-line, with runs of white space folded), counted as the schema counts. */
  | { type: "text"; min: number; max: number; fold: "trim" | "line" | "multiline" | "none"; count?: "units" | "chars"; suffix?: RegExp }
  /** Deputy names, one per line or separated by commas. */
  | { type: "names" }
  /** A positive id; only the base value names something that exists. */
  | { type: "id" }
  | { type: "int"; min: number; max: number }
  | { type: "enum"; values: string[]; optional?: boolean }
  | { type: "pattern"; pattern: RegExp; trim?: boolean }
  | { type: "date" }
  | { type: "money" }
  /** Accepted only as the base value. */
  | { type: "fixed" }
  /** Not read for this request: anything goes, nothing is stored. */
  | { type: "ignored" };

interface FieldSpec {
  name: string;
  kind: Kind;
  base: (i: number) => string | string[];
  /** Where an accepted value is stored: the newest row of `table` (accepted posts run one at a time). */
  stored?: { table: string; column: string; where?: string; params?: (i: number) => unknown[]; rows?: number };
  /** A page that shows an accepted value (checked to render it escaped). */
  shownOn?: string;
}

interface ActionSpec {
  page: string;
  intent?: string;
  url: (i: number) => string;
  cookie: () => string;
  fields: FieldSpec[];
  /** What the untouched request does: stores something, is refused by the state of things, or only reads. */
  base: "accepted" | "refused" | "readonly";
  /** Extra, field-specific payloads: [label, fields to replace or add, expectation]. */
  extra?: Array<[string, Fields, Expectation]>;
}

type Expectation = "refuse" | "accept" | "either";

const repeatMarker = Symbol("repeat");

interface Variant {
  label: string;
  value: string | null | typeof repeatMarker;
}

const VARIANTS: Variant[] = [
  { label: "missing", value: null },
  { label: "empty", value: "" },
  { label: "white space only", value: " \t\u3000 " },
  { label: "10,000 characters", value: "长".repeat(10_000) },
  { label: "letters for a number", value: "abc" },
  { label: "1e309", value: "1e309" },
  { label: "-1", value: "-1" },
  { label: "0", value: "0" },
  { label: "1.5", value: "1.5" },
  { label: "2^53 + 1", value: "9007199254740993" },
  { label: "full-width digits", value: "１２" },
  { label: "NUL byte", value: "代表\u0000乙" },
  { label: "lone surrogate", value: "代\uD800表" },
  { label: "RTL override", value: "\u202E甲乙丙" },
  { label: "emoji and combining marks", value: "👨‍👩‍👧 e\u0301\u0338 ﷽" },
  { label: "zero-width space only", value: "\u200B" },
  { label: "script tag", value: "<script>alert(1)</script>" },
  { label: "attribute injection", value: '"><img src=x onerror=alert(1)>' },
  { label: "SQL", value: `'; DROP TABLE "User"; --` },
  { label: "SQL tautology", value: "1' OR '1'='1" },
  { label: "repeated field", value: repeatMarker },
];
const ID_VARIANTS: Variant[] = [
  { label: "unknown id", value: "999999" },
  { label: "hex", value: "0x10" },
];
const INJECTIONS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

function fold(value: string, mode: "trim" | "line" | "multiline" | "none"): string {
  if (mode === "none") return value;
  if (mode === "trim") return value.trim();
  const lines = value.replace(/\r\n?/g, "\n").trim();
  return mode === "multiline" ? lines : lines.replace(/\s+/g, " ");
}

function splitNames(value: string): string[] {
  return value
    .split(/[\n,，、;；]+/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/** Whether the schema takes `raw` (as the server reads it). Written from the rules, not from the schemas. */
function accepts(kind: Kind, raw: string | null, base: string): boolean {
  // A NUL character in any value refuses the whole post (app/utils/forms.ts: PostgreSQL cannot store it).
  if (raw?.includes("\u0000")) return false;
  switch (kind.type) {
    case "text": {
      if (raw === null) return false;
      const value = fold(raw, kind.fold);
      const length = kind.count === "units" ? value.length : [...value].length;
      return length >= kind.min && length <= kind.max && (!kind.suffix || kind.suffix.test(value));
    }
    case "names": {
      if (raw === null) return false;
      const names = splitNames(raw);
      return names.length >= 1 && names.length <= 200 && names.every((name) => name.length <= 20) && new Set(names).size === names.length;
    }
    case "id":
      return raw === base;
    case "int": {
      // Number("") is 0: an empty field is no number, even where 0 is allowed.
      if (raw === null || raw.trim() === "") return false;
      const n = Number(raw);
      return Number.isSafeInteger(n) && n >= kind.min && n <= kind.max;
    }
    case "enum":
      return raw === null ? !!kind.optional : kind.values.includes(raw);
    case "pattern":
      return raw !== null && kind.pattern.test(kind.trim ? raw.trim() : raw);
    case "date": {
      if (raw === null || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return false;
      return new Date(`${raw}T09:00:00+08:00`).toISOString().slice(0, 10) === raw;
    }
    case "money": {
      if (raw === null) return false;
      const compact = raw.normalize("NFKC").replace(/\s+/g, "");
      const match = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:万元|万)?$/.exec(compact);
      if (!match) return false;
      const n = Number(match[1]!.replace(/,/g, "") + (match[2] ?? ""));
      return n >= 0 && n < 10_000_000 && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
    }
    case "fixed":
      return raw === base;
    case "ignored":
      return true;
  }
}

/** The value the database should hold for an accepted `raw`. */
function storedForm(kind: Kind, raw: string): unknown {
  if (kind.type === "ignored") return null;
  if (kind.type === "text") return fold(raw, kind.fold);
  if (kind.type === "names") return splitNames(raw);
  if (kind.type === "money") return Math.round(Number(raw.normalize("NFKC").replace(/[\s,万元]/g, "")) * 100);
  if (kind.type === "pattern" && kind.trim) return raw.trim();
  return raw;
}

/** As React escapes text. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

// ---------------------------------------------------------------------------------------------
// Payloads

interface Payload {
  action: string;
  label: string;
  url: string;
  cookie: string;
  fields?: Fields;
  body?: BodyInit;
  contentType?: string | null;
  expect: Expectation;
  readonly: boolean;
  /** For an accepted value: where it is stored and shown. */
  roundTrip?: { field: FieldSpec; raw: string; i: number };
  /** The exact status a refusal must have, where it matters (413 for an oversized body…). */
  status?: number;
}

let counter = 0;

/** A township code not yet in the register, one per payload. */
const freeCodes = new Map<number, string>();
function freeCodeFor(i: number): string {
  if (!freeCodes.has(i)) freeCodes.set(i, H.freeCodes[freeCodes.size]!);
  return freeCodes.get(i)!;
}

/** The pages whose `intent` field has been varied already: the same for every action of a page. */
const intentVaried = new Set<string>();

function payloadsOf(spec: ActionSpec): Payload[] {
  const action = `${spec.page}${spec.intent ? ` ${spec.intent}` : ""}`;
  const payloads: Payload[] = [];
  const baseFields = (i: number): Fields => [
    ...(spec.intent ? ([["intent", spec.intent]] as Fields) : []),
    ...spec.fields.flatMap((field): Fields => {
      const value = field.base(i);
      return (Array.isArray(value) ? value : [value]).map((v): [string, string] => [field.name, v]);
    }),
  ];
  const make = (label: string, build: (i: number) => Fields, expect: Expectation, roundTrip?: (i: number) => Payload["roundTrip"]) => {
    const i = ++counter;
    const effective: Expectation = spec.base === "refused" ? "refuse" : expect;
    payloads.push({
      action,
      label,
      url: spec.url(i),
      cookie: spec.cookie(),
      fields: build(i),
      expect: effective,
      readonly: spec.base === "readonly",
      roundTrip: effective === "accept" && spec.base === "accepted" ? roundTrip?.(i) : undefined,
    });
  };

  const varyIntent = spec.intent !== undefined && !intentVaried.has(spec.page);
  if (varyIntent) intentVaried.add(spec.page);
  const fieldsToVary: FieldSpec[] = [...(varyIntent ? [{ name: "intent", kind: { type: "fixed" } as Kind, base: () => spec.intent! }] : []), ...spec.fields];
  for (const field of fieldsToVary) {
    const variants = [...VARIANTS, ...(field.kind.type === "id" ? ID_VARIANTS : [])];
    const suffix = field.kind.type === "text" && field.kind.suffix ? "镇" : "";
    // A name that must end in 镇/乡: the unicode and injection variants again, with the ending.
    if (suffix)
      for (const v of VARIANTS)
        if (typeof v.value === "string" && /\D/.test(v.value) && v.value.trim() && v.value.length < 100)
          variants.push({ label: `${v.label} + 镇`, value: `${v.value}${suffix}` });
    for (const variant of variants) {
      const build = (i: number): Fields => {
        const fields = baseFields(i).filter(([name]) => name !== field.name);
        const base = field.base(i);
        const baseValue = Array.isArray(base) ? base[0]! : base;
        if (variant.value === null) return fields;
        if (variant.value === repeatMarker) return [...fields, [field.name, "abc"], [field.name, baseValue]];
        return [...fields, [field.name, variant.value]];
      };
      let expect: Expectation;
      if (variant.value === repeatMarker) expect = "either";
      else {
        const raw = variant.value === null ? null : asServerReadsIt(variant.value);
        const base = field.base(0);
        expect = accepts(field.kind, raw, Array.isArray(base) ? base[0]! : base) ? "accept" : "refuse";
      }
      make(`${field.name}: ${variant.label}`, build, expect, (i) =>
        field.stored && typeof variant.value === "string" ? { field, raw: asServerReadsIt(variant.value), i } : undefined,
      );
    }
    if (field.name.endsWith("[]")) {
      make(
        `${field.name}: a scalar where a list is expected`,
        (i) => {
          const base = field.base(i);
          return [...baseFields(i).filter(([name]) => name !== field.name), [field.name.slice(0, -2), Array.isArray(base) ? base[0]! : base]];
        },
        "refuse",
      );
      make(
        `${field.name}: 10,000 entries`,
        (i) => [...baseFields(i).filter(([name]) => name !== field.name), ...Array.from({ length: 10_000 }, (): [string, string] => [field.name, "1"])],
        "refuse",
      );
    }
  }
  make(
    "unknown extra fields",
    (i) => [...baseFields(i), ["townshipId", "1"], ["sessionId", "1"], ["isAdmin", "true"], ["createdAt", "2000-01-01"], ["toString", "x"]],
    "accept",
  );
  make(
    "prototype-polluting field names",
    (i) => [...baseFields(i), ["__proto__[]", "x"], ["constructor[]", "x"], ["__proto__", "x"], ["hasOwnProperty[]", "x"]],
    "accept",
  );
  make("hostile field names", (i) => [...baseFields(i), ["名".repeat(2_000), "1"], ["a\u0000b", "1"], ["\uD800", "1"]], "accept");
  for (const [label, fields, expect] of spec.extra ?? []) {
    make(
      label,
      (i) => {
        const replaced = new Set(fields.map(([name]) => name));
        return [...baseFields(i).filter(([name]) => !replaced.has(name)), ...fields];
      },
      expect,
    );
  }
  return payloads;
}

/** Bodies that are not forms, sent to an action as its allowed role. */
function nonFormPayloads(action: string, url: string, cookie: string, intent?: string): Payload[] {
  const json = JSON.stringify({ intent: intent ?? "x", title: "<script>alert(1)</script>" });
  const list: Array<Omit<Payload, "action" | "url" | "cookie" | "expect" | "readonly">> = [
    { label: "JSON sent as a form", body: json, contentType: "application/x-www-form-urlencoded" },
    { label: "JSON", body: json, contentType: "application/json", status: 415 },
    { label: "plain text", body: "intent=x", contentType: "text/plain", status: 415 },
    { label: "no content type", body: new Uint8Array(Buffer.from("intent=x")), contentType: null, status: 415 },
    { label: "multipart garbage", body: "garbage\r\n--XYZ\r\nnot a part", contentType: "multipart/form-data; boundary=XYZ", status: 400 },
    { label: "multipart without a boundary", body: "--\r\n\r\n", contentType: "multipart/form-data", status: 400 },
    {
      label: "multipart cut short",
      body: '--XYZ\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx',
      contentType: "multipart/form-data; boundary=XYZ",
      status: 400,
    },
    { label: "broken percent escapes", body: "intent=%ZZ%&title=%E4%B8&%%%=1", contentType: "application/x-www-form-urlencoded" },
    { label: "4 MB body", body: "intent=x&pad=" + "x".repeat(4 * 1024 * 1024), contentType: "application/x-www-form-urlencoded", status: 413 },
    {
      status: 411,
      label: "4 MB body sent in chunks without a length",
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("intent=x&pad=" + "x".repeat(4 * 1024 * 1024)));
          controller.close();
        },
      }),
      contentType: "application/x-www-form-urlencoded",
    },
    { label: "100,000 fields", body: "intent=x&" + "a=1&".repeat(100_000), contentType: "application/x-www-form-urlencoded" },
  ];
  return list.map((entry) => ({ ...entry, action, url, cookie, expect: "refuse" as const, readonly: false, label: `body: ${entry.label}` }));
}

// ---------------------------------------------------------------------------------------------
// Fixtures and the server

let server: RunningServer;
const cookies = { admin: "", clerk: "", deputy: "", deputyToSignOut: "" };
/** Built before the server starts: seconds of work under load, which must not leave its connections idle. */
let workbooks: { lyingZipBomb: Uint8Array; honestZipBomb: Uint8Array; manyRows: Uint8Array; externalEntity: Uint8Array; billionLaughs: Uint8Array };
let H: {
  sessionId: number;
  townshipId: number;
  deputyIds: number[];
  candidateIds: number[];
  roundOpen: number;
  roundPrepared: number;
  resetUserId: number;
  freeCodes: string[];
  campaignDays: { opensOn: string; closesOn: string };
  admittedProposal: number;
};

beforeAll(async () => {
  const session = await sessionWithDeputies(5);
  await checkIn(session.sessionId, session.deputyIds);
  await chooseTellers(clerk, session.sessionId, session.deputyIds[0]!, [session.deputyIds[1]!]);
  const { roundId: roundOpen, candidateIds } = await slateAndRound(session.sessionId, 3, { places: 2 });
  await openRound(clerk, session.sessionId, roundOpen);
  const roundPrepared = await prepareRound(clerk, session.sessionId, { candidateIds, places: 1, form: "per-project", secret: false, liveResults: false });
  await createAccount({ username: "hostile-admin", displayName: "省级管理员", password: PASSWORD, role: "admin" });
  await createAccount({ username: "hostile-clerk", displayName: "会务文书", password: PASSWORD, role: "clerk", townshipCode: TOWNSHIP });
  await createAccount({ username: "hostile-login", displayName: "登录测试", password: PASSWORD, role: "monitor", areaCode: "430121" });
  const resetUser = await createAccount({ username: "hostile-reset", displayName: "重设密码", password: PASSWORD, role: "monitor", areaCode: "430121" });
  const taken = new Set((await query<{ code: string }>(`SELECT code FROM "Township" WHERE code LIKE '430121%'`)).map((row) => row.code));
  const freeCodes = Array.from({ length: 200 }, (_, n) => `430121${200 + n}`).filter((code) => !taken.has(code));
  // The township's collection, open: proposal 1 (the text a duplicate repeats) and 2, admitted for screening.
  const campaignDays = { opensOn: isoDay(new Date(Date.now() - 10 * 86_400_000)), closesOn: isoDay(new Date(Date.now() + 60 * 86_400_000)) };
  const campaignId = await createCampaign(clerk, session.townshipId, 2026, {
    title: "征集活动",
    callText: "面向全镇公开征集民生实事项目建议。",
    ...campaignDays,
    channels: ["online"],
  });
  await submitProposal({ device: "10.7.7.7 fixture" }, campaignId, {
    title: "第0条建议：修建通组公路",
    place: "某村第0组",
    reason: "第0条理由：出行不便",
    cost: undefined,
    village: null,
    contact: null,
    website: undefined,
  });
  const admittedProposal = await enterProposal(clerk, campaignId, {
    title: "已受理待初审的建议",
    place: "某村",
    reason: "待初审的理由",
    cost: undefined,
    source: "village",
    proposer: "某村村委会",
    deputyId: undefined,
    village: null,
    contact: null,
  });
  H = { ...session, candidateIds, roundOpen, roundPrepared, resetUserId: resetUser.id, freeCodes, campaignDays, admittedProposal };
  workbooks = {
    lyingZipBomb: lyingZipBomb(),
    honestZipBomb: honestZipBomb(),
    manyRows: manyRowsWorkbook(57),
    externalEntity: externalEntityWorkbook(),
    billionLaughs: billionLaughsWorkbook(),
  };

  server = await startTestServer();
  cookies.admin = await logInStaff(server.url, "hostile-admin", PASSWORD);
  cookies.clerk = await logInStaff(server.url, "hostile-clerk", PASSWORD);
  const [code, codeToSignOut] = await issueSignInCodes(clerk, H.sessionId, [H.deputyIds[4]!, H.deputyIds[3]!]);
  cookies.deputy = await signInTablet(server.url, code!);
  cookies.deputyToSignOut = await signInTablet(server.url, codeToSignOut!);
  // The deputy has voted in the open round: every later cast is refused, so hostile casts change nothing.
  const cast = await post(server.url, "/vote/ballot", {
    cookie: cookies.deputy,
    fields: [
      ["intent", "confirm"],
      ["roundId", String(roundOpen)],
      ["ballotKey", newBallotKey()],
      ...candidateIds.map((id): [string, string] => [`choice.${id}`, "yes"]),
    ],
  });
  expect(cast.status, cast.body.slice(0, 300)).toBe(302);
});

afterAll(async () => {
  await server?.stop();
  await closeReadOnlyDb();
});

// ---------------------------------------------------------------------------------------------
// The actions

function actionSpecs(): ActionSpec[] {
  const session = `/console/sessions/${H.sessionId}`;
  const township = `/console/townships/${TOWNSHIP}`;
  const campaign = `/campaigns/${TOWNSHIP}/2026`;
  const campaignConsole = `/console/townships/${TOWNSHIP}/campaign/2026`;
  const ballot = (intent: string, base: ActionSpec["base"]): ActionSpec => ({
    page: "/vote/ballot",
    intent,
    url: () => "/vote/ballot",
    cookie: () => cookies.deputy,
    base,
    fields: [
      { name: "roundId", kind: { type: "id" }, base: () => String(H.roundOpen) },
      { name: "ballotKey", kind: { type: "pattern", pattern: /^[A-Za-z0-9_-]{16,64}$/ }, base: (i) => `hostileKey${String(i).padStart(8, "0")}` },
      { name: `choice.${H.candidateIds[0]}`, kind: { type: "enum", values: ["yes", "no", "abstain"], optional: true }, base: () => "yes" },
    ],
    extra: [
      // Reviewing only reads; the cast itself refuses a project not on the round.
      ["a project not on this round", [["choice.999999", "yes"]], base === "readonly" ? "either" : "refuse"],
      ["ticks on a per-project ballot", [["tick[]", String(H.candidateIds[0])]], "refuse"],
      ["a tick sent as a single value", [["tick", String(H.candidateIds[0])]], "refuse"],
      ["a choice for a project id that is not a number", [["choice.abc", "yes"]], "refuse"],
      ["another round's id", [["roundId", String(H.roundPrepared)]], base === "readonly" ? "accept" : "refuse"],
    ],
  });
  const roundAction = (intent: string, roundId: () => number, fields: FieldSpec[] = [], base: ActionSpec["base"] = "refused"): ActionSpec => ({
    page: "/console/sessions/:id/rounds/:id",
    intent,
    url: () => `${session}/rounds/${roundId()}`,
    cookie: () => cookies.clerk,
    base,
    fields,
  });
  const newest = (table: string, column: string, extra: Partial<NonNullable<FieldSpec["stored"]>> = {}) => ({ table, column, ...extra });

  return [
    // Login forms
    {
      page: "/login",
      url: () => "/login",
      cookie: () => "",
      base: "refused",
      fields: [
        { name: "username", kind: { type: "text", min: 1, max: 64, fold: "trim" }, base: (i) => `nobody-${i}` },
        { name: "password", kind: { type: "text", min: 1, max: 256, fold: "none" }, base: () => "wrong-password-1" },
        { name: "redirectTo", kind: { type: "text", min: 0, max: 10_000, fold: "none" }, base: () => "/console" },
      ],
    },
    { page: "/vote", url: () => "/vote", cookie: () => "", base: "refused", fields: [{ name: "code", kind: { type: "fixed" }, base: () => "ABCDEFGH" }] },
    // The tablet
    ballot("review", "readonly"),
    ballot("edit", "readonly"),
    ballot("confirm", "refused"),
    { page: "/vote/ballot", intent: "checkin", url: () => "/vote/ballot", cookie: () => cookies.deputy, base: "readonly", fields: [] },
    // The township console
    {
      page: "/console/townships/:code",
      intent: "add-deputies",
      url: () => township,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [{ name: "names", kind: { type: "names" }, base: (i) => `新代表${i}号`, stored: newest("Deputy", "name"), shownOn: township }],
      extra: [
        ["a name already on the roster", [["names", "代表1号"]], "refuse"],
        ["the same name twice", [["names", "重名\n重名"]], "refuse"],
        ["481 names", [["names", Array.from({ length: 481 }, (_, n) => `批量${n}`).join("\n")]], "refuse"],
      ],
    },
    {
      page: "/console/townships/:code",
      intent: "retire",
      url: () => township,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [{ name: "deputyId", kind: { type: "id" }, base: () => "999999" }],
    },
    {
      page: "/console/townships/:code",
      intent: "create-session",
      url: () => township,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        {
          name: "title",
          kind: { type: "text", min: 1, max: 80, fold: "trim", count: "units" },
          base: (i) => `第${i}次会议`,
          stored: newest("CongressSession", "title"),
          shownOn: township,
        },
        { name: "meetingDate", kind: { type: "date" }, base: () => "2026-03-01" },
        {
          name: "place",
          kind: { type: "text", min: 1, max: 80, fold: "trim", count: "units" },
          base: (i) => `会场${i}`,
          stored: newest("CongressSession", "place"),
          shownOn: township,
        },
      ],
      extra: [
        ["30 February", [["meetingDate", "2026-02-30"]], "refuse"],
        ["month 13", [["meetingDate", "2026-13-01"]], "refuse"],
        ["year 0", [["meetingDate", "0000-01-01"]], "refuse"],
        ["a far year", [["meetingDate", "9999-12-31"]], "refuse"],
        ["the year 1999", [["meetingDate", "1999-12-31"]], "refuse"],
      ],
    },
    // The public proposal form (征集): anybody may post; nothing hostile may be stored but as read, nor break it.
    {
      page: "/campaigns/:code/:year/propose",
      url: () => `/campaigns/${TOWNSHIP}/2026/propose`,
      cookie: () => "",
      base: "accepted",
      fields: [
        {
          name: "title",
          kind: { type: "text", min: 4, max: 200, fold: "multiline" },
          base: (i) => `第${i}条建议：修建通组公路`,
          // Shown nowhere public while pending; the clerk's page is checked for the clerk's own entries below.
          stored: newest("Proposal", "title"),
        },
        { name: "place", kind: { type: "text", min: 2, max: 100, fold: "line" }, base: (i) => `某村第${i}组`, stored: newest("Proposal", "place") },
        {
          name: "reason",
          kind: { type: "text", min: 5, max: 1000, fold: "multiline" },
          base: (i) => `第${i}条理由：出行不便`,
          stored: newest("Proposal", "reason"),
        },
      ],
      extra: [
        ["a cost in 元", [["cost", "1200000元"]], "refuse"],
        ["a cost of 10 million 万元", [["cost", "10000000"]], "refuse"],
        ["a cost in letters", [["cost", "abc"]], "refuse"],
        ["a contact of 51 characters", [["contact", "1".repeat(51)]], "refuse"],
        ["a village of 51 characters", [["village", "村".repeat(51)]], "refuse"],
        [
          "the same text as proposal 1",
          [
            ["title", "第0条建议：修建通组公路"],
            ["place", "某村第0组"],
            ["reason", "第0条理由：出行不便"],
          ],
          "refuse",
        ],
      ],
    },
    // The clerk's campaign and screening
    {
      page: "/console/townships/:code/campaign/:year",
      intent: "enter-proposal",
      url: () => campaignConsole,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        { name: "source", kind: { type: "enum", values: ["government", "village"] }, base: () => "government" },
        { name: "proposer", kind: { type: "text", min: 1, max: 60, fold: "line" }, base: () => "镇农业综合服务中心" },
        {
          name: "title",
          kind: { type: "text", min: 4, max: 200, fold: "multiline" },
          base: (i) => `第${i}条部门建议：改造集镇排水`,
          stored: newest("Proposal", "title"),
          shownOn: campaignConsole,
        },
        { name: "place", kind: { type: "text", min: 2, max: 100, fold: "line" }, base: (i) => `集镇第${i}街`, stored: newest("Proposal", "place") },
        { name: "reason", kind: { type: "text", min: 5, max: 1000, fold: "multiline" }, base: () => "雨季内涝严重。" },
      ],
      extra: [["a deputy's proposal without the deputy", [["source", "deputy"]], "refuse"]],
    },
    {
      page: "/console/townships/:code/campaign/:year",
      intent: "admit",
      url: () => campaignConsole,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [{ name: "number", kind: { type: "id" }, base: () => "999999" }],
    },
    {
      page: "/console/townships/:code/campaign/:year",
      intent: "update-campaign",
      url: () => campaignConsole,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        {
          name: "title",
          kind: { type: "text", min: 4, max: 80, fold: "line" },
          base: (i) => `第${i}次修改的征集活动`,
          stored: newest("Campaign", "title"),
          shownOn: campaign,
        },
        {
          name: "callText",
          kind: { type: "text", min: 10, max: 1000, fold: "multiline" },
          base: () => "面向全镇公开征集民生实事项目建议。",
          stored: newest("Campaign", "callText"),
        },
        { name: "opensOn", kind: { type: "fixed" }, base: () => H.campaignDays.opensOn },
        { name: "closesOn", kind: { type: "fixed" }, base: () => H.campaignDays.closesOn },
        { name: "channels[]", kind: { type: "enum", values: ["online", "wechat"] }, base: () => "online" },
      ],
      extra: [
        ["closing before opening", [["closesOn", "2020-01-01"]], "refuse"],
        ["a year of collection", [["opensOn", "2020-01-01"]], "refuse"],
        ["an unknown channel", [["channels[]", "telegram"]], "refuse"],
      ],
    },
    {
      page: "/console/townships/:code/campaign/:year/proposals/:number",
      intent: "decline",
      url: () => `${campaignConsole}/proposals/${H.admittedProposal}`,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        {
          name: "reason",
          kind: { type: "enum", values: ["out-of-scope", "too-costly", "already-planned", "legality-or-debt", "duplicate"] },
          base: () => "duplicate",
        },
      ],
      extra: [
        ["a note of 201 characters", [["note", "注".repeat(201)]], "refuse"],
        ["a reason not on the list", [["reason", "other"]], "refuse"],
      ],
    },
    // Implementation: the fixture's township has no published vote, so every post is refused, well-formed or not.
    {
      page: "/console/townships/:code/implementation/:year",
      intent: "mid-year",
      url: () => `/console/townships/${TOWNSHIP}/implementation/2026`,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [
        { name: "heardOn", kind: { type: "date" }, base: () => "2026-07-01" },
        { name: "summary", kind: { type: "text", min: 1, max: 2000, fold: "multiline" }, base: () => "年中报告" },
      ],
    },
    {
      page: "/console/townships/:code/implementation/:year",
      intent: "inspection",
      url: () => `/console/townships/${TOWNSHIP}/implementation/2026`,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [
        { name: "heldOn", kind: { type: "date" }, base: () => "2026-06-10" },
        { name: "deputyIds[]", kind: { type: "id" }, base: () => [String(H.deputyIds[0])] },
        { name: "planIds[]", kind: { type: "id" }, base: () => ["1"] },
        { name: "findings", kind: { type: "text", min: 1, max: 1000, fold: "multiline" }, base: () => "发现的问题" },
        { name: "followUp", kind: { type: "text", min: 1, max: 1000, fold: "multiline" }, base: () => "整改情况" },
      ],
    },
    // The session console
    {
      page: "/console/sessions/:id",
      intent: "attendance",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        { name: "deputyId", kind: { type: "id" }, base: () => String(H.deputyIds[0]) },
        { name: "status", kind: { type: "enum", values: ["present", "leave", "absent"] }, base: () => "present" },
      ],
    },
    {
      page: "/console/sessions/:id",
      intent: "pass",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [{ name: "deputyId", kind: { type: "id" }, base: () => String(H.deputyIds[2]) }],
    },
    // 注销平板 of a deputy who holds no card is refused, whatever the field says.
    {
      page: "/console/sessions/:id",
      intent: "revoke-pass",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [{ name: "deputyId", kind: { type: "id" }, base: () => String(H.deputyIds[1]) }],
    },
    // The display link: revoking one that is not open is refused; opening one replaces the key each time.
    { page: "/console/sessions/:id", intent: "display-revoke", url: () => session, cookie: () => cookies.clerk, base: "refused", fields: [] },
    { page: "/console/sessions/:id", intent: "display-open", url: () => session, cookie: () => cookies.clerk, base: "accepted", fields: [] },
    {
      page: "/console/sessions/:id",
      intent: "tellers",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        { name: "chiefId", kind: { type: "id" }, base: () => String(H.deputyIds[0]) },
        { name: "tellerIds[]", kind: { type: "id" }, base: () => [String(H.deputyIds[1])] },
      ],
      extra: [
        ["the chief also a teller", [["tellerIds[]", String(H.deputyIds[0])]], "refuse"],
        [
          "eleven tellers",
          H.deputyIds
            .concat(H.deputyIds, H.deputyIds)
            .slice(0, 11)
            .map((id): [string, string] => ["tellerIds[]", String(id)]),
          "refuse",
        ],
      ],
    },
    {
      page: "/console/sessions/:id",
      intent: "candidate",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        {
          name: "name",
          kind: { type: "text", min: 2, max: 60, fold: "line" },
          base: (i) => `第${i}号测试项目`,
          stored: newest("Candidate", "name"),
          shownOn: session,
        },
        { name: "content", kind: { type: "text", min: 1, max: 1000, fold: "multiline" }, base: () => "村组道路硬化", stored: newest("Candidate", "content") },
        { name: "investment", kind: { type: "money" }, base: () => "120.5", stored: newest("Candidate", "investmentCents") },
        { name: "fundingSource", kind: { type: "text", min: 1, max: 100, fold: "line" }, base: () => "县级财政", stored: newest("Candidate", "fundingSource") },
        { name: "plannedCompletion", kind: { type: "fixed" }, base: () => "2026-12" },
        {
          name: "responsibleUnit",
          kind: { type: "text", min: 1, max: 100, fold: "line" },
          base: () => "镇政府",
          stored: newest("Candidate", "responsibleUnit"),
        },
      ],
      extra: [
        ["a name already on the slate", [["name", "第1号民生实事项目"]], "refuse"],
        ["investment of 10 million 万元", [["investment", "10000000"]], "refuse"],
        ["investment with three decimals", [["investment", "1.005"]], "refuse"],
        ["investment in 元", [["investment", "1200000元"]], "refuse"],
        ["completion in the year 2101", [["plannedCompletion", "2101-01"]], "refuse"],
        ["completion 31 February", [["plannedCompletion", "2026-02-31"]], "refuse"],
      ],
    },
    {
      page: "/console/sessions/:id",
      intent: "remove-candidate",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [{ name: "candidateId", kind: { type: "id" }, base: () => "999999" }],
      extra: [["a project in a round", [["candidateId", String(H.candidateIds[0])]], "refuse"]],
    },
    {
      page: "/console/sessions/:id",
      intent: "prepare-round",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [
        { name: "candidateIds[]", kind: { type: "id" }, base: () => H.candidateIds.map(String) },
        { name: "places", kind: { type: "int", min: 1, max: 3 }, base: () => "2" },
        { name: "form", kind: { type: "enum", values: ["per-project", "choose-n"] }, base: () => "per-project" },
        { name: "secret", kind: { type: "enum", values: ["recorded"] }, base: () => "recorded" },
        { name: "liveResults", kind: { type: "enum", values: ["live", "after-close"] }, base: () => "after-close" },
      ],
      extra: [
        [
          "a project twice",
          [
            ["candidateIds[]", String(H.candidateIds[0])],
            ["candidateIds[]", String(H.candidateIds[0])],
          ],
          "refuse",
        ],
        ["a project of no slate", [["candidateIds[]", "999999"]], "refuse"],
        [
          "secret with live results",
          [
            ["secret", "secret"],
            ["liveResults", "live"],
          ],
          "refuse",
        ],
      ],
    },
    {
      // The fixture's township selected nothing the year before: every rating round is refused.
      page: "/console/sessions/:id",
      intent: "prepare-rating",
      url: () => session,
      cookie: () => cookies.clerk,
      base: "refused",
      fields: [
        { name: "candidateIds[]", kind: { type: "id" }, base: () => String(H.candidateIds[0]) },
        { name: "basis", kind: { type: "enum", values: ["all", "present", "valid"] }, base: () => "all" },
        { name: "medium", kind: { type: "enum", values: ["tablet", "paper"] }, base: () => "tablet" },
        { name: "entryMethod", kind: { type: "enum", values: ["per-ballot", "totals"] }, base: () => "per-ballot" },
      ],
      extra: [["a project of no slate", [["candidateIds[]", "999999"]], "refuse"]],
    },
    {
      page: "/console/sessions/:id/passes",
      url: () => `${session}/passes`,
      cookie: () => cookies.clerk,
      base: "accepted",
      fields: [{ name: "scope", kind: { type: "enum", values: ["present", "all"] }, base: () => "present" }],
    },
    // The round console: every step is refused by the round's state, except voiding a fresh round.
    roundAction("open", () => H.roundOpen),
    roundAction("close", () => H.roundPrepared, [{ name: "confirmed", kind: { type: "fixed" }, base: () => "yes" }]),
    roundAction("publish", () => H.roundOpen, [
      { name: "confirmed", kind: { type: "fixed" }, base: () => "yes" },
      { name: "noticeVotes", kind: { type: "enum", values: ["shown", "list"] }, base: () => "list" },
    ]),
    roundAction("runoff", () => H.roundOpen),
    roundAction("key-issue", () => H.roundOpen),
    roundAction("key-verify", () => H.roundPrepared, [
      { name: "key", kind: { type: "text", min: 1, max: 64, fold: "trim" }, base: () => "2222-2222-2222-2222-2222-2222-2222" },
    ]),
    roundAction("count", () => H.roundOpen, [
      { name: "key", kind: { type: "text", min: 1, max: 64, fold: "trim" }, base: () => "2222-2222-2222-2222-2222-2222-2222" },
    ]),
    // The chief teller's confirmation, from a tablet that is not the chief teller's, of a round still open.
    {
      page: "/vote/ballot",
      intent: "confirm-tally",
      url: () => "/vote/ballot",
      cookie: () => cookies.deputy,
      base: "refused",
      fields: [
        { name: "roundId", kind: { type: "id" }, base: () => String(H.roundOpen) },
        { name: "checked", kind: { type: "fixed" }, base: () => "yes" },
      ],
    },
    // The administrator's pages
    {
      page: "/console/admin/accounts",
      intent: "create",
      url: () => "/console/admin/accounts",
      cookie: () => cookies.admin,
      base: "accepted",
      fields: [
        {
          name: "username",
          kind: { type: "pattern", pattern: /^[a-z0-9_.-]{3,32}$/, trim: true },
          base: (i) => `hostile-user-${i}`,
          stored: newest("User", "username"),
        },
        {
          name: "displayName",
          kind: { type: "text", min: 1, max: 40, fold: "trim", count: "units" },
          base: () => "新账户",
          stored: newest("User", "displayName"),
          shownOn: "/console/admin/accounts",
        },
        { name: "password", kind: { type: "text", min: 10, max: 200, fold: "none", count: "units" }, base: () => "new-password-123" },
        { name: "role", kind: { type: "enum", values: ["clerk"] }, base: () => "clerk" },
        { name: "townshipCode", kind: { type: "fixed" }, base: () => TOWNSHIP },
        // Only a monitor has an area: for a clerk, whatever is in the field is not kept.
        { name: "areaCode", kind: { type: "ignored" }, base: () => "", stored: newest("User", "areaCode") },
      ],
      extra: [
        ["a clerk of no township", [["townshipCode", "439999999"]], "refuse"],
        [
          "a monitor of no area",
          [
            ["role", "monitor"],
            ["areaCode", ""],
          ],
          "refuse",
        ],
        [
          "a monitor of a five-digit area",
          [
            ["role", "monitor"],
            ["areaCode", "43012"],
          ],
          "refuse",
        ],
        ["a username taken", [["username", "hostile-admin"]], "refuse"],
      ],
    },
    {
      page: "/console/admin/accounts",
      intent: "reset",
      url: () => "/console/admin/accounts",
      cookie: () => cookies.admin,
      base: "accepted",
      fields: [
        { name: "userId", kind: { type: "id" }, base: () => String(H.resetUserId) },
        { name: "password", kind: { type: "text", min: 10, max: 200, fold: "none", count: "units" }, base: () => "reset-password-123" },
      ],
    },
    {
      page: "/console/admin/townships",
      intent: "add",
      url: () => "/console/admin/townships",
      cookie: () => cookies.admin,
      base: "accepted",
      fields: [
        { name: "code", kind: { type: "fixed" }, base: freeCodeFor },
        {
          name: "name",
          kind: { type: "text", min: 2, max: 31, fold: "trim", suffix: /^.{1,30}(镇|乡)$/u },
          base: (i) => `新设${i}镇`,
          stored: newest("Township", "name"),
          shownOn: "/console/admin/townships",
        },
        { name: "kind", kind: { type: "enum", values: ["镇", "乡", "民族乡"] }, base: () => "镇" },
        { name: "seatedDeputies", kind: { type: "int", min: 1, max: 160 }, base: () => "45" },
        { name: "population", kind: { type: "int", min: 0, max: 1_000_000 }, base: () => "32000" },
      ],
      extra: [
        ["a code already in the register", [["code", TOWNSHIP]], "refuse"],
        ["a code of no county", [["code", "439999101"]], "refuse"],
        ["a 街道 code", [["code", "430121001"]], "refuse"],
      ],
    },
    {
      page: "/console/admin/townships",
      intent: "retire",
      url: () => "/console/admin/townships",
      cookie: () => cookies.admin,
      base: "refused",
      fields: [{ name: "code", kind: { type: "fixed" }, base: () => "439999399" }],
    },
    {
      page: "/console/admin/townships",
      intent: "congress-seated",
      url: () => "/console/admin/townships",
      cookie: () => cookies.admin,
      base: "accepted",
      fields: [
        { name: "code", kind: { type: "fixed" }, base: () => "431382" },
        { name: "seatedDeputies", kind: { type: "int", min: 1, max: 472 }, base: () => "260" },
      ],
      extra: [
        ["a management zone (no county congress)", [["code", "430371"]], "refuse"],
        ["a township's code", [["code", TOWNSHIP]], "refuse"],
        ["a county code of no county", [["code", "439999"]], "refuse"],
      ],
    },
  ];
}

/** Voiding: each payload gets a fresh prepared round, so that every valid reason is stored. */
async function voidPayloads(): Promise<Payload[]> {
  const spec: ActionSpec = {
    page: "/console/sessions/:id/rounds/:id",
    intent: "void",
    url: () => "",
    cookie: () => cookies.clerk,
    base: "accepted",
    fields: [
      {
        name: "reason",
        kind: { type: "text", min: 1, max: 200, fold: "trim", count: "units" },
        base: (i) => `录入有误${i}`,
        stored: { table: "Round", column: "voidReason" },
      },
    ],
  };
  const payloads = payloadsOf(spec);
  for (const payload of payloads) {
    const roundId = await prepareRound(clerk, H.sessionId, {
      candidateIds: [H.candidateIds[0]!],
      places: 1,
      form: "per-project",
      secret: false,
      liveResults: false,
    });
    payload.url = `/console/sessions/${H.sessionId}/rounds/${roundId}`;
    if (payload.roundTrip)
      payload.roundTrip.field = { ...payload.roundTrip.field, stored: { table: "Round", column: "voidReason", where: "id = ?", params: () => [roundId] } };
  }
  return payloads;
}

/** Slate files: uploads of every kind, to the import. */
function importPayloads(): Payload[] {
  const url = `/console/sessions/${H.sessionId}`;
  const csv = (name: string) =>
    `\uFEFF序号,项目名称,项目内容,估算投资（万元）,资金来源,计划完成时间,责任单位\r\n1,${name},修路,120,县级财政,2026-12,镇政府\r\n`;
  const file = (text: string | Uint8Array, name: string): [string, { file: Blob; name: string }] => ["file", { file: new Blob([text as BlobPart]), name }];
  const cases: Array<[string, Fields, Expectation]> = [
    ["no file", [], "refuse"],
    ["a string where a file is expected", [["file", "hello.csv"]], "refuse"],
    ["an empty file", [file("", "slate.csv")], "refuse"],
    ["an executable", [file("MZ\u0090\u0000", "slate.exe")], "refuse"],
    ["garbage as .xlsx", [file("PK\u0003\u0004garbage", "slate.xlsx")], "refuse"],
    ["garbage as .csv", [file(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x00, 0x00, 0x41]), "slate.csv")], "refuse"],
    ["a CSV without a header", [file("a,b,c\r\n1,2,3\r\n", "slate.csv")], "refuse"],
    ["a CSV with a script in a field and a bad date", [file(csv("<script>alert(1)</script>").replace("2026-12", "abc"), "slate.csv")], "refuse"],
    ["a path in the file name", [file(csv("路径项目").replace("120", "x"), "../../../etc/passwd.csv")], "refuse"],
    ["a 2.5 MB file", [file("x".repeat(2_500_000), "slate.csv")], "refuse"],
    ["two files", [file(csv("重复甲").replace("120", "x"), "a.csv"), file(csv("重复乙"), "b.csv")], "refuse"],
    ["a valid file with unicode edges", [file(csv("\u202E导入项目👨‍👩‍👧"), "名单.csv")], "accept"],
    ["a zip bomb that lies about its sizes", [file(workbooks.lyingZipBomb, "slate.xlsx")], "refuse"],
    ["an honest zip bomb", [file(workbooks.honestZipBomb, "slate.xlsx")], "refuse"],
    ["57 MiB of worksheet XML", [file(workbooks.manyRows, "slate.xlsx")], "refuse"],
    ["a workbook with an external entity (XXE)", [file(workbooks.externalEntity, "slate.xlsx")], "refuse"],
    ["a workbook with nested entities (billion laughs)", [file(workbooks.billionLaughs, "slate.xlsx")], "refuse"],
  ];
  return cases.map(([label, fields, expect]) => ({
    action: "/console/sessions/:id import",
    label: `file: ${label}`,
    url,
    cookie: cookies.clerk,
    fields: [["intent", "import"], ...fields],
    expect,
    readonly: false,
  }));
}

const auditCount = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM "AuditEntry"'))[0]!.n;

// ---------------------------------------------------------------------------------------------
// Running and judging

interface Result {
  payload: Payload;
  answer?: Answer;
  error?: string;
}

const findings: string[] = [];
let serverErrors = 0;

function send(payload: Payload): Promise<Answer> {
  return post(server.url, payload.url, { cookie: payload.cookie, fields: payload.fields, body: payload.body, contentType: payload.contentType });
}

/** What every answer must satisfy, refused or not. */
function judge({ payload, answer }: Result): string[] {
  const problems: string[] = [];
  if (!answer) return problems;
  const where = `${payload.action} — ${payload.label}`;
  if (answer.status >= 500) {
    serverErrors++;
    problems.push(`${where}: server error ${answer.status}`);
    return problems;
  }
  if (answer.contentType.startsWith("text/html")) {
    for (const injection of INJECTIONS) if (answer.body.includes(injection)) problems.push(`${where}: reflects ${injection} unescaped`);
  }
  const refused = answer.status >= 400;
  if (refused && !hasChineseMessage(answer))
    problems.push(`${where}: ${answer.status} without a Chinese message (${answer.contentType}; ${refusalMessage(answer) ?? "no message element"})`);
  if (payload.expect === "refuse" && !refused)
    problems.push(`${where}: expected a refusal, got ${answer.status}${answer.location ? ` → ${answer.location}` : ""}`);
  if (payload.expect === "accept" && refused) problems.push(`${where}: expected it accepted, got ${answer.status}: ${refusalMessage(answer)}`);
  if (payload.status !== undefined && answer.status !== payload.status) problems.push(`${where}: expected ${payload.status}, got ${answer.status}`);
  if (refused && answer.status !== 400 && ![401, 403, 404, 409, 411, 413, 415].includes(answer.status))
    problems.push(`${where}: unusual status ${answer.status}`);
  return problems;
}

async function roundTrip(payload: Payload, answer: Answer): Promise<string[]> {
  const trip = payload.roundTrip;
  if (!trip?.field.stored || answer.status >= 400) return [];
  const { table, column, where, params, rows = 1 } = trip.field.stored;
  const expected = storedForm(trip.field.kind, trip.raw);
  const count = Array.isArray(expected) ? expected.length : rows;
  const stored = (
    await query<Record<string, unknown>>(
      `SELECT "${column}" AS value FROM "${table}" ${where ? `WHERE ${where}` : ""} ORDER BY id DESC LIMIT ?`,
      ...(params?.(trip.i) ?? []),
      count,
    )
  )
    .map((row) => row.value)
    .reverse();
  const problems: string[] = [];
  const label = `${payload.action} — ${payload.label}`;
  const actual = Array.isArray(expected) ? stored : stored[0];
  if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${label}: stored ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  const markup = (Array.isArray(expected) ? expected : [expected]).filter((value): value is string => typeof value === "string" && value.includes("<"));
  if (trip.field.shownOn && markup.length) {
    const page = await get(server.url, trip.field.shownOn, { cookie: payload.cookie });
    if (page.status >= 400) problems.push(`${label}: ${trip.field.shownOn} answers ${page.status} with the value stored`);
    for (const value of markup) {
      if (page.body.includes(value)) problems.push(`${label}: ${trip.field.shownOn} shows ${value} unescaped`);
      if (!page.body.includes(escapeHtml(value))) problems.push(`${label}: ${trip.field.shownOn} does not show ${value}`);
    }
  }
  return problems;
}

/**
 * One action's payloads: those that must be refused run together (8 at a time) between two digests
 * of the database; those that may be stored run one at a time, each checked on its own.
 */
async function runAction(payloads: Payload[]): Promise<void> {
  const mustRefuse = payloads.filter((payload) => payload.expect === "refuse" || payload.readonly);
  const mayStore = payloads.filter((payload) => !mustRefuse.includes(payload));
  if (mustRefuse.length) {
    const before = await databaseDigest();
    const results = await mapLimit(mustRefuse, CONCURRENCY, async (payload): Promise<Result> => ({ payload, answer: await send(payload) }));
    for (const result of results) findings.push(...judge(result));
    const changed = changedTables(before, await databaseDigest());
    if (changed.length) {
      const accepted = results.filter((r) => r.answer && r.answer.status < 400).map((r) => r.payload.label);
      findings.push(`${mustRefuse[0]!.action}: refused payloads changed ${changed.join(", ")} (answered < 400: ${accepted.join("; ") || "none"})`);
    }
  }
  let before = mayStore.length ? await databaseDigest() : null;
  for (const payload of mayStore) {
    const answer = await send(payload);
    findings.push(...judge({ payload, answer }));
    const after = await databaseDigest();
    if (answer.status >= 400) {
      const changed = changedTables(before!, after);
      if (changed.length) findings.push(`${payload.action} — ${payload.label}: refused (${answer.status}) but changed ${changed.join(", ")}`);
    } else {
      findings.push(...(await roundTrip(payload, answer)));
    }
    before = after;
  }
}

function groupByAction(payloads: Payload[]): Payload[][] {
  const groups = new Map<string, Payload[]>();
  for (const payload of payloads) groups.set(payload.action, [...(groups.get(payload.action) ?? []), payload]);
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------------

describe("hostile input", () => {
  it("refuses malformed fields of every action with a Chinese 4xx and no change; stores valid edge cases exactly, escaped", async () => {
    const specs = actionSpecs();
    const payloads = [...specs.flatMap(payloadsOf), ...(await voidPayloads()), ...importPayloads()];
    // Bodies that are not forms, once per page, as the role that may post there.
    const pages = new Map<string, { url: string; cookie: string; intent?: string }>();
    for (const spec of specs) if (!pages.has(spec.page)) pages.set(spec.page, { url: spec.url(0), cookie: spec.cookie(), intent: spec.intent });
    pages.set("/console/sessions/:id/rounds/:id", { url: `/console/sessions/${H.sessionId}/rounds/${H.roundOpen}`, cookie: cookies.clerk, intent: "void" });
    for (const [page, { url, cookie, intent }] of pages) payloads.push(...nonFormPayloads(`${page} (bodies)`, url, cookie, intent));

    for (const group of groupByAction(payloads)) await runAction(group);
    const stored = payloads.filter((payload) => payload.expect !== "refuse" && !payload.readonly).length;
    console.log(
      `hostile input: ${payloads.length.toLocaleString("en-US")} hostile payloads to ${specs.length + 2} actions (${stored} that may be stored, checked one by one); ${serverErrors} server errors`,
    );
    expect(findings).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(payloads.length).toBeGreaterThan(1000);
  }, 180_000);

  it("reads three hostile workbooks at once in bounded memory while another township votes", async () => {
    // Another township's session, with tablets signed in: the ballots must not wait for the imports.
    const voting = await sessionWithDeputies(40);
    await checkIn(voting.sessionId, voting.deputyIds);
    const { roundId, candidateIds } = await slateAndRound(voting.sessionId, 3, { places: 2 });
    await openRound(clerk, voting.sessionId, roundId);
    const codes = await issueSignInCodes(clerk, voting.sessionId, voting.deputyIds);
    const tablets = await Promise.all(codes.map((code) => signInTablet(server.url, code)));
    let nextTablet = 0;
    const vote = async () => {
      const started = performance.now();
      const answer = await post(server.url, "/vote/ballot", {
        cookie: tablets[nextTablet++]!,
        fields: [
          ["intent", "confirm"],
          ["roundId", String(roundId)],
          ["ballotKey", newBallotKey()],
          ...candidateIds.map((id): [string, string] => [`choice.${id}`, "yes"]),
        ],
      });
      expect(answer.status, answer.body.slice(0, 300)).toBe(302);
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push(await vote());
    const rssBefore = server.rssMiB();
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMiB())), 50);
    const files = [workbooks.lyingZipBomb, workbooks.manyRows, workbooks.lyingZipBomb];
    let answered = 0;
    const uploads = Promise.all(
      files.map((bytes) =>
        post(server.url, `/console/sessions/${H.sessionId}`, {
          cookie: cookies.clerk,
          fields: [
            ["intent", "import"],
            ["file", { file: new Blob([bytes as BlobPart]), name: "候选项目.xlsx" }],
          ],
        }).finally(() => answered++),
      ),
    );
    const flooded: number[] = [];
    do flooded.push(await vote());
    while (answered < files.length && nextTablet < tablets.length);
    const answers = await uploads;
    clearInterval(sampler);

    for (const answer of answers) {
      expect([400, 409], answer.body.slice(0, 300)).toContain(answer.status);
      expect(hasChineseMessage(answer), refusalMessage(answer) ?? "").toBe(true);
    }
    expect(server.process.exitCode).toBeNull();
    expect((await get(server.url, "/")).status).toBe(200);
    expect(peakRss - rssBefore).toBeLessThan(400);
    console.log(
      `hostile workbooks: ${answers.map((a) => a.status).join(", ")}; ballot median ${median(idle).toFixed(1)} ms idle, ` +
        `${median(flooded).toFixed(1)} ms during the uploads (×${(median(flooded) / median(idle)).toFixed(2)}, ${flooded.length} ballots, ` +
        `slowest ${Math.max(...flooded).toFixed(1)} ms); server memory +${(peakRss - rssBefore).toFixed(0)} MiB`,
    );
  }, 120_000);

  it("answers hostile URL parameters and query strings with a 4xx or the page, never a server error", async () => {
    const values = [
      "abc",
      "-1",
      "0",
      "1.5",
      "1e309",
      "9007199254740993",
      "%00",
      "%F0%9F%98%80",
      "%ED%A0%80",
      "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      "..%2F..%2Fetc%2Fpasswd",
      "x".repeat(2000),
    ];
    const s = H.sessionId;
    const templates: Array<[string, string]> = [
      ["/cities/{}", ""],
      ["/counties/{}", ""],
      ["/townships/{}", ""],
      ["/notices/{}/1", ""],
      ["/notices/" + s + "/{}", ""],
      ["/notices/{}/1.csv", ""],
      ["/screen/{}", ""],
      ["/sessions/{}/events", ""],
      ["/monitor/{}", "admin"],
      ["/monitor/{}/report", "admin"],
      ["/monitor/{}/export.csv", "admin"],
      ["/monitor/{}/export.xlsx", "admin"],
      ["/console/townships/{}", "admin"],
      ["/console/sessions/{}", "admin"],
      ["/console/sessions/{}/passes", "admin"],
      ["/console/sessions/{}/rounds/1", "admin"],
      [`/console/sessions/${s}/rounds/{}`, "admin"],
      [`/console/sessions/{}/rounds/${H.roundOpen}/roll.csv`, "admin"],
      [`/console/sessions/${s}/rounds/{}/roll.csv`, "admin"],
      ["/console/sessions/{}/slate-template.csv", "admin"],
      ["/console/sessions/{}/slate-template.xlsx", "admin"],
      ["/campaigns/{}/2026", ""],
      [`/campaigns/${TOWNSHIP}/{}`, ""],
      [`/campaigns/${TOWNSHIP}/{}/propose`, ""],
      [`/campaigns/${TOWNSHIP}/2026/propose?key={}`, ""],
      [`/console/townships/${TOWNSHIP}/campaign/{}/links`, "admin"],
      [`/campaigns/{}/2026/poster`, ""],
      [`/console/townships/${TOWNSHIP}/campaign/{}`, "admin"],
      [`/console/townships/${TOWNSHIP}/implementation/{}`, "admin"],
      [`/console/townships/${TOWNSHIP}/implementation/2026/projects/{}`, "admin"],
      ["/progress/{}/2026", ""],
      [`/progress/${TOWNSHIP}/{}`, ""],
      [`/console/townships/${TOWNSHIP}/campaign/2026/proposals/{}`, "admin"],
      ["/coverage?year={}", ""],
      ["/search?q={}", ""],
      ["/receipts?code={}", ""],
      ["/console?code={}", "admin"],
      ["/monitor/430121?year={}&sort={}&dir={}&by={}", "admin"],
      ["/monitor/430121/export.csv?table={}", "admin"],
      ["/vote?code={}", ""],
      [`/vote/receipt?round={}&r={}`, "deputy"],
      ["/login?redirectTo={}", ""],
    ];
    const cases = templates.flatMap(([template, role]) => values.map((value) => ({ url: template.replaceAll("{}", value), role })));
    const before = await databaseDigest();
    const problems: string[] = [];
    await mapLimit(cases, CONCURRENCY, async ({ url, role }) => {
      const cookie = role === "admin" ? cookies.admin : role === "deputy" ? cookies.deputy : "";
      const answer = await get(server.url, url, { cookie });
      if (answer.status >= 500) problems.push(`GET ${url.slice(0, 120)}: ${answer.status}`);
      if (answer.contentType.startsWith("text/html"))
        for (const injection of INJECTIONS) if (answer.body.includes(injection)) problems.push(`GET ${url.slice(0, 120)} reflects ${injection}`);
      if (answer.status >= 400 && answer.contentType.startsWith("text/html") && !hasChineseMessage(answer))
        problems.push(`GET ${url.slice(0, 120)}: ${answer.status} without a Chinese message`);
    });
    console.log(`hostile input: ${cases.length} hostile URLs; ${problems.filter((p) => / 5\d\d$/.test(p)).length} server errors`);
    expect(problems).toEqual([]);
    expect(changedTables(before, await databaseDigest())).toEqual([]);
  });

  it("never redirects off the site after a login, whatever redirectTo says", async () => {
    const targets = [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "/\t/evil.example",
      "/%0A/evil.example",
      " //evil.example",
      "/console/../..//evil.example",
    ];
    for (const redirectTo of targets) {
      const answer = await post(server.url, "/login", {
        fields: [
          ["username", "hostile-login"],
          ["password", PASSWORD],
          ["redirectTo", redirectTo],
        ],
      });
      expect(answer.status, redirectTo).toBe(302);
      const target = new URL(answer.headers.get("location")!, server.url);
      expect(target.origin, `redirectTo=${JSON.stringify(redirectTo)} → ${answer.headers.get("location")}`).toBe(new URL(server.url).origin);
    }
  });

  it("logs in whatever characters redirectTo holds: the redirect is percent-encoded, and every login session has its cookie", async () => {
    const sessions = async () => (await query<{ n: number }>('SELECT count(*) AS n FROM "UserSession"'))[0]!.n;
    const targets: Array<[string, string]> = [
      ["/\u3000/x", "/%E3%80%80/x"],
      ["/console?q=黄兴镇#第一轮", "/console?q=%E9%BB%84%E5%85%B4%E9%95%87#%E7%AC%AC%E4%B8%80%E8%BD%AE"],
      // A lone surrogate arrives as its three WTF-8 bytes, which the server reads as three U+FFFD.
      ["/\uD800", "/%EF%BF%BD%EF%BF%BD%EF%BF%BD"],
      ["/\u2028/x", "/%E2%80%A8/x"],
    ];
    for (const [redirectTo, location] of targets) {
      const before = await sessions();
      const answer = await post(server.url, "/login", {
        fields: [
          ["username", "hostile-login"],
          ["password", PASSWORD],
          ["redirectTo", redirectTo],
        ],
      });
      expect(answer.status, `${JSON.stringify(redirectTo)}: ${refusalMessage(answer)}`).toBe(302);
      expect(answer.headers.get("location"), JSON.stringify(redirectTo)).toBe(location);
      expect(
        setCookies(answer).some((cookie) => cookie.name === "staff" && cookie.value !== ""),
        JSON.stringify(redirectTo),
      ).toBe(true);
      expect(await sessions(), JSON.stringify(redirectTo)).toBe(before + 1);
    }
  });

  it("refuses a cross-site post with 403 before any action runs; the same post from the site reaches the action", async () => {
    const url = `/console/townships/${TOWNSHIP}`;
    const fields: Fields = [
      ["intent", "create-session"],
      ["title", "跨站会议"],
      ["meetingDate", "2026-04-01"],
      ["place", "别处"],
    ];
    const attempts: Array<[string, { origin?: string | null; headers?: Record<string, string> }]> = [
      ["Origin of another site", { origin: "http://evil.example" }],
      ["Origin null", { origin: "null" }],
      ["Origin with another port", { origin: server.url.replace(/:(\d+)$/, (_, port: string) => `:${Number(port) + 1}`) }],
      ["Origin with another scheme", { origin: server.url.replace(/^http:/, "https:") }],
      ["no Origin, Sec-Fetch-Site cross-site", { origin: null, headers: { "sec-fetch-site": "cross-site" } }],
      ["malformed Origin", { origin: "not a url" }],
    ];
    for (const [label, options] of attempts) {
      const targets: Array<[string, string, Fields]> = [
        [url, cookies.clerk, fields],
        [
          "/login",
          "",
          [
            ["username", "hostile-login"],
            ["password", PASSWORD],
          ],
        ],
        ["/vote/ballot", cookies.deputy, [["intent", "checkin"]]],
      ];
      for (const [path, cookie, body] of targets) {
        const before = await databaseDigest();
        const audited = await auditCount();
        const answer = await post(server.url, path, { cookie, fields: body, ...options });
        // Refused before any action ran: not even a refusal reached the audit log.
        expect(await auditCount(), `${label}: ${path}`).toBe(audited);
        expect(answer.status, `${label}: ${path}`).toBe(403);
        expect(answer.body, label).toContain("拒绝来自其他网站的提交");
        expect(setCookies(answer), label).toEqual([]);
        expect(changedTables(before, await databaseDigest()), `${label}: ${path}`).toEqual([]);
      }
    }
    const same = await post(server.url, url, { cookie: cookies.clerk, fields, headers: { "sec-fetch-site": "same-origin" } });
    expect(same.status).toBe(302);
    expect(same.location).toMatch(/^\/console\/sessions\/\d+$/);
    expect(await query(`SELECT id FROM "CongressSession" WHERE title = '跨站会议'`)).toHaveLength(1);
  });

  it("sets the staff, tablet and display cookies HttpOnly and SameSite=Lax", async () => {
    const login = await post(server.url, "/login", {
      fields: [
        ["username", "hostile-login"],
        ["password", PASSWORD],
      ],
    });
    const [code] = await issueSignInCodes(clerk, H.sessionId, [H.deputyIds[1]!]);
    const signIn = await post(server.url, "/vote", { fields: [["code", code!]] });
    const screen = await get(server.url, `/screen/${H.sessionId}?key=${await openDisplayLink(clerk, H.sessionId)}`);
    // The key leaves the address bar at once: the projector shows it to the hall.
    expect(screen.location).toBe(`/screen/${H.sessionId}`);
    for (const [name, answer] of [
      ["staff", login],
      ["tablet", signIn],
      ["display", screen],
    ] as const) {
      const cookie = setCookies(answer).find((c) => c.name === name);
      expect(cookie, name).toBeDefined();
      const attributes = cookie!.attributes.map((a) => a.toLowerCase());
      expect(attributes, name).toContain("httponly");
      expect(attributes, name).toContain("samesite=lax");
      expect(attributes, name).toContain("path=/");
    }
  });

  it("signs a tablet out whatever else the post carries, and the tablet then sees the sign-in page", async () => {
    const before = await get(server.url, "/vote/ballot", { cookie: cookies.deputyToSignOut });
    expect(before.status).toBe(200);
    const answer = await post(server.url, "/vote/ballot", {
      cookie: cookies.deputyToSignOut,
      fields: [
        ["intent", "signout"],
        ["confirmed", "yes"],
        ["intent", "confirm"],
        ["roundId", "<script>"],
        ["__proto__[]", "x"],
      ],
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/vote");
    expect((await get(server.url, "/vote/ballot", { cookie: cookies.deputyToSignOut })).location).toBe("/vote");
  });
});

describe("live streams under hostile use", () => {
  it("refuses a flood of streams without a credential (or with forged ones) in Chinese, holding none; a tablet's stream still opens", async () => {
    const url = `/sessions/${H.sessionId}/events`;
    const forged = ["", "tablet=forged", "staff=forged", `display=${Buffer.from(JSON.stringify({ sessionId: H.sessionId, key: "x" })).toString("base64")}`];
    const answers = await mapLimit(
      Array.from({ length: 400 }, (_, i) => forged[i % forged.length]!),
      50,
      async (cookie) => {
        const answer = await openLiveStream(server.url, url, cookie);
        answer.destroy();
        return answer;
      },
    );
    expect(answers.filter((answer) => answer.status !== 401).map((answer) => answer.status)).toEqual([]);
    expect(answers.every((answer) => String(answer.headers["content-type"]).startsWith("text/plain") && CJK.test(answer.body))).toBe(true);
    const tablet = await openLiveStream(server.url, url, cookies.deputy);
    expect(tablet.status).toBe(200);
    expect(JSON.parse((await tablet.next("snapshot")).data)).toMatchObject({ sessionId: H.sessionId });
    tablet.destroy();
  });

  it("lets go of dropped streams (200 opened and dropped, then the session's limit admits as many new tablets as before) and refuses past its limits with 503", async () => {
    const limited = await startTestServer({ LIVE_STREAMS_PER_SESSION: "5", LIVE_STREAMS_MAX: "6" });
    try {
      const S = await sessionWithDeputies(11);
      const codes = await issueSignInCodes(clerk, S.sessionId, S.deputyIds);
      const tablets = await Promise.all(codes.map((code) => signInTablet(limited.url, code)));
      const [otherCode] = await issueSignInCodes(clerk, H.sessionId, [H.deputyIds[2]!]);
      const otherSession = [cookies.deputy, await signInTablet(limited.url, otherCode!)];
      const url = (sessionId: number) => `/sessions/${sessionId}/events`;

      for (let cycle = 0; cycle < 40; cycle++) {
        const streams = await Promise.all(tablets.slice(0, 5).map((cookie) => openLiveStream(limited.url, url(S.sessionId), cookie)));
        expect(
          streams.map((stream) => stream.status),
          `cycle ${cycle}`,
        ).toEqual([200, 200, 200, 200, 200]);
        await Promise.all(streams.map((stream) => stream.next("snapshot")));
        for (const stream of streams) stream.destroy();
      }
      // Five other tablets: admitted only if the 200 dropped streams were all let go.
      const held: LiveStreamClient[] = [];
      for (const cookie of tablets.slice(5, 10)) {
        const admitted = await eventually(async () => {
          const stream = await openLiveStream(limited.url, url(S.sessionId), cookie);
          if (stream.status === 200) held.push(stream);
          return stream.status === 200;
        });
        expect(admitted, `tablet ${held.length + 6} refused: dropped streams still count`).toBe(true);
      }
      const sessionFull = await openLiveStream(limited.url, url(S.sessionId), tablets[10]!);
      expect(sessionFull.status).toBe(503);
      expect(Number(sessionFull.headers["retry-after"])).toBeGreaterThan(0);
      expect(sessionFull.body).toMatch(CJK);
      held.push(await openLiveStream(limited.url, url(H.sessionId), otherSession[0]!));
      expect(held.at(-1)!.status).toBe(200);
      const serverFull = await openLiveStream(limited.url, url(H.sessionId), otherSession[1]!);
      expect(serverFull.status).toBe(503);
      expect(serverFull.body).toMatch(CJK);
      for (const stream of held) stream.destroy();
    } finally {
      await limited.stop();
    }
  });
});
