import { z } from "zod";

/** Where the next page of sessions starts: the last row's sort key. */
export const SessionCursor = z.object({ createdAt: z.date(), id: z.string().min(1) });
export type SessionCursor = z.infer<typeof SessionCursor>;

export const ListSessionsInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: SessionCursor.nullish(),
});

export const FindSessionConversationInput = z.object({ sessionId: z.string().min(1).max(256) });
