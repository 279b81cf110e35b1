import { ExternalId } from "@loupe/schema";
import type { AttributeBag } from "./attribute-bag.ts";
import { type JsonValue, readStructured } from "./json-value.ts";

/** A trace-level value one span states, and the attributes it came from. */
export type Claim<T> = { value: T; keys: string[] };

/** What a span says about its whole trace: the conversation, the user and tags. */
export type TraceFacts = {
  sessionId?: Claim<string>;
  userId?: Claim<string>;
  tags: Claim<string[]>[];
};

const SESSION_KEYS = ["gen_ai.conversation.id", "session.id"];
const USER_KEYS = ["user.id", "enduser.id"];
const TAG_KEYS = ["loupe.tags", "tag.tags"];
const MAX_USER_ID_LENGTH = 256;
const MAX_TAG_LENGTH = 128;

function claimFirst(
  bag: AttributeBag,
  keys: string[],
  isValid: (value: string) => boolean,
): Claim<string> | undefined {
  for (const key of keys) {
    const value = bag.string(key);
    if (value !== undefined && isValid(value)) return { value, keys: [key] };
  }
  return undefined;
}

/** A list of strings, a JSON list of strings, or a comma-separated string. */
function readTags(value: JsonValue | undefined): string[] | undefined {
  const structured = readStructured(value);
  const tags =
    typeof structured === "string" ? structured.split(",").map((tag) => tag.trim()) : structured;
  if (!Array.isArray(tags)) return undefined;
  const valid = tags.every(
    (tag) => typeof tag === "string" && tag !== "" && tag.length <= MAX_TAG_LENGTH,
  );
  return valid ? (tags as string[]) : undefined;
}

export function readTraceFacts(bag: AttributeBag): TraceFacts {
  const sessionId = claimFirst(bag, SESSION_KEYS, (value) => ExternalId.safeParse(value).success);
  const userId = claimFirst(bag, USER_KEYS, (value) => value.length <= MAX_USER_ID_LENGTH);
  const tags = TAG_KEYS.flatMap((key) => {
    const value = readTags(bag.get(key));
    return value ? [{ value, keys: [key] }] : [];
  });
  return { ...(sessionId ? { sessionId } : {}), ...(userId ? { userId } : {}), tags };
}
