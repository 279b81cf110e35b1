import type { StepStatus } from "@loupe/schema";
import type { OtlpSpan } from "../decode/otlp-trace-export.ts";
import { readEventAttributes } from "./span-view.ts";

const STATUS_CODE_OK = 1;
const STATUS_CODE_ERROR = 2;

/** The message of the span's first `exception` event (its type when it has no message). */
function readExceptionMessage(span: OtlpSpan): string | undefined {
  for (const event of span.events) {
    if (event.name !== "exception") continue;
    const attributes = readEventAttributes(event);
    const message = attributes["exception.message"] ?? attributes["exception.type"];
    if (typeof message === "string" && message !== "") return message;
  }
  return undefined;
}

/** ERROR is an error; OK, or UNSET on an ended span, is ok; a span that has not ended is running. */
export function readSpanStatus(span: OtlpSpan): { status: StepStatus; statusMessage?: string } {
  const message = span.status.message === "" ? undefined : span.status.message;
  if (span.status.code === STATUS_CODE_ERROR) {
    const statusMessage = message ?? readExceptionMessage(span);
    return { status: "error", ...(statusMessage === undefined ? {} : { statusMessage }) };
  }
  const status =
    span.status.code === STATUS_CODE_OK || span.endTimeUnixNano > 0n ? "ok" : "running";
  return { status, ...(message === undefined ? {} : { statusMessage: message }) };
}
