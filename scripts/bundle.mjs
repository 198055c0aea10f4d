// npm run bundle — the offline install bundle (docs/deployment/README.md, "Air-gapped install"):
// dist/minsheng-piaojue-<version>-<platform>-<arch>-node<major>.tar.gz with the built app, the
// production node_modules, both migration histories, the register, the operator's commands as plain
// Node scripts, and the deployment guide. Made from this checkout's node_modules (copied, then
// `npm prune --omit=dev`): nothing is downloaded, and the native modules (better-sqlite3, argon2) are
// the ones built here, so make the bundle on the target's OS, CPU architecture and Node major.
//
// npm run bundle -- --check <tarball> unpacks a bundle into a temporary directory and starts its
// server there on a new SQLite database: /healthz and /readyz must answer 200, and SIGTERM must stop
// it cleanly. With `--offline` (as root) that runs in a network namespace of its own (no network at all).
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { check: { type: "string" }, offline: { type: "boolean" }, "skip-build": { type: "boolean" } } });

/** The operator's commands in the bundle: the project's scripts built to plain Node (no tsx there). */
const TOOLS = {
  "db:setup": "prisma/scripts/setup.ts",
  "db:migrate": "prisma/scripts/migrate.ts",
  "db:backup": "prisma/scripts/backup.ts",
  "db:restore": "prisma/scripts/restore.ts",
  "audit:verify": "prisma/scripts/audit-verify.ts",
  "user:create": "prisma/scripts/create-user.ts",
};

const run = (command, args, options = {}) => execFileSync(command, args, { stdio: "inherit", cwd: root, ...options });

function makeBundle() {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const name = `${pkg.name}-${pkg.version}-${process.platform}-${process.arch}-node${process.versions.node.split(".")[0]}`;
  if (!values["skip-build"]) run("npm", ["run", "build"]);
  const dist = path.join(root, "dist");
  const stage = path.join(dist, name);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });

  for (const part of [
    "build",
    "public",
    "prisma/schema.prisma",
    "prisma/migrations",
    "prisma/postgresql/schema.prisma",
    "prisma/postgresql/migrations",
    "prisma/register/hunan-register.json",
  ]) {
    cpSync(path.join(root, part), path.join(stage, part), { recursive: true });
  }
  cpSync(path.join(root, "docs/deployment"), path.join(stage, "docs/deployment"), { recursive: true });
  cpSync(path.join(root, "docs/deployment/README.md"), path.join(stage, "INSTALL.md"));

  // The commands, bundled with esbuild from this checkout (its packages stay imports of node_modules).
  const tools = Object.entries(TOOLS).map(([script, source]) => [script, `build/tools/${path.basename(source, ".ts")}.mjs`]);
  for (const [script, out] of tools) {
    run(path.join(root, "node_modules/.bin/esbuild"), [
      TOOLS[script],
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      "--packages=external",
      "--log-level=warning",
      `--outfile=${path.join(stage, out)}`,
    ]);
  }

  // The bundle's package.json: its production dependencies, and scripts that need nothing but Node.
  const staged = {
    ...pkg,
    scripts: { start: "node build/server.js", ...Object.fromEntries(tools.map(([script, out]) => [script, `node ${out}`])) },
    devDependencies: undefined,
  };
  writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(staged, null, 2)}\n`);
  cpSync(path.join(root, "package-lock.json"), path.join(stage, "package-lock.json"));

  console.log("bundle: copying node_modules and pruning the development packages (offline)");
  cpSync(path.join(root, "node_modules"), path.join(stage, "node_modules"), { recursive: true, verbatimSymlinks: true });
  run("npm", ["prune", "--omit=dev", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"], { cwd: stage });
  // The generated Prisma clients are bundled into build/ already; nothing in node_modules needs .cache.
  rmSync(path.join(stage, "node_modules/.cache"), { recursive: true, force: true });

  const tarball = path.join(dist, `${name}.tar.gz`);
  run("tar", ["-czf", tarball, "-C", dist, name]);
  rmSync(stage, { recursive: true, force: true });
  const bytes = Number(execFileSync("stat", ["-c", "%s", tarball]).toString());
  console.log(`bundle written: ${path.relative(root, tarball)} (${(bytes / 1024 / 1024).toFixed(0)} MiB)`);
  return tarball;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function checkBundle(tarball) {
  const dir = mkdtempSync(path.join(tmpdir(), "bundle-check-"));
  try {
    execFileSync("tar", ["-xzf", path.resolve(tarball), "-C", dir]);
    const [name] = execFileSync("ls", [dir]).toString().trim().split("\n");
    const home = path.join(dir, name);
    const port = await freePort();
    const server = spawn(process.execPath, ["build/server.js"], {
      cwd: home,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_URL: `file:${path.join(home, "data/app.db")}`,
        ADMIN_PASSWORD: "bundle-check-password",
        HALL_URL: "http://127.0.0.1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    server.stdout.on("data", (chunk) => (log += chunk));
    server.stderr.on("data", (chunk) => (log += chunk));
    const exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    let health = null;
    while (Date.now() < deadline && server.exitCode === null) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => null,
      );
      if (health === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status,
      () => null,
    );
    const page = await fetch(`http://127.0.0.1:${port}/coverage`).then(
      (r) => r.status,
      () => null,
    );
    server.kill("SIGTERM");
    const code = await exited;
    // The operator's commands, as plain Node in the bundle: a backup and the audit chain's check.
    const tool = (script, args = []) => {
      try {
        execFileSync(process.execPath, [script, ...args], {
          cwd: home,
          env: { PATH: process.env.PATH, DATABASE_URL: `file:${path.join(home, "data/app.db")}` },
          stdio: "pipe",
        });
        return 0;
      } catch (error) {
        log += String(error.stdout) + String(error.stderr);
        return error.status ?? 1;
      }
    };
    const backup = tool("build/tools/backup.mjs", ["--to", path.join(dir, "check-backup.db")]);
    const verify = tool("build/tools/audit-verify.mjs");
    const ok = health === 200 && ready === 200 && page === 200 && code === 0 && backup === 0 && verify === 0;
    console.log(
      `bundle check (${name}, unpacked in ${dir}): /healthz ${health}, /readyz ${ready}, /coverage ${page}, exit after SIGTERM ${code}; db:backup exit ${backup}, audit:verify exit ${verify}`,
    );
    if (!ok) {
      console.error(log);
      process.exit(1);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (values.check && values.offline && !process.env.BUNDLE_CHECK_NETNS) {
  // Again, inside a network namespace of its own with only a loopback interface: no network at all.
  execFileSync(
    "unshare",
    ["--net", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", process.execPath, fileURLToPath(import.meta.url), "--check", values.check],
    {
      stdio: "inherit",
      env: { ...process.env, BUNDLE_CHECK_NETNS: "1" },
    },
  );
} else if (values.check) await checkBundle(values.check);
else makeBundle();
