import type { ContentHash } from "./content-hash.ts";

type Entry = { hash: ContentHash; byteSize: number };

/**
 * Remembers the content hash of recently seen JSON texts, keyed by their plain (not canonical)
 * serialization. Agents re-send their whole conversation at every call: with this, a message
 * already seen costs one native JSON.stringify instead of a canonicalization and a hash.
 * Bounded by the characters it holds; the least recently used texts go first.
 */
export class ContentHashCache {
  private readonly entries = new Map<string, Entry>();
  private heldChars = 0;

  constructor(private readonly maxChars = 32 * 1024 * 1024) {}

  get(text: string): Entry | undefined {
    const entry = this.entries.get(text);
    if (entry) {
      this.entries.delete(text);
      this.entries.set(text, entry);
    }
    return entry;
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
