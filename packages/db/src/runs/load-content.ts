import type { Database } from "../client.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { hashToHex, type ContentHash } from "../payloads/content-hash.ts";
import { ContentDecoder, type NodeLink } from "../payloads/decode-step-content.ts";

type HashedContent = {
  inputHash?: Uint8Array | null;
  inputMessagesHash?: Uint8Array | null;
  outputHash?: Uint8Array | null;
};

/** Loads, in two queries, every payload and message node that a set of rows refers to. */
export async function loadContent(
  db: Database,
  { projectId, rows }: { projectId: string; rows: readonly HashedContent[] },
): Promise<ContentDecoder> {
  const chainHeads = rows.flatMap((row) => (row.inputMessagesHash ? [row.inputMessagesHash] : []));
  const nodes = new Map<string, NodeLink>();
  if (chainHeads.length > 0) {
    // UNION (not UNION ALL) walks a prefix shared by many steps only once.
    const found = await db.$queryRaw<{ hash: ContentHash; parent_hash: ContentHash | null; message_hash: ContentHash }[]>(
      Prisma.sql`
        WITH RECURSIVE chain AS (
          SELECT hash, parent_hash, message_hash FROM "message_node"
          WHERE project_id = ${projectId}::uuid AND hash = ANY(${chainHeads}::bytea[])
          UNION
          SELECT n.hash, n.parent_hash, n.message_hash FROM "message_node" n
          JOIN chain c ON n.project_id = ${projectId}::uuid AND n.hash = c.parent_hash
        )
        SELECT hash, parent_hash, message_hash FROM chain`,
    );
    for (const node of found) {
      nodes.set(hashToHex(node.hash), { parentHash: node.parent_hash, messageHash: node.message_hash });
    }
  }

  const payloadKeys = new Set<string>();
  for (const row of rows) {
    for (const hash of [row.inputHash, row.outputHash]) if (hash) payloadKeys.add(hashToHex(hash));
  }
  for (const node of nodes.values()) payloadKeys.add(hashToHex(node.messageHash));

  const payloads = new Map<string, unknown>();
  if (payloadKeys.size > 0) {
    const found = await db.payload.findMany({
      where: { projectId, hash: { in: [...payloadKeys].map((key) => new Uint8Array(Buffer.from(key, "hex"))) } },
      select: { hash: true, body: true },
    });
    for (const payload of found) payloads.set(hashToHex(payload.hash), payload.body);
  }
  return new ContentDecoder(payloads, nodes);
}
