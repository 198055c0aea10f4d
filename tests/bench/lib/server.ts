/** Starts the production server (already built) as a child process, and watches its memory. */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../../..");

export interface RunningServer {
  process: ChildProcess;
  url: string;
  /** Resident memory of the server process now, in MiB (Linux /proc). */
  rssMiB(): number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `logFile`: where the server's stdout (its JSON request log, its start-up lines) goes, instead of the console or nowhere (`quiet`). */
export async function startServer(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  quiet?: boolean;
  logFile?: string;
}): Promise<RunningServer> {
  const answering = await fetch(`http://localhost:${options.port}/`).then(
    () => true,
    () => false,
  );
  if (answering) throw new Error(`port ${options.port} is already in use by another server: stop it, or pass --port`);
  const out = options.logFile ? openSync(options.logFile, "a") : null;
  const child = spawn(process.execPath, ["build/server.js"], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      NODE_ENV: "production",
      ADMIN_PASSWORD: "bench-admin-password",
      COOKIE_SECRETS: "bench-cookie-secret",
      ...options.env,
    },
    stdio: ["ignore", out ?? (options.quiet ? "ignore" : "inherit"), "inherit"],
  });
  if (out !== null) closeSync(out); // the child has its own copy
  const url = `http://localhost:${options.port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error("server did not start within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    process: child,
    url,
    rssMiB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      } catch {
        return 0;
      }
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The demo database a page benchmark reads (`--db`): its file and URL; stops with a hint when it is missing. */
export function demoDatabase(option: string): { file: string; databaseUrl: string } {
  const file = path.resolve(projectRoot, option.replace(/^file:/, ""));
  if (!existsSync(file)) {
    console.error(`${file} does not exist: run npm run demo:province first (or name a database with --db).`);
    process.exit(2);
  }
  return { file, databaseUrl: `file:${file}` };
}
