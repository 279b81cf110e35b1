import type { StepEventBody, TraceEventBody } from "@loupe/schema";
import type { z } from "zod";

/** A step body as the ingestion API receives it (times as ISO strings); `StepEventBody.parse` accepts it. */
export type StepEventBodyInput = z.input<typeof StepEventBody>;

/** A trace body as the ingestion API receives it; `TraceEventBody.parse` accepts it. */
export type TraceEventBodyInput = z.input<typeof TraceEventBody>;
