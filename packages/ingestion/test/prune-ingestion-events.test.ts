import { ensureLocalAdmin, ensureProject } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnownContent, ingestEvents, pruneIngestionEvents, type IngestionDependencies } from "../src/index.ts";

let database: TestDatabase;
let deps: IngestionDependencies;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = {
    pool: database.pool,
    knownContent: new KnownContent(),
    estimateUsage: () => ({ input: 0, output: 0 }),
    calculateCost: () => null,
  };
});
afterAll(() => database.drop());

const traceEvent = (id: string, name: string) => ({
  id,
  type: "trace-create",
  timestamp: "2026-11-20T10:00:00Z",
  body: { id: `run-${id}`, name, startTime: "2026-11-20T10:00:00Z" },
});

describe("pruneIngestionEvents", () => {
  it("forgets only event ids older than the cutoff, leaving the runs they wrote", async () => {
    const admin = await ensureLocalAdmin(database.db);
    const projectId = (await ensureProject(database.db, { slug: "prune", name: "Prune", ownerId: admin.id })).id;
    await ingestEvents(deps, { projectId, rawEvents: [traceEvent("old", "first"), traceEvent("new", "first")] });
    await database.pool.query(`UPDATE "ingestion_event" SET received_at = now() - interval '10 days' WHERE id = 'old'`);

    const removed = await pruneIngestionEvents(database.pool, { before: new Date(Date.now() - 7 * 86_400_000) });
    expect(removed).toBe(1);
    const remaining = await database.pool.query<{ id: string }>(`SELECT id FROM "ingestion_event" WHERE project_id = $1`, [projectId]);
    expect(remaining.rows.map((row) => row.id)).toEqual(["new"]);
    expect(await database.db.trace.count({ where: { projectId } })).toBe(2);

    // Within the window a retry is still recognised; past it, the id is simply new again.
    const retried = await ingestEvents(deps, { projectId, rawEvents: [traceEvent("new", "renamed")] });
    expect(retried.results[0]).toMatchObject({ duplicate: true });
    expect(await pruneIngestionEvents(database.pool, { before: new Date(Date.now() - 7 * 86_400_000) })).toBe(0);
    expect(await pruneIngestionEvents(database.pool, { before: new Date(Date.now() + 60_000) })).toBe(1);
    const afterWindow = await ingestEvents(deps, { projectId, rawEvents: [traceEvent("new", "renamed")] });
    expect(afterWindow.results[0]).toMatchObject({ status: 201 });
  });
});
