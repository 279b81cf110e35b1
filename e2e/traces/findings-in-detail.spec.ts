import { createDatabaseClient } from "@loupe/db";
import type { RecordedRun } from "@loupe/schema";
import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { e2eEnv } from "../fixtures/e2e-env.ts";
import { seedProject } from "../fixtures/seed-project.ts";

type SeededFinding = {
  kind: string;
  severity: "info" | "low" | "medium" | "high" | "critical";
  explanation: string;
  stepIds: string[];
  evidence: Record<string, string | number>;
};

/** Stores findings as the detectors would have, with the run's finding count to match. */
async function seedFindings(projectId: string, traceId: string, findings: SeededFinding[]) {
  const db = createDatabaseClient(e2eEnv().databaseUrl, { maxConnections: 1 });
  try {
    for (const [index, finding] of findings.entries()) {
      await db.finding.create({
        data: {
          projectId,
          traceId,
          kind: finding.kind,
          detectorId: finding.kind,
          detectorVersion: 1,
          groupKey: `e2e-${index}`,
          severity: finding.severity,
          explanation: finding.explanation,
          evidence: finding.evidence,
          stepIds: finding.stepIds,
          firstStepId: finding.stepIds[0] ?? null,
        },
      });
    }
    await db.trace.update({
      where: { projectId_id: { projectId, id: traceId } },
      data: { findingCount: findings.length },
    });
  } finally {
    await db.$disconnect();
  }
}

function searchesOf(run: RecordedRun) {
  return run.steps.filter((step) => step.kind === "tool" && step.name === "web_search");
}

test("a looping run shows its findings, marks the first suspicious step and jumps to it", async ({
  page,
}, testInfo) => {
  const run = corpusRun("repeated-web-search", "findings-loop");
  const { projectId } = await seedProject({ name: "Findings project", runs: [run] });
  const searches = searchesOf(run);
  const [, second, third, , fifth] = searches;
  // Listed most severe first, but the earliest first step belongs to the less severe finding.
  await seedFindings(projectId, run.trace.id, [
    {
      kind: "repeated_call",
      severity: "medium",
      explanation: "web_search was called with identical arguments again and again.",
      stepIds: searches.slice(1).map((step) => step.id),
      evidence: { tool: "web_search", repeats: searches.length - 1 },
    },
    {
      kind: "cost_spike",
      severity: "high",
      explanation: "This run cost far more than its usual runs.",
      stepIds: [third!.id, fifth!.id],
      evidence: { medianCost: 0.01, cost: 0.2 },
    },
  ]);

  await page.goto(`/project/${projectId}/traces/${run.trace.id}`);
  const header = page.getByTestId("trace-findings");
  await expect(header).toContainText("2 findings");
  const findings = header.getByTestId("finding");
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText("high");
  await expect(findings.nth(0)).toContainText("cost spike");
  await expect(findings.nth(1)).toContainText("identical arguments again and again");

  // The evidence is folded away until asked for.
  const evidence = findings.nth(1).getByLabel("Evidence for repeated_call");
  await expect(evidence).toBeHidden();
  await findings
    .nth(1)
    .getByText(/^Evidence/)
    .click();
  await expect(evidence).toContainText(`"repeats": ${searches.length - 1}`);

  // The implicated steps are flagged in the tree, and the earliest carries the marker.
  const flaggedRows = page.locator('[data-testid="step-row"][data-flagged="true"]');
  await expect(flaggedRows).toHaveCount(searches.length - 1);
  const firstSuspiciousRow = page.locator(`[data-testid="step-row"][data-step-id="${second!.id}"]`);
  await expect(firstSuspiciousRow.getByTestId("first-suspicious-marker")).toBeVisible();
  await expect(page.getByTestId("first-suspicious-marker")).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("findings-header.png"), fullPage: true });

  await header.getByRole("button", { name: "Jump to the first suspicious step" }).click();
  await expect(page).toHaveURL(new RegExp(`step=${second!.id}`));
  await expect(firstSuspiciousRow).toHaveAttribute("aria-current", "true");
  const inspector = page.getByTestId("step-inspector");
  await expect(inspector.getByTestId("step-findings")).toContainText(
    "identical arguments again and again",
  );
  await expect(inspector.getByTestId("step-findings")).not.toContainText("cost far more");

  await findings.nth(0).getByRole("button", { name: "Go to first step" }).click();
  await expect(page).toHaveURL(new RegExp(`step=${third!.id}`));
  await expect(inspector.getByTestId("step-findings")).toContainText("cost far more");
  await expect(inspector.getByTestId("step-findings")).toContainText('"medianCost": 0.01');
  await page.screenshot({ path: testInfo.outputPath("findings-inspector.png"), fullPage: true });

  // The timeline and the graph flag the same steps.
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(
    page.locator(`[data-testid="timeline-row"][data-step-id="${second!.id}"]`),
  ).toHaveAttribute("data-first-suspicious", "true");
  await expect(page.locator('[data-testid="timeline-row"][data-flagged="true"]')).toHaveCount(
    searches.length - 1,
  );
  await page.getByRole("tab", { name: "Graph" }).click();
  const graph = page.getByTestId("decision-graph");
  await expect(graph.getByTestId("graph-node").filter({ hasText: "web_search" })).toHaveAttribute(
    "data-flagged",
    "true",
  );
  await expect(graph.getByTestId("first-suspicious-marker")).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("findings-graph.png"), fullPage: true });

  // Dismissing a false alarm removes it from the run and its count.
  await findings.nth(0).getByRole("button", { name: "Dismiss" }).click();
  await expect(header).toContainText("1 finding");
  await expect(header.getByTestId("finding")).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("finding")).toHaveCount(1);
  await expect(page.getByTestId("finding")).toContainText("identical arguments");
});
