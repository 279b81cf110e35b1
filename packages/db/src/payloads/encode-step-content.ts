import { canonicalJson, hashCanonicalJson, hashMessageNode, hashToHex, type ContentHash } from "./content-hash.ts";
import type { ContentHashCache } from "./content-hash-cache.ts";

type HashedContent = { hash: ContentHash; hex: string };

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
    return value === undefined ? null : this.storePayload(value).hash;
  }

  private storePayload(value: unknown): HashedContent {
    const { hash, hex, byteSize } = this.hashValue(value);
    if (!this.payloads.has(hex)) this.payloads.set(hex, { hash, body: value, byteSize });
    return { hash, hex };
  }

  private hashValue(value: unknown): { hash: ContentHash; hex: string; byteSize: number } {
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
    const hash = hashCanonicalJson(canonical);
    return { hash, hex: hashToHex(hash), byteSize: Buffer.byteLength(canonical) };
  }

  /** Stores a message list as a chain of nodes and returns the hash of its last node. */
  encodeMessages(messages: readonly unknown[]): ContentHash | null {
    let parent: HashedContent | null = null;
    for (const [index, message] of messages.entries()) {
      const stored = this.storePayload(message);
      const node = this.hashNode(parent, stored);
      if (!this.messageNodes.has(node.hex)) {
        this.messageNodes.set(node.hex, { hash: node.hash, parentHash: parent?.hash ?? null, messageHash: stored.hash, depth: index + 1 });
      }
      parent = node;
    }
    return parent?.hash ?? null;
  }

  private hashNode(parent: HashedContent | null, message: HashedContent): HashedContent {
    const compute = () => {
      const hash = hashMessageNode(parent?.hash ?? null, message.hash);
      return { hash, hex: hashToHex(hash) };
    };
    return this.hashCache ? this.hashCache.messageNode(`${parent?.hex ?? ""}:${message.hex}`, compute) : compute();
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
