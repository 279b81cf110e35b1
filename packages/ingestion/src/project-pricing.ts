import type { SqlPool } from "@loupe/db";
import { calculateCost, estimateUsage, PriceOverride } from "@loupe/pricing";
import { z } from "zod";
import type { CostCalculator } from "./ingest-events.ts";
import type { UsageEstimator } from "./fold-events.ts";

const StoredOverrides = z.object({ priceOverrides: z.array(PriceOverride).default([]) });

/**
 * Prices steps from the maintained price table, with each project's overrides (project settings,
 * `priceOverrides`) taking precedence. Overrides are re-read at most every `cacheMillis`.
 */
export function createProjectPricing(pool: SqlPool, cacheMillis = 30_000): {
  calculateCost: CostCalculator;
  estimateUsage: UsageEstimator;
} {
  const overrides = new Map<string, { value: Promise<PriceOverride[]>; expiresAt: number }>();

  const loadOverrides = (projectId: string): Promise<PriceOverride[]> => {
    const cached = overrides.get(projectId);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const value = pool
      .query<{ settings: unknown }>(`SELECT settings FROM "project" WHERE id = $1::uuid`, [projectId])
      .then(({ rows }) => {
        const parsed = StoredOverrides.safeParse(rows[0]?.settings ?? {});
        // Settings are validated when saved; a stored value that no longer parses prices from the table.
        return parsed.success ? parsed.data.priceOverrides : [];
      });
    overrides.set(projectId, { value, expiresAt: Date.now() + cacheMillis });
    return value;
  };

  return {
    calculateCost: async ({ projectId, provider, model, startTime, usage }) => {
      const result = calculateCost({
        ...(provider ? { provider } : {}),
        model,
        usage,
        at: startTime,
        overrides: await loadOverrides(projectId),
      });
      return result?.costUsd ?? null;
    },
    estimateUsage: (step) => estimateUsage(step),
  };
}
