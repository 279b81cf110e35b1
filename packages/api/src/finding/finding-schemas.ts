import { z } from "zod";
import { TraceId } from "../trace/trace-schemas.ts";

export const ListTraceFindingsInput = z.object({ traceId: TraceId });

export const DismissFindingInput = z.object({ findingId: z.uuid() });
