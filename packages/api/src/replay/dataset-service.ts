import type { Database } from "@loupe/db";
import { NotFoundError } from "../errors.ts";

/** Saves a recorded step as a regression case, creating the dataset on first use. */
export async function saveStepToDataset({
  db,
  projectId,
  traceId,
  stepId,
  datasetName,
}: {
  db: Database;
  projectId: string;
  traceId: string;
  stepId: string;
  datasetName: string;
}) {
  const step = await db.step.findUnique({ where: { projectId_id: { projectId, id: stepId } }, select: { traceId: true, kind: true } });
  if (!step || step.traceId !== traceId) throw new NotFoundError(`Step "${stepId}" was not found in run "${traceId}".`);
  const dataset = await db.dataset.upsert({
    where: { projectId_name: { projectId, name: datasetName } },
    create: { projectId, name: datasetName },
    update: {},
  });
  await db.datasetItem.upsert({
    where: { datasetId_traceId_stepId: { datasetId: dataset.id, traceId, stepId } },
    create: { datasetId: dataset.id, projectId, traceId, stepId },
    update: {},
  });
  return { id: dataset.id, name: dataset.name, itemCount: await db.datasetItem.count({ where: { datasetId: dataset.id } }) };
}

export async function listDatasets({ db, projectId }: { db: Database; projectId: string }) {
  const datasets = await db.dataset.findMany({
    where: { projectId },
    orderBy: { name: "asc" },
    include: { _count: { select: { items: true } } },
  });
  return datasets.map((dataset) => ({ id: dataset.id, name: dataset.name, itemCount: dataset._count.items, createdAt: dataset.createdAt }));
}
