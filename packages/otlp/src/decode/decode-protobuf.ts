import type protobuf from "protobufjs/light.js";
import { otlpProtoRoot } from "../proto-root.ts";
import { OtlpDecodeError } from "./otlp-decode-error.ts";
import type { OtlpTraceExport } from "./otlp-trace-export.ts";
import { parseWireExport } from "./parse-wire-export.ts";
import { ProtobufTraceExport } from "./wire-encodings.ts";

const ExportTraceServiceRequest = otlpProtoRoot.lookupType(
  "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest",
);

/** OTLP/protobuf: a binary ExportTraceServiceRequest. */
export function decodeProtobufExport(body: Uint8Array): OtlpTraceExport {
  let decoded: protobuf.Message;
  try {
    decoded = ExportTraceServiceRequest.decode(body);
  } catch (error) {
    throw new OtlpDecodeError(
      "malformed_protobuf",
      `malformed protobuf: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const wire = ExportTraceServiceRequest.toObject(decoded, { longs: BigInt, enums: Number });
  return parseWireExport(ProtobufTraceExport, wire);
}
