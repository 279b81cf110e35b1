import { calcPrice } from "@pydantic/genai-prices";
import { describe, expect, it } from "vitest";
import { calculateCost } from "./calculate-cost.ts";
import type { PriceOverride } from "./price-override.ts";

const MILLION = 1_000_000;

/** The table's own per-million rates for a model, read straight from the package. */
function tableRates(model: string, providerId: string, at?: Date): Record<string, unknown> {
  const price = calcPrice({ input_tokens: 1, output_tokens: 1 }, model, {
    providerId,
    timestamp: at,
  });
  if (!price) throw new Error(`the table has no ${providerId}/${model}`);
  return price.model_price;
}

describe("calculateCost from the price table", () => {
  it("prices gpt-4o-mini from the table's own per-token rates, which match OpenAI's list price", () => {
    const rates = tableRates("gpt-4o-mini", "openai");
    // OpenAI's published list price: $0.15 input, $0.60 output per million tokens.
    expect(rates).toMatchObject({ input_mtok: 0.15, output_mtok: 0.6 });

    const result = calculateCost({
      provider: "openai",
      model: "gpt-4o-mini",
      usage: { input: 12_000, output: 3_000 },
    });

    expect(result).toMatchObject({ source: "price-table", matchedModel: "gpt-4o-mini" });
    expect(result?.costUsd).toBeCloseTo((12_000 * 0.15 + 3_000 * 0.6) / MILLION, 12);
  });

  it("prices claude-sonnet-4-5 at Anthropic's $3 / $15 per million", () => {
    const result = calculateCost({
      provider: "anthropic",
      model: "claude-sonnet-4-5-20250929",
      usage: { input: 10_000, output: 2_000 },
    });

    expect(result?.matchedModel).toBe("claude-sonnet-4-5");
    expect(result?.costUsd).toBeCloseTo((10_000 * 3 + 2_000 * 15) / MILLION, 12);
  });

  it("matches dated model names to their model", () => {
    const undated = calculateCost({
      provider: "openai",
      model: "gpt-4o-mini",
      usage: { input: 1_000, output: 1_000 },
    });
    const dated = calculateCost({
      provider: "openai",
      model: "gpt-4o-mini-2024-07-18",
      usage: { input: 1_000, output: 1_000 },
    });

    expect(dated).toEqual(undated);
  });

  it("finds the provider from the model when the sender names none", () => {
    const result = calculateCost({
      model: "gpt-4o-mini-2024-07-18",
      usage: { input: 1_000, output: 0 },
    });

    expect(result?.matchedModel).toBe("gpt-4o-mini");
    expect(result?.costUsd).toBeCloseTo((1_000 * 0.15) / MILLION, 12);
  });

  it("reads a vendor prefix in the model name when the sender names no provider", () => {
    const result = calculateCost({
      model: "openai/gpt-4o-mini",
      usage: { input: 1_000, output: 0 },
    });

    expect(result?.matchedModel).toBe("gpt-4o-mini");
  });

  it.each([
    ["azure.ai.openai", "gpt-4o"],
    ["azure.ai.inference", "gpt-4o"],
    ["aws.bedrock", "us.anthropic.claude-sonnet-4-20250514-v1:0"],
    ["gcp.vertex_ai", "gemini-2.5-flash"],
    ["gcp.gemini", "gemini-2.0-flash-001"],
    ["gcp.gen_ai", "gemini-2.5-pro"],
    ["google", "gemini-2.5-pro"],
    ["mistral_ai", "mistral-large-latest"],
    ["groq", "llama-3.3-70b-versatile"],
    ["x_ai", "grok-3"],
    ["deepseek", "deepseek-chat"],
  ])("prices %s / %s from OpenTelemetry provider names", (provider, model) => {
    const result = calculateCost({ provider, model, usage: { input: 1_000, output: 1_000 } });

    expect(result?.source).toBe("price-table");
    expect(result?.costUsd).toBeGreaterThan(0);
  });

  it("prices cached input tokens below uncached ones, as a subset of input", () => {
    const usage = { input: MILLION, output: 0 };
    const uncached = calculateCost({ provider: "openai", model: "gpt-4o-mini", usage });
    const halfCached = calculateCost({
      provider: "openai",
      model: "gpt-4o-mini",
      usage: { ...usage, cached: MILLION / 2 },
    });

    expect(tableRates("gpt-4o-mini", "openai")).toMatchObject({ cache_read_mtok: 0.075 });
    expect(uncached?.costUsd).toBeCloseTo(0.15, 12);
    expect(halfCached?.costUsd).toBeCloseTo(0.5 * 0.15 + 0.5 * 0.075, 12);
  });

  it("prices cached tokens at the input rate where the table has no cached rate", () => {
    expect(tableRates("llama-3.3-70b-versatile", "groq")).not.toHaveProperty("cache_read_mtok");
    const usage = { input: 1_000, output: 0 };

    expect(
      calculateCost({
        provider: "groq",
        model: "llama-3.3-70b-versatile",
        usage: { ...usage, cached: 600 },
      }),
    ).toEqual(calculateCost({ provider: "groq", model: "llama-3.3-70b-versatile", usage }));
  });

  it("never prices more cached tokens than input tokens", () => {
    const result = calculateCost({
      provider: "openai",
      model: "gpt-4o-mini",
      usage: { input: 1_000, output: 0, cached: 5_000 },
    });

    expect(result?.costUsd).toBeCloseTo((1_000 * 0.075) / MILLION, 12);
  });

  it("bills reasoning tokens as part of output", () => {
    const usage = { input: 0, output: 1_000 };

    expect(
      calculateCost({ provider: "openai", model: "o3-mini", usage: { ...usage, reasoning: 800 } }),
    ).toEqual(calculateCost({ provider: "openai", model: "o3-mini", usage }));
  });

  it("applies the table's tiered price above a context threshold", () => {
    const short = calculateCost({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      usage: { input: 100_000, output: 0 },
    });
    const long = calculateCost({
      provider: "anthropic",
      model: "claude-sonnet-4-5",
      usage: { input: 300_000, output: 0 },
    });

    expect(short?.costUsd).toBeCloseTo((100_000 * 3) / MILLION, 12);
    expect(long?.costUsd).toBeCloseTo((300_000 * 6) / MILLION, 12);
  });

  it("selects the price in force at the call's date", () => {
    // Mistral moved the ministral-8b-latest alias to a pricier model on 2025-12-02.
    const before = new Date("2025-11-01T00:00:00Z");
    const after = new Date("2026-01-01T00:00:00Z");
    const usage = { input: MILLION, output: 0 };

    expect(tableRates("ministral-8b-latest", "mistral", before)).toMatchObject({ input_mtok: 0.1 });
    expect(
      calculateCost({ provider: "mistral_ai", model: "ministral-8b-latest", usage, at: before })
        ?.costUsd,
    ).toBeCloseTo(0.1, 12);
    expect(
      calculateCost({ provider: "mistral_ai", model: "ministral-8b-latest", usage, at: after })
        ?.costUsd,
    ).toBeCloseTo(0.15, 12);
  });

  it.each([
    [undefined, "my-company-finetune-v3"],
    ["openai", "made-up-model"],
    ["ibm.watsonx.ai", "gpt-4o"],
    ["ollama", "llama3.2"],
  ])("returns null rather than guess for provider %s, model %s", (provider, model) => {
    expect(calculateCost({ provider, model, usage: { input: 1_000, output: 1_000 } })).toBeNull();
  });
});

