import { findStep, type Database, type Prisma, type SecretBox } from "@loupe/db";
import { calculateCost } from "@loupe/pricing";
import {
  ProviderError,
  ReplayInputError,
  buildRecordedRequest,
  callProvider,
  checkFidelity,
  compareOutputs,
  fingerprintRequest,
  pinDeterminism,
  rebuildWithPromptVersion,
  renderPrompt,
  runValidators,
  usageDelta,
  type ProviderResult,
  type ReplayRequest,
  type Validator,
} from "@loupe/replay";
import { LlmOutput, type ChatMessage } from "@loupe/schema";
import { NotFoundError, ServiceError } from "../errors.ts";
import { resolvePromptVersion, type PromptVersionView } from "../prompt/prompt-service.ts";
import { resolveProviderConfig } from "../provider-credential/provider-credential-service.ts";

type StepRef = { projectId: string; traceId: string; stepId: string };
type StoredStep = NonNullable<Awaited<ReturnType<typeof findStep>>>;

async function loadLlmStep(db: Database, ref: StepRef): Promise<StoredStep> {
  const step = await findStep(db, ref);
  if (!step) throw new NotFoundError(`Step "${ref.stepId}" was not found in run "${ref.traceId}".`);
  if (step.kind !== "llm") throw new ServiceError("BAD_REQUEST", `stepId: only LLM steps can be replayed; this one is a ${step.kind} step.`);
  return step;
}

