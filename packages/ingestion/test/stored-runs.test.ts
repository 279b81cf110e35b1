import type { RecordedRun } from "@loupe/schema";
import { RecordedRun as RecordedRunSchema } from "@loupe/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ensureLocalAdmin,
  ensureProject,
  findTraceById,
  listTraces,
  listTraceSteps,
  type Database,
  type SqlPool,
} from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { storeRecordedRun } from "../src/index.ts";

let database: TestDatabase;
let db: Database;
let pool: SqlPool;
let projectId: string;
let otherProjectId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  pool = database.pool;
  const admin = await ensureLocalAdmin(db);
  projectId = (await ensureProject(db, { slug: "store-run", name: "Store run", ownerId: admin.id })).id;
  otherProjectId = (await ensureProject(db, { slug: "other", name: "Other", ownerId: admin.id })).id;
});
afterAll(() => database.drop());

/** A support agent that calls the model `turns` times, re-sending its growing conversation. */
function buildAgentRun(traceId: string, turns: number, start = new Date("2026-11-01T10:00:00Z")): RecordedRun {
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const messages: { role: "system" | "user" | "assistant" | "tool"; content: string | null; toolCallId?: string }[] = [
    { role: "system", content: "You are Acme's support agent. Answer from the knowledge base." },
    { role: "user", content: "Where is my order #1042?" },
  ];
  const steps: RecordedRun["steps"] = [
    { id: `${traceId}-root`, parentId: null, kind: "agent", name: "support-agent", status: "ok", startTime: at(0), endTime: at(turns * 2 + 1), attributes: {} },
  ];
  for (let turn = 0; turn < turns; turn++) {
    steps.push({
      id: `${traceId}-llm-${turn}`,
      parentId: `${traceId}-root`,
      kind: "llm",
      name: "chat",
      status: "ok",
      startTime: at(turn * 2),
      endTime: at(turn * 2 + 1),
      model: "gpt-4o-mini",
      provider: "openai",
      modelParameters: { temperature: 0 },
      prompt: { name: "support-system", version: 3, variables: { company: "Acme" } },
      input: { messages: messages.map((message) => ({ ...message })), tools: [{ name: "get_order", description: "Look up an order" }] },
      output: { message: { role: "assistant", content: `Checking (${turn})` } },
      usage: { input: 100 * (turn + 1), output: 20, cached: 0, reasoning: 0, estimated: false },
      providedCost: 0.001,
      attributes: {},
    });
    steps.push({
      id: `${traceId}-tool-${turn}`,
      parentId: `${traceId}-root`,
      kind: "tool",
      name: "get_order",
      status: turn === 1 ? "error" : "ok",
      ...(turn === 1 ? { statusMessage: "503 upstream unavailable" } : {}),
      startTime: at(turn * 2 + 1),
      endTime: at(turn * 2 + 1.5),
      tool: { name: "get_order", callId: `call_${turn}` },
      input: { orderId: "1042" },
      output: { status: "shipped", carrier: "<b>UPS</b>" },
      attributes: { "http.status_code": turn === 1 ? 503 : 200 },
    });
    messages.push({ role: "assistant", content: `Checking (${turn})` });
    messages.push({ role: "tool", content: '{"status":"shipped"}', toolCallId: `call_${turn}` });
  }
  return RecordedRunSchema.parse({
    trace: {
      id: traceId,
      name: "support-agent",
      sessionId: `session-${traceId}`,
      userId: "user-7",
      release: "support-agent@1.4.2",
      tags: ["support", "orders"],
      status: "ok",
      startTime: at(0),
      endTime: at(turns * 2 + 1),
      input: { question: "Where is my order #1042?" },
      output: { answer: "It shipped." },
    },
    steps,
    scores: [{ name: "helpfulness", value: 0.8, source: "human" }],
  });
}

