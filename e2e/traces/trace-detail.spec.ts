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
