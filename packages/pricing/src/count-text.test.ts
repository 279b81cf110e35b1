import cl100kBase from "gpt-tokenizer/encoding/cl100k_base";
import { describe, expect, it } from "vitest";
import { createTextCounter, MAX_EXACT_CHARS } from "./count-text.ts";
import { estimateTokens } from "./estimate-tokens.ts";

const PARAGRAPH =
  "Agents call tools, read their results and decide again; a trace records every step with its inputs, " +
  'outputs, latency and cost. {"tool": "search", "arguments": {"query": "refund policy", "limit": 10}}\n';

/** Varied made-up prose, so the tokenizer's own caches cannot make counting it all cheap. */
function createProse(length: number): string {
  const syllables = [
    "lo",
    "u",
    "pe",
    "tra",
    "ce",
    "ag",
    "ent",
    "qui",
    "rol",
    "mex",
    "vo",
    "dar",
    "sz",
    "ñu",
  ];
  let seed = 42;
  // High bits of a linear congruential generator; its low bits repeat too soon.
  const pick = (count: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(seed / 65_536) % count;
  };
  const words: string[] = [];
  let size = 0;
  while (size < length) {
    const word = Array.from({ length: 1 + pick(5) }, () => syllables[pick(syllables.length)]).join(
      "",
    );
    words.push(word);
    size += word.length + 1;
  }
  return words.join(" ").slice(0, length);
}

describe("createTextCounter", () => {
  it("counts exactly within its budget", () => {
    const countText = createTextCounter(cl100kBase, 1_000);

    expect(countText(PARAGRAPH)).toBe(cl100kBase.countTokens(PARAGRAPH));
  });

  it("extrapolates past its budget at the ratio counted so far", () => {
    const countText = createTextCounter(cl100kBase, PARAGRAPH.length + 100);
    const tokensPerChar = cl100kBase.countTokens(PARAGRAPH) / PARAGRAPH.length;
    // One token per two characters: far denser than the paragraph, so extrapolation shows.
    const dense = " x".repeat(1_000);
    const head = dense.slice(0, 100);

    countText(PARAGRAPH);
    const estimate = countText(dense);

    expect(estimate).not.toBe(cl100kBase.countTokens(dense));
    const headTokens = cl100kBase.countTokens(head);
    const ratio =
      (tokensPerChar * PARAGRAPH.length + headTokens) / (PARAGRAPH.length + head.length);
    expect(estimate).toBe(headTokens + Math.ceil((dense.length - head.length) * ratio));
  });

  it("falls back to four characters a token when nothing was counted yet", () => {
    expect(createTextCounter(cl100kBase, 0)("x".repeat(400))).toBe(100);
  });
});

describe("estimates of large text", () => {
  it("never shrink as text grows, across the exact-counting bound", () => {
    const lengths = [
      1,
      2,
      10,
      100,
      1_000,
      10_000,
      90_000,
      MAX_EXACT_CHARS,
      MAX_EXACT_CHARS + 1,
      150_000,
      400_000,
    ];
    const corpus = PARAGRAPH.repeat(Math.ceil(400_000 / PARAGRAPH.length));
    const estimates = lengths.map((length) => estimateTokens({ text: corpus.slice(0, length) }));

    for (const [index, estimate] of estimates.entries()) {
      if (index > 0) expect(estimate).toBeGreaterThanOrEqual(estimates[index - 1] ?? 0);
    }
    expect(estimates.at(-1)).toBeGreaterThan(estimates[0] ?? 0);
  });

  it("estimates a 5 MB string within a few percent while counting only its head exactly", () => {
    const text = createProse(5 * 1024 * 1024);
    const estimate = estimateTokens({ model: "claude-sonnet-4-5", text });
    const exact = cl100kBase.countTokens(text);
    expect(estimate / exact).toBeGreaterThan(0.95);
    expect(estimate / exact).toBeLessThan(1.05);

    // What makes it cheap: past the exact budget only the length matters, not the content.
    const sameLengthOtherTail = text.slice(0, MAX_EXACT_CHARS) + "x".repeat(text.length - MAX_EXACT_CHARS);
    expect(estimateTokens({ model: "claude-sonnet-4-5", text: sameLengthOtherTail })).toBe(estimate);
  });
});
