import { OtlpDecodeError } from "./otlp-decode-error.ts";
import type { OtlpTraceExport } from "./otlp-trace-export.ts";
import { parseWireExport } from "./parse-wire-export.ts";
import { JsonTraceExport } from "./wire-encodings.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Attribute values nest without limit in JSON, and the schema and everything downstream recurse over
 * them; protobufjs stops at 100 nested messages, so JSON stops at a comparable depth.
 */
const MAX_DEPTH = 256;

function exceedsDepth(root: unknown): boolean {
  const pending: [unknown, number][] = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/** OTLP/JSON: the protobuf JSON mapping with hex ids and integer enums. */
export function decodeJsonExport(body: Uint8Array): OtlpTraceExport {
  let wire: unknown;
  try {
    wire = JSON.parse(utf8.decode(body));
  } catch (error) {
    const reason =
      error instanceof TypeError ? "the body is not valid UTF-8" : (error as Error).message;
    throw new OtlpDecodeError("malformed_json", `malformed JSON: ${reason}`, { cause: error });
  }
  if (exceedsDepth(wire))
    throw new OtlpDecodeError(
      "invalid_export",
      `invalid trace export: nested deeper than ${MAX_DEPTH} levels`,
    );
  return parseWireExport(JsonTraceExport, wire);
}
