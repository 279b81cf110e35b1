import { storeRecordedRun } from "@loupe/ingestion";
import { createTestDatabase, type TestDatabase } from "@loupe/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildRun,
  callAs,
  catchTrpcError,
  createProjectOwner,
  createUser,
} from "./support/seed.ts";

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});

afterAll(async () => {
  await testDb.drop();
});

type Severity = "info" | "low" | "medium" | "high" | "critical";

/** A stored run with one finding per entry, as the detectors would have left them. */
async function seedRunWithFindings(
  projectId: string,
  traceId: string,
  findings: { groupKey: string; severity: Severity; dismissed?: boolean }[],
) {
  const run = buildRun({ traceId, startTime: new Date("2025-04-01T10:00:00Z") });
  await storeRecordedRun(testDb.pool, { projectId, run });
  const stepIds = run.steps.map((step) => step.id);
  for (const finding of findings) {
    await testDb.db.finding.create({
      data: {
        projectId,
        traceId,
        kind: "tool_loop",
        detectorId: "tool-loop",
        detectorVersion: 1,
        groupKey: finding.groupKey,
        severity: finding.severity,
        explanation: `Finding ${finding.groupKey}`,
        evidence: { repeats: 3, stepIds },
        stepIds,
        firstStepId: stepIds[1] ?? null,
        dismissedAt: finding.dismissed ? new Date() : null,
      },
    });
  }
  const open = findings.filter((finding) => !finding.dismissed).length;
  await testDb.db.trace.update({
    where: { projectId_id: { projectId, id: traceId } },
    data: { findingCount: open },
  });
  return run;
}

describe("finding.forTrace", () => {
  it("lists a run's open findings, most severe first, with their evidence", async () => {
    const owner = await createProjectOwner(testDb.db);
    const projectId = owner.project.id;
    const run = await seedRunWithFindings(projectId, "looping-run", [
      { groupKey: "low-one", severity: "low" },
      { groupKey: "critical-one", severity: "critical" },
      { groupKey: "dismissed-one", severity: "critical", dismissed: true },
      { groupKey: "medium-one", severity: "medium" },
    ]);
    await seedRunWithFindings(projectId, "other-run", [
      { groupKey: "elsewhere", severity: "high" },
    ]);

    const findings = await owner.caller.finding.forTrace({ projectId, traceId: "looping-run" });

    expect(findings.map((finding) => finding.explanation)).toEqual([
      "Finding critical-one",
      "Finding medium-one",
      "Finding low-one",
    ]);
    expect(findings[0]).toMatchObject({
      kind: "tool_loop",
      severity: "critical",
      firstStepId: run.steps[1]?.id,
      stepIds: run.steps.map((step) => step.id),
      evidence: { repeats: 3 },
    });
  });

  it("refuses someone outside the project", async () => {
    const owner = await createProjectOwner(testDb.db);
    await seedRunWithFindings(owner.project.id, "private-run", [
      { groupKey: "a", severity: "high" },
    ]);
    const stranger = callAs(testDb.db, await createUser(testDb.db));

    const error = await catchTrpcError(
      stranger.finding.forTrace({ projectId: owner.project.id, traceId: "private-run" }),
    );

    expect(error.code).toBe("FORBIDDEN");
  });
});

describe("finding.dismiss", () => {
  it("hides the finding and recounts the run's findings", async () => {
    const owner = await createProjectOwner(testDb.db);
    const projectId = owner.project.id;
    await seedRunWithFindings(projectId, "run-to-triage", [
      { groupKey: "keep", severity: "high" },
      { groupKey: "dismiss", severity: "medium" },
    ]);
    const before = await owner.caller.finding.forTrace({ projectId, traceId: "run-to-triage" });
    const target = before.find((finding) => finding.explanation === "Finding dismiss");

    const result = await owner.caller.finding.dismiss({ projectId, findingId: target!.id });

    expect(result).toMatchObject({ traceId: "run-to-triage", findingCount: 1 });
    const after = await owner.caller.finding.forTrace({ projectId, traceId: "run-to-triage" });
    expect(after.map((finding) => finding.explanation)).toEqual(["Finding keep"]);
    const trace = await owner.caller.trace.byId({ projectId, traceId: "run-to-triage" });
    expect(trace.findingCount).toBe(1);
    const stored = await testDb.db.finding.findUniqueOrThrow({ where: { id: target!.id } });
    expect(stored.dismissedAt).toBeInstanceOf(Date);
  });

  it("keeps the first dismissal time when dismissed again", async () => {
    const owner = await createProjectOwner(testDb.db);
    const projectId = owner.project.id;
    await seedRunWithFindings(projectId, "run-twice", [{ groupKey: "once", severity: "low" }]);
    const [finding] = await owner.caller.finding.forTrace({ projectId, traceId: "run-twice" });

    const first = await owner.caller.finding.dismiss({ projectId, findingId: finding!.id });
    const second = await owner.caller.finding.dismiss({ projectId, findingId: finding!.id });

    expect(second.dismissedAt).toEqual(first.dismissedAt);
    expect(second.findingCount).toBe(0);
  });

  it("cannot dismiss another project's finding", async () => {
    const owner = await createProjectOwner(testDb.db);
    const other = await createProjectOwner(testDb.db);
    await seedRunWithFindings(other.project.id, "their-run", [{ groupKey: "x", severity: "high" }]);
    const [theirs] = await other.caller.finding.forTrace({
      projectId: other.project.id,
      traceId: "their-run",
    });

    const error = await catchTrpcError(
      owner.caller.finding.dismiss({ projectId: owner.project.id, findingId: theirs!.id }),
    );

    expect(error.code).toBe("NOT_FOUND");
    const stored = await testDb.db.finding.findUniqueOrThrow({ where: { id: theirs!.id } });
    expect(stored.dismissedAt).toBeNull();
  });
});
