import { describe, expect, it } from "vitest";
import { canonicalJson, hashToHex } from "./content-hash.ts";
import { ContentDecoder } from "./decode-step-content.ts";
import { ContentHashCache } from "./content-hash-cache.ts";
import { ContentEncoder } from "./encode-step-content.ts";

function growingConversation(turns: number) {
  const messages: { role: string; content: string }[] = [{ role: "system", content: "You are a support agent." }];
  const inputs = [];
  for (let turn = 0; turn < turns; turn++) {
    messages.push({ role: "user", content: `question ${turn} ${"context ".repeat(50)}` });
    inputs.push({ messages: [...messages], tools: [{ name: "web_search" }] });
    messages.push({ role: "assistant", content: `answer ${turn}` });
  }
  return inputs;
}

function decoderFor(encoder: ContentEncoder) {
  const payloads = new Map([...encoder.payloads].map(([key, payload]) => [key, payload.body]));
  return new ContentDecoder(payloads, encoder.messageNodes);
}

describe("canonicalJson", () => {
  it("gives the same text whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(canonicalJson({ a: [2, { c: 4, d: 3 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: "1" }));
  });
});

describe("ContentEncoder", () => {
  it("stores a conversation re-sent at every call in linear space", () => {
    const encoder = new ContentEncoder();
    const inputs = growingConversation(100);
    for (const input of inputs) encoder.encodeStepInput(input);

    const distinctMessages = 1 + 2 * 100 - 1; // system, 100 questions, 99 answers that were re-sent
    expect(encoder.messageNodes.size).toBe(distinctMessages);
    // Each message stored once, plus the tool definitions once.
    expect(encoder.payloads.size).toBe(distinctMessages + 1);
    const storedBytes = [...encoder.payloads.values()].reduce((sum, payload) => sum + payload.byteSize, 0);
    const sentBytes = inputs.reduce((sum, input) => sum + canonicalJson(input).length, 0);
    expect(sentBytes / storedBytes).toBeGreaterThan(40);
  });

  it("round-trips inputs, conversations and outputs exactly", () => {
    const encoder = new ContentEncoder();
    const inputs = growingConversation(5);
    const encoded = inputs.map((input) => encoder.encodeStepInput(input));
    const toolOutput = { results: [{ title: "<script>alert(1)</script>", score: 0.9 }], page: null };
    const outputHash = encoder.encodePayload(toolOutput);
    const plainInputHash = encoder.encodeStepInput({ query: "refund policy" });

    const decoder = decoderFor(encoder);
    encoded.forEach((hashes, index) => {
      expect(decoder.stepInput(hashes.inputHash, hashes.inputMessagesHash)).toEqual(inputs[index]);
    });
    expect(decoder.payload(outputHash)).toEqual(toolOutput);
    expect(plainInputHash.inputMessagesHash).toBeNull();
    expect(decoder.stepInput(plainInputHash.inputHash, null)).toEqual({ query: "refund policy" });
  });

  it("keeps an input with an empty conversation distinct from one without", () => {
    const encoder = new ContentEncoder();
    const empty = encoder.encodeStepInput({ messages: [] });
    expect(empty).toEqual({ inputHash: null, inputMessagesHash: null });
    expect(encoder.encodeStepInput(undefined)).toEqual({ inputHash: null, inputMessagesHash: null });
  });

  it("gives different chains for the same messages in another order", () => {
    const encoder = new ContentEncoder();
    const a = encoder.encodeMessages([{ role: "user", content: "x" }, { role: "user", content: "y" }]);
    const b = encoder.encodeMessages([{ role: "user", content: "y" }, { role: "user", content: "x" }]);
    expect(hashToHex(a!)).not.toBe(hashToHex(b!));
    expect(encoder.payloads.size).toBe(2);
  });

  it("reports a missing payload instead of inventing content", () => {
    const encoder = new ContentEncoder();
    const hash = encoder.encodePayload({ a: 1 })!;
    const decoder = new ContentDecoder(new Map(), new Map());
    expect(() => decoder.payload(hash)).toThrow(/is missing/);
  });
});

describe("ContentEncoder with a hash cache", () => {
  it.each([
    ["room for every node", 100_000],
    ["room for three nodes", 3],
  ])("gives the same hashes, sizes and message chains as without, with %s", (_room, maxNodes) => {
    const cache = new ContentHashCache(1_000_000, maxNodes);
    const inputs = growingConversation(20);
    const plain = new ContentEncoder();
    const cached = new ContentEncoder(cache);
    const again = new ContentEncoder(cache);
    for (const input of inputs) {
      const expected = plain.encodeStepInput(input);
      expect(cached.encodeStepInput(input)).toEqual(expected);
      expect(again.encodeStepInput(input)).toEqual(expected);
    }
    expect([...cached.payloads.values()]).toEqual([...plain.payloads.values()]);
    expect([...again.messageNodes.entries()]).toEqual([...plain.messageNodes.entries()]);
    const reordered = new ContentEncoder(cache).encodePayload({ content: "x", role: "user" });
    expect(reordered).toEqual(plain.encodePayload({ role: "user", content: "x" }));
  });

  it("forgets the oldest texts beyond its size", () => {
    const cache = new ContentHashCache(100);
    const entry = { hash: new Uint8Array(32), hex: "00".repeat(32), byteSize: 1 };
    cache.set("a".repeat(6), entry);
    for (let index = 0; index < 20; index++) cache.set(`${index}`.padStart(6, "b"), entry);
    expect(cache.get("a".repeat(6))).toBeUndefined();
    expect(cache.get("bbbb19")).toBe(entry);
  });
});
