import { isDeepStrictEqual } from "node:util";
import { detectFindings, type Finding } from "@loupe/analysis";
import { findTraceFields, listTraceSteps, type Database } from "@loupe/db";
import type { RecordedStep } from "@loupe/schema";
import { loadProjectHistory } from "./load-project-history.ts";
import { readProjectAnalysisSettings } from "./project-analysis-settings.ts";
import { recountOpenFindings } from "./recount-open-findings.ts";

type StoredStep = Awaited<ReturnType<typeof listTraceSteps>>["steps"][number];

const PAGE = 5_000;

/** A stored step as the detectors read it: Loupe's own price stands in when the sender gave none. */
function toRecordedStep(step: StoredStep): RecordedStep {
  const hasUsage = step.inputTokens !== null || step.outputTokens !== null;
  const cost = step.providedCost ?? step.calculatedCost;
  return {
    id: step.id,
    parentId: step.parentId,
    kind: step.kind,
    name: step.name,
    status: step.status,
    startTime: step.startTime,
    attributes: (step.attributes ?? {}) as Record<string, unknown>,
    ...(step.agentName ? { agentName: step.agentName } : {}),
    ...(step.statusMessage ? { statusMessage: step.statusMessage } : {}),
    ...(step.endTime ? { endTime: step.endTime } : {}),
    ...(step.model ? { model: step.model } : {}),
    ...(step.provider ? { provider: step.provider } : {}),
    ...(step.toolName ? { tool: { name: step.toolName, ...(step.toolCallId ? { callId: step.toolCallId } : {}) } } : {}),
    ...(step.input !== undefined ? { input: step.input } : {}),
    ...(step.output !== undefined ? { output: step.output } : {}),
    ...(hasUsage
      ? {
          usage: {
            input: step.inputTokens ?? 0,
            output: step.outputTokens ?? 0,
            cached: step.cachedTokens ?? 0,
            reasoning: step.reasoningTokens ?? 0,
            estimated: step.usageEstimated,
          },
        }
      : {}),
    ...(cost !== null ? { providedCost: cost } : {}),
  };
}

async function loadSteps(db: Database, projectId: string, traceId: string): Promise<RecordedStep[]> {
  const steps: RecordedStep[] = [];
  let cursor: Parameters<typeof listTraceSteps>[1]["cursor"];
  do {
    const page = await listTraceSteps(db, { projectId, traceId, limit: PAGE, cursor });
    steps.push(...page.steps.map(toRecordedStep));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return steps;
}

type StoredFinding = Awaited<ReturnType<Database["finding"]["findMany"]>>[number];

/** The stored form of a finding's fields, so that a finding read back compares equal to a fresh one. */
function storedFields(finding: Finding) {
  return {
    kind: finding.kind,
    detectorVersion: finding.detectorVersion,
    severity: finding.severity,
    explanation: finding.explanation,
    evidence: JSON.parse(JSON.stringify(finding.evidence)) as object,
    stepIds: finding.stepIds,
    firstStepId: finding.firstStepId,
  };
}

function sameFindings(stored: readonly StoredFinding[], fresh: readonly Finding[]): boolean {
  if (stored.length !== fresh.length) return false;
  const byKey = new Map(stored.map((finding) => [`${finding.detectorId}\u0000${finding.groupKey}`, finding]));
  return fresh.every((finding) => {
    const match = byKey.get(`${finding.detectorId}\u0000${finding.groupKey}`);
    if (!match) return false;
    const { kind, detectorVersion, severity, explanation, evidence, stepIds, firstStepId } = match;
    return isDeepStrictEqual({ kind, detectorVersion, severity, explanation, evidence, stepIds, firstStepId }, storedFields(finding));
  });
}

export type TraceAnalysis = {
  findings: Finding[];
  /** Whether the stored findings changed: a run re-analysed after a batch usually finds the same. */
  changed: boolean;
};

/**
 * Runs the detectors over a stored run, with the project's settings and its history before the
 * run, and makes its findings match: a finding that grew is updated in place (same detector and
 * group key), one that no longer holds is removed, and the run's finding count follows. When the
 * findings are those already stored, nothing is written, so a run streaming in takes no lock here.
 */
export async function analyseTrace(
  db: Database,
  { projectId, traceId }: { projectId: string; traceId: string },
): Promise<TraceAnalysis> {
  // The run's own input and output are never read by the detectors: not loaded.
  const trace = await findTraceFields(db, { projectId, traceId });
  if (!trace) return { findings: [], changed: false };
  const steps = await loadSteps(db, projectId, traceId);
  const { settings } = await readProjectAnalysisSettings(db, projectId);
  const history = await loadProjectHistory(db, { projectId, trace, steps, settings });
  const findings = detectFindings({
    steps,
    trace: { id: trace.id, name: trace.name, status: trace.status, startTime: trace.startTime, ...(trace.endTime ? { endTime: trace.endTime } : {}) },
    settings,
    history,
  });
  const stored = await db.finding.findMany({ where: { projectId, traceId } });
  if (sameFindings(stored, findings)) return { findings, changed: false };

  await db.$transaction(async (tx) => {
    await tx.finding.deleteMany({
      where: {
        projectId,
        traceId,
        NOT: { OR: findings.map((finding) => ({ detectorId: finding.detectorId, groupKey: finding.groupKey })) },
      },
    });
    for (const finding of findings) {
      const fields = storedFields(finding);
      await tx.finding.upsert({
        where: {
          projectId_traceId_detectorId_groupKey: { projectId, traceId, detectorId: finding.detectorId, groupKey: finding.groupKey },
        },
        create: { projectId, traceId, detectorId: finding.detectorId, groupKey: finding.groupKey, ...fields },
        update: fields,
      });
    }
    await recountOpenFindings(tx, { projectId, traceId });
  });
  return { findings, changed: true };
}
