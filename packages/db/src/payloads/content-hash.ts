import { createHash, hash } from "node:crypto";
import canonicalize from "canonicalize";

/** RFC 8785 canonical JSON: equal values give equal text, whatever their key order. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("Value cannot be represented as JSON");
  return text;
}

/** A SHA-256 digest, in the byte type the database client reads and writes. */
export type ContentHash = Uint8Array<ArrayBuffer>;

export function hashCanonicalJson(canonical: string): ContentHash {
  // The one-shot form: most payloads are single messages, where a Hash object's setup dominates.
  return new Uint8Array(hash("sha256", canonical, "buffer"));
}

export function hashToHex(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString("hex");
}

/** The hash of a message list: the previous list's hash followed by the new message's. */
export function hashMessageNode(parentHash: ContentHash | null, messageHash: ContentHash): ContentHash {
  const hash = createHash("sha256").update("loupe.message-node\0");
  if (parentHash) hash.update(parentHash);
  return new Uint8Array(hash.update(messageHash).digest());
}
