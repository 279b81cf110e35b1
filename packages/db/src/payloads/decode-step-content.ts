import { hashToHex, type ContentHash } from "./content-hash.ts";

export type NodeLink = { parentHash: ContentHash | null; messageHash: ContentHash };

/** Resolves stored hashes back into JSON, from payloads and message nodes loaded in bulk. */
export class ContentDecoder {
  constructor(
    private readonly payloads: ReadonlyMap<string, unknown>,
    private readonly nodes: ReadonlyMap<string, NodeLink>,
  ) {}

  payload(hash: ContentHash | null): unknown {
    if (!hash) return undefined;
    const key = hashToHex(hash);
    if (!this.payloads.has(key)) throw new Error(`Payload ${key} is missing`);
    return this.payloads.get(key);
  }

  messages(lastNodeHash: ContentHash | null): unknown[] {
    const messages: unknown[] = [];
    let cursor = lastNodeHash;
    while (cursor) {
      const key = hashToHex(cursor);
      const node = this.nodes.get(key);
      if (!node) throw new Error(`Message node ${key} is missing`);
      messages.push(this.payload(node.messageHash));
      cursor = node.parentHash;
    }
    return messages.reverse();
  }

  stepInput(inputHash: ContentHash | null, inputMessagesHash: ContentHash | null): unknown {
    const rest = this.payload(inputHash);
    if (!inputMessagesHash) return rest;
    return { ...(rest as Record<string, unknown> | undefined), messages: this.messages(inputMessagesHash) };
  }
}
