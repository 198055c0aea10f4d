/**
 * A throwaway PostgreSQL server for a test or benchmark run: a new cluster in a temporary
 * directory, listening on 127.0.0.1 at a free port and on a socket in that directory, stopped and
 * deleted afterwards. Debian's binaries (`apt-get install postgresql`) are used as they are; no
 * service is touched. `initdb` and `pg_ctl` refuse root, so as root they run as `postgres`.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { postgresBinDir } from "~/utils/postgres-bin.server";

export interface PostgresCluster {
  /** postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The URL of another database of this server. */
  databaseUrl(name: string): string;
  binDir: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = postgresBinDir();
  if (!binDir) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "pg-throwaway-"));
  const data = path.join(dir, "data");
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (tool: string, args: string[]) => {
    const command = root ? "runuser" : path.join(binDir, tool);
    const argv = root ? ["-u", "postgres", "--", path.join(binDir, tool), ...args] : args;
    execFileSync(command, argv, { stdio: ["ignore", "ignore", "pipe"], cwd: dir });
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c max_connections=200", "-c timezone=UTC"].join(" ");
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  const databaseUrl = (name: string) => `postgresql://postgres@127.0.0.1:${port}/${name}`;
  let stopped = false;
  return {
    url: databaseUrl("postgres"),
    databaseUrl,
    binDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
