// The full-text index behind trace search: what text of a payload it sees, that no payload is too
// big to store because of it, and that the trace list's search really uses the hand-managed indexes.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLocalAdmin, ensureProject, Prisma } from "../src/index.ts";
import { buildTracePageSql } from "../src/runs/trace-list-sql.ts";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.ts";

let testDb: TestDatabase;
let projectId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const admin = await ensureLocalAdmin(testDb.db);
  projectId = (
    await ensureProject(testDb.db, { slug: "search", name: "Search", ownerId: admin.id })
  ).id;
});

afterAll(async () => {
  await testDb.drop();
});

async function searchText(body: unknown): Promise<string> {
  const [row] = await testDb.db.$queryRaw<{ text: string }[]>(
    Prisma.sql`SELECT payload_search_text(${JSON.stringify(body)}::jsonb) AS text`,
  );
  return row!.text;
}

async function storePayload(body: unknown) {
  const hash = new Uint8Array(randomBytes(32));
  await testDb.db.payload.create({
    data: { projectId, hash, body: body as Prisma.InputJsonValue, byteSize: 0 },
  });
  return hash;
}

describe("payload_search_text", () => {
  it("sees string and number values, unescaped, and not the keys", async () => {
    const text = await searchText({
      role: "tool",
      content: 'line one\nline "two"',
      items: [{ sku: "TNT-2", quantity: 3, gift: true }],
    });
    expect(text.split(" ")).toEqual(
      expect.arrayContaining(["tool", "line", "one\nline", '"two"', "TNT-2", "3"]),
    );
    expect(text).not.toMatch(/\b(role|content|items|sku|quantity|gift|true)\b/);
  });

  it("sees a payload that is a bare string", async () => {
    expect(await searchText("just words")).toBe("just words");
  });

  it("keeps only the first 32,768 characters", async () => {
    const text = await searchText({ log: "x".repeat(40_000), tail: "needle" });
    expect(text).toHaveLength(32_768);
    expect(text).not.toContain("needle");
  });
});

describe("payload_search_idx", () => {
  it("never keeps a huge payload out: a body whose words would overflow a tsvector is stored", async () => {
    // About 1.4 MB of distinct words: as one tsvector, over PostgreSQL's 1 MB limit.
    const words = Array.from({ length: 200_000 }, (_, index) => `w${index.toString(36)}`);
    await expect(storePayload({ documents: words.join(" ") })).resolves.toBeInstanceOf(Uint8Array);
    // A word longer than the parser indexes is skipped with a notice, not an error.
    await expect(storePayload({ blob: "y".repeat(5_000) })).resolves.toBeInstanceOf(Uint8Array);
  });

  it("is what the trace list's search uses, as are the name indexes and the reference lookups", async () => {
    // Enough rows, analysed, that a selective search is planned from the indexes, as on a real
    // project: 2,000 runs of 3 steps, each with content of its own.
    await testDb.db.$executeRaw`
      INSERT INTO "payload" (project_id, hash, body, byte_size)
      SELECT ${projectId}::uuid, sha256(('p' || i)::bytea), jsonb_build_object('text', 'word' || i || ' shared filler'), 30
      FROM generate_series(1, 6000) AS i`;
    await testDb.db.$executeRaw`
      INSERT INTO "trace" (project_id, id, name, start_time, input_hash)
      SELECT ${projectId}::uuid, 'run-' || i, 'agent ' || i, now() - i * interval '1 minute', sha256(('p' || i)::bytea)
      FROM generate_series(1, 2000) AS i`;
    await testDb.db.$executeRaw`
      INSERT INTO "step" (project_id, id, trace_id, name, start_time, input_hash, output_hash)
      SELECT ${projectId}::uuid, 'step-' || i || '-' || j, 'run-' || i, 'tool ' || i || '-' || j, now(),
             sha256(('p' || (2000 + i))::bytea), sha256(('p' || (4000 + i))::bytea)
      FROM generate_series(1, 2000) AS i, generate_series(1, 3) AS j`;
    await testDb.db.$executeRaw`ANALYZE`;

    const sql = buildTracePageSql({
      projectId,
      limit: 51,
      cursor: undefined,
      sort: "startTime",
      order: "desc",
      filters: { search: "word4321" },
    });
    const plan = await testDb.db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
    const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
    for (const index of [
      "payload_search_idx",
      "trace_search_idx",
      "step_search_idx",
      "step_project_id_output_hash_idx",
      "trace_pkey",
    ]) {
      expect(text).toContain(index);
    }
    const found = await testDb.db.$queryRaw<{ id: string }[]>(sql);
    // Payload 4321 is the output of run 321's steps.
    expect(found.map((row) => row.id)).toEqual(["run-321"]);
  });
});
