import { createHash } from "node:crypto";
import { decodeTraceExport, encodeExportResponse, mapTraceExport, OtlpDecodeError } from "@loupe/otlp";
import { ingestEvents } from "../ingest-events.ts";
import { INGESTION_LIMITS } from "../limits.ts";
import { HttpError, respondWith } from "./http-error.ts";
import { admitRequest, type PublicApiDependencies } from "./public-api.ts";
import { readBody } from "./read-body.ts";

/** Same content, same id: an exporter's retry of a batch is recognised and changes nothing. */
function contentEventId(kind: string, id: string, body: unknown): string {
  const digest = createHash("sha256").update(JSON.stringify(body)).digest("hex").slice(0, 24);
  return `otlp:${kind}:${id}:${digest}`;
}

/**
 * POST /v1/traces (and /api/public/otel/v1/traces): OTLP/HTTP with protobuf or JSON bodies.
 * Spans become step creates and their traces trace creates, through the native write path; spans
 * that cannot be stored are counted in `partial_success` while the rest are kept.
 */
export function handleOtlpTraces(deps: PublicApiDependencies, request: Request): Promise<Response> {
  return respondWith(async () => {
    const { projectId } = await admitRequest(deps, request);
    const contentType = request.headers.get("content-type") ?? "";
    const body = await readBody(request, INGESTION_LIMITS.maxBodyBytes);

    let mapped: ReturnType<typeof mapTraceExport>;
    try {
      mapped = mapTraceExport(decodeTraceExport(body, contentType));
    } catch (error) {
      if (error instanceof OtlpDecodeError) {
        throw new HttpError(error.code === "unsupported_content_type" ? 415 : 400, error.message, "body");
      }
      throw error;
    }

    const events = [
      ...mapped.traces.map((trace) => ({
        id: contentEventId("trace", trace.id, trace),
        type: "trace-create",
        timestamp: trace.startTime,
        body: trace,
      })),
      ...mapped.steps.map((step) => ({
        id: contentEventId("span", step.id, step),
        type: "step-create",
        timestamp: step.startTime,
        body: step,
      })),
    ];
    const outcome = await ingestEvents(deps, { projectId, rawEvents: events });
    deps.onIngested?.({ source: "otlp", appliedSteps: outcome.appliedSteps, failed: outcome.failed + mapped.rejectedSpans.length });

    const refused = outcome.results.filter((result) => result.status >= 400);
    const reasons = [
      ...mapped.rejectedSpans.map((span) => `span ${span.spanId ?? "?"}: ${span.reason}`),
      ...refused.map((result) => ("field" in result ? `${result.field}: ${result.message}` : "")),
    ];
    const encoding = contentType.toLowerCase().includes("json") ? "json" : "protobuf";
    const response = encodeExportResponse(
      { rejectedSpans: mapped.rejectedSpans.length + refused.length, errorMessage: reasons.slice(0, 10).join("; ") },
      encoding,
    );
    const responseBody = typeof response.body === "string" ? response.body : new Uint8Array(response.body);
    return new Response(responseBody, { status: 200, headers: { "content-type": response.contentType } });
  });
}
