import type { IngestionEvent, RecordedRun, RecordedStep } from "@loupe/schema";

/** A recorded run as the native API events a well-behaved SDK would send: one create per object. */
export function recordedRunToEvents(run: RecordedRun): IngestionEvent[] {
  const { trace } = run;
  const at = trace.endTime ?? trace.startTime;
  const events: IngestionEvent[] = [
    {
      id: `${trace.id}:trace`,
      type: "trace-create",
      timestamp: trace.startTime,
      body: {
        id: trace.id,
        name: trace.name,
        sessionId: trace.sessionId,
        userId: trace.userId,
        release: trace.release,
        environment: trace.environment,
        tags: trace.tags,
        metadata: trace.metadata,
        status: trace.status,
        statusMessage: trace.statusMessage,
        startTime: trace.startTime,
        endTime: trace.endTime,
        input: trace.input,
        output: trace.output,
      },
    },
    ...run.steps.map((step): IngestionEvent => ({
      id: `${trace.id}:step:${step.id}`,
      type: "step-create",
      timestamp: step.startTime,
      body: stepBody(trace.id, step),
    })),
    ...run.scores.map((score, index): IngestionEvent => ({
      id: `${trace.id}:score:${index}`,
      type: "score-create",
      timestamp: at,
      body: { id: `${trace.id}:score:${index}`, traceId: trace.id, ...score },
    })),
  ];
  return events;
}

function stepBody(traceId: string, step: RecordedStep) {
  return {
    id: step.id,
    traceId,
    parentId: step.parentId,
    kind: step.kind,
    name: step.name,
    agentName: step.agentName,
    status: step.status,
    statusMessage: step.statusMessage,
    startTime: step.startTime,
    endTime: step.endTime,
    model: step.model,
    provider: step.provider,
    modelParameters: step.modelParameters,
    prompt: step.prompt,
    tool: step.tool,
    input: step.input,
    output: step.output,
    usage: step.usage,
    cost: step.providedCost,
    attributes: step.attributes,
  };
}
