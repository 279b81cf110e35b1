import { hintOfSecret, Prisma, type Database, type SecretBox } from "@loupe/db";
import type { ProviderConfig } from "@loupe/replay";
import type { z } from "zod";
import { NotFoundError, ServiceError } from "../errors.ts";
import type { CreateProviderCredentialInput } from "./provider-credential-schemas.ts";

const visibleFields = { id: true, name: true, kind: true, baseUrl: true, apiKeyHint: true, createdAt: true } as const;

export async function listProviderCredentials({ db, projectId }: { db: Database; projectId: string }) {
  return db.providerCredential.findMany({ where: { projectId }, orderBy: { createdAt: "asc" }, select: visibleFields });
}

/** Stores a provider key encrypted; only its last characters are ever shown again. */
export async function createProviderCredential({
  db,
  secrets,
  projectId,
  input,
}: {
  db: Database;
  secrets: SecretBox;
  projectId: string;
  input: z.infer<typeof CreateProviderCredentialInput>;
}) {
  try {
    return await db.providerCredential.create({
      data: {
        projectId,
        name: input.name,
        kind: input.kind,
        baseUrl: input.baseUrl,
        encryptedApiKey: secrets.encrypt(input.apiKey),
        apiKeyHint: hintOfSecret(input.apiKey),
      },
      select: visibleFields,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ServiceError("CONFLICT", `name: a provider key named "${input.name}" already exists.`);
    }
    throw error;
  }
}

export async function deleteProviderCredential({
  db,
  projectId,
  credentialId,
}: {
  db: Database;
  projectId: string;
  credentialId: string;
}) {
  const { count } = await db.providerCredential.deleteMany({ where: { id: credentialId, projectId } });
  if (count === 0) throw new NotFoundError("That provider key does not exist in this project.");
}

/**
 * The credential a replay calls: the one asked for, or else the project's first key of the
 * provider kind the step was recorded with (Anthropic steps go to Anthropic, others to OpenAI-compatible).
 */
export async function resolveProviderConfig({
  db,
  secrets,
  projectId,
  credentialId,
  recordedProvider,
}: {
  db: Database;
  secrets: SecretBox;
  projectId: string;
  credentialId?: string | undefined;
  recordedProvider: string;
}): Promise<{ credentialId: string; config: ProviderConfig }> {
  const kind = recordedProvider.toLowerCase().includes("anthropic") ? "anthropic" : "openai";
  const credential = await db.providerCredential.findFirst({
    where: credentialId ? { id: credentialId, projectId } : { projectId, kind },
    orderBy: { createdAt: "asc" },
  });
  if (!credential) {
    throw new ServiceError(
      "BAD_REQUEST",
      credentialId
        ? "credentialId: that provider key does not exist in this project."
        : `credentialId: add a${kind === "openai" ? "n OpenAI-compatible" : "n Anthropic"} provider key in Settings to replay this step.`,
    );
  }
  return {
    credentialId: credential.id,
    config: {
      kind: credential.kind,
      baseUrl: credential.baseUrl,
      apiKey: secrets.decrypt(credential.encryptedApiKey),
      timeoutMs: 30_000,
      maxRetries: 3,
    },
  };
}
