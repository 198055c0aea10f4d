/** Configuration from the environment, validated once at start-up (fail fast, name the variable). */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { envMessages } from "~/messages/env";
import { databaseEngine } from "./database-url";

/** The project root: two levels above this file in the source tree and in the server build alike. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const defaultDatabaseUrl = `file:${path.join(projectRoot, "data", "app.db")}`;

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .default(defaultDatabaseUrl)
      .refine(
        (url) => url.startsWith("file:") || databaseEngine(url) === "postgresql",
        "DATABASE_URL must be a SQLite file URL such as file:./data/app.db, or a PostgreSQL URL such as postgresql://user@host/db",
      )
      .transform((url) => (url.startsWith("file:") ? `file:${path.resolve(projectRoot, url.slice("file:".length))}` : url)),
    /** Where the generated secrets (cookie secret, audit key) are kept on PostgreSQL; on SQLite, beside the database file. */
    DATA_DIR: z.string().optional(),
    /** Initial password of the `admin` account, used only when no administrator exists yet. */
    ADMIN_PASSWORD: z.string().min(10, "ADMIN_PASSWORD must have at least 10 characters").optional(),
    /**
     * Posts per minute from one staff login, and from one client address for posts that no tablet
     * pass or login vouches for (the junk: a hall's tablets and staff never use this budget).
     */
    RATE_LIMIT_WRITES: z.coerce.number().int().positive().default(6000),
    /** Posts per minute from one tablet pass (a tablet posts a handful of times a round). */
    RATE_LIMIT_TABLET_WRITES: z.coerce.number().int().positive().default(120),
    /**
     * Failed tablet sign-ins, and failed staff logins, per client address per minute. Past it a
     * wrong code is answered "too many" and staff logins from that address wait; a valid code is
     * never refused for other devices' failures.
     */
    RATE_LIMIT_SIGNINS: z.coerce.number().int().positive().default(300),
    /**
     * Proposals the public form takes from one client address per hour (征集). A liaison station's
     * computer or a village's shared network sends many residents' proposals from one address; a
     * script sends thousands. Past it the form answers "too many" and stores nothing.
     */
    RATE_LIMIT_PROPOSALS: z.coerce.number().int().positive().default(30),
    /**
     * Live streams (the console's, tablets' and big screens' server-sent events) of one session: a
     * county congress seats up to 450 deputies, one stream per tablet, plus consoles and screens.
     */
    LIVE_STREAMS_PER_SESSION: z.coerce.number().int().min(1).max(100_000).default(500),
    /**
     * Live streams of the whole server, every session together. Measured (`npm run bench:live`): a
     * stream costs about 40 µs of CPU each time its session changes (at most 4 times a second) and
     * under 0.1 MiB of memory; 3,000 changing together would take most of one core.
     */
    LIVE_STREAMS_MAX: z.coerce.number().int().min(1).max(1_000_000).default(3000),
    /** Enables the benchmark's no-op action (/bench/noop). Never set in production. */
    BENCH_NOOP: z
      .enum(["0", "1"])
      .default("0")
      .transform((value) => value === "1"),
    /** Cookie signing secrets, comma-separated, newest first. Default: one generated on first start, kept in data/. */
    COOKIE_SECRETS: z
      .string()
      .optional()
      .transform((value) =>
        value
          ?.split(",")
          .map((secret) => secret.trim())
          .filter(Boolean),
      ),
    /**
     * The audit chain's key (HMAC), kept out of the database so that whoever can rewrite the database
     * cannot recompute the chain. Default: a file `audit-key` beside the database, made on first start
     * (0600); keep a copy somewhere else, and the key off the database's backups if you can.
     */
    AUDIT_KEY_FILE: z.string().min(1).optional(),
    /**
     * The hall's public address: what sign-in cards' QR codes and the big screen's display link point
     * at (e.g. http://192.168.1.10:3000). Unset, they use the address the clerk's browser used, which
     * at http://localhost:3000 sends every tablet to itself: the start-up warns.
     */
    HALL_URL: z
      .string()
      .optional()
      .superRefine((value, context) => {
        const problem = value === undefined ? null : hallUrlProblem(value);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .transform((value) => (value === undefined ? undefined : new URL(value).origin)),
    /**
     * The public site's address: what the collection posters' QR codes point at (residents open it
     * on their phones, so it is the address the public reaches). Unset: the address the clerk's
     * browser used.
     */
    PUBLIC_URL: z
      .string()
      .optional()
      .refine((value) => value === undefined || isOrigin(value), envMessages.publicUrl(envMessages.publicUrlExample))
      .transform((value) => (value === undefined ? undefined : new URL(value).origin)),
    /** Set to false only behind a TLS-terminating proxy that talks plain HTTP to a browser-less network. */
    COOKIE_SECURE: z
      .enum(["true", "false"])
      .default("true")
      .transform((value) => value === "true"),
  })
  .refine((env) => env.LIVE_STREAMS_PER_SESSION <= env.LIVE_STREAMS_MAX, {
    path: ["LIVE_STREAMS_PER_SESSION"],
    message: "LIVE_STREAMS_PER_SESSION must not be larger than LIVE_STREAMS_MAX",
  });

