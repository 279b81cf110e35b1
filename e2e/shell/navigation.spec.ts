import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("the shell lists a project's runs and reaches every section by keyboard-friendly links", async ({ page }, testInfo) => {
  const { projectId } = await seedProject({
    name: "Shell project",
    runs: [corpusRun("healthy-support-order-status", "shell-ok"), corpusRun("retry-storm-crm-auth", "shell-storm")],
  });

  await page.goto(`/project/${projectId}/traces`);
  const rows = page.getByTestId("trace-row");
  await expect(rows).toHaveCount(2);
  // Newest first: the failed CRM run started after the healthy support run.
  await expect(rows.nth(0)).toContainText("sales-assistant");
  await expect(rows.nth(0)).toContainText("error");
  await expect(rows.nth(1)).toContainText("support-agent");
  await page.screenshot({ path: testInfo.outputPath("traces-list.png"), fullPage: true });

  const sections = [
    ["sessions", /Sessions/],
    ["alerts", /Alerts/],
    ["dashboards", /Dashboards/],
    ["prompts", /Prompts/],
    ["replays", /Replays/],
    ["settings", /Settings/],
    ["traces", /Traces/],
  ] as const;
  for (const [section, heading] of sections) {
    const link = page.getByTestId(`nav-${section}`);
    await link.focus();
    await expect(link).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/project/${projectId}/${section}`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(link).toHaveAttribute("aria-current", "page");
  }
});

test("the project switcher moves between projects", async ({ page }) => {
  const first = await seedProject({ name: "Switch from", runs: [corpusRun("healthy-team-email", "switch-a")] });
  const second = await seedProject({ name: "Switch to", runs: [corpusRun("healthy-polling-export", "switch-b")] });

  await page.goto(`/project/${first.projectId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await page.getByTestId("project-switcher").selectOption({ label: "Switch to" });
  await expect(page).toHaveURL(new RegExp(`/project/${second.projectId}/`));
  await expect(page.getByTestId("trace-row").first()).toContainText("export");
});

test("an empty project explains how to send runs", async ({ page }) => {
  const { projectId } = await seedProject({ name: "Empty project", runs: [] });
  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByText(/no runs yet/i)).toBeVisible();
  await expect(page.getByTestId("trace-row")).toHaveCount(0);
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "up" });
});
