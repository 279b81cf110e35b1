import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { storeRecordedRun } from "@loupe/ingestion";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildRun, callAs, catchTrpcError, createProjectOwner, createUser } from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

describe("analysisSettings", () => {
  it("shows the defaults until a project changes them, then which fields it overrides", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    const initial = await caller.analysisSettings.get({ projectId: project.id });
    expect(initial.overriddenFields).toEqual([]);
    expect(initial.settings).toMatchObject({ repeatThreshold: 3, spikeThresholdMads: 3.5, budgets: {} });

    const saved = await caller.analysisSettings.save({
      projectId: project.id,
      settings: { ...initial.settings, repeatThreshold: 4, budgets: { perRunUsd: 2 } },
    });
    expect(saved.overriddenFields).toEqual(["repeatThreshold", "budgets"]);
    expect(await caller.analysisSettings.get({ projectId: project.id })).toEqual(saved);
    expect(saved.settings).toMatchObject({ repeatThreshold: 4, retryStormThreshold: 3, budgets: { perRunUsd: 2 } });

    const reset = await caller.analysisSettings.save({ projectId: project.id, settings: { ...saved.settings, repeatThreshold: 3 } });
    expect(reset.overriddenFields).toEqual(["budgets"]);
  });

  it("keeps the project's other settings, such as price overrides", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    await caller.priceOverride.save({ projectId: project.id, overrides: [{ model: "in-house", inputPerMillion: 1, outputPerMillion: 2 }] });
    await caller.analysisSettings.save({ projectId: project.id, settings: { maxSteps: 500 } });
    expect(await caller.priceOverride.list({ projectId: project.id })).toHaveLength(1);
    const stored = await testDb.db.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(stored.settings).toMatchObject({ analysis: { maxSteps: 500 }, priceOverrides: [{ model: "in-house" }] });
  });

  it("refuses an invalid value, naming the field", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    const error = await catchTrpcError(
      caller.analysisSettings.save({ projectId: project.id, settings: { budgets: { perRunUsd: -1 } } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^settings\.budgets\.perRunUsd: Too small/);
  });

  it("lets only owners and admins change settings or re-analyse, and keeps strangers out", async () => {
    const { project } = await createProjectOwner(testDb.db);
    const member = await createUser(testDb.db);
    await testDb.db.projectMember.create({ data: { projectId: project.id, userId: member.id, role: "member" } });
    const asMember = callAs(testDb.db, member);
    expect((await asMember.analysisSettings.get({ projectId: project.id })).overriddenFields).toEqual([]);
    expect((await catchTrpcError(asMember.analysisSettings.save({ projectId: project.id, settings: {} }))).code).toBe("FORBIDDEN");
    expect((await catchTrpcError(asMember.analysisSettings.reanalyse({ projectId: project.id }))).code).toBe("FORBIDDEN");

    const stranger = callAs(testDb.db, await createUser(testDb.db));
    expect((await catchTrpcError(stranger.analysisSettings.get({ projectId: project.id }))).code).toBe("FORBIDDEN");
    expect((await catchTrpcError(stranger.analysisSettings.reanalysisStatus({ projectId: project.id }))).code).toBe("FORBIDDEN");
  });

  it("re-analyses every run with the saved settings and reports progress until done", async () => {
    const { project, caller } = await createProjectOwner(testDb.db);
    const traceIds = ["reanalysed-1", "reanalysed-2"];
    for (const [index, traceId] of traceIds.entries()) {
      await storeRecordedRun(testDb.pool, { projectId: project.id, run: buildRun({ traceId, startTime: new Date(Date.UTC(2026, 0, 1, index)) }) });
    }
    expect(await caller.analysisSettings.reanalysisStatus({ projectId: project.id })).toBeNull();
    await caller.analysisSettings.save({ projectId: project.id, settings: { budgets: { perRunUsd: 0.0001 } } });

    const started = await caller.analysisSettings.reanalyse({ projectId: project.id });
    expect(started).toMatchObject({ status: "running", finishedAt: null, error: null });
    await vi.waitFor(async () => {
      expect(await caller.analysisSettings.reanalysisStatus({ projectId: project.id })).toMatchObject({ status: "done", analysed: 2, total: 2 });
    });
    const findings = await testDb.db.finding.findMany({ where: { projectId: project.id } });
    expect(findings.map((finding) => [finding.traceId, finding.kind]).sort()).toEqual(traceIds.map((traceId) => [traceId, "budget_exceeded"]));
  });
});
