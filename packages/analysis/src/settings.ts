import { z } from "zod";

/**
 * Per-project detector settings. Every field has a default, so `AnalysisSettings.parse({})` is a
 * working configuration and a project stores only what it changes.
 */
export const AnalysisSettings = z.object({
  /** Identical calls with identical results, back to back, before it counts as a loop. */
  repeatThreshold: z.number().int().min(2).default(3),
  /** Times a multi-step sequence must occur in a row before it counts as a cycle. */
  cycleMinRepeats: z.number().int().min(2).default(3),
  cycleMaxPeriod: z.number().int().min(2).default(8),
  /** Attempts of one call failing with the same non-retryable error. */
  retryStormThreshold: z.number().int().min(2).default(3),
  /** Glob patterns (only `*` is special) naming tools that change the world. */
  sideEffectPatterns: z
    .array(z.string().min(1))
    .default(["send_*", "delete_*", "create_*", "charge_*", "post_*"]),
  sideEffectMaxPerRun: z.number().int().positive().default(10),
  /** Across runs: calls of one side-effecting tool allowed per window, counted by the caller. */
  sideEffectMaxPerWindow: z.number().int().positive().default(200),
  /** Handoffs that bounce straight back to the agent that handed off. */
  handoffPingPongMin: z.number().int().min(2).default(4),
  contextWindows: z.record(z.string(), z.number().int().positive()).default({
    "gpt-4o": 128_000,
    "gpt-4o-mini": 128_000,
    "gpt-4.1": 1_047_576,
    "o4-mini": 200_000,
    "claude-sonnet-4-5": 200_000,
    "claude-haiku-4-5": 200_000,
  }),
  defaultContextWindow: z.number().int().positive().default(128_000),
  /** LLM calls in a row whose input grew, and how full the window must get, for context explosion. */
  contextGrowthMinCalls: z.number().int().min(2).default(5),
  contextFillRatio: z.number().gt(0).max(1).default(0.5),
  /** Spike threshold as a modified z-score: robust deviations (MAD) above the baseline median. */
  spikeThresholdMads: z.number().positive().default(3.5),
  /** A spike must also be this many times the baseline median, so a very tight baseline stays calm. */
  spikeMinRatio: z.number().min(1).default(3),
  baselineMinSamples: z.number().int().min(3).default(5),
  /** The smallest value worth a spike finding: a tenfold jump from a fraction of a cent is noise. */
  spikeMinimums: z
    .object({
      costUsd: z.number().nonnegative().default(0.05),
      tokens: z.number().nonnegative().default(1_000),
      latencyMs: z.number().nonnegative().default(5_000),
    })
    .prefault({}),
  budgets: z
    .object({
      perRunUsd: z.number().positive().optional(),
      perDayUsd: z.number().positive().optional(),
    })
    .default({}),
  maxSteps: z.number().int().positive().default(10_000),
  maxLlmCalls: z.number().int().positive().default(100),
  /** Tool output shapes sharing less than this fraction of typed keys count as drift. */
  driftMinOverlap: z.number().min(0).max(1).default(0.5),
  /**
   * Plan drift. A tool call carries out a plan item when it shares at least this (weighted) fraction
   * of the item's content words, counting its tool name, arguments and the thought that requested it.
   */
  planItemMinOverlap: z.number().gt(0).max(1).default(0.5),
  /** Calls that carry out no plan item, in number and as a share of the calls made under the plan. */
  planDriftMinUnplannedCalls: z.number().int().positive().default(2),
  planDriftMinUnplannedShare: z.number().min(0).max(1).default(0.25),
  /** A successful run's final answer must share this fraction of the request's content words. */
  planGoalMinOverlap: z.number().min(0).max(1).default(0.3),
});
export type AnalysisSettings = z.infer<typeof AnalysisSettings>;
