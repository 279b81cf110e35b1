import type { RecordedRun } from "@loupe/schema";
import { expect, test } from "@playwright/test";
import { seedProject } from "../fixtures/seed-project.ts";

/** An agent that plans, then runs three lookups at once (one fails), then answers. */
function buildParallelRun(traceId: string): RecordedRun {
  const start = new Date("2026-11-20T09:00:00Z");
  const at = (ms: number) => new Date(start.getTime() + ms);
  const step = (
    id: string,
    parentId: string | null,
    kind: "agent" | "llm" | "tool",
    name: string,
    from: number,
    to: number,
    status: "ok" | "error" = "ok",
  ) => ({
    id: `${traceId}-${id}`,
    parentId: parentId ? `${traceId}-${parentId}` : null,
    kind,
    name,
    status,
    startTime: at(from),
    endTime: at(to),
    ...(kind === "tool" ? { tool: { name } } : {}),
    input: { step: id },
    output: { done: id },
    attributes: {},
  });
  return {
    trace: {
      id: traceId,
      name: "parallel-lookups",
      environment: "production",
      tags: [],
      metadata: {},
      status: "error",
      startTime: at(0),
      endTime: at(4_000),
    },
    steps: [
      step("root", null, "agent", "parallel-lookups", 0, 4_000),
      step("plan", "root", "llm", "plan", 0, 800),
      step("orders", "root", "tool", "lookup_orders", 900, 2_400),
      step("invoices", "root", "tool", "lookup_invoices", 950, 2_000),
      step("shipping", "root", "tool", "lookup_shipping", 1_000, 1_600, "error"),
      step("answer", "root", "llm", "answer", 2_500, 3_900),
    ],
    scores: [],
  };
}

test("the timeline shows bars on a time axis, parallel branches, and shares the selection", async ({
  page,
}, testInfo) => {
  const run = buildParallelRun("timeline-run");
  const { projectId } = await seedProject({ name: "Timeline project", runs: [run] });
  const id = (suffix: string) => `${run.trace.id}-${suffix}`;

  await page.goto(`/project/${projectId}/traces/${run.trace.id}`);
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(page).toHaveURL(/view=timeline/);

  const timeline = page.getByTestId("step-timeline");
  const rows = timeline.getByTestId("timeline-row");
  await expect(rows).toHaveCount(run.steps.length);
  await expect(timeline.getByTestId("timeline-bar")).toHaveCount(run.steps.length);
  await expect(timeline).toContainText("4.00 s");

  // The three lookups overlap: the second and third take lanes of their own.
  const row = (suffix: string) => timeline.locator(`[data-step-id="${id(suffix)}"]`);
  await expect(row("orders")).not.toContainText("∥");
  await expect(row("invoices")).toContainText("∥2");
  await expect(row("shipping")).toContainText("∥3");
  await expect(row("answer")).not.toContainText("∥");
  await expect(row("shipping").getByTestId("timeline-bar")).toHaveAttribute("data-status", "error");
  await expect(row("orders")).toHaveAttribute("title", /Started 2026-11-20T09:00:00\.900Z/);

  // Bars sit where their steps ran: the answer starts after the lookups.
  const ordersBox = await row("orders").getByTestId("timeline-bar").boundingBox();
  const answerBox = await row("answer").getByTestId("timeline-bar").boundingBox();
  expect(answerBox!.x).toBeGreaterThan(ordersBox!.x + ordersBox!.width);
  await page.screenshot({ path: testInfo.outputPath("timeline.png"), fullPage: true });

  await row("invoices").getByTestId("timeline-bar").click();
  await expect(page).toHaveURL(new RegExp(`step=${id("invoices")}`));
  await expect(page.getByTestId("step-inspector")).toContainText("lookup_invoices");
  await expect(row("invoices")).toHaveAttribute("aria-selected", "true");

  // ↑/↓ walk the timeline in start order.
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(new RegExp(`step=${id("shipping")}`));
  await page.keyboard.press("ArrowUp");
  await expect(page).toHaveURL(new RegExp(`step=${id("invoices")}`));

  // The same step is selected in the tree, and a choice made there shows on the timeline.
  await page.getByRole("tab", { name: "Tree" }).click();
  await expect(
    page.locator(`[data-testid="step-row"][data-step-id="${id("invoices")}"]`),
  ).toHaveAttribute("aria-current", "true");
  await page.locator(`[data-testid="step-row"][data-step-id="${id("answer")}"]`).click();
  await page.getByRole("tab", { name: "Timeline" }).click();
  await expect(row("answer")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("step-inspector")).toContainText("answer");
});