describe("calculateCost with overrides", () => {
  const usage = { input: 2_000, output: 1_000, cached: 500 };

  it("prices an unknown model by an exact-name override", () => {
    const overrides: PriceOverride[] = [
      {
        model: "my-company-finetune-v3",
        inputPerMillion: 2,
        outputPerMillion: 8,
        cachedInputPerMillion: 1,
      },
    ];

    expect(calculateCost({ model: "my-company-finetune-v3", usage, overrides })).toEqual({
      costUsd: (1_500 * 2 + 500 * 1 + 1_000 * 8) / MILLION,
      source: "override",
      matchedModel: "my-company-finetune-v3",
    });
  });

  it("wins over the table, by pattern, pricing cached input at the input rate when it has no cached rate", () => {
    const overrides: PriceOverride[] = [
      { modelPattern: "^gpt-4o-mini", inputPerMillion: 1, outputPerMillion: 2 },
    ];

    expect(
      calculateCost({ provider: "openai", model: "gpt-4o-mini-2024-07-18", usage, overrides }),
    ).toEqual({
      costUsd: (2_000 * 1 + 1_000 * 2) / MILLION,
      source: "override",
      matchedModel: "^gpt-4o-mini",
    });
  });

  it("uses the first matching override", () => {
    const overrides: PriceOverride[] = [
      { model: "gpt-4o", inputPerMillion: 1, outputPerMillion: 1 },
      { modelPattern: "gpt", inputPerMillion: 9, outputPerMillion: 9 },
      { model: "gpt-4.1", inputPerMillion: 5, outputPerMillion: 5 },
    ];

    expect(calculateCost({ model: "gpt-4o", usage, overrides })?.matchedModel).toBe("gpt-4o");
    expect(calculateCost({ model: "gpt-4.1", usage, overrides })?.matchedModel).toBe("gpt");
  });

  it("applies a provider-scoped override only to that provider", () => {
    const overrides: PriceOverride[] = [
      { model: "gpt-4o", provider: "azure.ai.openai", inputPerMillion: 0, outputPerMillion: 0 },
    ];

    expect(
      calculateCost({ provider: "Azure.AI.OpenAI", model: "gpt-4o", usage, overrides })?.source,
    ).toBe("override");
    expect(calculateCost({ provider: "openai", model: "gpt-4o", usage, overrides })?.source).toBe(
      "price-table",
    );
    expect(calculateCost({ model: "gpt-4o", usage, overrides })?.source).toBe("price-table");
  });

  it("compares exact names exactly", () => {
    const overrides: PriceOverride[] = [
      { model: "gpt-4o", inputPerMillion: 0, outputPerMillion: 0 },
    ];

    expect(calculateCost({ model: "gpt-4o-2024-08-06", usage, overrides })?.source).toBe(
      "price-table",
    );
  });
});
