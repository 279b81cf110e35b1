export type OtlpDecodeErrorCode =
  "unsupported_content_type" | "malformed_protobuf" | "malformed_json" | "invalid_export";

/** A request body that is not a decodable OTLP trace export; the HTTP layer answers 400 (415 for the content type). */
export class OtlpDecodeError extends Error {
  override readonly name = "OtlpDecodeError";

  constructor(
    readonly code: OtlpDecodeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
