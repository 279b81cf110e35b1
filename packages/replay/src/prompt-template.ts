import { type ChatMessage, JsonObject, MessageRole, ToolDefinition } from "@loupe/schema";
import { z } from "zod";

/** A managed prompt's text: chat messages, or one text block sent as the user message. */
export const PromptTemplate = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("chat"),
    messages: z.array(z.object({ role: MessageRole, content: z.string() })).min(1),
  }),
  z.object({ type: z.literal("text"), text: z.string() }),
]);
export type PromptTemplate = z.infer<typeof PromptTemplate>;

/** What a prompt version sets besides its text; anything left out comes from the recording. */
export const PromptConfig = z
  .object({
    model: z.string().min(1).optional(),
    parameters: JsonObject.optional(),
    tools: z.array(ToolDefinition).optional(),
  })
  .default({});
export type PromptConfig = z.infer<typeof PromptConfig>;

export class PromptRenderError extends Error {
  readonly code = "prompt_render_failed";
  readonly missingVariables: string[];

  constructor(missingVariables: string[]) {
    const names = missingVariables.map((name) => `"${name}"`).join(", ");
    super(
      missingVariables.length === 1
        ? `Prompt variable ${names} is missing`
        : `Prompt variables ${names} are missing`,
    );
    this.name = "PromptRenderError";
    this.missingVariables = missingVariables;
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

function listTemplateTexts(template: PromptTemplate): string[] {
  return template.type === "text"
    ? [template.text]
    : template.messages.map((message) => message.content);
}

export function listTemplateVariables(template: PromptTemplate): string[] {
  const names = listTemplateTexts(template).flatMap((text) =>
    [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ""),
  );
  return [...new Set(names)].sort();
}

/**
 * Renders a template the way the app did when it recorded the step. Variables are looked up by
 * their literal name (a dotted name is one key, not a path); values that are not strings are
 * rendered as JSON.
 */
export function renderPrompt(
  template: PromptTemplate,
  variables: Record<string, unknown>,
): ChatMessage[] {
  const missing = listTemplateVariables(template).filter(
    (name) => !Object.hasOwn(variables, name) || variables[name] === undefined,
  );
  if (missing.length > 0) throw new PromptRenderError(missing);

  // One pass with a callback, so a value that itself contains `{{...}}` is not rendered again.
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_placeholder, name: string) => {
      const value = variables[name];
      return typeof value === "string" ? value : JSON.stringify(value);
    });

  return template.type === "text"
    ? [{ role: "user", content: fill(template.text) }]
    : template.messages.map((message) => ({ role: message.role, content: fill(message.content) }));
}
