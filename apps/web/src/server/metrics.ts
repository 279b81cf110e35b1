import "server-only";
import type { IngestionReport } from "@loupe/ingestion";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { getDb } from "@/server/db";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "loupe_process_" });
  const stepsIngested = new Counter({
    name: "loupe_ingested_steps_total",
    help: "Step events stored by the public ingestion APIs.",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const eventsRefused = new Counter({
    name: "loupe_ingestion_refused_events_total",
    help: "Events and spans the public ingestion APIs refused.",
    labelNames: ["source"] as const,
    registers: [registry],
  });
  const ingestionLatency = new Histogram({
    name: "loupe_ingestion_request_duration_seconds",
    help: "Time to answer an ingestion request, from arrival to stored.",
    labelNames: ["source", "status"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // Read from the database at scrape time, so they agree with what the UI shows.
  new Gauge({
    name: "loupe_findings",
    help: "Findings not dismissed, by kind.",
    labelNames: ["kind"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await getDb().finding.groupBy({ by: ["kind"], where: { dismissedAt: null }, _count: { _all: true } });
      for (const row of rows) this.set({ kind: row.kind }, row._count._all);
    },
  });
  new Gauge({
    name: "loupe_alerts_firing",
    help: "Alerts firing (not acknowledged or resolved), by severity.",
    labelNames: ["severity"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await getDb().alert.groupBy({ by: ["severity"], where: { status: "firing" }, _count: { _all: true } });
      for (const row of rows) this.set({ severity: row.severity }, row._count._all);
    },
  });
  return { registry, stepsIngested, eventsRefused, ingestionLatency };
}

type LoupeMetrics = ReturnType<typeof createMetrics>;
const globalForMetrics = globalThis as typeof globalThis & { loupeMetrics?: LoupeMetrics };

/** One registry per server process, kept across dev-mode reloads. */
export function getMetrics(): LoupeMetrics {
  globalForMetrics.loupeMetrics ??= createMetrics();
  return globalForMetrics.loupeMetrics;
}

export function recordIngestion(report: IngestionReport) {
  const metrics = getMetrics();
  metrics.stepsIngested.inc({ source: report.source }, report.appliedSteps);
  if (report.failed > 0) metrics.eventsRefused.inc({ source: report.source }, report.failed);
}

/** Answers an ingestion request and records how long it took and how it ended. */
export async function timeIngestion(source: IngestionReport["source"], handle: () => Promise<Response>): Promise<Response> {
  const stop = getMetrics().ingestionLatency.startTimer({ source });
  const response = await handle();
  stop({ status: String(response.status) });
  return response;
}
