/**
 * Shared helpers of the HTTP integration tests: cookie jars, form posts with the server's Origin,
 * a digest of the whole database (to prove that a refused request changed nothing), read-only
 * queries on either engine, bounded
 * concurrency, reading the message a refusal shows, and live streams over sockets of their own.
 */
import { createHash } from "node:crypto";
import { get as httpGet } from "node:http";
import pg from "pg";
import { Agent, fetch as fetchFrom } from "undici";
import { openConnection, type Connection } from "~/data/sqlite.server";
import { databaseEngine } from "~/utils/database-url";

/** A CJK ideograph: the refusal must explain itself in Chinese. */
export const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

// ---------------------------------------------------------------------------------------------
// Cookies

/** The `name=value` pairs of every Set-Cookie of a response. */
export function setCookies(response: { headers: Headers }): Array<{ name: string; value: string; attributes: string[] }> {
  return response.headers.getSetCookie().map((line) => {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
  });
}

/** A browser's cookie store, just enough of one: keeps the last value of each cookie, drops cleared ones. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  constructor(initial?: string) {
    if (initial)
      for (const part of initial.split(";")) {
        const at = part.indexOf("=");
        if (at > 0) this.cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
      }
  }

  absorb(response: Response): this {
    for (const cookie of setCookies(response)) {
      const cleared = cookie.value === "" || cookie.attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=thu, 01 jan 1970/i.test(a));
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return this;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie request header ("" when empty). */
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

export type FieldValue = string | Blob | { file: Blob; name: string };
/** Form fields in order; a name may repeat. */
export type Fields = Array<[string, FieldValue]>;

/**
 * application/x-www-form-urlencoded, byte-exact: a lone surrogate (which encodeURIComponent and
 * URLSearchParams refuse or replace) is sent as its WTF-8 bytes, as a careless client would.
 */
export function urlEncode(fields: Array<[string, string]>): string {
  return fields.map(([name, value]) => `${encodeLoose(name)}=${encodeLoose(value)}`).join("&");
}

function encodeLoose(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else {
      out += encodeURIComponent(text[i]!);
    }
  }
  return out;
}

/** What the server reads back from a value sent by urlEncode (a lone surrogate becomes U+FFFD). */
export function asServerReadsIt(value: string): string {
  const bytes: number[] = [];
  for (const match of encodeLoose(value).matchAll(/%([0-9A-F]{2})|([^%])/gi)) {
    if (match[1]) bytes.push(parseInt(match[1], 16));
    else bytes.push(match[2]!.charCodeAt(0));
  }
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(new Uint8Array(bytes));
}

export interface RequestOptions {
  cookie?: string;
  /** Origin header: the server's own by default; null to send none. */
  origin?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * The client's address: another loopback address (127.0.0.2, 127.0.0.3 …) stands for another
   * device or network, as the server sees it. Default: 127.0.0.1 (or ::1), like every other test.
   */
  from?: string;
}

const agents = new Map<string, Agent>();

/** fetch() from a given IPv4 loopback address (the server listens on both families). */
function fetchVia(from: string | undefined, url: string, init: RequestInit): Promise<Response> {
  if (!from) return fetch(url, init);
  let agent = agents.get(from);
  if (!agent) agents.set(from, (agent = new Agent({ localAddress: from, connect: { family: 4 } as object })));
  // undici's own fetch takes a dispatcher; its Response is the same shape as the global one.
  return fetchFrom(url, { ...init, dispatcher: agent } as Parameters<typeof fetchFrom>[1]) as unknown as Promise<Response>;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The redirect target's path and query, when a 3xx. */
  location: string | null;
  contentType: string;
  body: string;
}

async function answerOf(response: Response, base: string, readBody = true): Promise<Answer> {
  const location = response.headers.get("location");
  let target: string | null = null;
  if (location !== null) {
    const url = new URL(location, base);
    target = url.origin === new URL(base).origin ? url.pathname + url.search : url.href;
  }
  const contentType = response.headers.get("content-type") ?? "";
  let body = "";
  if (readBody && !contentType.startsWith("text/event-stream")) body = await response.text();
  else await response.body?.cancel().catch(() => undefined);
  return { status: response.status, headers: response.headers, location: target, contentType, body };
}

