// The detection worker: runs the detectors over runs as ingestion announces them, then alerting.
// It is a process of its own at the lowest CPU priority, so detection takes only what ingestion
// leaves and never slows the server that accepts runs; started and stopped by the launcher.
import os from "node:os";
import { createDatabaseClient } from "@loupe/db";
import { FindingScheduler, listenForChangedRuns } from "@loupe/findings";
import { evaluateFindingAlerts } from "@loupe/oncall";
import { parseEnvironment } from "@loupe/schema";
import { z } from "zod";

const WorkerEnv = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL" }),
  /** Set by the launcher when it restarts a worker: runs changed since then went unheard. */
  LOUPE_DETECTION_CATCH_UP_FROM: z.iso.datetime({ message: "must be an ISO 8601 date-time" }).pipe(z.coerce.date()).optional(),
});

const LOWEST_PRIORITY = 19;
/** Changes to one run within this window coalesce into one analysis. */
const COALESCE_MS = 250;
/**
 * Analyses at once. Two overlap their waits for the database and keep alerts prompt under heavy
 * load, but the database serves the worker at full priority: two cost ingestion 14-24% of its
 * throughput in bench/ingest, one 0-7%.
 */
const CONCURRENT_ANALYSES = 1;
/** On stop, analyses already due may finish for this long. */
const DRAIN_MS = 5_000;

async function startDetectionWorker() {
  const env = parseEnvironment(WorkerEnv, process.env, "detection worker configuration");
  os.setPriority(LOWEST_PRIORITY);
  const db = createDatabaseClient(env.DATABASE_URL, { maxConnections: CONCURRENT_ANALYSES + 1 });
  // The client's first query sets it up; done now, the first run's finding is not late.
  await db.$queryRaw`SELECT 1`;
  const scheduler = new FindingScheduler(db, {
    delayMillis: COALESCE_MS,
    concurrency: CONCURRENT_ANALYSES,
    afterAnalysis: (run) => evaluateFindingAlerts(db, run),
  });
  const listener = listenForChangedRuns(
    env.DATABASE_URL,
    ({ projectId, traceIds }) => scheduler.schedule(projectId, traceIds),
    env.LOUPE_DETECTION_CATCH_UP_FROM ? { catchUpFrom: env.LOUPE_DETECTION_CATCH_UP_FROM } : {},
  );

  await listener.ready;
  process.send?.("listening");

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await listener.close();
      await Promise.race([scheduler.idle(), new Promise((resolve) => setTimeout(resolve, DRAIN_MS))]);
      await db.$disconnect();
      process.exit(0);
    })();
  };
  // Ctrl-C reaches the worker directly and again through the launcher; a launcher that died
  // without a word closes the IPC channel.
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
}

startDetectionWorker().catch((error: unknown) => {
  console.error("Loupe: the detection worker could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
