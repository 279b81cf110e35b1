import {
  findTraceById,
  listTraceSteps,
  listTraces,
  type Database,
  type TraceFilters,
} from "@loupe/db";
import { NotFoundError } from "../errors.ts";
import type { SortOrder, StepCursor, TraceCursor, TraceSort } from "./trace-schemas.ts";

export async function listTracePage({
  db,
  projectId,
  limit,
  cursor,
  ...options
}: {
  db: Database;
  projectId: string;
  limit: number;
  cursor?: TraceCursor | null | undefined;
  sort?: TraceSort | undefined;
  order?: SortOrder | undefined;
} & TraceFilters) {
  return listTraces(db, { projectId, limit, cursor: cursor ?? undefined, ...options });
}

export async function getTrace({
  db,
  projectId,
  traceId,
}: {
  db: Database;
  projectId: string;
  traceId: string;
}) {
  const trace = await findTraceById(db, { projectId, traceId });
  if (!trace) throw new NotFoundError(`Trace "${traceId}" was not found in this project.`);
  return trace;
}

export async function listStepPage({
  db,
  projectId,
  traceId,
  limit,
  cursor,
}: {
  db: Database;
  projectId: string;
  traceId: string;
  limit: number;
  cursor?: StepCursor | null | undefined;
}) {
  return listTraceSteps(db, { projectId, traceId, limit, cursor: cursor ?? undefined });
}
