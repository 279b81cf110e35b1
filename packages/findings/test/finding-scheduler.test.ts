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

it("hands a run to alerting when its findings change, one run at a time, and again when that failed", async () => {
  const admin = await ensureLocalAdmin(database.db);
  const projectId = (await ensureProject(database.db, { slug: "after-analysis", name: "After analysis", ownerId: admin.id })).id;
  const deps = { pool: database.pool, knownContent: new KnownContent(), ...createProjectPricing(database.pool) };
  const loop = buildCorpus().find((fixture) => fixture.slug === "repeated-web-search")!.run;
  const healthy = buildCorpus().find((fixture) => fixture.slug === "healthy-support-order-status")!.run;
  const loops = ["first", "second", "third"].map((copy) => withFreshIds(loop, `alerting-${copy}`));
  for (const run of [...loops, healthy]) await ingestEvents(deps, { projectId, rawEvents: recordedRunToEvents(run) });

  let alerting = 0;
  let mostAtOnce = 0;
  let failNext = true;
  const handedOver: string[] = [];
  const scheduler = new FindingScheduler(database.db, {
    delayMillis: 10,
    concurrency: 2,
    onError: () => undefined,
    afterAnalysis: async ({ traceId }) => {
      mostAtOnce = Math.max(mostAtOnce, ++alerting);
      await new Promise((resolve) => setTimeout(resolve, 50));
      alerting--;
      if (failNext) {
        failNext = false;
        throw new Error("alerting is down");
      }
      handedOver.push(traceId);
    },
  });
  scheduler.schedule(projectId, [...loops, healthy].map((run) => run.trace.id));
  await scheduler.idle();
  // The hand-over that failed was made again: every loop reached alerting, the healthy run never.
  expect([...handedOver].sort()).toEqual(loops.map((run) => run.trace.id).sort());
  expect(mostAtOnce).toBe(1);

  // Nothing new arrived: the same findings, so alerting has nothing to look at.
  scheduler.schedule(projectId, [loops[0]!.trace.id]);
  await scheduler.idle();
  expect(handedOver).toHaveLength(loops.length);
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
  // The real database, with each analysis's read of its stored findings held for a moment, so
  // that analyses in flight at once can be counted.
  let inFlight = 0;
  let mostAtOnce = 0;
  const findings = database.db.finding;
  const slowFindings = new Proxy(findings, {
    get: (target, property) =>
      property === "findMany"
        ? async (...args: Parameters<typeof findings.findMany>) => {
            mostAtOnce = Math.max(mostAtOnce, ++inFlight);
            await new Promise((resolve) => setTimeout(resolve, 150));
            inFlight--;
            return target.findMany(...args);
          }
        : (Reflect.get(target, property) as unknown),
  });
  const db = new Proxy(database.db, {
    get: (target, property) => (property === "finding" ? slowFindings : (Reflect.get(target, property) as unknown)),
  });
  const scheduler = new FindingScheduler(db, { delayMillis: 10, concurrency: 2 });
  scheduler.schedule(projectId, traceIds);
  await scheduler.idle();
  expect(mostAtOnce).toBe(2);
  const stored = await database.db.finding.groupBy({ by: ["traceId"], where: { projectId } });
  expect(stored.map((row) => row.traceId).sort()).toEqual([...traceIds].sort());
});
