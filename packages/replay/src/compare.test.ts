import type { ChatMessage } from "@loupe/schema";
import { describe, expect, it } from "vitest";
import { compareOutputs, usageDelta } from "./compare.ts";

function reply(content: string | null, toolCalls?: ChatMessage["toolCalls"]): ChatMessage {
  return { role: "assistant", content, ...(toolCalls ? { toolCalls } : {}) };
}

describe("compareOutputs", () => {
  it("reports an identical reply as unchanged", () => {
    const comparison = compareOutputs(reply("Your order shipped."), reply("Your order shipped."));
    expect(comparison).toEqual({
      changed: false,
      textDiff: [{ kind: "same", text: "Your order shipped." }],
      toolCalls: [],
    });
  });

  it("diffs the text word by word", () => {
    const comparison = compareOutputs(
      reply("Your order shipped on Monday."),
      reply("Your order shipped on Tuesday."),
    );
    expect(comparison.changed).toBe(true);
    expect(comparison.textDiff).toEqual([
      { kind: "same", text: "Your order shipped on " },
      { kind: "removed", text: "Monday" },
      { kind: "added", text: "Tuesday" },
      { kind: "same", text: "." },
    ]);
  });

  it("matches tool calls by name in order and compares their arguments canonically", () => {
    const recorded = reply(null, [
      { id: "1", name: "get_order", arguments: { order_id: "NW-1", expand: ["items"] } },
      { id: "2", name: "get_order", arguments: { order_id: "NW-2" } },
      { id: "3", name: "send_email", arguments: { to: "all@example.com" } },
    ]);
    const replayed = reply(null, [
      { id: "a", name: "get_order", arguments: { expand: ["items"], order_id: "NW-1" } },
      {
        id: "b",
        name: "get_order",
        arguments: { order_id: "NW-3", address: { city: "Reno", zip: "89501" } },
      },
      { id: "c", name: "ask_user", arguments: { question: "Send to all 2,000?" } },
    ]);
    const comparison = compareOutputs(recorded, replayed);
    expect(comparison.changed).toBe(true);
    expect(comparison.toolCalls).toEqual([
      {
        name: "get_order",
        status: "same",
        recordedArguments: { order_id: "NW-1", expand: ["items"] },
        replayedArguments: { expand: ["items"], order_id: "NW-1" },
        changedKeys: [],
      },
      {
        name: "get_order",
        status: "changed",
        recordedArguments: { order_id: "NW-2" },
        replayedArguments: { order_id: "NW-3", address: { city: "Reno", zip: "89501" } },
        changedKeys: ["address", "order_id"],
      },
      {
        name: "send_email",
        status: "removed",
        recordedArguments: { to: "all@example.com" },
        changedKeys: [],
      },
      {
        name: "ask_user",
        status: "added",
        replayedArguments: { question: "Send to all 2,000?" },
        changedKeys: [],
      },
    ]);
  });

  it("names nested argument paths that changed", () => {
    const comparison = compareOutputs(
      reply(null, [
        { id: "1", name: "update", arguments: { address: { city: "Reno", zip: "1" } } },
      ]),
      reply(null, [
        { id: "2", name: "update", arguments: { address: { city: "Reno", zip: "2" } } },
      ]),
    );
    expect(comparison.toolCalls[0]?.changedKeys).toEqual(["address.zip"]);
  });

  it("counts a reply that only drops its tool call as changed", () => {
    const comparison = compareOutputs(
      reply("Checking.", [{ id: "1", name: "get_order", arguments: {} }]),
      reply("Checking."),
    );
    expect(comparison.changed).toBe(true);
    expect(comparison.toolCalls.map((call) => call.status)).toEqual(["removed"]);
  });
});

describe("usageDelta", () => {
  it("subtracts recorded from replayed, with null where a side is unknown", () => {
    expect(
      usageDelta({
        recorded: { inputTokens: 1200, outputTokens: 80, cost: 0.004, latencyMs: 900 },
        replayed: { inputTokens: 1250, outputTokens: 60, latencyMs: 700 },
      }),
    ).toEqual({ inputTokens: 50, outputTokens: -20, cost: null, latencyMs: -200 });
  });
});
