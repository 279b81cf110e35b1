import cl100kBase from "gpt-tokenizer/encoding/cl100k_base";
import o200kBase from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countTokensCached } from "./cached-count.ts";

describe("countTokensCached", () => {
  it("returns each encoding's own count, not another encoding's remembered one", () => {
    const text = "Remembered per encoding: 日本語 and ünïcödé.";

    expect(countTokensCached(o200kBase, text)).toBe(o200kBase.countTokens(text));
    expect(countTokensCached(cl100kBase, text)).toBe(cl100kBase.countTokens(text));
    expect(countTokensCached(o200kBase, text)).toBe(o200kBase.countTokens(text));
  });

  it("stays exact as old texts are forgotten", () => {
    const texts = Array.from({ length: 1_500 }, (_, index) =>
      `${index} `.repeat(1_000 + (index % 7)),
    );
    for (const text of texts) countTokensCached(cl100kBase, text);

    for (const text of [texts[0] ?? "", texts[700] ?? "", texts.at(-1) ?? ""]) {
      expect(countTokensCached(cl100kBase, text)).toBe(cl100kBase.countTokens(text));
    }
  });
});
