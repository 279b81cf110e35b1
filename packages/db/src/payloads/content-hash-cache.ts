import type { ContentHash } from "./content-hash.ts";

type Entry = { hash: ContentHash; hex: string; byteSize: number };

/**
 * Remembers the content hash of recently seen JSON texts, keyed by their plain (not canonical)
 * serialization. Agents re-send their whole conversation at every call: with this, a message
 * already seen costs one native JSON.stringify instead of a canonicalization and a hash.
 * Bounded by the characters it holds; the oldest texts go first. A hit does not renew a text: that
 * would cost two more comparisons of a long key, and a text evicted while still in use costs one
 * hash to learn again.
 */
export class ContentHashCache {
  private readonly entries = new Map<string, Entry>();
  private heldChars = 0;
  /** Message-chain node hashes by parent and message hash: a re-sent conversation re-walks them all. */
  private readonly nodes = new Map<string, Omit<Entry, "byteSize">>();

  constructor(
    private readonly maxChars = 32 * 1024 * 1024,
    private readonly maxNodes = 100_000,
  ) {}

  messageNode(key: string, compute: () => Omit<Entry, "byteSize">): Omit<Entry, "byteSize"> {
    let node = this.nodes.get(key);
    if (!node) {
      node = compute();
      this.nodes.set(key, node);
      if (this.nodes.size > this.maxNodes) this.nodes.delete(this.nodes.keys().next().value!);
    }
    return node;
  }

  get(text: string): Entry | undefined {
    return this.entries.get(text);
  }

  set(text: string, entry: Entry) {
    if (text.length > this.maxChars / 16 || this.entries.has(text)) return;
    this.entries.set(text, entry);
    this.heldChars += text.length;
    for (const oldest of this.entries.keys()) {
      if (this.heldChars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.heldChars -= oldest.length;
    }
  }
}
