import { defineConfig } from "@playwright/test";
import { e2eEnv } from "./fixtures/e2e-env.ts";

const env = e2eEnv();

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 1,
  timeout: 60_000,
  outputDir: "test-results",
  reporter: [["list"]],
  use: {
    baseURL: env.baseUrl,
    browserName: "chromium",
    headless: true,
    viewport: { width: 1440, height: 900 },
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: env.chromiumPath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "pnpm --filter @loupe/web run launch",
    url: `${env.baseUrl}/api/health`,
    env: { DATABASE_URL: env.databaseUrl, PORT: String(env.port), LOUPE_DEMO_DATA: "false" },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
  },
});
