import { describe, expect, it } from "vitest";
import {
  assertValidBodies,
  at,
  buildExport,
  buildSpan,
  mapOneSpan,
  mapSpans,
  spanId,
  TRACE_ID,
} from "../testing/build-export.ts";
import { mapTraceExport } from "./map-trace-export.ts";

describe("spans no convention describes", () => {
  it("become chain steps keeping every attribute, the span kind, scope, events and links", () => {
    const { step } = mapOneSpan({
      name: "POST /checkout",
      kind: 2,
      traceState: "vendor=1",
      droppedAttributesCount: 3,
      attributes: {
        "http.request.method": "POST",
        "http.response.status_code": 200,
        "app.retry_ratio": 0.25,
        "app.flags": [true, false],
        "app.order": { id: "A1", lines: [1, 2] },
        "app.blob": new Uint8Array([1, 2, 3]),
        "app.big": 2n ** 60n,
        "app.nothing": null,
      },
      events: [{ name: "cache.miss", ms: 5, attributes: { key: "cart:1" } }],
      links: [
        {
          traceId: "0af7651916cd43dd8448eb211c80319c",
          spanId: "b7ad6b7169203331",
          traceState: "",
          attributes: [],
          droppedAttributesCount: 0,
          flags: 0,
        },
      ],
    });
    expect(step).toMatchObject({
      kind: "chain",
      name: "POST /checkout",
      status: "ok",
      parentId: null,
    });
    expect(step.attributes).toEqual({
      "http.request.method": "POST",
      "http.response.status_code": 200,
      "app.retry_ratio": 0.25,
      "app.flags": [true, false],
      "app.order": { id: "A1", lines: [1, 2] },
      "app.blob": "AQID",
      "app.big": "1152921504606846976",
      "app.nothing": null,
      "otel.span.kind": "server",
      "otel.scope.name": "loupe-test",
      "otel.scope.version": "1.0.0",
      "otel.trace_state": "vendor=1",
      "otel.dropped_attributes_count": 3,
      "otel.events": [
        {
          name: "cache.miss",
          time: "2024-05-01T10:00:00.005000000Z",
          attributes: { key: "cart:1" },
        },
      ],
      "otel.links": [{ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "b7ad6b7169203331" }],
      resource: { "service.name": "support-agent", "service.version": "1.4.2" },
    });
  });

  it("become events when they take no time", () => {
    const { step } = mapOneSpan({
      name: "checkpoint",
      startTimeUnixNano: at(10),
      endTimeUnixNano: at(10),
    });
    expect(step.kind).toBe("event");
  });

  it("let the sender's attribute win over a Loupe key of the same name", () => {
    const { step } = mapOneSpan({ attributes: { "otel.span.kind": "mine" } });
    expect(step.attributes?.["otel.span.kind"]).toBe("mine");
  });

  it("are named after what they did when the span has no name", () => {
    const { step } = mapOneSpan({
      name: "",
      attributes: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search" },
    });
    expect(step.name).toBe("search");
  });
});

describe("status", () => {
  it("maps ERROR with the exception event's message, keeping the event", () => {
    const { step, trace } = mapOneSpan({
      status: { code: 2, message: "" },
      events: [
        {
          name: "exception",
          attributes: {
            "exception.type": "TimeoutError",
            "exception.message": "upstream timed out",
            "exception.stacktrace": "at call()",
          },
        },
      ],
    });
    expect(step).toMatchObject({ status: "error", statusMessage: "upstream timed out" });
    expect(step.attributes?.["otel.events"]).toEqual([
      expect.objectContaining({
        name: "exception",
        attributes: expect.objectContaining({ "exception.stacktrace": "at call()" }),
      }),
    ]);
    expect(trace).toMatchObject({ status: "error", statusMessage: "upstream timed out" });
  });

  it("prefers the status message, maps OK to ok and an unended span to running", () => {
    const result = mapSpans([
      {
        spanId: spanId(1),
        status: { code: 2, message: "rate limited" },
        events: [{ name: "exception", attributes: { "exception.message": "429" } }],
      },
      { spanId: spanId(2), parentSpanId: spanId(1), status: { code: 1, message: "" } },
      { spanId: spanId(3), parentSpanId: spanId(1), endTimeUnixNano: 0n },
    ]);
    expect(result.steps.map(({ status, statusMessage }) => ({ status, statusMessage }))).toEqual([
      { status: "error", statusMessage: "rate limited" },
      { status: "ok", statusMessage: undefined },
      { status: "running", statusMessage: undefined },
    ]);
    expect(result.steps[2]).not.toHaveProperty("endTime");
  });
});