export async function get(base: string, path: string, options: RequestOptions = {}): Promise<Answer> {
  const controller = new AbortController();
  const response = await fetchVia(options.from, base + path, {
    redirect: "manual",
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers },
    signal: options.signal ?? controller.signal,
  });
  const answer = await answerOf(response, base);
  controller.abort();
  return answer;
}

/**
 * A form post as a browser without JavaScript sends it: urlencoded, or multipart when a field is a
 * file. `body` + `contentType` send anything else verbatim.
 */
export async function post(
  base: string,
  path: string,
  form: { fields?: Fields; body?: BodyInit; contentType?: string | null } & RequestOptions,
): Promise<Answer> {
  const headers: Record<string, string> = { ...form.headers };
  if (form.cookie) headers.cookie = form.cookie;
  const origin = form.origin === undefined ? base : form.origin;
  if (origin !== null) headers.origin = origin;
  let body: BodyInit | undefined = form.body;
  if (form.fields) {
    const hasFile = form.fields.some(([, value]) => typeof value !== "string");
    if (hasFile) {
      const data = new FormData();
      for (const [name, value] of form.fields) {
        if (typeof value === "string") data.append(name, value);
        else if (value instanceof Blob) data.append(name, value);
        else data.append(name, value.file, value.name);
      }
      body = data;
    } else {
      body = urlEncode(form.fields as Array<[string, string]>);
      headers["content-type"] = "application/x-www-form-urlencoded;charset=UTF-8";
    }
  }
  if (form.contentType !== undefined && form.contentType !== null) headers["content-type"] = form.contentType;
  const response = await fetchVia(form.from, base + path, {
    method: "POST",
    redirect: "manual",
    headers,
    body,
    signal: form.signal,
    duplex: "half",
  } as RequestInit);
  return answerOf(response, base);
}

/** Logs a staff account in over HTTP (POST /login with the server's Origin); returns the Cookie header. */
export async function logInStaff(base: string, username: string, password: string): Promise<string> {
  const answer = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, password }),
  });
  const jar = new CookieJar().absorb(answer);
  if (answer.status !== 302 || !jar.get("staff")) throw new Error(`login of ${username} failed: ${answer.status} ${await answer.text()}`);
  return jar.header();
}

/** Signs a tablet in with a one-time code over HTTP (POST /vote); returns the Cookie header. */
export async function signInTablet(base: string, code: string): Promise<string> {
  const answer = await fetch(`${base}/vote`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ code }),
  });
  const jar = new CookieJar().absorb(answer);
  if (answer.status !== 302 || !jar.get("tablet")) throw new Error(`tablet sign-in failed: ${answer.status} ${await answer.text()}`);
  return jar.header();
}

// ---------------------------------------------------------------------------------------------
// What a refusal says

/**
 * The message a refused request shows: the text/plain body of the server's walls, the `message`
 * of a JSON answer, or, for a page, the text of its role="alert" elements (form errors and the
 * error boundary). Null when there is none.
 */
export function refusalMessage(answer: Answer): string | null {
  if (answer.contentType.startsWith("text/plain")) return answer.body.trim() || null;
  if (answer.contentType.startsWith("application/json")) {
    try {
      const data = JSON.parse(answer.body) as { message?: unknown };
      return typeof data.message === "string" ? data.message : null;
    } catch {
      return null;
    }
  }
  if (answer.contentType.startsWith("text/html")) {
    const texts: string[] = [];
    const alert = /<(\w+)\b[^>]*\brole="alert"[^>]*>/g;
    for (let match = alert.exec(answer.body); match; match = alert.exec(answer.body)) {
      const tag = match[1]!;
      const end = answer.body.indexOf(`</${tag}>`, match.index + match[0].length);
      const inner = answer.body.slice(match.index + match[0].length, end < 0 ? undefined : end + tag.length + 3);
      texts.push(htmlText(inner));
    }
    const text = texts.join(" ").trim();
    return text || null;
  }
  return null;
}

function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** A clear Chinese explanation: some text with at least one CJK ideograph. */
export function hasChineseMessage(answer: Answer): boolean {
  const message = refusalMessage(answer);
  return message !== null && CJK.test(message);
}

