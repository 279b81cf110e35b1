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

  // A plan-drift share above one is refused on its own field.
  await perRunBudget.fill("0.01");
  const unplannedShare = detection.getByLabel("Unplanned share (0–1)");
  await expect(unplannedShare).toHaveValue("0.25");
  await unplannedShare.fill("1.5");
  await detection.getByRole("button", { name: "Save detection settings" }).click();
  await expect(unplannedShare).toHaveAttribute("aria-invalid", "true");
  await expect(perRunBudget).not.toHaveAttribute("aria-invalid");
  await expect(detection.getByRole("alert")).toContainText("Too big");

  await unplannedShare.fill("0.4");
  await detection.getByRole("button", { name: "Save detection settings" }).click();
  await expect(detection.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  const reloaded = page.getByRole("form", { name: "Detection settings" });
  await expect(reloaded.getByLabel("Per-run budget (USD)")).toHaveValue("0.01");
  await expect(reloaded.getByLabel("Unplanned share (0–1)")).toHaveValue("0.4");

  await page.getByRole("button", { name: "Re-analyse all runs" }).click();
  await expect(page.getByTestId("reanalysis-status")).toHaveText("Done: 1 run analysed");
  await expect(page.getByRole("progressbar", { name: "Re-analysis progress" })).toHaveAttribute("value", "1");

  await page.goto(`/project/${projectId}/traces/${traceId}`);
  const findingsStat = page.locator("dt", { hasText: /^Findings$/ }).locator("xpath=following-sibling::dd");
  await expect(findingsStat).toHaveText(/^[1-9]\d*$/);
});