async function readAllSteps(traceId: string, pageSize: number) {
  const steps = [];
  let cursor: Parameters<typeof listTraceSteps>[1]["cursor"];
  do {
    const page = await listTraceSteps(db, { projectId, traceId, limit: pageSize, cursor });
    steps.push(...page.steps);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return steps;
}

describe("storeRecordedRun", () => {
  it("stores a run that reads back exactly, in order, page by page", async () => {
    const run = buildAgentRun("trace-roundtrip", 6);
    await storeRecordedRun(pool, { projectId, run });

    const steps = await readAllSteps("trace-roundtrip", 4);
    expect(steps.map((step) => step.id)).toEqual(run.steps.map((step) => step.id));
    steps.forEach((stored, index) => {
      const recorded = run.steps[index]!;
      expect(stored.input).toEqual(recorded.input);
      expect(stored.output).toEqual(recorded.output);
      expect(stored.kind).toBe(recorded.kind);
      expect(stored.promptName).toBe(recorded.prompt?.name ?? null);
      expect(stored.toolName).toBe(recorded.tool?.name ?? null);
    });

    const trace = await findTraceById(db, { projectId, traceId: "trace-roundtrip" });
    expect(trace).toMatchObject({
      name: "support-agent",
      stepCount: 13,
      errorCount: 1,
      tags: ["orders", "support"],
      input: { question: "Where is my order #1042?" },
      output: { answer: "It shipped." },
    });
    expect(trace?.inputTokens).toBe(BigInt(100 * (1 + 2 + 3 + 4 + 5 + 6)));
    expect(trace?.totalCost).toBeCloseTo(0.006, 9);
  });

  it("is idempotent: storing the same run twice changes nothing", async () => {
    const run = buildAgentRun("trace-twice", 4);
    await storeRecordedRun(pool, { projectId, run });
    const count = async () => ({
      steps: await db.step.count({ where: { projectId, traceId: "trace-twice" } }),
      payloads: await db.payload.count({ where: { projectId } }),
      nodes: await db.messageNode.count({ where: { projectId } }),
      scores: await db.score.count({ where: { projectId, traceId: "trace-twice" } }),
    });
    const before = await count();
    await storeRecordedRun(pool, { projectId, run });
    expect(await count()).toEqual(before);
    expect(before.steps).toBe(9);
  });

  it("stores a conversation re-sent at every call once", async () => {
    const turns = 40;
    await storeRecordedRun(pool, { projectId: otherProjectId, run: buildAgentRun("trace-linear", turns) });
    // system + user, then an assistant and a tool message per turn: 2 + 2 * turns distinct messages,
    // of which the conversation sent to the model holds all but the last two.
    const nodes = await db.messageNode.count({ where: { projectId: otherProjectId } });
    expect(nodes).toBe(2 + 2 * (turns - 1));
  });

  it("keeps projects apart even when they use the same trace id", async () => {
    await storeRecordedRun(pool, { projectId: otherProjectId, run: buildAgentRun("trace-roundtrip", 2) });
    const mine = await findTraceById(db, { projectId, traceId: "trace-roundtrip" });
    const theirs = await findTraceById(db, { projectId: otherProjectId, traceId: "trace-roundtrip" });
    expect(mine?.stepCount).toBe(13);
    expect(theirs?.stepCount).toBe(5);
  });

  it("lists traces newest first with a cursor that neither skips nor repeats", async () => {
    const start = new Date("2026-10-01T00:00:00Z");
    const admin = await ensureLocalAdmin(db);
    const listProject = (await ensureProject(db, { slug: "list", name: "List", ownerId: admin.id })).id;
    for (let index = 0; index < 7; index++) {
      // Two runs share each start time, so the id must break ties.
      const startTime = new Date(start.getTime() + Math.floor(index / 2) * 60_000);
      await storeRecordedRun(pool, { projectId: listProject, run: buildAgentRun(`list-${index}`, 1, startTime) });
    }
    const seen: string[] = [];
    let cursor: Parameters<typeof listTraces>[1]["cursor"];
    do {
      const page = await listTraces(db, { projectId: listProject, limit: 3, cursor });
      seen.push(...page.traces.map((trace) => trace.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["list-6", "list-5", "list-4", "list-3", "list-2", "list-1", "list-0"]);
  });
});