// ---------------------------------------------------------------------------------------------
// The database, read-only, on either engine (decision 020)
//
// The tests' SQL is written once for both: double-quoted identifiers ("Ballot", "deputyId") and `?`
// placeholders, which PostgreSQL receives as $1…$n. What the engines return differently is read
// back as SQLite gives it, so that assertions stay exact: counts and other bigints as numbers,
// booleans as 1 and 0, timestamps as the ISO text the SQLite adapter stores (…+00:00).

/** Whether the test's database is a PostgreSQL one (DATABASE_URL=postgresql://…), not a SQLite file. */
export function onPostgres(): boolean {
  return databaseEngine(process.env.DATABASE_URL ?? "") === "postgresql";
}

let readOnly: Connection | null = null;

function readOnlyDb(): Connection {
  readOnly ??= openConnection("inspection");
  return readOnly;
}

// One pg client of the test process, its queries one at a time (a digest's transaction must not
// interleave with another query), with type parsers of its own: the app's code runs in this
// process too, and pg's global parsers are the app's.
let postgres: Promise<pg.Client> | null = null;
let postgresQueue: Promise<unknown> = Promise.resolve();

function postgresClient(): Promise<pg.Client> {
  postgres ??= (async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, options: "-c default_transaction_read_only=on" });
    const asTimestamp = client.getTypeParser(PG_TIMESTAMPTZ, "text") as (text: string) => Date;
    client.setTypeParser(PG_INT8, "text", (text) => asNumber(text));
    client.setTypeParser(PG_BOOL, "text", (text) => (text === "t" ? 1 : 0));
    client.setTypeParser(PG_TIMESTAMPTZ, "text", (text) => asTimestamp(text).toISOString().replace("Z", "+00:00"));
    await client.connect();
    return client;
  })();
  return postgres;
}

const PG_BOOL = 16;
const PG_INT8 = 20;
const PG_TIMESTAMPTZ = 1184;

function asNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`a bigint beyond 2^53 read back from PostgreSQL: ${text}`);
  return value;
}

/** Runs `work` on the test's pg client once the queries before it are done. */
function onPostgresClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const run = postgresQueue.then(async () => work(await postgresClient()));
  postgresQueue = run.catch(() => undefined);
  return run;
}

/** `?` placeholders as PostgreSQL's $1…$n (none inside a quoted literal or identifier). */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === "?" ? `$${++n}` : token));
}

export async function closeReadOnlyDb(): Promise<void> {
  readOnly?.close();
  readOnly = null;
  const client = postgres;
  postgres = null;
  if (client) {
    await postgresQueue;
    await client.then(
      (connected) => connected.end(),
      () => undefined,
    );
  }
}

/** A read-only query on the test's database (the server's, as committed). */
export async function query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (!onPostgres())
    return readOnlyDb()
      .prepare(sql)
      .all(...params) as T[];
  return onPostgresClient(async (client) => (await client.query(numberedPlaceholders(sql), params)).rows as T[]);
}

export interface Digest {
  digest: string;
  tables: Record<string, string>;
}

/**
 * Tables whose changes a refused request may cause: the audit log records refusals, and every
 * write, refused or not, counts against its sender's write limit (on PostgreSQL in the shared
 * RateLimitCounter table; on SQLite in memory, the table left empty).
 */
const NOT_DIGESTED = new Set(["AuditEntry", "RateLimitCounter"]);

/**
 * A hash of every row of every table except those (and the audit log's autoincrement counter), read
 * in one transaction: two equal digests mean the request in between changed nothing else. SQLite
 * renders each table's rows (quote() of every column, in rowid order) and JavaScript hashes them.
 * PostgreSQL hashes each table's rows (their text, in its order) in one REPEATABLE READ snapshot;
 * its sequences are left out, as they are not transactional: a refused insert that was rolled
 * back has still advanced one.
 */
export async function databaseDigest(): Promise<Digest> {
  const tables = onPostgres() ? await postgresTableDigests() : sqliteTableDigests();
  const digest = createHash("sha256").update(JSON.stringify(tables)).digest("hex");
  return { digest, tables };
}

