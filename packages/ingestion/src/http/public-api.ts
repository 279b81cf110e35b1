import { findTraceById, listTraces, listTraceSteps, type Database } from "@loupe/db";
import { TraceStatus } from "@loupe/schema";
import { z } from "zod";
import { ingestEvents, type IngestionDependencies } from "../ingest-events.ts";
import { INGESTION_LIMITS } from "../limits.ts";
import type { ApiKeyAuthenticator, ApiKeyIdentity } from "./authenticate.ts";
import { HttpError, jsonResponse, respondWith } from "./http-error.ts";
import type { RateLimiter } from "./rate-limiter.ts";
import { parseRequestPart, readJsonBody } from "./parse-request.ts";

export type PublicApiDependencies = IngestionDependencies & {
  db: Database;
  authenticator: ApiKeyAuthenticator;
  rateLimiter: RateLimiter;
  /**
   * Told what a request stored, after it is stored: for metrics. Detection hears of changed runs
   * from the database itself (see `announceChangedRuns`).
   */
  onIngested?: (report: IngestionReport) => void;
};

export type IngestionReport = {
  source: "native" | "otlp";
  appliedSteps: number;
  failed: number;
};

/** Every public endpoint starts here: who is calling, and may they call now. */
export async function admitRequest(deps: PublicApiDependencies, request: Request): Promise<ApiKeyIdentity> {
  const identity = await deps.authenticator.authenticate(request.headers.get("authorization"));
  deps.rateLimiter.take(identity.apiKeyId);
  return identity;
}

/** POST /api/public/ingestion: `{ batch: [events] }`; 207 with a result per event when any failed. */
export function handleIngestionBatch(deps: PublicApiDependencies, request: Request): Promise<Response> {
  return respondWith(async () => {
    const { projectId } = await admitRequest(deps, request);
    const batch = parseBatch(await readJsonBody(request, INGESTION_LIMITS.maxBodyBytes));
    const outcome = await ingestEvents(deps, { projectId, rawEvents: batch });
    deps.onIngested?.({ source: "native", appliedSteps: outcome.appliedSteps, failed: outcome.failed });
    const successes = outcome.results.filter((result) => result.status < 300);
    const errors = outcome.results.filter((result) => result.status >= 400);
    return jsonResponse(errors.length > 0 ? 207 : 200, { successes, errors });
  });
}

function parseBatch(parsed: unknown): unknown[] {
  if (typeof parsed !== "object" || parsed === null || !Array.isArray((parsed as { batch?: unknown }).batch)) {
    throw new HttpError(400, 'The body must be an object with a "batch" array of events.', "batch");
  }
  const batch = (parsed as { batch: unknown[] }).batch;
  if (batch.length > INGESTION_LIMITS.maxEventsPerBatch) {
    throw new HttpError(
      413,
      `A batch may hold at most ${INGESTION_LIMITS.maxEventsPerBatch} events; this one has ${batch.length}.`,
      "batch",
    );
  }
  return batch;
}

// `sortKey` is the exact start time as text: a Date alone would lose the microseconds runs differ by.
const Cursor = z.object({
  startTime: z.coerce.date(),
  id: z.string(),
  sortKey: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/).nullish(),
});
const StepsCursor = z.object({ startTime: z.coerce.date(), seq: z.string().regex(/^\d+$/) });

function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decodeCursor<T>(schema: z.ZodType<T>, raw: string | null, field: string): T | undefined {
  if (!raw) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new HttpError(400, `The ${field} is not one this API returned.`, field);
  }
}

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  name: z.string().min(1).optional(),
  userId: z.string().min(1).optional(),
  sessionId: z.string().min(1).optional(),
  status: TraceStatus.optional(),
  environment: z.string().min(1).optional(),
  tag: z.string().min(1).optional(),
  /** Words, "quoted phrases", OR and -excluded words, over names, status messages and content. */
  search: z.string().trim().min(1).max(256).optional(),
  startedAfter: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional(),
  startedBefore: z.iso.datetime({ offset: true }).pipe(z.coerce.date()).optional(),
});


/**
 * Storage bookkeeping that is not part of the public contract: arrival sequence numbers, row
 * timestamps and the project (the caller's key already names it).
 */
const INTERNAL_FIELDS = new Set(["projectId", "seq", "lastUpdateAt", "createdAt", "updatedAt"]);

function withoutInternalFields(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !INTERNAL_FIELDS.has(key)));
}

/** Dates as ISO strings and token counts as numbers: JSON has no bigint. */
function toJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? Number(item) : item)));
}

/** GET /api/public/traces: newest first, filtered, a cursor to the next page. */
export function handleListTraces(deps: PublicApiDependencies, request: Request): Promise<Response> {
  return respondWith(async () => {
    const { projectId } = await admitRequest(deps, request);
    const url = new URL(request.url);
    const { limit, ...filters } = parseRequestPart(ListQuery, Object.fromEntries(url.searchParams), "query");
    const cursor = decodeCursor(Cursor, url.searchParams.get("cursor"), "cursor");
    const page = await listTraces(deps.db, { projectId, limit, cursor, ...filters });
    return jsonResponse(200, {
      data: toJson(page.traces.map(withoutInternalFields)),
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    });
  });
}

const STEPS_PER_RESPONSE = 5_000;

/** GET /api/public/traces/{id}: the run with its steps and content resolved; huge runs continue by cursor. */
export function handleGetTrace(deps: PublicApiDependencies, request: Request, traceId: string): Promise<Response> {
  return respondWith(async () => {
    const { projectId } = await admitRequest(deps, request);
    const url = new URL(request.url);
    const trace = await findTraceById(deps.db, { projectId, traceId });
    if (!trace) throw new HttpError(404, `Trace "${traceId}" was not found in this project.`, "traceId");
    const stepsCursor = decodeCursor(StepsCursor, url.searchParams.get("stepsCursor"), "stepsCursor");
    const page = await listTraceSteps(deps.db, {
      projectId,
      traceId,
      limit: STEPS_PER_RESPONSE,
      cursor: stepsCursor ? { startTime: stepsCursor.startTime, seq: BigInt(stepsCursor.seq) } : undefined,
    });
    return jsonResponse(200, {
      ...(toJson(withoutInternalFields(trace)) as object),
      steps: toJson(page.steps.map(withoutInternalFields)),
      nextStepsCursor: page.nextCursor
        ? encodeCursor({ startTime: page.nextCursor.startTime, seq: page.nextCursor.seq.toString() })
        : null,
    });
  });
}
