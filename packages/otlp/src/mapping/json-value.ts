import { bytesToBase64 } from "../bytes.ts";
import type { OtlpAnyValue } from "../decode/otlp-trace-export.ts";

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * An attribute value as JSON: 64-bit integers beyond 2^53 and non-finite doubles become strings so
 * no digit is lost, bytes become base64, key-value lists become objects.
 */
export function toJsonValue(value: OtlpAnyValue): JsonValue {
  switch (value.type) {
    case "string":
    case "bool":
      return value.value;
    case "int":
      return Number.isSafeInteger(Number(value.value))
        ? Number(value.value)
        : value.value.toString();
    case "double":
      return Number.isFinite(value.value) ? value.value : String(value.value);
    case "bytes":
      return bytesToBase64(value.value);
    case "array":
      return value.value.map(toJsonValue);
    case "kvlist":
      // fromEntries defines properties, so a "__proto__" key stays data instead of replacing the prototype.
      return Object.fromEntries(
        value.value.map(({ key, value: entry }) => [key, toJsonValue(entry)]),
      );
    case "empty":
      return null;
  }
}

/** The object or array a string holds as JSON, else undefined; scalars stay strings. */
function parseJsonText(text: string): JsonObject | JsonValue[] | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    const parsed = JSON.parse(text) as JsonValue;
    return typeof parsed === "object" && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Structured values as they are; strings holding a JSON object or array parsed; other strings as sent. */
export function readStructured(value: JsonValue | undefined): JsonValue | undefined {
  return typeof value === "string" ? (parseJsonText(value) ?? value) : value;
}