describe("traces", () => {
  it("take name, status, times, release and environment from the root span", () => {
    const result = mapSpans(
      [
        {
          spanId: spanId(1),
          name: "handle ticket",
          startTimeUnixNano: at(0),
          endTimeUnixNano: at(900),
        },
        {
          spanId: spanId(2),
          parentSpanId: spanId(1),
          startTimeUnixNano: at(5),
          endTimeUnixNano: at(50),
        },
      ],
      {
        resource: {
          "service.name": "support-agent",
          "service.version": "1.4.2",
          "deployment.environment.name": "staging",
        },
      },
    );
    expect(result.traces).toEqual([
      {
        id: TRACE_ID,
        name: "handle ticket",
        status: "ok",
        startTime: "2024-05-01T10:00:00.000000000Z",
        endTime: "2024-05-01T10:00:00.900000000Z",
        release: "support-agent@1.4.2",
        environment: "staging",
      },
    ]);
    expect(result.steps[0]?.attributes).toHaveProperty("resource");
    expect(result.steps[1]?.attributes).not.toHaveProperty("resource");
  });

  it("carry only id, earliest start and trace-wide facts when the root is not in the export", () => {
    const result = mapSpans(
      [
        {
          spanId: spanId(2),
          parentSpanId: spanId(1),
          startTimeUnixNano: at(30),
          attributes: { "gen_ai.conversation.id": "conv-1" },
        },
        {
          spanId: spanId(3),
          parentSpanId: spanId(1),
          startTimeUnixNano: at(20),
          attributes: { "enduser.id": "user-9" },
        },
      ],
      {
        resource: {
          "service.name": "support-agent",
          "service.version": "1.4.2",
          "deployment.environment": "prod",
        },
      },
    );
    expect(result.traces).toEqual([
      {
        id: TRACE_ID,
        startTime: "2024-05-01T10:00:00.020000000Z",
        sessionId: "conv-1",
        userId: "user-9",
      },
    ]);
    expect(result.steps.map((step) => step.parentId)).toEqual([spanId(1), spanId(1)]);
    // The resource is kept once, on the earliest span, since the root is elsewhere.
    expect(result.steps.map((step) => "resource" in (step.attributes ?? {}))).toEqual([
      false,
      true,
    ]);
  });

  it("keep a span's own session when it differs from the trace's", () => {
    const result = mapSpans([
      { spanId: spanId(1), attributes: { "session.id": "first" } },
      { spanId: spanId(2), parentSpanId: spanId(1), attributes: { "session.id": "other" } },
    ]);
    expect(result.traces[0]?.sessionId).toBe("first");
    expect(result.steps[0]?.attributes).not.toHaveProperty("session.id");
    expect(result.steps[1]?.attributes).toMatchObject({ "session.id": "other" });
  });

  it("leave a session id that is not a valid id in the attributes", () => {
    const { step, trace } = mapOneSpan({ attributes: { "session.id": "has spaces in it" } });
    expect(trace).not.toHaveProperty("sessionId");
    expect(step.attributes).toMatchObject({ "session.id": "has spaces in it" });
  });

  it("keep each service's resource once, on its first span", () => {
    const gateway = buildExport([
      buildSpan({ spanId: spanId(1) }),
      buildSpan({ spanId: spanId(2), parentSpanId: spanId(1) }),
    ]);
    const billing = buildExport(
      [
        buildSpan({ spanId: spanId(3), parentSpanId: spanId(2) }),
        buildSpan({ spanId: spanId(4), parentSpanId: spanId(3) }),
      ],
      { resource: { "service.name": "billing" } },
    );
    const request = { resourceSpans: [...gateway.resourceSpans, ...billing.resourceSpans] };
    const result = assertValidBodies(mapTraceExport(request));
    expect(result.steps.map((step) => step.attributes?.resource)).toEqual([
      { "service.name": "support-agent", "service.version": "1.4.2" },
      undefined,
      { "service.name": "billing" },
      undefined,
    ]);
  });

  it("are one per trace in the export, in order of appearance", () => {
    const other = "0af7651916cd43dd8448eb211c80319c";
    const result = mapSpans([
      { spanId: spanId(1) },
      { spanId: spanId(2), traceId: other },
      { spanId: spanId(3), parentSpanId: spanId(1) },
    ]);
    expect(result.traces.map((trace) => trace.id)).toEqual([TRACE_ID, other]);
    expect(result.steps.map((step) => [step.traceId, step.id])).toEqual([
      [TRACE_ID, spanId(1)],
      [TRACE_ID, spanId(3)],
      [other, spanId(2)],
    ]);
  });
});

