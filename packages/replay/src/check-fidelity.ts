import type { ChatMessage } from "@loupe/schema";
import { isSameJson } from "./canonical-json.ts";
import { describeFirstDifference, measureWordOverlap } from "./message-text.ts";
import { rebuildWithPromptVersion } from "./rebuild-request.ts";
import { fingerprintRequest, type ReplayRequest } from "./replay-request.ts";

export type RequestDifference = { path: string; recorded: unknown; rebuilt: unknown };

export type FidelityReport =
  | { ok: true; fingerprint: string }
  | {
      ok: false;
      recordedFingerprint: string;
      /** Absent when no request could be rebuilt at all. */
      rebuiltFingerprint?: string;
      explanation: string;
      differences: RequestDifference[];
    };

/**
 * Where the rendering most likely belongs when it cannot be found verbatim: the window whose
 * messages share the most roles and words with it, so the differences point at the edited text.
 */
function findLikeliestWindow(messages: ChatMessage[], rendered: ChatMessage[]): number {
  let best = { start: 0, score: -1 };
  const lastStart = Math.max(messages.length - rendered.length, 0);
  for (let start = 0; start <= lastStart; start++) {
    const score = rendered.reduce((sum, message, offset) => {
      const recorded = messages[offset + start];
      if (recorded?.role !== message.role) return sum;
      return sum + 1 + measureWordOverlap(recorded.content, message.content);
    }, 0);
    if (score > best.score) best = { start, score };
  }
  return best.start;
}

function substituteRendering(recorded: ReplayRequest, rendered: ChatMessage[]): ReplayRequest {
  const start = findLikeliestWindow(recorded.messages, rendered);
  const messages = [...recorded.messages];
  messages.splice(start, rendered.length, ...rendered);
  return { ...recorded, messages };
}

function listMessageDifferences(
  recorded: ChatMessage[],
  rebuilt: ChatMessage[],
): RequestDifference[] {
  const differences: RequestDifference[] = [];
  for (let index = 0; index < Math.max(recorded.length, rebuilt.length); index++) {
    const before = recorded[index];
    const after = rebuilt[index];
    if (!before || !after) {
      differences.push({ path: `messages[${index}]`, recorded: before, rebuilt: after });
      continue;
    }
    const fields = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<
      keyof ChatMessage
    >;
    for (const field of fields) {
      if (!isSameJson(before[field], after[field]))
        differences.push({
          path: `messages[${index}].${field}`,
          recorded: before[field],
          rebuilt: after[field],
        });
    }
  }
  return differences;
}

function listRequestDifferences(
  recorded: ReplayRequest,
  rebuilt: ReplayRequest,
): RequestDifference[] {
  const fields = ["provider", "model", "tools", "parameters"] as const;
  return [
    ...fields
      .filter((field) => !isSameJson(recorded[field], rebuilt[field]))
      .map((field) => ({ path: field, recorded: recorded[field], rebuilt: rebuilt[field] })),
    ...listMessageDifferences(recorded.messages, rebuilt.messages),
  ];
}

function quoteValue(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

const MESSAGE_FIELD = /^messages\[(\d+)\](?:\.(\w+))?$/;

function explainDifference(
  difference: RequestDifference,
  recorded: ReplayRequest,
  promptName: string,
): string {
  const [, index, field] = MESSAGE_FIELD.exec(difference.path) ?? [];
  const message = index === undefined ? undefined : recorded.messages[Number(index)];
  if (!message)
    return `${difference.path} differs from what ${promptName} renders: recorded ${quoteValue(difference.recorded)}, rebuilt ${quoteValue(difference.rebuilt)}`;
  const subject = `message ${index} (${message.role})`;
  if (field === "content")
    return `${subject} differs from what ${promptName} renders: ${describeFirstDifference(message.content, typeof difference.rebuilt === "string" ? difference.rebuilt : null)}`;
  return `${subject} has ${field} ${quoteValue(difference.recorded)} in the recording, but ${promptName} renders ${quoteValue(difference.rebuilt)}`;
}

/**
 * Whether a prompt version reproduces a recorded request: rebuild the request with the version's
 * own rendering and compare fingerprints. A replay against another version is only meaningful when
 * this holds, because otherwise the difference includes whatever the app added outside the prompt.
 */
export function checkFidelity(options: {
  recorded: ReplayRequest;
  recordedRendering: ChatMessage[];
  /** How explanations name the prompt version, e.g. "support-agent v3". */
  promptLabel?: string;
}): FidelityReport {
  const { recorded, recordedRendering } = options;
  const promptName = options.promptLabel ? `prompt ${options.promptLabel}` : "the prompt version";
  const recordedFingerprint = fingerprintRequest(recorded);
  if (recordedRendering.length === 0)
    return {
      ok: false,
      recordedFingerprint,
      explanation: `${promptName} rendered no messages, so there is nothing to compare`,
      differences: [],
    };

  const rebuild = rebuildWithPromptVersion({
    recorded,
    recordedRendering,
    newRendering: recordedRendering,
  });
  const rebuilt = rebuild.ok ? rebuild.request : substituteRendering(recorded, recordedRendering);
  const rebuiltFingerprint = fingerprintRequest(rebuilt);
  if (rebuiltFingerprint === recordedFingerprint)
    return { ok: true, fingerprint: recordedFingerprint };

  const differences = listRequestDifferences(recorded, rebuilt);
  const [first] = differences;
  const more = differences.length > 1 ? ` (and ${differences.length - 1} more differences)` : "";
  return {
    ok: false,
    recordedFingerprint,
    rebuiltFingerprint,
    differences,
    explanation: first
      ? `${explainDifference(first, recorded, promptName)}${more}`
      : "the rebuilt request has a different fingerprint",
  };
}
