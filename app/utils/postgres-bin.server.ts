/** Debian's PostgreSQL binaries (apt-get install postgresql): the newest installed version reads older servers too. */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** The newest installed server's bin directory holding `tool` (initdb by default), or null. */
export function postgresBinDir(tool = "initdb"): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, "bin", tool)))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}
