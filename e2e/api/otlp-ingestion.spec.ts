import { context, SpanKind, SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import { OTLPTraceExporter as OtlpHttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OtlpProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, InMemorySpanExporter, TracerProvider, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { issueApiKey } from "../fixtures/api-key.ts";
import { e2eEnv } from "../fixtures/e2e-env.ts";
import { seedProject } from "../fixtures/seed-project.ts";

type StoredStep = {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  agentName: string | null;
  status: string;
  statusMessage: string | null;
  model: string | null;
  provider: string | null;
  modelParameters: Record<string, unknown> | null;
  toolName: string | null;
  toolCallId: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  usageEstimated: boolean;
  calculatedCost: number | null;
  input: unknown;
  output: unknown;
};
type StoredTrace = { name: string; release: string | null; environment: string; sessionId: string | null; status: string; findingCount: number; steps: StoredStep[] };

/** Records a small agent run with the real SDK; `exporter` receives it as production exporters do. */
async function recordAgentRun(exporter: SpanExporter, conversationId: string) {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "support-agent", "service.version": "1.4.2", "deployment.environment.name": "staging" }),
    // Batched, as exporters are configured in production: the run's spans travel together.
    spanProcessors: [new BatchSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("e2e-agent", "1.0.0");
  // Parents are passed explicitly: no global context manager is registered in a test process.
  const agent = tracer.startSpan("invoke_agent support", {
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support", "gen_ai.conversation.id": conversationId },
  });
  const insideAgent = otelTrace.setSpan(context.active(), agent);
  tracer
    .startSpan("chat gpt-4o-mini", { kind: SpanKind.CLIENT, attributes: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 256,
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.usage.output_tokens": 40,
      "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "You are Acme's support agent." }]),
      "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Where is order 1042?" }] }]),
      "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_order", arguments: { orderId: "1042" } }], finish_reason: "tool_call" }]),
    } }, insideAgent)
    .end();
  const tool = tracer.startSpan("execute_tool get_order", { attributes: {
    "gen_ai.operation.name": "execute_tool",
    "gen_ai.tool.name": "get_order",
    "gen_ai.tool.call.id": "call_1",
    "gen_ai.tool.call.arguments": JSON.stringify({ orderId: "1042" }),
  } }, insideAgent);
  tool.setStatus({ code: SpanStatusCode.ERROR, message: "503 upstream unavailable" });
  tool.end();
  agent.end();
  const traceId = agent.spanContext().traceId;
  // Flushed, not shut down: shutting down would also clear an in-memory exporter's spans.
  await provider.forceFlush();
  return traceId;
}

/** Sends already-exported spans again, as an exporter does when it did not hear back. */
function exportAgain(exporter: SpanExporter, spans: ReadableSpan[]) {
  return new Promise<void>((resolve, reject) =>
    exporter.export(spans, (result) => (result.error ? reject(result.error) : resolve())),
  );
}

async function readTrace(request: APIRequestContext, secret: string, traceId: string): Promise<StoredTrace> {
  const response = await request.get(`/api/public/traces/${traceId}`, { headers: { authorization: `Bearer ${secret}` } });
  expect(response.status()).toBe(200);
  return (await response.json()) as StoredTrace;
}

for (const [encoding, createExporter] of [
  ["protobuf", (url: string, secret: string) => new OtlpProtoExporter({ url, headers: { authorization: `Bearer ${secret}` } })],
  ["JSON", (url: string, secret: string) => new OtlpHttpJsonExporter({ url, headers: { authorization: `Bearer ${secret}` } })],
] as const) {
  test(`the OpenTelemetry SDK's OTLP/${encoding} exporter stores GenAI spans field by field`, async ({ request }) => {
    const { projectId } = await seedProject({ name: `OTLP ${encoding}`, runs: [] });
    const key = await issueApiKey(projectId);
    const url = `${e2eEnv().baseUrl}/v1/traces`;
    const recorded = new InMemorySpanExporter();
    const traceId = await recordAgentRun(recorded, `conv-${encoding}`);
    const spans = recorded.getFinishedSpans();
    await exportAgain(createExporter(url, key.secret), spans);

    const trace = await readTrace(request, key.secret, traceId);
    expect(trace).toMatchObject({ name: "support", release: "support-agent@1.4.2", environment: "staging", sessionId: `conv-${encoding}` });
    const byKind = new Map(trace.steps.map((step) => [step.kind, step]));
    const agent = byKind.get("agent")!;
    const chat = byKind.get("llm")!;
    const tool = byKind.get("tool")!;
    expect(agent.parentId).toBeNull();
    expect(chat).toMatchObject({
      parentId: agent.id,
      agentName: "support",
      status: "ok",
      model: "gpt-4o-mini",
      provider: "openai",
      modelParameters: { temperature: 0.2, max_tokens: 256 },
      inputTokens: 1200,
      outputTokens: 40,
      usageEstimated: false,
      input: { messages: [{ role: "system", content: "You are Acme's support agent." }, { role: "user", content: "Where is order 1042?" }] },
      output: { message: { role: "assistant", toolCalls: [{ id: "call_1", name: "get_order", arguments: { orderId: "1042" } }] } },
    });
    // gpt-4o-mini lists at $0.15 / $0.60 per million tokens.
    expect(chat.calculatedCost).toBeCloseTo((1200 * 0.15 + 40 * 0.6) / 1e6, 9);
    expect(tool).toMatchObject({ parentId: agent.id, status: "error", statusMessage: "503 upstream unavailable", toolName: "get_order", toolCallId: "call_1", input: { orderId: "1042" } });

    // An exporter's retry of the same spans, here to the long path, changes nothing.
    // The detectors run in the background and may update the finding count between the two reads;
    // what the retry must not change is what was stored from the spans.
    const withoutFindingCount = ({ findingCount: _findingCount, ...stored }: StoredTrace) => stored;
    const before = await readTrace(request, key.secret, traceId);
    await exportAgain(createExporter(`${e2eEnv().baseUrl}/api/public/otel/v1/traces`, key.secret), spans);
    expect(withoutFindingCount(await readTrace(request, key.secret, traceId))).toEqual(withoutFindingCount(before));
  });
}

test("OTLP refuses a wrong key, an unknown content type and a malformed body, naming the problem", async ({ request }) => {
  const { projectId } = await seedProject({ name: "OTLP refusals", runs: [] });
  const key = await issueApiKey(projectId);
  const auth = { authorization: `Bearer ${key.secret}` };
  const wrongKey = await request.post("/v1/traces", { headers: { authorization: "Bearer sk-lp-wrong", "content-type": "application/x-protobuf" }, data: Buffer.alloc(0) });
  expect(wrongKey.status()).toBe(401);
  const xml = await request.post("/v1/traces", { headers: { ...auth, "content-type": "application/xml" }, data: "<spans/>" });
  expect(xml.status()).toBe(415);
  const garbage = await request.post("/v1/traces", { headers: { ...auth, "content-type": "application/x-protobuf" }, data: Buffer.from([0xff, 0xff, 0xff, 0x01]) });
  expect(garbage.status()).toBe(400);
  expect(((await garbage.json()) as { error: { message: string } }).error.message).toMatch(/protobuf/);
  const badJson = await request.post("/v1/traces", { headers: { ...auth, "content-type": "application/json" }, data: '{"resourceSpans": 7}' });
  expect(badJson.status()).toBe(400);
  expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/resourceSpans/);
});
