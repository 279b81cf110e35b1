import { hashText } from "../normalize/canonical.ts";
import { findDisguisedError } from "../normalize/classify-error.ts";
import { compareShapes, describeJsonType, describeOutputShape, signShape, type OutputShape } from "../normalize/output-shape.ts";
import { isToolCall, toolNameOf } from "../normalize/steps.ts";
import type { Detector, Finding, PreparedContext } from "../types.ts";
import { buildFinding } from "./build-finding.ts";

/**
 * A tool whose output shape (top-level keys and their types) no longer resembles any shape it
 * returned before, in this project's history or earlier in this run. The first shape a tool ever
 * shows is its baseline; error outputs, failed steps and error bodies alike, are not shapes.
 */
export const toolOutputDriftDetector: Detector = {
  id: "tool-output-drift",
  version: 2,
  kind: "tool_output_drift",
  detect: detectToolOutputDrift,
};

function detectToolOutputDrift({ steps, settings, history }: PreparedContext): Finding[] {
  const known = new Map<string, Map<string, OutputShape>>();
  for (const [tool, shapes] of Object.entries(history.toolOutputShapes ?? {})) {
    known.set(tool, new Map(shapes.map((shape) => [signShape(shape), shape])));
  }
  const drifts = new Map<
    string,
    { tool: string; stepIds: string[]; before: OutputShape; after: OutputShape; overlap: number }
  >();

  const lastSeen = new Map<string, { quick: string; signature: string }>();
  for (const step of steps) {
    if (!isToolCall(step) || step.status !== "ok" || step.output === undefined) continue;
    // A 200 whose body is an error (a GraphQL `errors` list) is a failure, not a new shape.
    if (findDisguisedError(step) !== null) continue;
    const tool = toolNameOf(step);
    // Most calls return the same shape as the tool's previous call: compare in key order first.
    const quick = quickSignature(step.output);
    const previous = lastSeen.get(tool);
    if (previous?.quick === quick) {
      drifts.get(`${tool}:${previous.signature}`)?.stepIds.push(step.id);
      continue;
    }
    const shape = describeOutputShape(step.output);
    const signature = signShape(shape);
    lastSeen.set(tool, { quick, signature });
    const shapes = known.get(tool) ?? new Map<string, OutputShape>();
    known.set(tool, shapes);
    if (shapes.has(signature)) {
      drifts.get(`${tool}:${signature}`)?.stepIds.push(step.id);
      continue;
    }
    let closest: { shape: OutputShape; overlap: number } | null = null;
    for (const candidate of shapes.values()) {
      const overlap = compareShapes(candidate, shape);
      if (!closest || overlap > closest.overlap) closest = { shape: candidate, overlap };
    }
    shapes.set(signature, shape);
    if (closest && closest.overlap < settings.driftMinOverlap) {
      drifts.set(`${tool}:${signature}`, { tool, stepIds: [step.id], before: closest.shape, after: shape, overlap: closest.overlap });
    }
  }

  return [...drifts.values()].map((drift) => {
    const name = drift.tool;
    return buildFinding(toolOutputDriftDetector, {
      severity: "medium",
      key: `${name}:${hashText(signShape(drift.after))}`,
      explanation: `${name} returned output with a new shape (keys ${Object.keys(drift.after).join(", ")}) unlike what it returned before (keys ${Object.keys(drift.before).join(", ")}).`,
      stepIds: drift.stepIds,
      evidence: { tool: name, before: drift.before, after: drift.after, overlap: drift.overlap },
    });
  });
}

function quickSignature(output: unknown): string {
  if (output === null || typeof output !== "object" || Array.isArray(output)) return `$:${describeJsonType(output)}`;
  let signature = "";
  for (const key in output) signature += `${key}:${describeJsonType((output as Record<string, unknown>)[key])},`;
  return signature;
}
