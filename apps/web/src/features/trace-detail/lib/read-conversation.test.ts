import { describe, expect, it } from "vitest";
import { readLlmInput, readReply } from "./read-conversation";

describe("readLlmInput", () => {
  it("reads the messages and tools of an llm step", () => {
    const input = {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "tool", content: '{"ok":true}', toolCallId: "call-1" },
      ],
      tools: [{ name: "lookup_order" }],
    };
    expect(readLlmInput(input)).toEqual(input);
  });

  it("refuses input that is not a conversation", () => {
    expect(readLlmInput({ query: "refund policy" })).toBeNull();
    expect(readLlmInput(undefined)).toBeNull();
  });
});

describe("readReply", () => {
  it("reads an assistant message with tool calls", () => {
    const reply = {
      role: "assistant",
      content: null,
      toolCalls: [{ id: "c1", name: "search", arguments: {} }],
    };
    expect(readReply(reply)).toEqual(reply);
  });

  it("unwraps a reply recorded as { message }", () => {
    const message = { role: "assistant", content: "Done." };
    expect(readReply({ message, usage: { input: 3 } })).toEqual(message);
  });

  it("refuses anything else", () => {
    expect(readReply("plain text")).toBeNull();
  });
});