/** The recorded version, when the step names one that the registry holds. */
async function findRecordedVersion(db: Database, projectId: string, step: StoredStep) {
  if (!step.promptName || step.promptVersion === null) return null;
  try {
    return await resolvePromptVersion({ db, projectId, name: step.promptName, version: step.promptVersion });
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

function renderOrExplain(
  version: PromptVersionView,
  variables: unknown,
): { messages: ChatMessage[] } | { error: string } {
  try {
    return { messages: renderPrompt(version.template, (variables ?? {}) as Record<string, unknown>) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** What was recorded, what would be sent, and whether the rebuild is faithful: nothing is called. */
export async function planReplay({
  db,
  projectId,
  traceId,
  stepId,
  promptVersion,
}: StepRef & { db: Database; promptVersion?: number | undefined }) {
  const step = await loadLlmStep(db, { projectId, traceId, stepId });
  let recorded: ReplayRequest;
  try {
    recorded = buildRecordedRequest({
      provider: step.provider,
      model: step.model,
      modelParameters: step.modelParameters as Record<string, unknown> | null,
      input: step.input,
    });
  } catch (error) {
    if (error instanceof ReplayInputError) throw new ServiceError("BAD_REQUEST", error.message);
    throw error;
  }
  const recordedFingerprint = fingerprintRequest(recorded);
  const promptLabel = step.promptName ? `${step.promptName} v${step.promptVersion ?? "?"}` : null;
  const recordedVersion = await findRecordedVersion(db, projectId, step);
  const recordedRendering = recordedVersion ? renderOrExplain(recordedVersion, step.promptVariables) : null;

  const fidelity = !step.promptName
    ? { ok: false as const, explanation: "The step does not say which prompt version it was rendered from, so it replays exactly as recorded." }
    : !recordedVersion
      ? { ok: false as const, explanation: `The registry has no ${promptLabel}; create that version to check the rebuild and replay other versions.` }
      : recordedRendering && "messages" in recordedRendering
        ? checkFidelity({ recorded, recordedRendering: recordedRendering.messages, promptLabel: promptLabel ?? undefined })
        : { ok: false as const, explanation: `${promptLabel} cannot be rendered with the recorded variables: ${recordedRendering?.error}` };

  const target =
    promptVersion === undefined || promptVersion === step.promptVersion || !step.promptName
      ? recordedVersion
      : await resolvePromptVersion({ db, projectId, name: step.promptName, version: promptVersion });

  // Only the prompt's own messages change; model, parameters, history and tools stay as recorded.
  let request = recorded;
  let replaced: { start: number; end: number } | null = null;
  let rebuildError: string | null = null;
  if (target && recordedRendering && "messages" in recordedRendering) {
    const targetRendering = renderOrExplain(target, step.promptVariables);
    if ("error" in targetRendering) {
      rebuildError = `${step.promptName} v${target.version} cannot be rendered with the recorded variables: ${targetRendering.error}`;
    } else {
      const rebuilt = rebuildWithPromptVersion({
        recorded,
        recordedRendering: recordedRendering.messages,
        newRendering: targetRendering.messages,
      });
      if (rebuilt.ok) {
        request = rebuilt.request;
        replaced = rebuilt.replaced;
      } else rebuildError = rebuilt.reason;
    }
  } else if (promptVersion !== undefined && promptVersion !== step.promptVersion) {
    rebuildError = "The recorded prompt version is not in the registry, so its messages cannot be told apart from the rest.";
  }
  if (rebuildError && promptVersion !== undefined && promptVersion !== step.promptVersion) {
    throw new ServiceError("BAD_REQUEST", `promptVersion: ${rebuildError}`);
  }

  const pinned = pinDeterminism(request);
  return {
    step: {
      id: step.id,
      traceId: step.traceId,
      name: step.name,
      model: step.model,
      provider: step.provider,
      promptName: step.promptName,
      recordedVersion: step.promptVersion,
      variables: step.promptVariables,
      inputTokens: step.inputTokens,
      outputTokens: step.outputTokens,
      cost: step.providedCost ?? step.calculatedCost,
      latencyMs: step.endTime ? step.endTime.getTime() - step.startTime.getTime() : null,
      output: readRecordedMessage(step.output),
    },
    recordedFingerprint,
    fidelity,
    promptVersion: target?.version ?? null,
    promptVersionId: target?.id ?? null,
    replaced,
    rebuildError,
    request: pinned.request,
    fingerprint: fingerprintRequest(pinned.request),
    temperature: pinned.temperature,
    seed: pinned.seed,
  };
}

/** The recorded completion as one assistant message, whatever shape the sender gave it. */
function readRecordedMessage(output: unknown): ChatMessage {
  const parsed = LlmOutput.safeParse(output);
  if (parsed.success) return parsed.data.message;
  return { role: "assistant", content: output === undefined || output === null ? null : typeof output === "string" ? output : JSON.stringify(output) };
}

export type ReplayPlan = Awaited<ReturnType<typeof planReplay>>;

/**
 * Replays one step and stores the result. The same request (same fingerprint, same provider key)
 * replayed again is answered from the first successful replay at no cost.
 */
export async function runReplay({
  db,
  secrets,
  projectId,
  traceId,
  stepId,
  promptVersion,
  credentialId,
  validators,
  batchId,
  fetchImpl,
}: StepRef & {
  db: Database;
  secrets: SecretBox;
  promptVersion?: number | undefined;
  credentialId?: string | undefined;
  validators: Validator[];
  batchId?: string | undefined;
  fetchImpl?: typeof fetch | undefined;
}) {
  const plan = await planReplay({ db, projectId, traceId, stepId, promptVersion });
  const provider = await resolveProviderConfig({
    db,
    secrets,
    projectId,
    credentialId,
    recordedProvider: plan.request.provider,
  });
  const base = {
    projectId,
    traceId,
    stepId,
    promptVersionId: plan.promptVersionId,
    providerCredentialId: provider.credentialId,
    batchId: batchId ?? null,
    fingerprint: plan.fingerprint,
    request: plan.request as Prisma.InputJsonObject,
    temperature: plan.temperature,
    seed: plan.seed,
  };

  const cached = await db.replay.findFirst({
    where: { projectId, fingerprint: plan.fingerprint, providerCredentialId: provider.credentialId, status: "succeeded" },
    orderBy: { createdAt: "asc" },
  });
  let result: Pick<ProviderResult, "message" | "usage" | "latencyMs" | "attempts"> & { cost: number | null; cacheHit: boolean };
  if (cached?.response) {
    result = {
      message: cached.response as ChatMessage,
      usage: { input: cached.inputTokens ?? 0, output: cached.outputTokens ?? 0 },
      latencyMs: cached.latencyMs ?? 0,
      attempts: 0,
      cost: 0,
      cacheHit: true,
    };
  } else {
    try {
      const called = await callProvider(provider.config, plan.request, fetchImpl ? { fetch: fetchImpl } : {});
      const priced = calculateCost({ provider: plan.request.provider, model: plan.request.model, usage: called.usage });
      result = { ...called, cost: priced?.costUsd ?? null, cacheHit: false };
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      return db.replay.create({
        data: { ...base, status: "failed", error: error.message, attempts: error.attempts },
      });
    }
  }

  const comparison = {
    output: compareOutputs(plan.step.output, result.message),
    deltas: usageDelta({
      recorded: {
        inputTokens: plan.step.inputTokens ?? undefined,
        outputTokens: plan.step.outputTokens ?? undefined,
        cost: plan.step.cost ?? undefined,
        latencyMs: plan.step.latencyMs ?? undefined,
      },
      replayed: { inputTokens: result.usage.input, outputTokens: result.usage.output, cost: result.cost ?? undefined, latencyMs: result.latencyMs },
    }),
  };
  return db.replay.create({
    data: {
      ...base,
      status: "succeeded",
      response: result.message as Prisma.InputJsonObject,
      inputTokens: result.usage.input,
      outputTokens: result.usage.output,
      cost: result.cost,
      latencyMs: result.latencyMs,
      attempts: result.attempts,
      cacheHit: result.cacheHit,
      comparison: comparison as unknown as Prisma.InputJsonObject,
      validation: runValidators(validators, result.message) as unknown as Prisma.InputJsonArray,
    },
  });
}

export async function listStepReplays({ db, projectId, traceId, stepId }: StepRef & { db: Database }) {
  return db.replay.findMany({
    where: { projectId, traceId, stepId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { promptVersion: { select: { version: true } } },
  });
}

export async function getReplay({ db, projectId, replayId }: { db: Database; projectId: string; replayId: string }) {
  const replay = await db.replay.findFirst({
    where: { id: replayId, projectId },
    include: { promptVersion: { select: { version: true, prompt: { select: { name: true } } } } },
  });
  if (!replay) throw new NotFoundError("That replay does not exist in this project.");
  return replay;
}

export async function listReplays({
  db,
  projectId,
  limit,
  cursor,
}: {
  db: Database;
  projectId: string;
  limit: number;
  cursor?: string | null | undefined;
}) {
  const rows = await db.replay.findMany({
    where: { projectId, batchId: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: { promptVersion: { select: { version: true, prompt: { select: { name: true } } } } },
    omit: { request: true, response: true },
  });
  const page = rows.slice(0, limit);
  return { replays: page, nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
