import { buildCorpus, withFreshIds } from "@loupe/fixtures";
import { ensureLocalAdmin, ensureProject } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { ingestEvents, KnownContent, createProjectPricing, recordedRunToEvents } from "@loupe/ingestion";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FindingScheduler } from "../src/index.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("finds a loop as the run streams in, once however many batches it arrives in", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const projectId = (await ensureProject(database.db, { slug: "streaming", name: "Streaming", ownerId: admin.id })).id;
  const deps = { pool: database.pool, knownContent: new KnownContent(), ...createProjectPricing(database.pool) };
  const { run } = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!;
  const events = recordedRunToEvents(run);
  const scheduler = new FindingScheduler(database.db, { delayMillis: 50 });

  // The run arrives in small batches, as a live agent sends it.
  for (let start = 0; start < events.length; start += 4) {
    const outcome = await ingestEvents(deps, { projectId, rawEvents: events.slice(start, start + 4) });
    scheduler.schedule(projectId, outcome.traceIds);
  }
  await scheduler.idle();

  const findings = await database.db.finding.findMany({ where: { projectId, traceId: run.trace.id } });
  expect(findings.filter((finding) => finding.kind === "repeated_call")).toHaveLength(1);
  const trace = await database.db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId, id: run.trace.id } } });
  expect(trace.findingCount).toBe(findings.length);
});

it("hands a run to alerting when its findings change, not each time it is re-analysed", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const projectId = (await ensureProject(database.db, { slug: "after-analysis", name: "After analysis", ownerId: admin.id })).id;
  const deps = { pool: database.pool, knownContent: new KnownContent(), ...createProjectPricing(database.pool) };
  const { run } = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!;
  const handedOver: string[] = [];
  const scheduler = new FindingScheduler(database.db, {
    delayMillis: 10,
    afterAnalysis: ({ traceId }) => Promise.resolve(handedOver.push(traceId)),
  });

  await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(run) });
  scheduler.schedule(projectId, [run.trace.id]);
  await scheduler.idle();
  expect(handedOver).toEqual([run.trace.id]);

  // Nothing new arrived: the same findings, so alerting has nothing to look at.
  scheduler.schedule(projectId, [run.trace.id]);
  await scheduler.idle();
  expect(handedOver).toEqual([run.trace.id]);

  // Findings deleted behind its back are restored, and alerting hears of them again.
  await database.db.finding.deleteMany({ where: { projectId, traceId: run.trace.id } });
  scheduler.schedule(projectId, [run.trace.id]);
  await scheduler.idle();
  expect(handedOver).toEqual([run.trace.id, run.trace.id]);
});

it("analyses up to its concurrency of runs at once", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const projectId = (await ensureProject(database.db, { slug: "concurrent", name: "Concurrent", ownerId: admin.id })).id;
  const deps = { pool: database.pool, knownContent: new KnownContent(), ...createProjectPricing(database.pool) };
  const { run } = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!;
  const traceIds: string[] = [];
  for (const copy of ["a", "b", "c", "d"]) {
    const copied = withFreshIds(run, `concurrent-${copy}`);
    await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(copied) });
    traceIds.push(copied.trace.id);
  }
  let inFlight = 0;
  let mostAtOnce = 0;
  const handedOver: string[] = [];
  const scheduler = new FindingScheduler(database.db, {
    delayMillis: 10,
    concurrency: 2,
    afterAnalysis: async ({ traceId }) => {
      inFlight++;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight--;
      handedOver.push(traceId);
    },
  });
  scheduler.schedule(projectId, traceIds);
  await scheduler.idle();
  expect([...handedOver].sort()).toEqual([...traceIds].sort());
  expect(mostAtOnce).toBe(2);
});
