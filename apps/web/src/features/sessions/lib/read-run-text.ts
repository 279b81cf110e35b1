/**
 * A run's input and output as the text of a chat turn. Senders shape them freely — a bare string,
 * `{ question }`, `{ messages: [...] }`, content parts — so the common shapes are read as text and
 * anything else is shown as its JSON.
 */

const INPUT_KEYS = ["question", "input", "query", "prompt", "message", "text", "content"];
const OUTPUT_KEYS = [
  "answer",
  "output",
  "response",
  "reply",
  "result",
  "text",
  "content",
  "message",
];

/** What the user asked in a run, or null when the run recorded no input. */
export function readUserInput(input: unknown): string | null {
  return readTurnText(input, { keys: INPUT_KEYS, role: "user" });
}

/** The run's final answer, or null when the run recorded no output. */
export function readFinalAnswer(output: unknown): string | null {
  return readTurnText(output, { keys: OUTPUT_KEYS, role: "assistant" });
}

function readTurnText(
  value: unknown,
  { keys, role }: { keys: readonly string[]; role: string },
): string | null {
  if (value === null || value === undefined) return null;
  return readPlainText(value, { keys, role }) ?? JSON.stringify(value, null, 2);
}

/** The text a value plainly holds, looking one level into the usual wrappers; null if none. */
function readPlainText(
  value: unknown,
  { keys, role }: { keys: readonly string[]; role: string },
  depth = 0,
): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (depth > 2 || typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) return readMessagesOrParts(value, role);
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.messages)) {
    const text = readMessagesOrParts(record.messages, role);
    if (text !== null) return text;
  }
  for (const key of keys) {
    if (!(key in record)) continue;
    const text = readPlainText(record[key], { keys, role }, depth + 1);
    if (text !== null) return text;
  }
  return null;
}

/** The last message of a role in a chat transcript, or the joined text of content parts. */
function readMessagesOrParts(items: readonly unknown[], role: string): string | null {
  const records = items.filter(
    (item): item is Record<string, unknown> => typeof item === "object" && item !== null,
  );
  if (records.length === 0 || records.length !== items.length) return null;
  if (records.every((item) => typeof item.role === "string")) {
    const message = records.findLast((item) => item.role === role);
    return message ? readContent(message.content) : null;
  }
  return readContent(records);
}

function readContent(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  const texts = content.flatMap((part: unknown) => {
    if (typeof part === "string") return [part];
    if (typeof part === "object" && part !== null && "text" in part) {
      return typeof part.text === "string" ? [part.text] : [];
    }
    return [];
  });
  return texts.length > 0 ? texts.join("\n") : null;
}
