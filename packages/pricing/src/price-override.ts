import { z } from "zod";

// Patterns run against every priced step, so keep them short enough to reason about.
const MAX_PATTERN_LENGTH = 256;

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

const PricePerMillion = z.number().finite().nonnegative();

/**
 * A project's own price for a model, in USD per million tokens. `model` is compared exactly;
 * `modelPattern` is a JavaScript regular expression tested against the model name as sent
 * (unanchored, no flags). With `provider`, the override applies only to steps from that provider.
 */
export const PriceOverride = z
  .object({
    model: z.string().min(1).optional(),
    modelPattern: z
      .string()
      .min(1)
      .max(MAX_PATTERN_LENGTH)
      .refine(isValidPattern, { message: "must be a valid regular expression" })
      .optional(),
    provider: z.string().min(1).optional(),
    inputPerMillion: PricePerMillion,
    outputPerMillion: PricePerMillion,
    cachedInputPerMillion: PricePerMillion.optional(),
  })
  .refine((override) => (override.model === undefined) !== (override.modelPattern === undefined), {
    message: "give exactly one of model and modelPattern",
    path: ["model"],
  });
export type PriceOverride = z.infer<typeof PriceOverride>;

// Overrides arrive with every step; compile each distinct pattern once.
const MAX_COMPILED_PATTERNS = 1_000;
const compiledPatterns = new Map<string, RegExp>();

function compilePattern(pattern: string): RegExp {
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    if (compiledPatterns.size >= MAX_COMPILED_PATTERNS) compiledPatterns.clear();
    regex = new RegExp(pattern);
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}

function matchesOverride(
  override: PriceOverride,
  provider: string | undefined,
  model: string,
): boolean {
  const isSameProvider =
    override.provider === undefined || override.provider.toLowerCase() === provider?.toLowerCase();
  if (!isSameProvider) return false;
  if (override.model !== undefined) return override.model === model;
  return override.modelPattern !== undefined && compilePattern(override.modelPattern).test(model);
}

/** The first override that applies to this provider and model, in list order. */
export function findPriceOverride(
  overrides: readonly PriceOverride[],
  provider: string | undefined,
  model: string,
): PriceOverride | undefined {
  return overrides.find((override) => matchesOverride(override, provider, model));
}
