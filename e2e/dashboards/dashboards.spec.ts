import { buildCorpus } from "@loupe/fixtures";
import { expect, test } from "@playwright/test";
import { seedProject } from "../fixtures/seed-project.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

test("the dashboard charts the seeded runs, breaks cost down by agent, and keeps its range in the URL", async ({
  page,
}, testInfo) => {
  // The corpus spreads its runs over the three weeks before its base time: ending an hour ago puts
  // all of them inside the default thirty-day range.
  const baseTime = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
  const runs = buildCorpus({ baseTime }).map((fixture) => fixture.run);
  const { projectId } = await seedProject({ name: "Dashboard project", runs });
  const agentNames = new Set(
    runs.flatMap((run) => run.steps.flatMap((step) => (step.kind === "llm" && step.agentName ? [step.agentName] : []))),
  );

  await page.goto(`/project/${projectId}/dashboards`);
  await expect(page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "30 days" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByTestId("kpi-runs").locator("dd")).toHaveText(runs.length.toLocaleString("en-US"));
  await expect(page.getByTestId("kpi-findings").locator("dd")).toHaveText("0");
  const runsChart = page.getByRole("region", { name: "Runs and failures" });
  await expect(runsChart.locator("svg path").first()).toBeAttached();
  await expect(page.getByRole("region", { name: "Latency" }).locator("svg path").first()).toBeAttached();
  await page.screenshot({ path: testInfo.outputPath("dashboards.png"), fullPage: true });

  // Switching the breakdown replaces the model rows with agent rows.
  const breakdown = page.getByTestId("usage-breakdown");
  const firstUsageLabel = breakdown.getByTestId("usage-row").first().locator("td").first();
  const modelLabel = await firstUsageLabel.textContent();
  await breakdown.getByRole("group", { name: "Break down by" }).getByRole("button", { name: "Agent" }).click();
  await expect(page).toHaveURL(/[?&]breakdown=agent/);
  await expect(breakdown.getByRole("columnheader", { name: "Agent" })).toBeVisible();
  await expect(firstUsageLabel).not.toHaveText(modelLabel ?? "");
  expect(agentNames.has((await firstUsageLabel.textContent()) ?? "")).toBe(true);

  // The costliest run opens its trace.
  const costliestLink = page.getByTestId("costly-run-row").first().getByRole("link");
  const runName = (await costliestLink.textContent()) ?? "";
  await costliestLink.click();
  await expect(page).toHaveURL(new RegExp(`/project/${projectId}/traces/[^/?]+`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(runName);
  await page.goBack();

  // A shorter range is a new URL and new figures, measured back from now.
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(/[?&]range=7d/);
  const lastWeek = runs.filter((run) => run.trace.startTime.getTime() >= Date.now() - 7 * DAY_MS).length;
  if (lastWeek === 0) {
    await expect(page.getByText("No runs in this range — widen it")).toBeVisible();
  } else {
    await expect(page.getByTestId("kpi-runs").locator("dd")).toHaveText(lastWeek.toLocaleString("en-US"));
  }
});
