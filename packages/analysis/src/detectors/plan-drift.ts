import type { RecordedStep } from "@loupe/schema";
import { collectStrings, extractContentWords } from "../normalize/content-words.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

type PlanItem = { text: string; words: Set<string> };
type Plan = { step: RecordedStep; position: number; items: PlanItem[]; weights: Map<string, number> };
type JudgedCall = { step: RecordedStep; plan: Plan; matchedItem: number | null };

const NUMBERED_ITEM = /^\s*\d{1,2}[.)]\s+(\S.*)$/gm;
const PLAN_FIELDS = ["plan", "steps"] as const;

/**
 * An agent that states a plan and then does something else. A plan is a numbered list of two or
 * more items in an LLM message, or a `plan`/`steps` list of strings in a step's output, followed
 * by tool calls; a later plan replaces it (an explicit revision is not drift). Each call made under
 * a plan is matched to the item it shares most content words with, rarer words weighing more, so
 * the word every item repeats ("EU") cannot carry a match on its own. The run drifted when enough
 * calls match no item, when it reports success with planned items never carried out, or when its
 * final answer barely touches the request it was given.
 */
export const planDriftDetector: Detector = {
  id: "plan-drift",
  version: 1,
  kind: "plan_drift",
  detect: detectPlanDrift,
};

function detectPlanDrift({ steps, trace, settings }: PreparedContext): Finding[] {
  const plans = findPlans(steps);
  const firstPlan = plans[0];
  if (!firstPlan) return [];

  const thoughts = collectThoughts(steps);
  const byId = new Map(steps.map((step) => [step.id, step]));
  const judged: JudgedCall[] = [];
  let planIndex = 0;
  for (const [position, step] of steps.entries()) {
    while ((plans[planIndex + 1]?.position ?? Infinity) < position) planIndex++;
    const plan = plans[planIndex];
    if (!plan || position <= plan.position || !isToolCall(step)) continue;
    // Work inside another call (a sub-agent behind a delegate tool) is that call's business.
    if (isInside(step, plan.step.id, byId) || hasToolAncestor(step, byId)) continue;
    const words = describeCall(step, thoughts);
    judged.push({ step, plan, matchedItem: matchPlanItem(plan, words, settings.planItemMinOverlap) });
  }

  const lastPlan = plans.at(-1) ?? firstPlan;
  // A "plan" with nothing done after it is a final answer written as a list.
  if (!judged.some((call) => call.plan === lastPlan)) return [];

  const unplanned = judged.filter((call) => call.matchedItem === null);
  const driftedCalls =
    unplanned.length >= settings.planDriftMinUnplannedCalls &&
    unplanned.length / judged.length >= settings.planDriftMinUnplannedShare;

  // The answer is judged only once the run finished well: a run in progress (analysed after every
  // batch) has none yet, and its words are not worth extracting.
  const finishedOk = trace.status === "ok";
  const answer = finishedOk ? findFinalAnswer(steps, trace.output) : undefined;
  const answerWords = extractContentWords(answer?.text ?? "");
  const missingItems = finishedOk
    ? lastPlan.items.filter(
        (item, index) =>
          !judged.some((call) => call.plan === lastPlan && call.matchedItem === index) &&
          weightedOverlap(item.words, answerWords, lastPlan.weights) < settings.planItemMinOverlap,
      )
    : [];
  const goalWords = answer ? extractContentWords(collectStrings(trace.input).join("\n")) : new Set<string>();
  const goalCoverage = answer && goalWords.size > 0 ? countShared(goalWords, answerWords) / goalWords.size : null;
  const offGoal = goalCoverage !== null && goalCoverage < settings.planGoalMinOverlap;

  if (!driftedCalls && missingItems.length === 0 && !offGoal) return [];

  const divergentSteps = [
    ...(driftedCalls ? unplanned.map((call) => call.step) : []),
    ...((missingItems.length > 0 || offGoal) && answer?.step ? [answer.step] : []),
  ];
  const stepIds = divergentSteps.length > 0 ? divergentSteps.map((step) => step.id) : [lastPlan.step.id];
  return [
    buildFinding(planDriftDetector, {
      severity: missingItems.length > 0 || offGoal ? "high" : "medium",
      key: firstPlan.step.id,
      explanation: explainDrift({
        planSize: lastPlan.items.length,
        unplannedTools: driftedCalls ? unplanned.map((call) => toolNameOf(call.step)) : [],
        missingCount: missingItems.length,
        goalCoverage: offGoal ? goalCoverage : null,
      }),
      stepIds,
      evidence: {
        planStepId: lastPlan.step.id,
        planItems: lastPlan.items.map((item) => item.text),
        revisions: plans.length - 1,
        unplannedCalls: unplanned.map((call) => ({ stepId: call.step.id, tool: toolNameOf(call.step) })),
        callsJudged: judged.length,
        missingItems: missingItems.map((item) => item.text),
        goalCoverage,
      },
    }),
  ];
}

function findPlans(steps: readonly RecordedStep[]): Plan[] {
  const plans: Plan[] = [];
  for (const [position, step] of steps.entries()) {
    const texts = step.kind === "llm" ? readNumberedItems(readMessageContent(step.output)) : readPlanField(step.output);
    if (texts.length < 2) continue;
    const items = texts.map((text) => ({ text, words: extractContentWords(text) }));
    plans.push({ step, position, items, weights: weighWords(items) });
  }
  return plans;
}

