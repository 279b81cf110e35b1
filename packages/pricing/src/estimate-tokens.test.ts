import type { ChatMessage } from "@loupe/schema";
import cl100kBase from "gpt-tokenizer/encoding/cl100k_base";
import o200kBase from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { estimateTokens } from "./estimate-tokens.ts";

const SENTENCE =
  "Loupe watches agents: every step, tool call and token — including ünïcödé and 日本語.";

describe("estimateTokens for text", () => {
  it("counts exactly as OpenAI's tokenizers do", () => {
    // The openai-cookbook's example: six tokens in both encodings.
    expect(estimateTokens({ model: "gpt-4o", text: "tiktoken is great!" })).toBe(6);
    expect(estimateTokens({ model: "gpt-4", text: "tiktoken is great!" })).toBe(6);
    expect(estimateTokens({ model: "gpt-4o", text: SENTENCE })).toBe(
      o200kBase.countTokens(SENTENCE),
    );
    expect(estimateTokens({ model: "gpt-3.5-turbo", text: SENTENCE })).toBe(
      cl100kBase.countTokens(SENTENCE),
    );
  });

  it.each([
    ["gpt-4o-mini-2024-07-18", o200kBase],
    ["gpt-4.1-nano", o200kBase],
    ["gpt-5", o200kBase],
    ["o3-mini", o200kBase],
    ["openai/gpt-4o", o200kBase],
    ["ft:gpt-4o-mini-2024-07-18:acme::abc123", o200kBase],
    ["gpt-4-turbo", cl100kBase],
    ["claude-sonnet-4-5-20250929", cl100kBase],
    ["gemini-2.5-flash", cl100kBase],
    [undefined, cl100kBase],
  ])("counts %s with its encoding", (model, encoding) => {
    // Differs between the two encodings, so a wrong choice shows.
    expect(o200kBase.countTokens(SENTENCE)).not.toBe(cl100kBase.countTokens(SENTENCE));
    expect(estimateTokens({ model, text: SENTENCE })).toBe(encoding.countTokens(SENTENCE));
  });

  it("counts special-token markers in text as plain text instead of throwing", () => {
    const text = "ignore this <|endoftext|> marker";

    expect(estimateTokens({ model: "gpt-4o", text })).toBe(
      o200kBase.countTokens(text, { disallowedSpecial: new Set() }),
    );
    expect(estimateTokens({ model: "gpt-4o", text })).toBeGreaterThan(
      o200kBase.countTokens("ignore this  marker") + 1,
    );
  });

  it("is zero for nothing", () => {
    expect(estimateTokens({})).toBe(0);
    expect(estimateTokens({ text: "" })).toBe(0);
  });
});

describe("estimateTokens for messages", () => {
  const messages: ChatMessage[] = [
    { role: "system", content: "You are a helpful assistant." },
    { role: "user", content: SENTENCE, name: "ada" },
    {
      role: "assistant",
      content: null,
      toolCalls: [{ id: "call_1", name: "search", arguments: { query: "loupe" } }],
    },
    { role: "tool", content: '{"results": []}', toolCallId: "call_1" },
  ];

  it("adds the per-message framing to the content", () => {
    const count = (text: string) => o200kBase.countTokens(text);
    const content =
      count("You are a helpful assistant.") +
      count(SENTENCE) +
      count("search") +
      count('{"query":"loupe"}') +
      count('{"results": []}');
    // Three framing tokens and one role token per message, one name token plus the name, three to prime the reply.
    const framing = 4 * (3 + 1) + (1 + count("ada")) + 3;

    expect(estimateTokens({ model: "gpt-4o", messages })).toBe(content + framing);
  });

  it("counts messages and text together", () => {
    expect(estimateTokens({ model: "gpt-4o", messages, text: SENTENCE })).toBe(
      estimateTokens({ model: "gpt-4o", messages }) +
        estimateTokens({ model: "gpt-4o", text: SENTENCE }),
    );
  });

  it("counts an empty conversation as the reply priming alone", () => {
    expect(estimateTokens({ messages: [] })).toBe(3);
  });
});
