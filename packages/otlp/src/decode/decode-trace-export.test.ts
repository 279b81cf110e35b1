import { context, SpanKind, SpanStatusCode, trace, type HrTime } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import protobuf from "protobufjs/light.js";
import { describe, expect, it } from "vitest";
import descriptor from "../generated/otlp-proto.json" with { type: "json" };
import { assertValidBodies } from "../testing/build-export.ts";
import { recordSdkSpans } from "../testing/record-sdk-spans.ts";
import { mapTraceExport } from "../mapping/map-trace-export.ts";
import { decodeTraceExport } from "./decode-trace-export.ts";
import { OtlpDecodeError } from "./otlp-decode-error.ts";

// For hand-made protobuf bodies the SDK cannot produce (key-value lists, bytes, excessive nesting).
const ExportTraceServiceRequest = protobuf.Root.fromJSON(descriptor).lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest",
);

const PROTOBUF = "application/x-protobuf";
const JSON_TYPE = "application/json";

function toNanos([seconds, nanos]: HrTime): bigint {
  return BigInt(seconds) * 1_000_000_000n + BigInt(nanos);
}

function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function serialize(
  serializer: typeof ProtobufTraceSerializer,
  spans: Parameters<typeof ProtobufTraceSerializer.serializeRequest>[0],
) {
  const body = serializer.serializeRequest(spans);
  if (!body) throw new Error("the SDK serializer returned nothing");
  return body;
}

function decodeError(body: Uint8Array, contentType: string): OtlpDecodeError {
  try {
    decodeTraceExport(body, contentType);
  } catch (error) {
    if (error instanceof OtlpDecodeError) return error;
    throw error;
  }
  throw new Error("expected an OtlpDecodeError");
}

