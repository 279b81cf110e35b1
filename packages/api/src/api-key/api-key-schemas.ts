import { z } from "zod";

export const CreateApiKeyInput = z.object({ name: z.string().trim().min(1).max(100) });

export const RevokeApiKeyInput = z.object({ apiKeyId: z.uuid() });
