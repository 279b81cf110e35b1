import type { RecordedStep } from "@loupe/schema";

export type ErrorClass = "retryable" | "non_retryable" | "unknown";

const NON_RETRYABLE_STATUS = new Set([400, 401, 403, 404, 405, 409, 410, 413, 415, 422]);
const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

const NON_RETRYABLE_TEXT =
  /\b(unauthori[sz]ed|forbidden|invalid[ _-]?(credentials|api[ _-]?key|argument|request|parameter|token)|permission denied|access denied|not[ _-]found|no such|does not exist|bad request|validation (error|failed)|unprocessable|context[ _-]length[ _-]exceeded)\b/i;
const RETRYABLE_TEXT =
  /\b(time[ _-]?d? ?out|timeout|rate[ _-]?limit(ed)?|too many requests|unavailable|overloaded|try again|retry (later|after)|temporar(y|ily)|connection (reset|refused)|econnreset|etimedout)\b/i;

/** The first HTTP-like status code in a message: "401 Unauthorized", "status=503", "HTTP 429". */
export function extractStatusCode(message: string): number | null {
  const match = /(?:^|[^\d.])([1-5]\d\d)(?![\d.])/.exec(message);
  return match?.[1] ? Number(match[1]) : null;
}

/** Whether retrying an error can help: status codes first, then the wording of the message. */
export function classifyError(message: string, statusCode?: number | null): ErrorClass {
  const code = statusCode ?? extractStatusCode(message);
  if (code !== null && code !== undefined) {
    if (NON_RETRYABLE_STATUS.has(code)) return "non_retryable";
    if (RETRYABLE_STATUS.has(code)) return "retryable";
  }
  if (NON_RETRYABLE_TEXT.test(message)) return "non_retryable";
  if (RETRYABLE_TEXT.test(message)) return "retryable";
  return "unknown";
}

const FAILED_STATUS_WORDS = new Set(["error", "failed", "failure", "denied", "rejected"]);
const SEARCH_TOOL = /(search|find|lookup|query|retriev)/i;
const RESULT_LIST_KEYS = ["results", "documents", "hits", "items", "matches", "records"];

/**
 * Why a step that reported success actually failed, or null: an error field, GraphQL errors
 * beside its data, an HTTP status of 400 or more in its body, `ok: false`/`success: false`, a failed status word, or a search that
 * returned nothing.
 */
export function findDisguisedError(step: Pick<RecordedStep, "kind" | "name" | "tool" | "output">): string | null {
  const output = step.output;
  if (output === null || typeof output !== "object" || Array.isArray(output)) {
    if (Array.isArray(output) && output.length === 0 && isSearchStep(step)) return "empty search result";
    return null;
  }
  const body = output as Record<string, unknown>;
  const error = body.error ?? body.error_message ?? body.errorMessage;
  if (typeof error === "string" && error.length > 0) return `error field: ${error}`;
  if (error !== null && typeof error === "object" && Object.keys(error).length > 0) return "error field";
  // GraphQL answers HTTP 200 with `data` and lists what failed under `errors`. A validator's
  // `errors` (no `data`) describes the input it judged, not a failure of the call.
  if ("data" in body && Array.isArray(body.errors) && body.errors.length > 0) {
    return `GraphQL error: ${describeFirstError(body.errors[0])}`;
  }
  for (const key of ["http_status", "status_code", "statusCode"]) {
    const code = body[key];
    if (typeof code === "number" && code >= 400) return `${key} ${code}`;
  }
  if (body.ok === false || body.success === false) return "success flag is false";
  const status = body.status;
  if (typeof status === "string" && FAILED_STATUS_WORDS.has(status.toLowerCase())) {
    return `status "${status}"`;
  }
  if (isSearchStep(step)) {
    const lists = RESULT_LIST_KEYS.map((key) => body[key]).filter(Array.isArray);
    if (lists.length > 0 && lists.every((list) => list.length === 0)) return "empty search result";
  }
  return null;
}

function isSearchStep(step: Pick<RecordedStep, "kind" | "name" | "tool">): boolean {
  return step.kind === "retrieval" || SEARCH_TOOL.test(step.tool?.name ?? step.name);
}

function describeFirstError(error: unknown): string {
  if (typeof error === "string") return error;
  const message = error !== null && typeof error === "object" && "message" in error ? error.message : undefined;
  return typeof message === "string" ? message : "error";
}
