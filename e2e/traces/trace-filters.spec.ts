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
