import { randomUUID } from "node:crypto";
import { SecretBox, ensureProject, type Database } from "@loupe/db";
import { RecordedRun } from "@loupe/schema";
import { TRPCError } from "@trpc/server";
import { createCaller, createContext, type SessionUser } from "../../src/index.ts";

export const testSecrets = new SecretBox("loupe-api-tests-secret-key");

export async function createUser(db: Database): Promise<SessionUser> {
  const unique = randomUUID().slice(0, 8);
  return db.user.create({
    data: { email: `user-${unique}@example.test`, name: `User ${unique}` },
    select: { id: true, email: true, name: true },
  });
}

/** A new user who owns a new project, and a caller acting as them. */
export async function createProjectOwner(db: Database) {
  const user = await createUser(db);
  const slug = `project-${randomUUID().slice(0, 8)}`;
  const project = await ensureProject(db, { slug, name: `Project ${slug}`, ownerId: user.id });
  return { user, project, caller: createCaller(createContext({ db, user, secrets: testSecrets })) };
}

export function callAs(db: Database, user: SessionUser | null) {
  return createCaller(createContext({ db, user, secrets: testSecrets }));
}

/** A two-step run (an llm call that asks for a tool, then the tool) starting at `startTime`. */
export function buildRun({
  traceId,
  startTime,
  sessionId,
  status = "ok",
}: {
  traceId: string;
  startTime: Date;
  sessionId?: string;
  status?: "ok" | "error";
}): RecordedRun {
  const at = (ms: number) => new Date(startTime.getTime() + ms);
  return RecordedRun.parse({
    trace: {
      id: traceId,
      name: "support-agent",
      ...(sessionId ? { sessionId, userId: "customer-1" } : {}),
      status,
      startTime,
      endTime: at(1_500),
      input: { question: "Where is my order?" },
      output: { answer: "It ships tomorrow." },
    },
    steps: [
      {
        id: `${traceId}-llm`,
        parentId: null,
        kind: "llm",
        name: "plan",
        status: "ok",
        startTime: at(0),
        endTime: at(900),
        model: "gpt-4o-mini",
        provider: "openai",
        input: {
          messages: [
            { role: "system", content: "You are a support agent." },
            { role: "user", content: "Where is my order?" },
          ],
        },
        output: {
          role: "assistant",
          content: null,
          toolCalls: [{ id: "call-1", name: "lookup_order", arguments: { orderId: "A-1" } }],
        },
        usage: { input: 120, output: 30 },
        providedCost: 0.0004,
      },
      {
        id: `${traceId}-tool`,
        parentId: `${traceId}-llm`,
        kind: "tool",
        name: "lookup_order",
        status,
        startTime: at(1_000),
        endTime: at(1_400),
        tool: { name: "lookup_order", callId: "call-1" },
        input: { orderId: "A-1" },
        output: { shipsOn: "tomorrow" },
      },
    ],
  });
}

/** The TRPCError a call fails with; fails the test if it succeeds or throws anything else. */
export async function catchTrpcError(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("Expected the call to fail with a TRPCError");
}
