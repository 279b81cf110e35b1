import { calcPrice } from "@pydantic/genai-prices";
import { findPriceOverride, type PriceOverride } from "./price-override.ts";
import { resolveProviderId } from "./resolve-provider.ts";

/**
 * Token counts of one call. `cached` is the part of `input` read from the provider's prompt cache
 * (OpenAI's convention: cached ⊂ input); `reasoning` is the part of `output` spent thinking
 * (reasoning ⊂ output) and is billed at the output rate, so it does not change the price.
 */
export type CostUsage = { input: number; output: number; cached?: number; reasoning?: number };

export type CalculateCostInput = {
  provider?: string;
  model: string;
  usage: CostUsage;
  /** When the call was made; selects the price in force then. Defaults to now. */
  at?: Date;
  overrides?: readonly PriceOverride[];
};

export type CostResult = {
  costUsd: number;
  source: "override" | "price-table";
  /** The override's model or pattern, or the price table's model id. */
  matchedModel: string;
};

const TOKENS_PER_MILLION = 1_000_000;

function priceWithOverride(override: PriceOverride, usage: CostUsage, cached: number): number {
  const cachedRate = override.cachedInputPerMillion ?? override.inputPerMillion;
  const dollars =
    (usage.input - cached) * override.inputPerMillion +
    cached * cachedRate +
    usage.output * override.outputPerMillion;
  return dollars / TOKENS_PER_MILLION;
}

/** The cost of one call in USD, or null when neither an override nor the price table knows the model. */
export function calculateCost({
  provider,
  model,
  usage,
  at,
  overrides = [],
}: CalculateCostInput): CostResult | null {
  // A sender reporting more cached than input tokens broke the convention; never price below zero.
  const cached = Math.min(usage.cached ?? 0, usage.input);

  const override = findPriceOverride(overrides, provider, model);
  if (override) {
    return {
      costUsd: priceWithOverride(override, usage, cached),
      source: "override",
      matchedModel: override.model ?? override.modelPattern ?? model,
    };
  }

  const price = calcPrice(
    { input_tokens: usage.input, output_tokens: usage.output, cache_read_tokens: cached },
    model,
    { providerId: resolveProviderId(provider), timestamp: at },
  );
  if (price === null) return null;
  return { costUsd: price.total_price, source: "price-table", matchedModel: price.model.id };
}
