import { buildPromptCatalog } from "@loupe/fixtures";
import { startFakeProvider } from "@loupe/replay/testing";
import { expect, test } from "@playwright/test";
import { issueApiKey } from "../fixtures/api-key.ts";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

test("open a step, preview its rebuilt request with the fidelity check, replay it with a newer prompt version and see the diff", async ({
  page,
}, testInfo) => {
  const provider = await startFakeProvider();
  try {
    const run = corpusRun("retry-storm-crm-auth", "replay-run");
    const step = run.steps.find((candidate) => candidate.kind === "llm" && candidate.prompt)!;
    const { projectId } = await seedProject({ name: "Replay project", runs: [run], prompts: true });

    await page.goto(`/project/${projectId}/settings`);
    const keyForm = page.getByRole("form", { name: "Add a provider key" });
    await keyForm.getByLabel("Name").fill("local fake");
    await keyForm.getByLabel("Base URL").fill(`${provider.url}/v1`);
    await keyForm.getByLabel("API key").fill("sk-e2e-987654");
    await keyForm.getByRole("button", { name: "Add key" }).click();
    await expect(page.getByTestId("provider-key-row")).toContainText("…7654");

    await page.goto(`/project/${projectId}/traces/${run.trace.id}?step=${encodeURIComponent(step.id)}`);
    const panel = page.getByTestId("replay-panel");
    await panel.getByRole("button", { name: "Preview request" }).click();
    await expect(panel.getByTestId("fidelity-check")).toContainText("matches the recorded one exactly");
    const recordedFingerprint = await panel.getByTestId("replay-fingerprint").textContent();

    const newer = buildPromptCatalog()
      .find((prompt) => prompt.name === step.prompt!.name)!
      .versions.find((version) => version.version > step.prompt!.version)!;
    await panel.getByLabel(/Prompt version/).selectOption(String(newer.version));
    await expect(panel.getByTestId("replay-fingerprint")).not.toHaveText(recordedFingerprint ?? "");
    await panel.getByText("Validators (optional)").click();
    await panel.getByLabel("Output matches (regex)").fill("^Replayed");
    await panel.getByLabel("Must call tool").fill("crm_delete_everything");
    await panel.getByRole("button", { name: "Replay", exact: true }).click();
    const result = panel.getByTestId("replay-result");
    await expect(result).toContainText("The output changed.");
    await expect(result.getByRole("list", { name: "Validators" })).toContainText("✓ regex");
    await expect(result.getByRole("list", { name: "Validators" })).toContainText("✗ must_call_tool");
    await expect(result.getByTestId("text-diff").locator("ins").first()).toBeVisible();
    expect(provider.requests).toHaveLength(1);
    const sent = provider.requests[0]!.body as { messages: { role: string; content: string }[]; temperature: number };
    expect(sent.messages[0]!.role).toBe("system");
    await page.screenshot({ path: testInfo.outputPath("replay-diff.png"), fullPage: true });

    // The same replay again is answered from the cache: no second provider call.
    await panel.getByRole("button", { name: "Replay", exact: true }).click();
    await expect(result).toContainText("at no cost");
    expect(provider.requests).toHaveLength(1);

    await page.goto(`/project/${projectId}/replays`);
    await expect(page.getByTestId("replay-row")).toHaveCount(2);
  } finally {
    await provider.close();
  }
});

test("prompts are versioned through the public API and compared in the registry", async ({ page, request }) => {
  const { projectId } = await seedProject({ name: "Prompt registry", runs: [] });
  const key = await issueApiKey(projectId);
  const headers = { authorization: `Bearer ${key.secret}`, "content-type": "application/json" };
  const create = (body: unknown) => request.post("/api/public/prompts", { headers, data: JSON.stringify(body) });

  const first = await create({ name: "triage", template: { type: "chat", messages: [{ role: "system", content: "Route {{ticket}}." }] }, labels: ["production"] });
  expect(first.status()).toBe(201);
  const second = await create({
    name: "triage",
    template: { type: "chat", messages: [{ role: "system", content: "Route {{ticket}} to one team only." }] },
    labels: ["staging"],
    commitMessage: "One team per ticket",
  });
  expect(await second.json()).toMatchObject({ version: 2, labels: ["staging"], variables: ["ticket"] });

  const bad = await create({ name: "triage", template: { type: "chat", messages: [] } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ error: { field: "template.messages" } });
  const production = await request.get("/api/public/prompts?name=triage&label=production", { headers });
  expect(await production.json()).toMatchObject({ version: 1 });
  const missing = await request.get("/api/public/prompts?name=triage&label=canary", { headers });
  expect(missing.status()).toBe(404);

  await page.goto(`/project/${projectId}/prompts`);
  await page.getByRole("link", { name: "triage" }).click();
  await expect(page.getByTestId("prompt-version")).toContainText("triage v2");
  await page.getByLabel("Compare with").selectOption("1");
  const diff = page.getByTestId("text-diff");
  await expect(diff.locator("ins")).toContainText("to one team only");
});