export type Env = z.infer<typeof EnvSchema>;

/** What is wrong with a HALL_URL, in Chinese and English, or null: a bare http(s) origin tablets can open. */
function hallUrlProblem(value: string): string | null {
  const example = envMessages.hallUrlExample;
  if (!/^https?:\/\//i.test(value)) return envMessages.hallUrl.notHttp(example);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return envMessages.hallUrl.notUrl(example);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    return envMessages.hallUrl.notOrigin(example);
  }
  if (url.hostname === "0.0.0.0" || url.hostname === "[::]") {
    return envMessages.hallUrl.listenAddress(url.hostname, example);
  }
  return null;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && !url.username && !url.password && !url.search && !url.hash && (url.pathname === "/" || url.pathname === "");
  } catch {
    return false;
  }
}

/** The public site's address for the posters' QR codes: PUBLIC_URL, else the address this request came to. */
export function publicOrigin(request: Request): string {
  return env().PUBLIC_URL ?? new URL(request.url).origin;
}

/** What the start-up should tell the operator about a configuration that works but will surprise the hall. */
export function startupWarnings(config: Env): string[] {
  if (config.HALL_URL) return [];
  return [envMessages.hallUrl.unset(envMessages.hallUrlExample)];
}

/** The hall's address for links and QR codes: HALL_URL, else the address this request came to. */
export function hallOrigin(request: Request): string {
  return env().HALL_URL ?? new URL(request.url).origin;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= readEnv();
  return cached;
}

/** The file-system path of a `file:` database URL. */
export function databasePath(databaseUrl: string): string {
  return databaseUrl.slice("file:".length);
}

/** Where generated secrets live: beside a SQLite database file; DATA_DIR (default ./data) for PostgreSQL. */
function secretsDir(): string {
  const { DATABASE_URL, DATA_DIR } = env();
  if (databaseEngine(DATABASE_URL) === "sqlite") return path.dirname(databasePath(DATABASE_URL));
  return path.resolve(projectRoot, DATA_DIR ?? "data");
}

/**
 * The cookie secrets: COOKIE_SECRETS if set, else one generated on first start and kept beside
 * the database, so a restart in the middle of a session does not sign every tablet out.
 */
export function cookieSecrets(): string[] {
  const configured = env().COOKIE_SECRETS;
  if (configured?.length) return configured;
  return [privateSecretFile(path.join(secretsDir(), "cookie-secret"))];
}

/** The audit chain's key file: AUDIT_KEY_FILE, else `audit-key` beside the database. */
export function auditKeyFile(): string {
  return env().AUDIT_KEY_FILE ?? path.join(secretsDir(), "audit-key");
}

/** A secret kept in a file readable by this account only (0600), made on first use. */
export function privateSecretFile(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process won the race
    }
  }
  return readFileSync(file, "utf8").trim();
}
