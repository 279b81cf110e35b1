import { otlpProtoRoot } from "./proto-root.ts";

const ExportTraceServiceResponse = otlpProtoRoot.lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse",
);

export type ExportOutcome = { rejectedSpans: number; errorMessage: string };

/**
 * The OTLP/HTTP success body, in the request's encoding. `partial_success` is set only when spans
 * were rejected, as the specification asks.
 */
export function encodeExportResponse(
  outcome: ExportOutcome,
  encoding: "protobuf" | "json",
): { body: Uint8Array | string; contentType: string } {
  const partialSuccess =
    outcome.rejectedSpans > 0 ? { rejectedSpans: outcome.rejectedSpans, errorMessage: outcome.errorMessage } : undefined;
  if (encoding === "json") {
    return {
      body: JSON.stringify(partialSuccess ? { partialSuccess: { ...partialSuccess, rejectedSpans: String(partialSuccess.rejectedSpans) } } : {}),
      contentType: "application/json",
    };
  }
  const message = ExportTraceServiceResponse.fromObject(partialSuccess ? { partialSuccess } : {});
  return { body: ExportTraceServiceResponse.encode(message).finish(), contentType: "application/x-protobuf" };
}
