import type { ChatMessage } from "@loupe/schema";
import { describe, expect, it } from "vitest";
import { runValidators, Validator } from "./validators.ts";

const briefSchema = {
  type: "object",
  required: ["title", "sections"],
  properties: {
    title: { type: "string" },
    sections: {
      type: "array",
      items: { type: "object", required: ["heading"], properties: { heading: { type: "string" } } },
    },
  },
};

function reply(content: string | null, toolNames: string[] = []): ChatMessage {
  return {
    role: "assistant",
    content,
    toolCalls: toolNames.map((name, index) => ({ id: `call_${index}`, name, arguments: {} })),
  };
}

describe("Validator", () => {
  it("names the field of an invalid regular expression", () => {
    const parsed = Validator.safeParse({ type: "regex", pattern: "(unclosed" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["pattern"]);
    expect(parsed.error?.issues[0]?.message).toMatch(/^pattern is not a valid regular expression/);
  });

  it("refuses a JSON Schema that is not one", () => {
    const parsed = Validator.safeParse({ type: "json_schema", schema: { type: "no-such-type" } });
    expect(parsed.error?.issues[0]?.path).toEqual(["schema"]);
  });

  it("refuses an unknown validator type", () => {
    expect(Validator.safeParse({ type: "vibes" }).success).toBe(false);
  });
});

describe("runValidators", () => {
  const validators = [
    Validator.parse({ type: "json_schema", schema: briefSchema }),
    Validator.parse({ type: "regex", pattern: "^\\{.*heat pumps", flags: "is" }),
    Validator.parse({ type: "must_call_tool", tool: "request_refund_approval" }),
  ];

  it("passes a reply that satisfies each check and says why", () => {
    const results = runValidators(
      validators,
      reply('{"title":"Heat Pumps","sections":[{"heading":"Germany"}]}', [
        "request_refund_approval",
      ]),
    );
    expect(results).toEqual([
      { validator: validators[0], passed: true, reason: "The reply matches the JSON Schema" },
      { validator: validators[1], passed: true, reason: "The reply matches /^\\{.*heat pumps/" },
      { validator: validators[2], passed: true, reason: "The reply calls request_refund_approval" },
    ]);
  });

  it("fails with ajv's error path, the pattern and the tools actually called", () => {
    const results = runValidators(
      validators,
      reply('{"title":"Brief","sections":[{"heading":3}]}', ["create_refund"]),
    );
    expect(results.map((result) => [result.passed, result.reason])).toEqual([
      [false, "The reply does not match the JSON Schema: /sections/0/heading must be string"],
      [false, "The reply does not match /^\\{.*heat pumps/"],
      [false, "The reply does not call request_refund_approval; it calls create_refund"],
    ]);
  });

  it("fails a JSON Schema check when the reply is not JSON", () => {
    const [result] = runValidators([validators[0] as Validator], reply("Here is the brief: ..."));
    expect(result).toMatchObject({ passed: false, reason: "The reply is not JSON" });
  });

  it("reports a missing required property at the object that lacks it", () => {
    const [result] = runValidators([validators[0] as Validator], reply('{"sections":[]}'));
    expect(result?.reason).toBe(
      "The reply does not match the JSON Schema: / must have required property 'title'",
    );
  });

  it("fails a tool check on a reply without tool calls", () => {
    const [result] = runValidators([validators[2] as Validator], reply("Refunded!"));
    expect(result?.reason).toBe(
      "The reply does not call request_refund_approval; it calls no tool",
    );
  });
});
