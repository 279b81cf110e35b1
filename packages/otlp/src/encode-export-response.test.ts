import { describe, expect, it } from "vitest";
import { encodeExportResponse } from "./encode-export-response.ts";
import { otlpProtoRoot } from "./proto-root.ts";

const ExportTraceServiceResponse = otlpProtoRoot.lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse",
);
const decodeExportResponse = (body: Uint8Array) =>
  ExportTraceServiceResponse.toObject(ExportTraceServiceResponse.decode(body), { longs: Number });

describe("encodeExportResponse", () => {
  it("sends an empty message when every span was accepted", () => {
    expect(encodeExportResponse({ rejectedSpans: 0, errorMessage: "" }, "protobuf").body).toHaveLength(0);
    expect(encodeExportResponse({ rejectedSpans: 0, errorMessage: "" }, "json").body).toBe("{}");
  });

  it("reports rejected spans as partial_success in protobuf and JSON", () => {
    const outcome = { rejectedSpans: 3, errorMessage: "3 spans had an end before their start" };
    const protobuf = encodeExportResponse(outcome, "protobuf");
    expect(protobuf.contentType).toBe("application/x-protobuf");
    expect(decodeExportResponse(protobuf.body as Uint8Array)).toEqual({ partialSuccess: outcome });
    const json = encodeExportResponse(outcome, "json");
    expect(JSON.parse(json.body as string)).toEqual({ partialSuccess: { rejectedSpans: "3", errorMessage: outcome.errorMessage } });
  });
});
