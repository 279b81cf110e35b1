import { createApiKey, revokeApiKey, type Database } from "@loupe/db";
import { NotFoundError } from "../errors.ts";

/** A project's keys as people may see them: the secret's hint, never its hash. */
export async function listApiKeys({ db, projectId }: { db: Database; projectId: string }) {
  return db.apiKey.findMany({
    where: { projectId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      publicKey: true,
      secretHint: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}

/** The only time the secret leaves the server: the caller must show it now or lose it. */
export async function issueApiKey({
  db,
  projectId,
  name,
}: {
  db: Database;
  projectId: string;
  name: string;
}) {
  const key = await createApiKey(db, { projectId, name });
  return { ...key, name };
}

export async function retireApiKey({
  db,
  projectId,
  apiKeyId,
}: {
  db: Database;
  projectId: string;
  apiKeyId: string;
}) {
  const revoked = await revokeApiKey(db, { projectId, apiKeyId });
  if (!revoked) throw new NotFoundError("No active API key with this id exists in this project.");
  return { id: apiKeyId };
}
