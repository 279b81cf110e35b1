import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../client.ts";

export type IssuedApiKey = { id: string; publicKey: string; secret: string };

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Issues a key pair. The secret is returned here once; only its hash is stored. */
export async function createApiKey(
  db: Database,
  { projectId, name }: { projectId: string; name: string },
): Promise<IssuedApiKey> {
  const publicKey = `pk-lp-${randomBytes(12).toString("base64url")}`;
  const secret = `sk-lp-${randomBytes(24).toString("base64url")}`;
  const key = await db.apiKey.create({
    data: { projectId, name, publicKey, secretHash: hashApiKeySecret(secret), secretHint: secret.slice(-4) },
    select: { id: true },
  });
  return { id: key.id, publicKey, secret };
}

export async function revokeApiKey(db: Database, { projectId, apiKeyId }: { projectId: string; apiKeyId: string }) {
  const { count } = await db.apiKey.updateMany({
    where: { id: apiKeyId, projectId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** The live key a secret belongs to, or null; marks it used. The public APIs authenticate with this. */
export async function findActiveApiKey(
  db: Database,
  secret: string,
): Promise<{ id: string; projectId: string; publicKey: string } | null> {
  const key = await db.apiKey.findUnique({
    where: { secretHash: hashApiKeySecret(secret) },
    select: { id: true, projectId: true, publicKey: true, revokedAt: true },
  });
  if (!key || key.revokedAt) return null;
  await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { id: key.id, projectId: key.projectId, publicKey: key.publicKey };
}
