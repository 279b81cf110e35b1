import { decodeJsonExport } from "./decode-json.ts";
import { decodeProtobufExport } from "./decode-protobuf.ts";
import { OtlpDecodeError } from "./otlp-decode-error.ts";
import type { OtlpTraceExport } from "./otlp-trace-export.ts";

/**
 * Decodes an OTLP/HTTP trace export body (already decompressed) by its Content-Type:
 * `application/x-protobuf` (or `application/protobuf`) and `application/json`, parameters ignored.
 * Throws OtlpDecodeError when the body cannot be decoded or does not have the shape of an export.
 */
export function decodeTraceExport(body: Uint8Array, contentType: string): OtlpTraceExport {
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  switch (mediaType) {
    case "application/x-protobuf":
    case "application/protobuf":
      return decodeProtobufExport(body);
    case "application/json":
      return decodeJsonExport(body);
    default:
      throw new OtlpDecodeError(
        "unsupported_content_type",
        `unsupported content type ${JSON.stringify(contentType)}: send application/x-protobuf or application/json`,
      );
  }
}
