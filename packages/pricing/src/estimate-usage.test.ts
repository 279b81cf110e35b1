import type { LlmInput, LlmOutput } from "@loupe/schema";
import o200kBase from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { estimateTokens } from "./estimate-tokens.ts";
import { estimateUsage } from "./estimate-usage.ts";

const count = (text: string) => o200kBase.countTokens(text);

const llmInput: LlmInput = {
  messages: [
    { role: "system", content: "You book flights." },
    { role: "user", content: "Find me a flight from Lisbon to Oslo on Friday." },
  ],
  tools: [
    {
      name: "search_flights",
      description: "Search flights between two airports.",
      parameters: {
        type: "object",
        properties: { from: { type: "string" }, to: { type: "string" } },
      },
    },
  ],
};

const llmOutput: LlmOutput = {
  message: {
    role: "assistant",
    content: "Searching.",
    toolCalls: [{ id: "call_1", name: "search_flights", arguments: { from: "LIS", to: "OSL" } }],
  },
};

describe("estimateUsage", () => {
  it("counts an llm input as a conversation plus its tool definitions as JSON", () => {
    const usage = estimateUsage({ model: "gpt-4o", input: llmInput });

    expect(usage.input).toBe(
      estimateTokens({ model: "gpt-4o", messages: llmInput.messages }) +
        count(JSON.stringify(llmInput.tools)),
    );
  });

  it("counts an llm output as the completion's content and tool calls, without framing", () => {
    const usage = estimateUsage({ model: "gpt-4o", output: llmOutput });

    expect(usage.output).toBe(
      count("Searching.") + count("search_flights") + count('{"from":"LIS","to":"OSL"}'),
    );
  });

  it("counts other values as their JSON text, and strings as themselves", () => {
    const toolInput = { query: "refund policy", filters: { region: "EU" }, limit: 5 };

    expect(
      estimateUsage({ model: "gpt-4o", input: toolInput, output: "Refunds within 30 days." }),
    ).toEqual({
      input: count(JSON.stringify(toolInput)),
      output: count("Refunds within 30 days."),
      estimated: true,
    });
  });

  it("treats a conversation-like value that breaks the schema as plain JSON", () => {
    const notMessages = { messages: [{ role: "narrator", content: "Once upon a time" }] };

    expect(estimateUsage({ model: "gpt-4o", input: notMessages }).input).toBe(
      count(JSON.stringify(notMessages)),
    );
  });

  it("is zero for missing values", () => {
    expect(estimateUsage({ input: undefined, output: null })).toEqual({
      input: 0,
      output: 0,
      estimated: true,
    });
  });

  it("caps the work for a giant JSON value", () => {
    const rows = Array.from({ length: 40_000 }, (_, id) => ({
      id,
      name: `customer ${id}`,
      note: `prefers email; VIP since ${1990 + (id % 35)}; account ${(id * 7_919).toString(36)}`,
    }));

    const { input } = estimateUsage({ model: "gpt-4o", input: rows });
    const exact = count(JSON.stringify(rows));
    expect(input / exact).toBeGreaterThan(0.9);
    expect(input / exact).toBeLessThan(1.1);

    // Capped: rows far past the exact-counting budget matter by their length, not their content.
    const sameLengthTail = rows.map((row) => (row.id < 30_000 ? row : { ...row, note: "x".repeat(row.note.length) }));
    expect(estimateUsage({ model: "gpt-4o", input: sameLengthTail }).input).toBe(input);
  });
});
