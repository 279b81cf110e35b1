import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("a per-run budget is refused when invalid, and after re-analysis a run over it shows a finding", async ({ page }) => {
  // The research planner run costs about two cents, healthy otherwise: no finding until a budget applies.
  const traceId = `budget-${Date.now().toString(36)}`;
  const { projectId } = await seedProject({ name: "Detection project", runs: [corpusRun("healthy-research-planner", traceId)] });
  await page.goto(`/project/${projectId}/settings`);

  const detection = page.getByRole("form", { name: "Detection settings" });
  const perRunBudget = detection.getByLabel("Per-run budget (USD)");
  await expect(perRunBudget).toHaveValue("");
  await perRunBudget.fill("-1");
  await detection.getByRole("button", { name: "Save detection settings" }).click();
  await expect(perRunBudget).toHaveAttribute("aria-invalid", "true");
  await expect(detection.getByRole("alert")).toContainText("Too small");

  await perRunBudget.fill("0.01");
  await detection.getByRole("button", { name: "Save detection settings" }).click();
  await expect(detection.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Detection settings" }).getByLabel("Per-run budget (USD)")).toHaveValue("0.01");

  await page.getByRole("button", { name: "Re-analyse all runs" }).click();
  await expect(page.getByTestId("reanalysis-status")).toHaveText("Done: 1 run analysed");
  await expect(page.getByRole("progressbar", { name: "Re-analysis progress" })).toHaveAttribute("value", "1");

  await page.goto(`/project/${projectId}/traces/${traceId}`);
  const findingsStat = page.locator("dt", { hasText: /^Findings$/ }).locator("xpath=following-sibling::dd");
  await expect(findingsStat).toHaveText(/^[1-9]\d*$/);
});
