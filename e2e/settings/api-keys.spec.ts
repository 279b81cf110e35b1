import { expect, test } from "@playwright/test";
import { seedProject } from "../fixtures/seed-project.ts";

test("an API key's secret is shown once, then only its hint, and it can be revoked", async ({ page }) => {
  const { projectId } = await seedProject({ name: "Keys project", runs: [] });
  await page.goto(`/project/${projectId}/settings`);

  await page.getByLabel(/key name/i).fill("CI exporter");
  await page.getByRole("button", { name: /create key/i }).click();
  const secret = page.getByTestId("new-api-key-secret");
  await expect(secret).toHaveText(/^sk-lp-/);
  const secretText = (await secret.textContent())!;

  await page.reload();
  await expect(page.getByText(secretText)).toHaveCount(0);
  const row = page.getByRole("row", { name: /CI exporter/ });
  await expect(row).toContainText(secretText.slice(-4));

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: /revoke/i }).click();
  await expect(page.getByRole("row", { name: /CI exporter/ })).toContainText(/revoked/i);
});

test("model price overrides are saved, survive a reload, and bad patterns are refused with the field", async ({ page }) => {
  const { projectId } = await seedProject({ name: "Prices project", runs: [] });
  await page.goto(`/project/${projectId}/settings`);
  await expect(page.getByText(/No overrides/)).toBeVisible();

  await page.getByRole("button", { name: "Add override" }).click();
  const row = page.getByTestId("price-override-row");
  await row.getByLabel("Match").selectOption("pattern");
  await row.getByLabel("Model or pattern").fill("([");
  await row.getByLabel("Input $/M").fill("1");
  await row.getByLabel("Output $/M").fill("2");
  await page.getByRole("button", { name: "Save prices" }).click();
  const pricesForm = page.getByRole("form", { name: "Model price overrides" });
  await expect(pricesForm.getByRole("alert")).toContainText("modelPattern");

  await row.getByLabel("Model or pattern").fill("^in-house-");
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(pricesForm.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByTestId("price-override-row").getByLabel("Model or pattern")).toHaveValue("^in-house-");
});
