import type { z } from "zod";
import { formatIssues } from "./format-issues.ts";
import { OtlpDecodeError } from "./otlp-decode-error.ts";
import type { OtlpTraceExport } from "./otlp-trace-export.ts";

export function parseWireExport(
  schema: z.ZodType<OtlpTraceExport>,
  wire: unknown,
): OtlpTraceExport {
  const result = schema.safeParse(wire);
  if (!result.success)
    throw new OtlpDecodeError(
      "invalid_export",
      `invalid trace export: ${formatIssues(result.error)}`,
    );
  return result.data;
}
