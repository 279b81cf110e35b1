import { describe, expect, it } from "vitest";
import {
  listTemplateVariables,
  PromptConfig,
  PromptRenderError,
  PromptTemplate,
  renderPrompt,
} from "./prompt-template.ts";

const chat = PromptTemplate.parse({
  type: "chat",
  messages: [
    { role: "system", content: "You help {{ customer }} ({{tier}}). Limits: {{limits}}." },
    { role: "user", content: "{{question}} Tier again: {{ tier }}" },
  ],
});

describe("PromptTemplate", () => {
  it("needs at least one chat message and a known role", () => {
    expect(PromptTemplate.safeParse({ type: "chat", messages: [] }).success).toBe(false);
    const badRole = PromptTemplate.safeParse({
      type: "chat",
      messages: [{ role: "narrator", content: "x" }],
    });
    expect(badRole.error?.issues[0]?.path).toEqual(["messages", 0, "role"]);
  });

  it("defaults an absent config to an empty one", () => {
    expect(PromptConfig.parse(undefined)).toEqual({});
  });
});

describe("listTemplateVariables", () => {
  it("lists each variable once, sorted, with or without spaces in the braces", () => {
    expect(listTemplateVariables(chat)).toEqual(["customer", "limits", "question", "tier"]);
  });

  it("accepts dotted and dashed names but not ones starting with a digit", () => {
    const template = PromptTemplate.parse({
      type: "text",
      text: "{{user.name}} {{ order-id }} {{1st}} {{ }}",
    });
    expect(listTemplateVariables(template)).toEqual(["order-id", "user.name"]);
  });
});

describe("renderPrompt", () => {
  it("fills strings as they are and other values as JSON", () => {
    const messages = renderPrompt(chat, {
      customer: "Maria",
      tier: "gold",
      limits: { refund: 200, currency: "USD" },
      question: "Where is my order?",
      unused: "extra variables are fine",
    });
    expect(messages).toEqual([
      {
        role: "system",
        content: 'You help Maria (gold). Limits: {"refund":200,"currency":"USD"}.',
      },
      { role: "user", content: "Where is my order? Tier again: gold" },
    ]);
  });

  it("renders a text template as one user message", () => {
    const template = PromptTemplate.parse({ type: "text", text: "Summarise in {{n}} words." });
    expect(renderPrompt(template, { n: 50 })).toEqual([
      { role: "user", content: "Summarise in 50 words." },
    ]);
  });

  it("does not render placeholders that arrive inside a value", () => {
    const template = PromptTemplate.parse({ type: "text", text: "Quote: {{quote}}" });
    expect(renderPrompt(template, { quote: "{{secret}}", secret: "leak" })).toEqual([
      { role: "user", content: "Quote: {{secret}}" },
    ]);
  });

  it("names every missing variable", () => {
    const render = () => renderPrompt(chat, { customer: "Maria", tier: undefined, limits: null });
    expect(render).toThrow(PromptRenderError);
    expect(render).toThrow('Prompt variables "question", "tier" are missing');
  });

  it("names a single missing variable", () => {
    const template = PromptTemplate.parse({ type: "text", text: "Hi {{name}}" });
    expect(() => renderPrompt(template, {})).toThrow('Prompt variable "name" is missing');
  });
});
