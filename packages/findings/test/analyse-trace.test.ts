import { buildCorpus } from "@loupe/fixtures";
import { ensureLocalAdmin, ensureProject } from "@loupe/db";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { storeRecordedRun } from "@loupe/ingestion";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseTrace } from "../src/index.ts";

let database: TestDatabase;
let projectId: string;
const corpus = buildCorpus();
const fixture = (slug: string) => corpus.find((candidate) => candidate.slug === slug)!;

beforeAll(async () => {
  database = await createTestDatabase();
  const admin = await ensureLocalAdmin(database.db);
  projectId = (await ensureProject(database.db, { slug: "findings", name: "Findings", ownerId: admin.id })).id;
});
afterAll(() => database.drop());

describe("analyseTrace", () => {
  it("stores the findings a failing run's labels call for, with evidence, once however often it runs", async () => {
    const { run, expectedFindings } = fixture("repeated-web-search");
    await storeRecordedRun(database.pool, { projectId, run });

    const { findings: first, changed } = await analyseTrace(database.db, { projectId, traceId: run.trace.id });
    expect(changed).toBe(true);
    expect(first.map((finding) => finding.kind)).toEqual(expect.arrayContaining(expectedFindings));
    const again = await analyseTrace(database.db, { projectId, traceId: run.trace.id });
    expect(again).toEqual({ findings: first, changed: false });

    const stored = await database.db.finding.findMany({ where: { projectId, traceId: run.trace.id } });
    expect(stored).toHaveLength(first.length);
    const loop = stored.find((finding) => finding.kind === "repeated_call")!;
    expect(loop.stepIds.length).toBeGreaterThan(2);
    expect(run.steps.map((step) => step.id)).toContain(loop.firstStepId);
    expect(loop.explanation.length).toBeGreaterThan(10);
    const trace = await database.db.trace.findUniqueOrThrow({ where: { projectId_id: { projectId, id: run.trace.id } } });
    expect(trace.findingCount).toBe(stored.length);
  });

  it("finds nothing in a healthy run, and removes findings that no longer hold", async () => {
    const { run } = fixture("healthy-retry-backoff");
    await storeRecordedRun(database.pool, { projectId, run });
    await database.db.finding.create({
      data: { projectId, traceId: run.trace.id, kind: "repeated_call", detectorId: "repeated-call", detectorVersion: 0, groupKey: "stale", severity: "low", explanation: "stale", evidence: {} },
    });
    expect(await analyseTrace(database.db, { projectId, traceId: run.trace.id })).toEqual({ findings: [], changed: true });
    expect(await database.db.finding.count({ where: { projectId, traceId: run.trace.id } })).toBe(0);
  });

  it("answers an unknown run with no findings", async () => {
    expect(await analyseTrace(database.db, { projectId, traceId: "no-such-run" })).toEqual({ findings: [], changed: false });
  });
});
