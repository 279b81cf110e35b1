import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("the decision graph collapses a repeated search, expands it, and opens steps in the inspector", async ({
  page,
}, testInfo) => {
  const run = corpusRun("repeated-web-search", "graph-loop");
  const { projectId } = await seedProject({ name: "Graph project", runs: [run] });
  const searches = run.steps.filter((step) => step.kind === "tool" && step.name === "web_search");
  const agent = run.steps.find((step) => step.kind === "agent")!;

  await page.goto(`/project/${projectId}/traces/graph-loop`);
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(page).toHaveURL(/view=graph/);

  const graph = page.getByTestId("decision-graph");
  const searchNodes = graph.getByTestId("graph-node").filter({ hasText: "web_search" });
  await expect(searchNodes).toHaveCount(1);
  await expect(searchNodes).toContainText(`×${searches.length}`);
  await expect(graph.getByTestId("graph-node").filter({ hasText: agent.name })).toHaveAttribute(
    "data-failed",
    "true",
  );
  await page.screenshot({ path: testInfo.outputPath("decision-graph.png"), fullPage: true });

  await searchNodes.click();
  await expect(searchNodes).toHaveCount(searches.length);
  await expect(searchNodes.first()).not.toContainText("×");

  await searchNodes.first().click();
  await expect(page).toHaveURL(new RegExp(`step=${searches[0]!.id}`));
  await expect(page.getByTestId("step-inspector")).toContainText("web_search");

  // The selection is shared with the tree through the URL.
  await page.getByRole("tab", { name: "Tree" }).click();
  await expect(page.locator(`[data-step-id="${searches[0]!.id}"]`)).toHaveAttribute(
    "aria-current",
    "true",
  );
});