describe("decoding exports produced by the OpenTelemetry SDK", () => {
  it("gives the same normalized export from protobuf and JSON", async () => {
    const spans = await recordSdkSpans((tracer) => {
      const root = tracer.startSpan("invoke_agent Support", {
        kind: SpanKind.INTERNAL,
        attributes: {
          "gen_ai.operation.name": "invoke_agent",
          "app.attempt": 2,
          "app.ratio": 0.75,
          "app.cached": false,
          "app.stages": ["plan", "act"],
          "app.scores": [1, 2, 3],
        },
      });
      const child = tracer.startSpan(
        "chat gpt-4o",
        {
          kind: SpanKind.CLIENT,
          links: [{ context: root.spanContext(), attributes: { "link.reason": "retry" } }],
        },
        trace.setSpan(context.active(), root),
      );
      child.addEvent("gen_ai.user.message", { content: "Where is my order?" });
      child.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
      child.end();
      root.end();
    });
    const [child, root] = spans;
    if (!child || !root) throw new Error("expected two spans");

    const fromProtobuf = decodeTraceExport(serialize(ProtobufTraceSerializer, spans), PROTOBUF);
    const fromJson = decodeTraceExport(serialize(JsonTraceSerializer, spans), JSON_TYPE);

    expect(fromJson).toEqual(fromProtobuf);
    const [resourceSpans] = fromProtobuf.resourceSpans;
    expect(resourceSpans?.resource.attributes).toEqual(
      expect.arrayContaining([
        { key: "service.name", value: { type: "string", value: "support-agent" } },
        { key: "service.version", value: { type: "string", value: "1.4.2" } },
      ]),
    );
    expect(resourceSpans?.scopeSpans[0]?.scope).toMatchObject({
      name: "loupe-test",
      version: "0.3.0",
    });
    expect(resourceSpans?.scopeSpans[0]?.spans).toEqual([
      {
        traceId: child.spanContext().traceId,
        spanId: child.spanContext().spanId,
        traceState: "",
        parentSpanId: root.spanContext().spanId,
        flags: expect.any(Number),
        name: "chat gpt-4o",
        kind: 3,
        startTimeUnixNano: toNanos(child.startTime),
        endTimeUnixNano: toNanos(child.endTime),
        attributes: [],
        droppedAttributesCount: 0,
        events: [
          {
            name: "gen_ai.user.message",
            timeUnixNano: toNanos(child.events[0]?.time ?? [0, 0]),
            attributes: [
              { key: "content", value: { type: "string", value: "Where is my order?" } },
            ],
            droppedAttributesCount: 0,
          },
        ],
        droppedEventsCount: 0,
        links: [
          {
            traceId: root.spanContext().traceId,
            spanId: root.spanContext().spanId,
            traceState: "",
            attributes: [{ key: "link.reason", value: { type: "string", value: "retry" } }],
            droppedAttributesCount: 0,
            flags: expect.any(Number),
          },
        ],
        droppedLinksCount: 0,
        status: { code: 2, message: "rate limited" },
      },
      expect.objectContaining({
        traceId: root.spanContext().traceId,
        spanId: root.spanContext().spanId,
        parentSpanId: "",
        kind: 1,
        status: { code: 0, message: "" },
        attributes: [
          { key: "gen_ai.operation.name", value: { type: "string", value: "invoke_agent" } },
          { key: "app.attempt", value: { type: "int", value: 2n } },
          { key: "app.ratio", value: { type: "double", value: 0.75 } },
          { key: "app.cached", value: { type: "bool", value: false } },
          {
            key: "app.stages",
            value: {
              type: "array",
              value: [
                { type: "string", value: "plan" },
                { type: "string", value: "act" },
              ],
            },
          },
          {
            key: "app.scores",
            value: { type: "array", value: [1n, 2n, 3n].map((value) => ({ type: "int", value })) },
          },
        ],
      }),
    ]);
  });

  it("maps a GenAI span end to end", async () => {
    const spans = await recordSdkSpans((tracer) => {
      const span = tracer.startSpan("chat gpt-4o", {
        kind: SpanKind.CLIENT,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.usage.input_tokens": 12,
          "gen_ai.usage.output_tokens": 3,
          "gen_ai.input.messages": JSON.stringify([
            { role: "user", parts: [{ type: "text", content: "Hi" }] },
          ]),
          "gen_ai.output.messages": JSON.stringify([
            { role: "assistant", parts: [{ type: "text", content: "Hello" }] },
          ]),
        },
      });
      span.end();
    });
    const result = assertValidBodies(
      mapTraceExport(decodeTraceExport(serialize(ProtobufTraceSerializer, spans), PROTOBUF)),
    );
    expect(result.steps).toEqual([
      expect.objectContaining({
        kind: "llm",
        provider: "openai",
        model: "gpt-4o",
        usage: { input: 12, output: 3 },
        input: { messages: [{ role: "user", content: "Hi" }] },
        output: { message: { role: "assistant", content: "Hello" } },
      }),
    ]);
    expect(result.traces).toEqual([
      expect.objectContaining({
        name: "chat gpt-4o",
        release: "support-agent@1.4.2",
        environment: "staging",
        status: "ok",
      }),
    ]);
  });
});

