import { isJsonObject, type JsonObject } from "./json-value.ts";

/** A nested object of a flattened OpenInference item (`message`, `document`, `tool`…), or an empty one. */
export function readField(item: JsonObject, name: string): JsonObject {
  const value = item[name];
  return isJsonObject(value) ? value : {};
}
