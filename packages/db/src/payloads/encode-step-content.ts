import { canonicalJson, hashCanonicalJson, hashMessageNode, hashToHex, type ContentHash } from "./content-hash.ts";
import type { ContentHashCache } from "./content-hash-cache.ts";

export type PayloadRecord = { hash: ContentHash; body: unknown; byteSize: number };
export type MessageNodeRecord = {
  hash: ContentHash;
  parentHash: ContentHash | null;
  messageHash: ContentHash;
  depth: number;
};

/**
 * Collects the payloads and message-list nodes of many steps, keeping each distinct one once:
 * a conversation re-sent at every call costs one new node per new message, not a new copy.
 */
export class ContentEncoder {
  readonly payloads = new Map<string, PayloadRecord>();
  readonly messageNodes = new Map<string, MessageNodeRecord>();

  constructor(private readonly hashCache?: ContentHashCache) {}

  /** Stores any JSON value once; undefined stays undefined. */
  encodePayload(value: unknown): ContentHash | null {
    if (value === undefined) return null;
    const { hash, byteSize } = this.hashValue(value);
    const key = hashToHex(hash);
    if (!this.payloads.has(key)) this.payloads.set(key, { hash, body: value, byteSize });
    return hash;
  }

  private hashValue(value: unknown): { hash: ContentHash; byteSize: number } {
    if (!this.hashCache) return this.hashCanonically(value);
    const text = JSON.stringify(value);
    const cached = this.hashCache.get(text);
    if (cached) return cached;
    const computed = this.hashCanonically(value);
    this.hashCache.set(text, computed);
    return computed;
  }

  private hashCanonically(value: unknown) {
    const canonical = canonicalJson(value);
    return { hash: hashCanonicalJson(canonical), byteSize: Buffer.byteLength(canonical) };
  }

  /** Stores a message list as a chain of nodes and returns the hash of its last node. */
  encodeMessages(messages: readonly unknown[]): ContentHash | null {
    let parentHash: ContentHash | null = null;
    messages.forEach((message, index) => {
      const messageHash = this.encodePayload(message) as ContentHash;
      const hash = hashMessageNode(parentHash, messageHash);
      const key = hashToHex(hash);
      if (!this.messageNodes.has(key)) {
        this.messageNodes.set(key, { hash, parentHash, messageHash, depth: index + 1 });
      }
      parentHash = hash;
    });
    return parentHash;
  }

  /**
   * Splits a step's input into its conversation (when it has one) and the rest, so that the
   * conversation is shared across calls and the rest (tool definitions…) is deduplicated whole.
   */
  encodeStepInput(input: unknown): { inputHash: ContentHash | null; inputMessagesHash: ContentHash | null } {
    if (!hasMessageList(input)) return { inputHash: this.encodePayload(input), inputMessagesHash: null };
    const { messages, ...rest } = input;
    return {
      inputHash: Object.keys(rest).length > 0 ? this.encodePayload(rest) : null,
      inputMessagesHash: this.encodeMessages(messages),
    };
  }
}

function hasMessageList(value: unknown): value is { messages: unknown[] } & Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { messages?: unknown }).messages)
  );
}