describe("the OTLP JSON mapping", () => {
  const traceId = "5B8EFFF798038103D269B633813FC60C";
  const jsonSpan = {
    trace_id: traceId,
    span_id: "EEE19B7EC3C1B174",
    parent_span_id: "",
    name: "lookup",
    kind: "SPAN_KIND_SERVER",
    start_time_unix_nano: 1714557600000000000,
    end_time_unix_nano: "1714557600500000000",
    unknownField: { ignored: true },
    attributes: [
      { key: "s", value: { string_value: "text" } },
      { key: "i", value: { int_value: "9007199254740993" } },
      { key: "d", value: { double_value: "NaN" } },
      { key: "inf", value: { doubleValue: "-Infinity" } },
      { key: "b", value: { bool_value: true } },
      { key: "bytes", value: { bytes_value: "AQID" } },
      { key: "list", value: { array_value: { values: [{ int_value: 1 }, {}] } } },
      {
        key: "map",
        value: { kvlist_value: { values: [{ key: "nested", value: { string_value: "yes" } }] } },
      },
      { key: "nothing", value: null },
    ],
    status: { code: "STATUS_CODE_OK", message: null },
  };

  it("accepts snake_case names, upper-case hex, int64 as strings or numbers, enum names, and ignores unknown fields", () => {
    const decoded = decodeTraceExport(
      encodeJson({ resource_spans: [{ scope_spans: [{ spans: [jsonSpan] }] }] }),
      "Application/JSON; charset=utf-8",
    );
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toMatchObject({
      traceId: traceId.toLowerCase(),
      spanId: "eee19b7ec3c1b174",
      parentSpanId: "",
      kind: 2,
      startTimeUnixNano: 1714557600000000000n,
      endTimeUnixNano: 1714557600500000000n,
      status: { code: 1, message: "" },
      attributes: [
        { key: "s", value: { type: "string", value: "text" } },
        { key: "i", value: { type: "int", value: 9007199254740993n } },
        { key: "d", value: { type: "double", value: Number.NaN } },
        { key: "inf", value: { type: "double", value: Number.NEGATIVE_INFINITY } },
        { key: "b", value: { type: "bool", value: true } },
        { key: "bytes", value: { type: "bytes", value: new Uint8Array([1, 2, 3]) } },
        {
          key: "list",
          value: { type: "array", value: [{ type: "int", value: 1n }, { type: "empty" }] },
        },
        {
          key: "map",
          value: {
            type: "kvlist",
            value: [{ key: "nested", value: { type: "string", value: "yes" } }],
          },
        },
        { key: "nothing", value: { type: "empty" } },
      ],
    });
  });

  it("reads base64 ids, as printed by exporters that use protobuf's default JSON", () => {
    const decoded = decodeTraceExport(
      encodeJson({
        resourceSpans: [
          {
            scopeSpans: [
              { spans: [{ traceId: "W47/95gDgQPSabYzgT/GDA==", spanId: "7uGbfsPBsXQ=" }] },
            ],
          },
        ],
      }),
      JSON_TYPE,
    );
    expect(decoded.resourceSpans[0]?.scopeSpans[0]?.spans[0]).toMatchObject({
      traceId: traceId.toLowerCase(),
      spanId: "eee19b7ec3c1b174",
    });
  });

  it("decodes every value type the same as the protobuf encoding", () => {
    const protobufSpan = {
      ...jsonSpan,
      traceId: Uint8Array.from(Buffer.from(traceId, "hex")),
      spanId: Uint8Array.from(Buffer.from(jsonSpan.span_id, "hex")),
      kind: 2,
      startTimeUnixNano: "1714557600000000000",
      endTimeUnixNano: "1714557600500000000",
      status: { code: 1 },
      attributes: [
        { key: "s", value: { stringValue: "text" } },
        { key: "i", value: { intValue: "9007199254740993" } },
        { key: "d", value: { doubleValue: Number.NaN } },
        { key: "inf", value: { doubleValue: Number.NEGATIVE_INFINITY } },
        { key: "b", value: { boolValue: true } },
        { key: "bytes", value: { bytesValue: new Uint8Array([1, 2, 3]) } },
        { key: "list", value: { arrayValue: { values: [{ intValue: 1 }, {}] } } },
        {
          key: "map",
          value: { kvlistValue: { values: [{ key: "nested", value: { stringValue: "yes" } }] } },
        },
        { key: "nothing" },
      ],
    };
    const message = ExportTraceServiceRequest.fromObject({
      resourceSpans: [{ scopeSpans: [{ spans: [protobufSpan] }] }],
    });
    const fromProtobuf = decodeTraceExport(
      ExportTraceServiceRequest.encode(message).finish(),
      PROTOBUF,
    );
    const fromJson = decodeTraceExport(
      encodeJson({ resourceSpans: [{ scopeSpans: [{ spans: [jsonSpan] }] }] }),
      JSON_TYPE,
    );
    expect(fromProtobuf).toEqual(fromJson);
  });

  it("treats an empty protobuf body as an empty export", () => {
    expect(decodeTraceExport(new Uint8Array(), "application/protobuf")).toEqual({
      resourceSpans: [],
    });
  });
});

