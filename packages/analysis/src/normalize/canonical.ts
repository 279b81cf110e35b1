/** Keys whose values differ on every call without changing its meaning. */
const VOLATILE_KEYS = new Set(["id", "callId", "toolCallId", "tool_call_id", "request_id"]);

/**
 * A deterministic text form of a JSON value: keys sorted, volatile ids dropped and, for arguments,
 * strings trimmed, whitespace collapsed and lower-cased, so equal requests compare equal. Written
 * as one recursive string builder because it runs on every call of long runs.
 */
export function canonicalizeValue(value: unknown, options: { foldStrings?: boolean } = {}): string {
  return write(value, options.foldStrings ?? false);
}

export function canonicalizeArguments(value: unknown): string {
  return write(value, true);
}

function write(value: unknown, foldStrings: boolean): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(foldStrings ? value.trim().replace(/\s+/g, " ").toLowerCase() : value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "object":
      break;
    default:
      return JSON.stringify(String(value));
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map((item: unknown) => write(item, foldStrings)).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined || VOLATILE_KEYS.has(key)) continue;
    parts.push(`${JSON.stringify(key)}:${write(item, foldStrings)}`);
  }
  return `{${parts.join(",")}}`;
}

const toolCallSignatures = new WeakMap<object, string>();

/**
 * Tool name, normalized arguments and result in one hash: two calls with the same signature asked
 * the same thing and learned the same thing. Memoized per step, since several detectors ask.
 */
export function signToolCall(step: { name: string; tool?: { name: string }; input?: unknown; output?: unknown }): string {
  let signature = toolCallSignatures.get(step);
  if (signature === undefined) {
    const name = step.tool?.name ?? step.name;
    signature = `${hashText(`${name}|${canonicalizeArguments(step.input)}`)}:${hashText(write(step.output, false))}`;
    toolCallSignatures.set(step, signature);
  }
  return signature;
}

/** FNV-1a, 32 bits, as hex: short enough for group keys, stable across processes. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
