import { expect, test } from "@playwright/test";
import { corpusRun } from "../fixtures/corpus.ts";
import { buildHostileRun } from "../fixtures/hostile-run.ts";
import { e2eEnv } from "../fixtures/e2e-env.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("opening a run and a step shows the exact prompt, and the step has its own URL", async ({ page }, testInfo) => {
  const run = corpusRun("healthy-support-order-status", "detail-support");
  const { projectId } = await seedProject({ name: "Detail project", runs: [run] });
  const llmStep = run.steps.find((step) => step.kind === "llm")!;
  const systemPrompt = (llmStep.input as { messages: { role: string; content: string }[] }).messages.find(
    (message) => message.role === "system",
  )!.content;

  await page.goto(`/project/${projectId}/traces`);
  await page.getByTestId("trace-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/traces/detail-support`));
  await expect(page.getByTestId("step-row")).toHaveCount(run.steps.length);

  await page.getByTestId("step-row").filter({ hasText: llmStep.name }).first().click();
  await expect(page).toHaveURL(new RegExp(`step=${llmStep.id}`));
  const inspector = page.getByTestId("step-inspector");
  await expect(inspector).toContainText(systemPrompt.slice(0, 60));
  await page.screenshot({ path: testInfo.outputPath("trace-detail-inspector.png"), fullPage: true });

  await page.reload();
  await expect(page.getByTestId("step-inspector")).toContainText(systemPrompt.slice(0, 60));

  // A retrieval shows its documents in rank order with score and source.
  const retrieval = run.steps.find((step) => step.kind === "retrieval")!;
  const [firstDocument] = (retrieval.output as { documents: { content: string; score: number; source: string }[] }).documents;
  await page.goto(`/project/${projectId}/traces/detail-support?step=${encodeURIComponent(retrieval.id)}`);
  const documents = page.getByTestId("retrieved-documents");
  await expect(documents.getByRole("listitem").first()).toContainText(`score ${firstDocument!.score.toFixed(3)}`);
  await expect(documents.getByRole("listitem").first()).toContainText(firstDocument!.source);
});

test("hostile content in tool output and prompts is shown as text and runs nothing", async ({ page }) => {
  const { projectId } = await seedProject({ name: "Hostile project", runs: [buildHostileRun("hostile-run")] });
  const externalRequests: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(e2eEnv().baseUrl)) externalRequests.push(request.url());
  });

  await page.goto(`/project/${projectId}/traces/hostile-run?step=hostile-run-fetch`);
  await expect(page.getByTestId("step-inspector")).toContainText("window.__loupePwned = 'img'");
  await page.goto(`/project/${projectId}/traces/hostile-run?step=hostile-run-llm`);
  await expect(page.getByTestId("step-inspector")).toContainText("<script>window.__loupePwned = 'script'</script>");
  await expect(page.getByTestId("step-inspector")).toContainText("![tracking](http://127.0.0.1:9/pixel.gif)");

  expect(await page.evaluate(() => (window as { __loupePwned?: string }).__loupePwned)).toBeUndefined();
  expect(await page.locator("[data-testid=step-inspector] img, [data-testid=step-inspector] script").count()).toBe(0);
  expect(externalRequests).toEqual([]);
});

test("a giant tool output is cut behind Show more, and Copy takes all of it", async ({ page, context }, testInfo) => {
  const run = corpusRun("healthy-support-order-status", "giant-output");
  const tool = run.steps.find((step) => step.kind === "tool")!;
  const lines = Array.from({ length: 3_000 }, (_, index) => `row ${index + 1}: ${"x".repeat(40)}`);
  const giant = lines.join("\n");
  tool.output = giant;
  const { projectId } = await seedProject({ name: "Giant output project", runs: [run] });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);

  await page.goto(`/project/${projectId}/traces/${run.trace.id}?step=${tool.id}`);
  const output = page.getByTestId("step-inspector").getByLabel("Step output", { exact: true });
  await expect(output).toContainText("row 1: ");
  await expect(output).not.toContainText("row 3000: ");
  expect((await output.textContent())!.length).toBeLessThan(2_100);
  const inspector = page.getByTestId("step-inspector");
  await expect(inspector).toContainText("First 2,000 of");
  await page.screenshot({ path: testInfo.outputPath("giant-output-cut.png"), fullPage: true });

  await inspector.getByRole("button", { name: "Show more" }).click();
  await expect(output).toContainText("row 3000: ");
  await inspector.getByRole("button", { name: "Show less" }).click();
  await expect(output).not.toContainText("row 3000: ");

  await inspector.getByRole("button", { name: "Copy full value" }).click();
  await expect(inspector.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(giant);
});
