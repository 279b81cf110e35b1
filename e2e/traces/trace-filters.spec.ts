import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("filtering by status shows only failed runs, and the filter lives in the URL", async ({
  page,
}, testInfo) => {
  const { projectId } = await seedProject({
    name: "Filter project",
    runs: [
      corpusRun("healthy-support-order-status", "filter-healthy"),
      corpusRun("repeated-web-search", "filter-failed"),
    ],
  });

  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(2);

  await page.getByLabel("Status").selectOption("error");
  await expect(page).toHaveURL(/[?&]status=error/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("research-agent");

  await page.reload();
  await expect(page.getByLabel("Status")).toHaveValue("error");
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("trace-filters.png"), fullPage: true });

  await page.getByLabel("Tag").fill("no-such-tag");
  await page.getByLabel("Tag").press("Enter");
  await expect(page).toHaveURL(/[?&]tag=no-such-tag/);
  await expect(page.getByText("No run matches these filters")).toBeVisible();

  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page.getByTestId("trace-row")).toHaveCount(2);
  await expect(page.getByLabel("Status")).toHaveValue("");
});

test("model, agent and latency filters narrow the list and keep to the URL", async ({ page }) => {
  const { projectId } = await seedProject({
    name: "More filters project",
    runs: [
      // gpt-4o-mini, one support agent, about 3 s.
      corpusRun("healthy-support-order-status", "more-filters-support"),
      // o4-mini and Claude models, a planner with sub-agents, about 54 s.
      corpusRun("healthy-research-planner", "more-filters-planner"),
    ],
  });

  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(2);

  await page.getByLabel("Model").fill("o4-mini");
  await page.getByLabel("Model").press("Enter");
  await expect(page).toHaveURL(/[?&]model=o4-mini/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("research-planner");

  await page.getByLabel("Model").fill("");
  await page.getByLabel("Agent").fill("web-researcher");
  await page.getByLabel("Agent").press("Enter");
  await expect(page).toHaveURL(/[?&]agent=web-researcher/);
  await expect(page).not.toHaveURL(/[?&]model=/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("research-planner");

  await page.getByLabel("Agent").fill("");
  await page.getByLabel("Min latency (ms)").fill("10000");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]minLatency=10000/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("research-planner");

  await page.getByLabel("Min latency (ms)").fill("");
  await page.getByLabel("Max latency (ms)").fill("10000");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]maxLatency=10000/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("support-agent");
  await expect(page.getByLabel("Max latency (ms)")).toHaveValue("10000");
});
