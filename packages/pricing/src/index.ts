export {
  calculateCost,
  type CalculateCostInput,
  type CostResult,
  type CostUsage,
} from "./calculate-cost.ts";
export { PriceOverride } from "./price-override.ts";
export { estimateTokens, type EstimateTokensInput } from "./estimate-tokens.ts";
export { estimateUsage, type EstimatedUsage, type EstimateUsageInput } from "./estimate-usage.ts";
