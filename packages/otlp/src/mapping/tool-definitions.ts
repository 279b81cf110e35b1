import type { ToolDefinition } from "@loupe/schema";
import type { Conversion } from "./chat-messages.ts";
import { isJsonObject, type JsonValue, readStructured } from "./json-value.ts";

/** `{ name, description, parameters }`, OpenAI's `{ type, function: {…} }` or Anthropic's `input_schema`. */
export function readToolDefinition(
  raw: JsonValue | undefined,
): Conversion<ToolDefinition> | undefined {
  const definition = readStructured(raw);
  if (!isJsonObject(definition)) return undefined;
  const tool = isJsonObject(definition.function) ? definition.function : definition;
  if (typeof tool.name !== "string" || tool.name === "") return undefined;
  const rawParameters = tool.parameters ?? tool.input_schema ?? tool.inputSchema;
  const parameters = readStructured(rawParameters);
  return {
    value: {
      name: tool.name,
      ...(typeof tool.description === "string" ? { description: tool.description } : {}),
      ...(isJsonObject(parameters) ? { parameters } : {}),
    },
    isComplete: rawParameters === undefined || isJsonObject(parameters),
  };
}

export function convertToolDefinitions(raw: JsonValue[]): Conversion<ToolDefinition[]> | undefined {
  const tools: ToolDefinition[] = [];
  let isComplete = true;
  for (const item of raw) {
    const tool = readToolDefinition(item);
    if (tool) tools.push(tool.value);
    isComplete &&= tool?.isComplete ?? false;
  }
  return tools.length > 0 ? { value: tools, isComplete } : undefined;
}
