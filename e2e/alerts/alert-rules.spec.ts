import { expect, test } from "@playwright/test";
import { seedProject } from "../fixtures/seed-project.ts";

test("a finding rule is added with the fields its alerts are split by, and the list says so", async ({ page }) => {
  const { projectId } = await seedProject({ name: "Rules project", runs: [] });
  await page.goto(`/project/${projectId}/alerts?tab=rules`);

  const form = page.getByRole("form", { name: "Add an alert rule" });
  await form.getByLabel("Name", { exact: true }).fill("Loops per agent");
  await form.getByRole("group", { name: "Finding kinds" }).getByLabel("repeated_call").check();
  const grouping = form.getByRole("group", { name: "One alert per" });
  await expect(grouping.getByLabel("Run name")).toBeChecked();
  await expect(grouping.getByLabel("Finding kind")).toBeChecked();
  await grouping.getByLabel("Run name").uncheck();
  await grouping.getByLabel("Agent").check();
  await form.getByRole("button", { name: "Add rule" }).click();

  const row = page.getByTestId("alert-rule-row").filter({ hasText: "Loops per agent" });
  await expect(row).toContainText("repeated_call, one alert per finding.kind + agent");
  // The form is ready for the next rule, with the usual grouping back.
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(grouping.getByLabel("Run name")).toBeChecked();

  // A metric rule has no grouping to choose.
  await form.getByLabel("Fires on").selectOption("metric");
  await expect(form.getByRole("group", { name: "One alert per" })).toHaveCount(0);
});