function sqliteTableDigests(): Record<string, string> {
  const db = readOnlyDb();
  const read = db.transaction(() => {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>)
      .map((row) => row.name)
      .filter((name) => !NOT_DIGESTED.has(name));
    const tables: Record<string, string> = {};
    for (const name of names) {
      const table = `"${name.replace(/"/g, '""')}"`;
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
        (column) => `quote("${column.name.replace(/"/g, '""')}")`,
      );
      const where = name === "sqlite_sequence" ? `WHERE name NOT IN (${[...NOT_DIGESTED].map((n) => `'${n}'`).join(", ")})` : "";
      const row = db
        .prepare(
          `SELECT count(*) AS n, group_concat(line, char(10)) AS text FROM (SELECT ${columns.join(" || ',' || ")} AS line FROM ${table} ${where} ORDER BY rowid)`,
        )
        .get() as { n: number; text: string | null };
      tables[name] = `${row.n}:${createHash("sha256")
        .update(row.text ?? "")
        .digest("hex")
        .slice(0, 16)}`;
    }
    return tables;
  });
  return read();
}

/** Every table of the public schema (the migrations' record too, as on SQLite) but NOT_DIGESTED. */
function postgresTableDigests(): Promise<Record<string, string>> {
  return onPostgresClient(async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const { rows: names } = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      );
      const tables: Record<string, string> = {};
      const digested = names.map((row) => row.name).filter((name) => !NOT_DIGESTED.has(name));
      if (digested.length) {
        const parts = digested.map(
          (name, i) =>
            `SELECT $${i + 1}::text AS name, count(*) AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS hash FROM "${name.replace(/"/g, '""')}" t`,
        );
        const { rows } = await client.query<{ name: string; n: number; hash: string }>(parts.join(" UNION ALL "), digested);
        for (const row of rows) tables[row.name] = `${row.n}:${row.hash.slice(0, 16)}`;
      }
      await client.query("COMMIT");
      return tables;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: Digest, after: Digest): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((name) => before.tables[name] !== after.tables[name]);
}

// ---------------------------------------------------------------------------------------------
// Concurrency

/** Runs `work` over `items`, at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------
// Live streams (server-sent events), each over a socket of its own

export interface LiveStreamClient {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body of a refusal (empty for a stream). */
  body: string;
  /** Every event received so far: `{ event, data }`. */
  events: Array<{ event: string; data: string }>;
  /** Resolves with the first event named `event` after `after` events (default: any received so far). */
  next(event: string, after?: number, timeoutMs?: number): Promise<{ event: string; data: string }>;
  /** Resolves when the server has ended the response. */
  ended: Promise<void>;
  /** Drops the connection as a tablet losing its Wi-Fi would (no goodbye). */
  destroy(): void;
}

/** Opens GET `path` on a socket of its own; resolves once the status line and headers are in. */
export function openLiveStream(base: string, path: string, cookie = ""): Promise<LiveStreamClient> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const request = httpGet(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, agent: false, headers: cookie ? { cookie } : {} },
      (response) => {
        response.setEncoding("utf8");
        const events: LiveStreamClient["events"] = [];
        const waiters: Array<() => void> = [];
        let buffer = "";
        let body = "";
        const ended = new Promise<void>((done) => response.once("close", () => done()));
        response.on("data", (chunk: string) => {
          if (response.statusCode !== 200) return void (body += chunk);
          buffer += chunk;
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const lines = block.split("\n");
            const event = lines.find((line) => line.startsWith("event: "))?.slice(7);
            if (event)
              events.push({
                event,
                data: lines
                  .filter((line) => line.startsWith("data: "))
                  .map((line) => line.slice(6))
                  .join("\n"),
              });
          }
          for (const waiter of waiters.splice(0)) waiter();
        });
        response.on("error", () => undefined);
        const client: LiveStreamClient = {
          status: response.statusCode ?? 0,
          headers: response.headers,
          get body() {
            return body;
          },
          events,
          ended,
          destroy: () => request.destroy(),
          next(event, after = 0, timeoutMs = 5000) {
            return new Promise((found, fail) => {
              const timer = setTimeout(
                () => fail(new Error(`no "${event}" event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(", ") || "none"})`)),
                timeoutMs,
              );
              const look = () => {
                const hit = events.slice(after).find((e) => e.event === event);
                if (hit) {
                  clearTimeout(timer);
                  found(hit);
                } else waiters.push(look);
              };
              look();
            });
          },
        };
        if (response.statusCode === 200) resolve(client);
        else response.once("end", () => resolve(client));
      },
    );
    request.on("error", reject);
  });
}

/** Polls `condition` until it holds (true) or `timeoutMs` passes (false). */
export async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
