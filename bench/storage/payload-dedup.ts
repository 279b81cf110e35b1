// Storage benchmark: runs whose context grows at every LLM call, stored the Loupe way (content-
// addressed payloads and message chains) against a baseline that keeps each step's JSON inline.
// Prints bytes sent, bytes stored (tables and indexes) for both, and the ratios.
import { buildGrowingContextRun } from "@loupe/fixtures";
import { createDatabaseClient, createSqlPool, ensureLocalAdmin, ensureProject } from "@loupe/db";
import { storeRecordedRun } from "@loupe/ingestion";
import { createEmptyTestDatabase } from "@loupe/db/testing";
import { runMigrations } from "@loupe/db/runtime";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const STEPS_PER_RUN = Number(process.env.BENCH_STEPS ?? 100);

const LOUPE_TABLES = ["trace", "step", "payload", "message_node"];

async function tableBytes(db: ReturnType<typeof createDatabaseClient>, tables: string[]) {
  await db.$executeRawUnsafe("VACUUM ANALYZE");
  const rows = await db.$queryRawUnsafe<{ bytes: bigint }[]>(
    `SELECT coalesce(sum(pg_total_relation_size(quote_ident(t))), 0)::bigint AS bytes FROM unnest($1::text[]) AS t`,
    tables,
  );
  return Number(rows[0]?.bytes ?? 0);
}

function mebibytes(bytes: number) {
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}

async function main() {
  const database = await createEmptyTestDatabase();
  try {
    await runMigrations(database.databaseUrl);
    const db = createDatabaseClient(database.databaseUrl, { maxConnections: 2 });
    const pool = createSqlPool(database.databaseUrl, { maxConnections: 2 });
    const admin = await ensureLocalAdmin(db);
    const project = await ensureProject(db, { slug: "bench", name: "Bench", ownerId: admin.id });

    // The baseline: one row per step with its input and output inline, as a naive store keeps them.
    await db.$executeRawUnsafe(
      `CREATE TABLE naive_step (project_id uuid, id text, trace_id text, input jsonb, output jsonb, PRIMARY KEY (project_id, id))`,
    );

    let sentBytes = 0;
    let steps = 0;
    const started = performance.now();
    for (let index = 0; index < RUNS; index++) {
      const run = buildGrowingContextRun({ steps: STEPS_PER_RUN, seed: index + 1, traceId: `bench-${index}` });
      sentBytes += Buffer.byteLength(JSON.stringify(run));
      steps += run.steps.length;
      await storeRecordedRun(pool, { projectId: project.id, run });
      for (const step of run.steps) {
        await db.$executeRawUnsafe(
          `INSERT INTO naive_step VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb)`,
          project.id,
          step.id,
          run.trace.id,
          JSON.stringify(step.input ?? null),
          JSON.stringify(step.output ?? null),
        );
      }
    }
    const seconds = (performance.now() - started) / 1000;

    const loupeBytes = await tableBytes(db, LOUPE_TABLES);
    const naiveBytes = await tableBytes(db, ["naive_step"]);
    const perTable = await Promise.all(LOUPE_TABLES.map(async (table) => [table, await tableBytes(db, [table])] as const));
    await db.$disconnect();
    await pool.end();

    console.log(`runs: ${RUNS} × ${STEPS_PER_RUN} steps (${steps} steps), loaded in ${seconds.toFixed(1)} s`);
    console.log(`sent (JSON of the runs)           :      ${mebibytes(sentBytes)}`);
    console.log(`stored by Loupe (tables + indexes):     ${mebibytes(loupeBytes)}`);
    console.log(`stored inline, baseline (same run):     ${mebibytes(naiveBytes)}`);
    console.log(`  by table: ${perTable.map(([table, bytes]) => `${table} ${mebibytes(bytes)}`).join(", ")}`);
    console.log(`sent / stored by Loupe:                 ${(sentBytes / loupeBytes).toFixed(1)}×`);
    console.log(`baseline / Loupe:                       ${(naiveBytes / loupeBytes).toFixed(1)}×`);
  } finally {
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
