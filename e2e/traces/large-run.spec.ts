import { buildLargeRun } from "@loupe/fixtures";
import { expect, test } from "@playwright/test";
import { seedProject } from "../fixtures/seed-project.ts";

const STEP_COUNT = 25_000;

test("a run of 25,000 steps loads page by page and renders only the rows in view", async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  const run = buildLargeRun({ steps: STEP_COUNT });
  const { projectId } = await seedProject({ name: "Large run project", runs: [run] });
  const [root, firstChild] = run.steps;

  await page.goto(`/project/${projectId}/traces/${run.trace.id}`);
  const progress = page.getByTestId("step-load-progress");
  await expect(progress).toContainText(`of ${STEP_COUNT.toLocaleString("en-US")} steps`);
  // Every row is in the virtual list once the whole run has loaded, while few are in the page.
  const tree = page.getByRole("tree");
  await expect
    .poll(() => tree.evaluate((element) => element.scrollHeight), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(STEP_COUNT * 30);
  await expect(progress).toBeHidden();

  const rows = page.getByTestId("step-row");
  expect(await rows.count()).toBeLessThan(100);

  await rows.first().click();
  await expect(page).toHaveURL(new RegExp(`step=${root!.id}`));
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(new RegExp(`step=${firstChild!.id}`));
  await page.keyboard.press("ArrowUp");
  await expect(page).toHaveURL(new RegExp(`step=${root!.id}`));
  await expect(page.locator(`[data-step-id="${root!.id}"]`)).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("ArrowLeft");
  await expect(rows).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => rows.count()).toBeGreaterThan(1);

  await tree.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(page.locator(`[data-step-id="${root!.id}"]`)).toHaveCount(0);
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(100);
  await page.screenshot({ path: testInfo.outputPath("large-run-tree.png") });

  // Too many nodes to draw one per step: the graph says so and shows one node per kind and name.
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(page.getByTestId("decision-graph")).toContainText("too large to draw step by step");
  await expect(page.getByTestId("graph-node").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("large-run-graph.png") });
});
