import type { Database, SecretBox } from "@loupe/db";
import type { z } from "zod";
import { NotFoundError, ServiceError } from "../errors.ts";
import { resolvePromptVersion } from "../prompt/prompt-service.ts";
import type { StartReplayBatchInput } from "./replay-schemas.ts";
import { runReplay } from "./replay-service.ts";

type StartInput = z.infer<typeof StartReplayBatchInput>;
type Target = { traceId: string; stepId: string };

/** The recorded steps a batch replays: those of a saved dataset, or the newest steps of the prompt. */
async function selectTargets(db: Database, projectId: string, input: StartInput): Promise<Target[]> {
  const { selection } = input;
  if (selection.datasetId) {
    const dataset = await db.dataset.findFirst({ where: { id: selection.datasetId, projectId } });
    if (!dataset) throw new NotFoundError("selection.datasetId: that dataset does not exist in this project.");
    return db.datasetItem.findMany({
      where: { datasetId: dataset.id },
      orderBy: { createdAt: "asc" },
      take: selection.limit,
      select: { traceId: true, stepId: true },
    });
  }
  const steps = await db.step.findMany({
    where: {
      projectId,
      kind: "llm",
      promptName: input.promptName,
      ...(selection.recordedVersion ? { promptVersion: selection.recordedVersion } : {}),
      ...(selection.traceName ? { trace: { name: selection.traceName } } : {}),
    },
    orderBy: { startTime: "desc" },
    take: selection.limit,
    select: { traceId: true, id: true },
  });
  return steps.map((step) => ({ traceId: step.traceId, stepId: step.id }));
}

/**
 * Starts replaying a prompt version over many recorded steps and returns at once; the batch row
 * carries the progress. At most `concurrency` calls are in flight, and no new call starts once
 * the cost so far reaches the cap.
 */
export async function startReplayBatch({
  db,
  secrets,
  projectId,
  input,
  fetchImpl,
}: {
  db: Database;
  secrets: SecretBox;
  projectId: string;
  input: StartInput;
  fetchImpl?: typeof fetch | undefined;
}) {
  const version = await resolvePromptVersion({ db, projectId, name: input.promptName, version: input.promptVersion });
  const targets = await selectTargets(db, projectId, input);
  if (targets.length === 0) {
    throw new ServiceError("BAD_REQUEST", "selection: no recorded steps match; widen the selection.");
  }
  const batch = await db.replayBatch.create({
    data: {
      projectId,
      promptVersionId: version.id,
      providerCredentialId: input.credentialId ?? null,
      selection: input.selection,
      concurrency: input.concurrency,
      costCap: input.costCap ?? null,
      total: targets.length,
    },
  });
  const done = runBatch({ db, secrets, projectId, batchId: batch.id, targets, input, fetchImpl });
  done.catch((error: unknown) => console.error("Loupe: a replay batch failed", error));
  return { batch, done };
}

async function runBatch({
  db,
  secrets,
  projectId,
  batchId,
  targets,
  input,
  fetchImpl,
}: {
  db: Database;
  secrets: SecretBox;
  projectId: string;
  batchId: string;
  targets: Target[];
  input: StartInput;
  fetchImpl?: typeof fetch | undefined;
}) {
  let next = 0;
  let cost = 0;
  let stoppedAtCap = false;
  // Assigned inside the workers; declared this way so the type survives closure narrowing.
  let fatal = null as string | null;
  // Kept so a batch with failed steps says why, not only how many.
  let firstError = null as string | null;

  const worker = async () => {
    while (next < targets.length && !fatal) {
      if (input.costCap !== undefined && cost >= input.costCap) {
        stoppedAtCap = true;
        return;
      }
      const target = targets[next++];
      if (!target) return;
      const outcome = await replayOne({ db, secrets, projectId, batchId, target, input, fetchImpl }).catch((error: unknown) => {
        // A step that cannot be rebuilt is counted as failed; a missing provider key stops the batch.
        const message = error instanceof Error ? error.message : String(error);
        if (message.startsWith("credentialId:")) fatal = message;
        firstError ??= message;
        return { failed: true, changed: false, validatorFailed: false, cost: 0 };
      });
      cost += outcome.cost;
      await db.replayBatch.update({
        where: { id: batchId },
        data: {
          completed: { increment: 1 },
          failed: { increment: outcome.failed ? 1 : 0 },
          changed: { increment: !outcome.failed && outcome.changed ? 1 : 0 },
          unchanged: { increment: !outcome.failed && !outcome.changed ? 1 : 0 },
          validatorFailures: { increment: outcome.validatorFailed ? 1 : 0 },
          cost: { increment: outcome.cost },
        },
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(input.concurrency, targets.length) }, worker));
  await db.replayBatch.update({
    where: { id: batchId },
    data: {
      status: fatal ? "failed" : stoppedAtCap ? "stopped_at_cost_cap" : "succeeded",
      error: (fatal ?? firstError)?.slice(0, 1_000) ?? null,
      finishedAt: new Date(),
    },
  });
}

async function replayOne({
  db,
  secrets,
  projectId,
  batchId,
  target,
  input,
  fetchImpl,
}: {
  db: Database;
  secrets: SecretBox;
  projectId: string;
  batchId: string;
  target: Target;
  input: StartInput;
  fetchImpl?: typeof fetch | undefined;
}) {
  const replay = await runReplay({
    db,
    secrets,
    projectId,
    ...target,
    promptVersion: input.promptVersion,
    credentialId: input.credentialId,
    validators: input.validators,
    batchId,
    fetchImpl,
  });
  const comparison = replay.comparison as { output?: { changed?: boolean } } | null;
  const validation = (replay.validation ?? []) as { passed: boolean }[];
  return {
    failed: replay.status !== "succeeded",
    changed: comparison?.output?.changed ?? false,
    validatorFailed: validation.some((result) => !result.passed),
    cost: replay.cost ?? 0,
  };
}

export async function getReplayBatch({ db, projectId, batchId }: { db: Database; projectId: string; batchId: string }) {
  const batch = await db.replayBatch.findFirst({
    where: { id: batchId, projectId },
    include: {
      promptVersion: { select: { version: true, prompt: { select: { name: true } } } },
      replays: {
        orderBy: { createdAt: "asc" },
        take: 500,
        omit: { request: true, response: true },
      },
    },
  });
  if (!batch) throw new NotFoundError("That replay batch does not exist in this project.");
  return batch;
}

export async function listReplayBatches({ db, projectId }: { db: Database; projectId: string }) {
  return db.replayBatch.findMany({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { promptVersion: { select: { version: true, prompt: { select: { name: true } } } } },
  });
}