function readNumberedItems(text: string | null): string[] {
  if (text === null || !/^\s*2[.)]\s/m.test(text)) return [];
  return [...text.matchAll(NUMBERED_ITEM)].map((match) => match[1]?.trim() ?? "");
}

function readPlanField(output: unknown): string[] {
  if (output === null || typeof output !== "object") return [];
  for (const field of PLAN_FIELDS) {
    const value = (output as Record<string, unknown>)[field];
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value;
  }
  return [];
}

function readMessageContent(output: unknown): string | null {
  if (output === null || typeof output !== "object" || !("message" in output)) return null;
  const message = output.message;
  if (message === null || typeof message !== "object" || !("content" in message)) return null;
  return typeof message.content === "string" ? message.content : null;
}

/** A word found in every item tells items apart no better than chance; a word in one item decides. */
function weighWords(items: readonly PlanItem[]): Map<string, number> {
  const frequency = new Map<string, number>();
  for (const item of items) for (const word of item.words) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  return new Map([...frequency].map(([word, count]) => [word, Math.log(1 + items.length / count)]));
}

/** What the model said when it asked for each call, by call id, with any plan lines taken out. */
function collectThoughts(steps: readonly RecordedStep[]): Map<string, string> {
  const thoughts = new Map<string, string>();
  for (const step of steps) {
    if (step.kind !== "llm" || step.output === null || typeof step.output !== "object") continue;
    const message = (step.output as { message?: { content?: unknown; toolCalls?: unknown } }).message;
    if (!Array.isArray(message?.toolCalls)) continue;
    const content = typeof message.content === "string" ? message.content.replace(NUMBERED_ITEM, "") : "";
    for (const call of message.toolCalls as Array<{ id?: unknown }>) {
      if (typeof call.id === "string") thoughts.set(call.id, content);
    }
  }
  return thoughts;
}

function describeCall(step: RecordedStep, thoughts: ReadonlyMap<string, string>): Set<string> {
  const callId = step.tool?.callId;
  const thought = callId === undefined ? "" : (thoughts.get(callId) ?? "");
  return extractContentWords([toolNameOf(step), ...collectStrings(step.input), thought].join("\n"));
}

function matchPlanItem(plan: Plan, words: ReadonlySet<string>, minOverlap: number): number | null {
  let best: { index: number; overlap: number } | null = null;
  for (const [index, item] of plan.items.entries()) {
    const overlap = weightedOverlap(item.words, words, plan.weights);
    if (overlap >= minOverlap && (!best || overlap > best.overlap)) best = { index, overlap };
  }
  return best?.index ?? null;
}

function weightedOverlap(item: ReadonlySet<string>, other: ReadonlySet<string>, weights: ReadonlyMap<string, number>): number {
  let total = 0;
  let shared = 0;
  for (const word of item) {
    const weight = weights.get(word) ?? 1;
    total += weight;
    if (other.has(word)) shared += weight;
  }
  return total === 0 ? 0 : shared / total;
}

function countShared(left: ReadonlySet<string>, right: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared;
}

function isInside(step: RecordedStep, ancestorId: string, byId: ReadonlyMap<string, RecordedStep>): boolean {
  for (let parent = step.parentId; parent !== null; parent = byId.get(parent)?.parentId ?? null) {
    if (parent === ancestorId) return true;
  }
  return false;
}

function hasToolAncestor(step: RecordedStep, byId: ReadonlyMap<string, RecordedStep>): boolean {
  for (let parent = byId.get(step.parentId ?? ""); parent; parent = byId.get(parent.parentId ?? "")) {
    if (isToolCall(parent)) return true;
  }
  return false;
}

/** The run's output when it has one, else the last LLM reply; the step is where the answer was given. */
function findFinalAnswer(steps: readonly RecordedStep[], output: unknown): { text: string; step: RecordedStep | undefined } | null {
  const lastReply = steps.findLast((step) => step.kind === "llm" && readMessageContent(step.output) !== null);
  const text = output === undefined ? readMessageContent(lastReply?.output) : collectStrings(output).join("\n");
  return text ? { text, step: lastReply } : null;
}

function explainDrift(facts: {
  planSize: number;
  unplannedTools: string[];
  missingCount: number;
  goalCoverage: number | null;
}): string {
  const parts: string[] = [];
  if (facts.unplannedTools.length > 0) {
    const tools = [...new Set(facts.unplannedTools)].join(", ");
    parts.push(`made ${count(facts.unplannedTools.length, "tool call")} the plan never mentioned (${tools})`);
  }
  if (facts.missingCount > 0) parts.push(`reported success with ${count(facts.missingCount, "planned step")} never carried out`);
  if (facts.goalCoverage !== null) {
    parts.push(`gave a final answer sharing only ${Math.round(facts.goalCoverage * 100)}% of the request's words`);
  }
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}` : (parts[0] ?? "");
  return `The agent drifted from its ${facts.planSize}-step plan: it ${listed}.`;
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? "" : "s"}`;
}
