import { createDatabaseClient } from "@loupe/db";
import { expect, test, type Page } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { e2eEnv } from "../fixtures/e2e-env.ts";
import { seedProject } from "../fixtures/seed-project.ts";

/** Three runs with different names, costs and content. */
async function seedThreeRuns(name: string, prefix: string) {
  const runs = [
    corpusRun("healthy-support-order-status", `${prefix}-support`),
    corpusRun("healthy-research-planner", `${prefix}-planner`),
    corpusRun("repeated-web-search", `${prefix}-loop`),
  ];
  const { projectId } = await seedProject({ name, runs });
  return { projectId, runs };
}

/** The trace ids of the listed rows, in order, read from each row's name link. */
async function listedTraceIds(page: Page, projectId: string) {
  const hrefs = await page
    .getByTestId("trace-row")
    .evaluateAll((rows) => rows.map((row) => row.querySelector("a")?.getAttribute("href") ?? ""));
  const prefix = `/project/${projectId}/traces/`;
  return hrefs.map((href) => decodeURIComponent(href.slice(prefix.length)));
}

test("searching a word from a tool's output lists only that run, with the query in the URL", async ({
  page,
}, testInfo) => {
  const { projectId } = await seedThreeRuns("Search project", "search");

  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(3);

  // "vouchers" is only in a web-search result of the research planner.
  const search = page.getByLabel("Search", { exact: true });
  await search.fill("vouchers");
  await search.press("Enter");
  await expect(page).toHaveURL(/[?&]q=vouchers/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("research-planner");
  await page.screenshot({ path: testInfo.outputPath("trace-search.png"), fullPage: true });

  await page.reload();
  await expect(page.getByLabel("Search", { exact: true })).toHaveValue("vouchers");
  await expect(page.getByTestId("trace-row")).toHaveCount(1);

  await search.fill("nowhere-to-be-found");
  await search.press("Enter");
  await expect(page.getByText("No run matches these filters")).toBeVisible();
});

test("sorting by cost puts the costliest run first, and the order lives in the URL", async ({
  page,
}) => {
  const { projectId, runs } = await seedThreeRuns("Sort project", "sort");
  const db = createDatabaseClient(e2eEnv().databaseUrl, { maxConnections: 1 });
  const stored = await db.trace
    .findMany({ where: { projectId }, select: { id: true, totalCost: true } })
    .finally(() => db.$disconnect());
  const byCost = [...stored].sort((a, b) => b.totalCost - a.totalCost).map((trace) => trace.id);
  expect(byCost).toHaveLength(runs.length);

  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(3);

  await page.getByRole("button", { name: "Cost" }).click();
  await expect(page).toHaveURL(/[?&]sort=cost/);
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect.poll(() => listedTraceIds(page, projectId)).toEqual(byCost);

  // Again: cheapest first. The header button is reachable from the keyboard.
  await page.getByRole("button", { name: "Cost" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]order=asc/);
  await expect(page.getByRole("columnheader", { name: "Cost" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expect.poll(() => listedTraceIds(page, projectId)).toEqual([...byCost].reverse());

  await page.reload();
  await expect.poll(() => listedTraceIds(page, projectId)).toEqual([...byCost].reverse());
});

test("the finding filter shows only the run with that kind of finding, with its badge", async ({
  page,
}) => {
  const { projectId, runs } = await seedThreeRuns("Finding filter project", "finding");
  const loop = runs[2]!.trace.id;
  const db = createDatabaseClient(e2eEnv().databaseUrl, { maxConnections: 1 });
  try {
    await db.finding.create({
      data: {
        projectId,
        traceId: loop,
        kind: "repeated_call",
        detectorId: "repeated_call",
        detectorVersion: 1,
        groupKey: "web_search",
        severity: "high",
        explanation: "web_search was called with the same query again and again.",
        evidence: {},
      },
    });
    await db.trace.update({
      where: { projectId_id: { projectId, id: loop } },
      data: { findingCount: 1 },
    });
  } finally {
    await db.$disconnect();
  }

  await page.goto(`/project/${projectId}/traces`);
  await expect(page.getByTestId("trace-row")).toHaveCount(3);

  await page.getByRole("combobox", { name: "Finding", exact: true }).selectOption("repeated_call");
  await expect(page).toHaveURL(/[?&]finding=repeated_call/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);
  await expect(page.getByTestId("trace-row")).toContainText("research-agent");
  await expect(page.getByTestId("trace-row").getByTestId("finding-kinds")).toHaveText(
    "repeated call",
  );

  await page.getByRole("combobox", { name: "Finding", exact: true }).selectOption("cycle");
  await expect(page.getByText("No run matches these filters")).toBeVisible();
});
