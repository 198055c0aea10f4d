/**
 * End-to-end tests on Debian's Chromium (Playwright cannot download its own browser here).
 * The web server is the production build on a fresh database under tests/.tmp. Every test works in
 * townships of its own (tests/e2e/townships.ts) and logs in through a fixture, so tests run in
 * parallel and the suite can run again against a server that is still running: start it once with
 * E2E_REUSE_SERVER=1 and every later run with E2E_REUSE_SERVER=1 uses it and its database.
 */
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Per port, so that two runs on one machine (say, two developers' sessions) do not share state.
export const database = `tests/.tmp/e2e-${port}.db`;
/** The server's database: that file, or a PostgreSQL database (`npm run test:postgres` runs the browser tests there too). */
export const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:${database}`;
export const baseURL = `http://localhost:${port}`;
/** What the server is started with; the login fixture signs its cookies with these secrets. */
export const serverEnv = {
  PORT: String(port),
  DATABASE_URL: databaseUrl,
  NODE_ENV: "production",
  ADMIN_PASSWORD: "e2e-admin-password",
  COOKIE_SECRETS: "e2e-cookie-secret",
  // The hall's address, spelt unlike the browser's localhost: the cards' QR codes must carry this
  // one (tests/e2e/hall-address.spec.ts decodes them), and a tablet must still reach it.
  HALL_URL: `http://127.0.0.1:${port}`,
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `test-results/${port}`,
  // One server and one database for the whole run; each test claims its own townships.
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    actionTimeout: 15_000,
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "tablet", use: { ...devices["Galaxy Tab S4"], browserName: "chromium", isMobile: false, hasTouch: true } }],
  webServer: {
    // A PostgreSQL database is made afresh by whoever names it (tests/postgres/run.ts).
    command: `rm -f ${database} ${database}-wal ${database}-shm ${database}.claims && npm run build && node build/server.js`,
    url: `${baseURL}/`,
    timeout: 120_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    env: serverEnv,
  },
});
