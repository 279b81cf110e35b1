import type { AttributeBag } from "./attribute-bag.ts";
import { isJsonObject, type JsonObject, type JsonValue } from "./json-value.ts";

/** A fresh object without a prototype, so keys chosen by senders can never reach Object.prototype. */
function createRecord(): JsonObject {
  return Object.create(null) as JsonObject;
}

function setPath(target: JsonObject, path: string[], value: JsonValue): boolean {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment] ?? createRecord();
    if (!isJsonObject(next)) return false;
    node[segment] = next;
    node = next;
  }
  const leaf = path.at(-1);
  if (leaf === undefined || node[leaf] !== undefined) return false;
  node[leaf] = value;
  return true;
}

/**
 * A list flattened into attributes, like `llm.input_messages.0.message.role`: one nested object per
 * index, in index order, and the attribute keys that went into them.
 */
export function readFlattenedList(
  bag: AttributeBag,
  prefix: string,
): { items: JsonObject[]; keys: string[] } {
  const byIndex = new Map<number, JsonObject>();
  const keys: string[] = [];
  for (const key of bag.keysStartingWith(`${prefix}.`)) {
    const match = /^(\d+)\.(.+)$/.exec(key.slice(prefix.length + 1));
    const value = bag.get(key);
    if (!match?.[1] || !match[2] || value === undefined) continue;
    const index = Number(match[1]);
    const item = byIndex.get(index) ?? createRecord();
    byIndex.set(index, item);
    if (setPath(item, match[2].split("."), value)) keys.push(key);
  }
  const items = [...byIndex].sort(([a], [b]) => a - b).map(([, item]) => item);
  return { items, keys };
}

/** An array, or an object keyed by indexes (a flattened list) as an array in index order. */
export function readListItems(value: JsonValue | undefined): JsonValue[] {
  if (Array.isArray(value)) return value;
  if (!isJsonObject(value)) return [];
  const entries = Object.entries(value);
  if (!entries.every(([key]) => /^\d+$/.test(key))) return [];
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, item]) => item);
}