describe("bodies that are not OTLP trace exports", () => {
  it("reject an unsupported content type", () => {
    const error = decodeError(encodeJson({}), "text/plain");
    expect(error.code).toBe("unsupported_content_type");
    expect(error.message).toBe(
      'unsupported content type "text/plain": send application/x-protobuf or application/json',
    );
  });

  it("reject malformed protobuf", async () => {
    const spans = await recordSdkSpans((tracer) => tracer.startSpan("truncated").end());
    const body = serialize(ProtobufTraceSerializer, spans);
    const error = decodeError(body.subarray(0, body.length - 5), PROTOBUF);
    expect(error).toMatchObject({ name: "OtlpDecodeError", code: "malformed_protobuf" });
    expect(error.message).toMatch(/^malformed protobuf: index out of range/);
    expect(decodeError(Uint8Array.of(0x0f, 0xff), PROTOBUF).message).toMatch(
      /^malformed protobuf: invalid wire type/,
    );
  });

  it("reject malformed JSON and bodies that are not UTF-8", () => {
    expect(decodeError(new TextEncoder().encode('{"resourceSpans": ['), JSON_TYPE)).toMatchObject({
      code: "malformed_json",
      message: expect.stringMatching(/^malformed JSON: /) as unknown,
    });
    expect(decodeError(Uint8Array.of(0x7b, 0xff, 0x7d), JSON_TYPE).message).toBe(
      "malformed JSON: the body is not valid UTF-8",
    );
  });

  it("name the field that has the wrong shape", () => {
    const span = (fields: Record<string, unknown>) =>
      encodeJson({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "ab", ...fields }] }] }] });
    expect(decodeError(span({ startTimeUnixNano: "soon" }), JSON_TYPE)).toMatchObject({
      code: "invalid_export",
      message:
        "invalid trace export: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: expected a 64-bit integer (a decimal string or a number)",
    });
    expect(decodeError(span({ spanId: 42 }), JSON_TYPE).message).toBe(
      "invalid trace export: resourceSpans[0].scopeSpans[0].spans[0].spanId: expected a hex string",
    );
    expect(decodeError(span({ kind: "SPAN_KIND_SIDEWAYS" }), JSON_TYPE).message).toMatch(
      /spans\[0\]\.kind: expected an enum integer or one of SPAN_KIND_UNSPECIFIED/,
    );
    expect(
      decodeError(
        span({ attributes: [{ key: "x", value: { bytesValue: "not base64!" } }] }),
        JSON_TYPE,
      ).message,
    ).toMatch(/spans\[0\]\.attributes\[0\]\.value\.bytesValue: expected a base64 string$/);
    expect(decodeError(span({ droppedEventsCount: -1 }), JSON_TYPE).message).toMatch(
      /spans\[0\]\.droppedEventsCount: expected an unsigned 32-bit integer$/,
    );
    expect(decodeError(encodeJson({ resourceSpans: {} }), JSON_TYPE).message).toMatch(
      /^invalid trace export: resourceSpans: .*expected array/,
    );
    expect(decodeError(encodeJson([1, 2]), JSON_TYPE).message).toMatch(
      /^invalid trace export: \(root\): .*expected object/,
    );
  });

  it("reject values nested deeper than the decoders allow", () => {
    const depth = 100;
    const value = `${'{"arrayValue":{"values":['.repeat(depth)}{"stringValue":"bottom"}${"]}}".repeat(depth)}`;
    const body = new TextEncoder().encode(
      `{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"deep","value":${value}}]}]}]}]}`,
    );
    expect(decodeError(body, JSON_TYPE)).toMatchObject({
      code: "invalid_export",
      message: "invalid trace export: nested deeper than 256 levels",
    });
    // protobufjs refuses to encode that deep, so the bytes are written field by field.
    const wrap = (field: number, inner: Uint8Array) =>
      protobuf.Writer.create()
        .uint32((field << 3) | 2)
        .bytes(inner)
        .finish();
    let anyValue = wrap(1, new TextEncoder().encode("bottom"));
    for (let level = 0; level < depth; level += 1) anyValue = wrap(5, wrap(1, anyValue));
    const protobufBody = wrap(1, wrap(2, wrap(2, wrap(9, wrap(2, anyValue)))));
    expect(decodeError(protobufBody, PROTOBUF).message).toMatch(
      /^malformed protobuf: max depth exceeded/,
    );
  });
});
