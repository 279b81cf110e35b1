import type { ChatMessage } from "@loupe/schema";
import { describe, expect, it } from "vitest";
import { locatePromptMessages, rebuildWithPromptVersion } from "./rebuild-request.ts";
import type { ReplayRequest } from "./replay-request.ts";

const system: ChatMessage = { role: "system", content: "You are the support assistant. Be brief." };
const question: ChatMessage = { role: "user", content: "Where is order NW-1?" };
const toolCall: ChatMessage = {
  role: "assistant",
  content: null,
  toolCalls: [{ id: "call_1", name: "get_order", arguments: { order_id: "NW-1" } }],
};
const toolResult: ChatMessage = {
  role: "tool",
  content: '{"status":"shipped"}',
  toolCallId: "call_1",
  name: "get_order",
};

const recorded: ReplayRequest = {
  provider: "openai",
  model: "gpt-4o-mini",
  messages: [system, question, toolCall, toolResult],
  tools: [{ name: "get_order" }],
  parameters: { temperature: 0.2, max_tokens: 1024 },
};

describe("locatePromptMessages", () => {
  it("finds the rendering at the start of the conversation", () => {
    expect(
      locatePromptMessages(recorded.messages, [{ role: "system", content: system.content }]),
    ).toEqual({
      start: 0,
      end: 1,
    });
  });

  it("finds a rendering in the middle of the conversation", () => {
    const preamble: ChatMessage = { role: "system", content: "Today is Monday." };
    const messages = [preamble, system, question, toolCall];
    expect(locatePromptMessages(messages, [system, question])).toEqual({ start: 1, end: 3 });
  });

  it("returns null when the messages are absent, out of order or empty", () => {
    expect(
      locatePromptMessages(recorded.messages, [{ role: "system", content: "Other" }]),
    ).toBeNull();
    expect(locatePromptMessages(recorded.messages, [question, system])).toBeNull();
    expect(
      locatePromptMessages(recorded.messages, [{ role: "user", content: system.content }]),
    ).toBeNull();
    expect(locatePromptMessages(recorded.messages, [])).toBeNull();
  });
});

describe("rebuildWithPromptVersion", () => {
  const newSystem: ChatMessage = {
    role: "system",
    content: "You are the support assistant. Never guess.",
  };

  it("replaces the rendered messages and keeps history, tool results, tools and parameters", () => {
    const result = rebuildWithPromptVersion({
      recorded,
      recordedRendering: [system],
      newRendering: [newSystem, { role: "system", content: "Reply in English." }],
    });
    expect(result).toEqual({
      ok: true,
      replaced: { start: 0, end: 1 },
      request: {
        ...recorded,
        messages: [
          newSystem,
          { role: "system", content: "Reply in English." },
          question,
          toolCall,
          toolResult,
        ],
      },
    });
  });

  it("lets the new version's model and tools replace, and its parameters override, the recorded ones", () => {
    const result = rebuildWithPromptVersion({
      recorded,
      recordedRendering: [system],
      newRendering: [newSystem],
      newConfig: {
        model: "gpt-4.1",
        parameters: { temperature: 0 },
        tools: [{ name: "get_order" }, { name: "search_help_center" }],
      },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.request.model).toBe("gpt-4.1");
    expect(result.request.parameters).toEqual({ temperature: 0, max_tokens: 1024 });
    expect(result.request.tools.map((tool) => tool.name)).toEqual([
      "get_order",
      "search_help_center",
    ]);
    expect(result.request.provider).toBe("openai");
  });

  it("explains which rendered message is missing and which recorded one is closest", () => {
    const result = rebuildWithPromptVersion({
      recorded,
      recordedRendering: [
        { role: "system", content: "You are the support assistant. Be very brief." },
      ],
      newRendering: [newSystem],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain(
      'Rendered message 0 (system) "You are the support assistant. Be very brief."',
    );
    expect(result.reason).toContain("the closest is recorded message 0 (system)");
    expect(result.reason).toContain(
      'recorded "…assistant. Be brief." but rendered "…assistant. Be very brief."',
    );
  });

  it("explains messages that all appear but not together", () => {
    const result = rebuildWithPromptVersion({
      recorded,
      recordedRendering: [system, toolResult],
      newRendering: [newSystem],
    });
    expect(result).toEqual({
      ok: false,
      reason:
        "Every rendered message appears in the recorded conversation, but not together and in the same order.",
    });
  });
});