describe("Loupe's attributes", () => {
  it("map the prompt, override the kind and tag the trace", () => {
    const { step, trace } = mapOneSpan({
      attributes: {
        "gen_ai.operation.name": "chat",
        "loupe.step.kind": "guardrail",
        "loupe.prompt.name": "refund-policy",
        "loupe.prompt.version": 3,
        "loupe.prompt.variables": '{"customer":"Ada"}',
        "loupe.tags": ["beta", "refunds"],
        "tag.tags": '["refunds","vip"]',
      },
    });
    expect(step).toMatchObject({
      kind: "guardrail",
      prompt: { name: "refund-policy", version: 3, variables: { customer: "Ada" } },
    });
    expect(trace.tags).toEqual(["beta", "refunds", "vip"]);
    expect(
      Object.keys(step.attributes ?? {}).filter(
        (key) => key.startsWith("loupe.") || key === "tag.tags",
      ),
    ).toEqual([]);
  });

  it("stay attributes when they are not valid", () => {
    const { step } = mapOneSpan({
      attributes: {
        "loupe.step.kind": "robot",
        "loupe.prompt.name": "p",
        "loupe.prompt.version": 0,
      },
    });
    expect(step.kind).toBe("chain");
    expect(step).not.toHaveProperty("prompt");
    expect(step.attributes).toMatchObject({
      "loupe.step.kind": "robot",
      "loupe.prompt.name": "p",
      "loupe.prompt.version": 0,
    });
  });
});

describe("rejected spans", () => {
  it("are listed with a reason while the other spans still map", () => {
    const result = assertValidBodies(
      mapTraceExport(
        buildExport([
          buildSpan({ spanId: spanId(1) }),
          buildSpan({ spanId: spanId(2), traceId: "xyz" }),
          buildSpan({ spanId: "0000000000000000" }),
          buildSpan({ spanId: spanId(3), parentSpanId: "12" }),
          buildSpan({ spanId: spanId(4), startTimeUnixNano: at(50), endTimeUnixNano: at(10) }),
          buildSpan({ spanId: spanId(5), startTimeUnixNano: 0n }),
          buildSpan({ spanId: spanId(1) }),
        ]),
      ),
    );
    expect(result.steps.map((step) => step.id)).toEqual([spanId(1)]);
    expect(result.rejectedSpans).toEqual([
      {
        traceId: "xyz",
        spanId: spanId(2),
        reason: 'invalid trace id "xyz": expected 32 hex characters, not all zero',
      },
      {
        traceId: TRACE_ID,
        spanId: "0000000000000000",
        reason: 'invalid span id "0000000000000000": expected 16 hex characters, not all zero',
      },
      {
        traceId: TRACE_ID,
        spanId: spanId(3),
        reason: 'invalid parent span id "12": expected 16 hex characters, not all zero',
      },
      {
        traceId: TRACE_ID,
        spanId: spanId(4),
        reason:
          "end time 2024-05-01T10:00:00.010000000Z is before start time 2024-05-01T10:00:00.050000000Z",
      },
      { traceId: TRACE_ID, spanId: spanId(5), reason: "missing start time" },
      {
        traceId: TRACE_ID,
        spanId: spanId(1),
        reason: "duplicate span id: an earlier span in this export has it",
      },
    ]);
  });

  it("omit ids they do not have", () => {
    const result = mapTraceExport(buildExport([buildSpan({ traceId: "", spanId: "" })]));
    expect(result.rejectedSpans).toEqual([
      { reason: "invalid trace id (empty): expected 32 hex characters, not all zero" },
    ]);
    expect(result.traces).toEqual([]);
  });
});

describe("mapping", () => {
  it("is deterministic", () => {
    const request = buildExport([
      buildSpan({
        spanId: spanId(1),
        attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "A" },
      }),
      buildSpan({
        spanId: spanId(2),
        parentSpanId: spanId(1),
        attributes: {
          "gen_ai.input.messages": '[{"role":"user","parts":[{"type":"text","content":"hi"}]}]',
        },
      }),
    ]);
    expect(mapTraceExport(request)).toEqual(mapTraceExport(request));
  });

  it("keeps nanosecond precision in timestamps", () => {
    const { step } = mapOneSpan({
      startTimeUnixNano: at(0) + 123_456_789n,
      endTimeUnixNano: at(0) + 123_456_790n,
    });
    expect(step).toMatchObject({
      startTime: "2024-05-01T10:00:00.123456789Z",
      endTime: "2024-05-01T10:00:00.123456790Z",
    });
  });
});
