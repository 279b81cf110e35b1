import type { Detector } from "../types.ts";
import { budgetExceededDetector } from "./budget-exceeded.ts";
import { contextExplosionDetector } from "./context-explosion.ts";
import { cycleDetector } from "./cycle.ts";
import { handoffPingPongDetector } from "./handoff-ping-pong.ts";
import { ignoredFailureDetector } from "./ignored-failure.ts";
import { planDriftDetector } from "./plan-drift.ts";
import { promptInjectionDetector } from "./prompt-injection.ts";
import { repeatedCallDetector } from "./repeated-call.ts";
import { retryStormDetector } from "./retry-storm.ts";
import { sideEffectFanoutDetector } from "./side-effect-fanout.ts";
import { costSpikeDetector, latencyOutlierDetector, tokenSpikeDetector } from "./spikes.ts";
import { stepRunawayDetector } from "./step-runaway.ts";
import { toolOutputDriftDetector } from "./tool-output-drift.ts";

export const allDetectors: readonly Detector[] = [
  repeatedCallDetector,
  cycleDetector,
  retryStormDetector,
  ignoredFailureDetector,
  toolOutputDriftDetector,
  sideEffectFanoutDetector,
  handoffPingPongDetector,
  contextExplosionDetector,
  costSpikeDetector,
  tokenSpikeDetector,
  latencyOutlierDetector,
  budgetExceededDetector,
  stepRunawayDetector,
  promptInjectionDetector,
  planDriftDetector,
];
