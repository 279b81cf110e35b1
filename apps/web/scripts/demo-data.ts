import { importPrompts } from "@loupe/api";
import { buildCorpus, buildPromptCatalog } from "@loupe/fixtures";
import { createApiKey, ensureLocalAdmin, ensureProject, type Database, type SqlPool } from "@loupe/db";
import { analyseTrace } from "@loupe/findings";
import { storeRecordedRun } from "@loupe/ingestion";
import { evaluateFindingAlerts } from "@loupe/oncall";

export const DEMO_PROJECT = { slug: "demo", name: "Demo agents" } as const;

export type DemoSetup = {
  projectId: string;
  /** Present only when this start created the key: secrets are shown once. */
  issuedKey: { publicKey: string; secret: string } | null;
  loadedRuns: number;
};

/**
 * Creates the demo project, its first API key, the fixture corpus and its prompts, once. Later starts find them
 * in place and change nothing, so a user's own data is never overwritten.
 */
export async function setUpDemoProject(
  { db, pool }: { db: Database; pool: SqlPool },
  { now }: { now: Date },
): Promise<DemoSetup> {
  const admin = await ensureLocalAdmin(db);
  const project = await ensureProject(db, { ...DEMO_PROJECT, ownerId: admin.id });

  const hasKey = (await db.apiKey.count({ where: { projectId: project.id } })) > 0;
  const issuedKey = hasKey ? null : await createApiKey(db, { projectId: project.id, name: "Demo key" });

  const hasRuns = (await db.trace.count({ where: { projectId: project.id } })) > 0;
  let loadedRuns = 0;
  if (!hasRuns) {
    // The corpus ends at the current hour, so the demo looks like a live project.
    const baseTime = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    for (const fixture of buildCorpus({ baseTime })) {
      await storeRecordedRun(pool, { projectId: project.id, run: fixture.run });
      // Runs stored in process bypass the server's detection scheduler: analysed here instead.
      await analyseTrace(db, { projectId: project.id, traceId: fixture.run.trace.id });
      await evaluateFindingAlerts(db, { projectId: project.id, traceId: fixture.run.trace.id, now });
      loadedRuns++;
    }
  }
  // The versions the demo runs were rendered from, and newer ones to replay them against.
  if ((await db.prompt.count({ where: { projectId: project.id } })) === 0) {
    await importPrompts({ db, projectId: project.id, prompts: buildPromptCatalog() });
  }
  return { projectId: project.id, issuedKey, loadedRuns };
}
