import { verifyWebhookSignature } from "@loupe/alerts";
import { startWebhookReceiver } from "@loupe/alerts/testing";
import { recordedRunToEvents } from "@loupe/ingestion";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { issueApiKey } from "../fixtures/api-key.ts";
import { corpusRun } from "../fixtures/corpus.ts";
import { seedProject } from "../fixtures/seed-project.ts";

async function sendRun(request: APIRequestContext, secret: string, traceId: string) {
  const events = recordedRunToEvents(corpusRun("repeated-web-search", traceId));
  const response = await request.post("/api/public/ingestion", {
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    data: JSON.stringify({ batch: events }),
  });
  expect(response.status()).toBe(200);
}

test("a loop in two runs opens one alert, reaches a signed webhook that fails then recovers, and is acknowledged and resolved", async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const receiver = await startWebhookReceiver({ failFirst: 1, failStatus: 503 });
  try {
    const { projectId } = await seedProject({ name: "On-call project", runs: [] });
    const key = await issueApiKey(projectId);

    await page.goto(`/project/${projectId}/alerts?tab=delivery`);
    await page.getByLabel("Name").fill("on-call receiver");
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("button", { name: "Add channel" }).click();
    const signingSecret = (await page.getByTestId("channel-secret").textContent()) ?? "";
    expect(signingSecret).toMatch(/^whsec_/);

    await sendRun(request, key.secret, "oncall-loop-1");
    // Other rules (the error-rate rule, say) may notify too, so notices are picked by content.
    const typeOf = (received: (typeof receiver.received)[number]) => (received.body as { type?: string } | null)?.type;
    const loopNotices = () => receiver.received.filter((received) => typeOf(received) === "loupe.alert.fired" && received.rawBody.includes("repeated_call"));
    await expect.poll(() => loopNotices().length, { timeout: 30_000 }).toBeGreaterThan(0);
    // The receiver refused the first delivery; the same delivery came again and got through.
    const refusedId = receiver.received[0]!.headers["x-loupe-delivery"];
    await expect.poll(() => receiver.received.filter((received) => received.headers["x-loupe-delivery"] === refusedId).length, { timeout: 30_000 }).toBe(2);
    const delivered = loopNotices().at(-1)!;
    expect(
      verifyWebhookSignature({
        secret: signingSecret,
        header: String(delivered.headers["x-loupe-signature"]),
        body: delivered.rawBody,
        now: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    expect(delivered.rawBody).toContain("oncall-loop-1");

    await sendRun(request, key.secret, "oncall-loop-2");
    await page.goto(`/project/${projectId}/alerts`);
    const loopRow = page.getByTestId("alert-row").filter({ hasText: "repeated_call" });
    await expect(loopRow).toHaveCount(1);
    await expect(loopRow.getByRole("cell").nth(3)).toHaveText("2", { timeout: 15_000 });
    await loopRow.getByRole("link").click();
    const detail = page.getByTestId("alert-detail");
    await expect(detail.getByTestId("alert-occurrences")).toHaveText("2");
    await expect(detail.getByTestId("alert-runs").getByRole("link")).toHaveCount(2);
    await page.screenshot({ path: testInfo.outputPath("alert-inbox.png") });

    await detail.getByRole("button", { name: "Acknowledge" }).click();
    await expect(detail.getByTestId("alert-status")).toHaveText("acknowledged");
    await detail.getByRole("button", { name: "Resolve" }).click();
    await expect(detail.getByTestId("alert-status")).toHaveText("resolved");
    await expect
      .poll(() => receiver.received.filter((received) => received.rawBody.includes("repeated_call")).map(typeOf), { timeout: 15_000 })
      .toContain("loupe.alert.resolved");

    // A second run of the loop did not page anyone again: one delivery, however often it was tried.
    expect(new Set(loopNotices().map((received) => received.headers["x-loupe-delivery"])).size).toBe(1);

    await page.goto(`/project/${projectId}/alerts?tab=delivery`);
    await expect(page.getByTestId("delivery-row").first()).toBeVisible();
    await expect(page.getByTestId("delivery-status").filter({ hasText: "delivered" }).first()).toBeVisible();
  } finally {
    await receiver.close();
  }
});

test("the metrics endpoint speaks Prometheus text with ingestion and alert series", async ({ request }) => {
  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  const text = await response.text();
  expect(text).toContain("# TYPE loupe_ingested_steps_total counter");
  expect(text).toMatch(/loupe_ingested_steps_total\{source="native"\} [1-9]/);
  expect(text).toContain("# TYPE loupe_ingestion_request_duration_seconds histogram");
  expect(text).toContain("# TYPE loupe_alerts_firing gauge");
  expect(text).toMatch(/loupe_findings\{kind="repeated_call"\} [1-9]/);
});
