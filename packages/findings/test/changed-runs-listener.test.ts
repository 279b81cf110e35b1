import { buildCorpus, withFreshIds } from "@loupe/fixtures";
import { ensureLocalAdmin, ensureProject } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { ingestEvents, KnownContent, createProjectPricing, recordedRunToEvents } from "@loupe/ingestion";
import type { ChangedRuns } from "@loupe/schema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listenForChangedRuns } from "../src/index.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("hears of every run a committed batch changed, and of those changed while its connection was down", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const projectId = (await ensureProject(database.db, { slug: "listened", name: "Listened", ownerId: admin.id })).id;
  const deps = { pool: database.pool, knownContent: new KnownContent(), ...createProjectPricing(database.pool) };
  const { run } = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!;
  const heard: ChangedRuns[] = [];
  const heardOf = (traceId: string) => heard.some((changed) => changed.projectId === projectId && changed.traceIds.includes(traceId));
  const listener = listenForChangedRuns(database.databaseUrl, (changed) => heard.push(changed), { onError: () => undefined });
  try {
    await listener.ready;
    const first = withFreshIds(run, "listened-first");
    await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(first) });
    await expect.poll(() => heardOf(first.trace.id), { timeout: 10_000 }).toBe(true);

    // The server drops the listening connection; a run stored meanwhile is still reported.
    await database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    const second = withFreshIds(run, "listened-second");
    await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(second) });
    await expect.poll(() => heardOf(second.trace.id), { timeout: 10_000 }).toBe(true);
  } finally {
    await listener.close();
  }
});

it("reports the runs stored before it started listening, from the time it is told", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const projectId = (await ensureProject(database.db, { slug: "catch-up", name: "Catch up", ownerId: admin.id })).id;
  const deps = { pool: database.pool, knownContent: new KnownContent(), ...createProjectPricing(database.pool) };
  const { run } = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!;
  const startedAt = new Date();
  const early = withFreshIds(run, "stored-before-listening");
  await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(early) });

  const heard: ChangedRuns[] = [];
  const listener = listenForChangedRuns(database.databaseUrl, (changed) => heard.push(changed), {
    catchUpFrom: startedAt,
    onError: () => undefined,
  });
  try {
    await expect
      .poll(() => heard.some((changed) => changed.projectId === projectId && changed.traceIds.includes(early.trace.id)), { timeout: 10_000 })
      .toBe(true);
  } finally {
    await listener.close();
  }
});
