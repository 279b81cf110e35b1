import type { Database } from "@loupe/db";
import { analyseTrace } from "./analyse-trace.ts";

type Run = { projectId: string; traceId: string };

const MAX_ALERTING_ATTEMPTS = 3;

/**
 * Re-analyses runs shortly after ingestion changes them. Writes to one run within `delayMillis`
 * coalesce into one analysis, so a run streaming many batches is analysed about once per delay,
 * and a finding appears soon after the step that completes its pattern. Up to `concurrency`
 * analyses run at once, since an analysis mostly waits for the database; one run is never analysed
 * twice at the same time, so a run changed during its analysis is analysed again after it.
 * `afterAnalysis` calls never overlap, and one that fails is tried again.
 */
export class FindingScheduler {
  /** Changed runs waiting out the delay. */
  private readonly pending = new Map<string, Run>();
  /** Runs due for analysis, oldest first. */
  private readonly due = new Map<string, Run>();
  private readonly analysing = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  /** Alerting runs one run at a time: two runs opening the same alert at once would open it twice. */
  private alerting: Promise<unknown> = Promise.resolve();
  /** Runs whose hand-over to alerting failed, by how many times. */
  private readonly alertingFailures = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly options: {
      delayMillis: number;
      concurrency?: number;
      onError?: (error: unknown) => void;
      /** Runs after an analysis that changed the run's findings and left some, with them stored: alerting starts here. */
      afterAnalysis?: (run: Run) => Promise<unknown>;
    } = { delayMillis: 250 },
  ) {}

  schedule(projectId: string, traceIds: readonly string[]) {
    for (const traceId of traceIds) this.pending.set(`${projectId}\u0000${traceId}`, { projectId, traceId });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      for (const [key, run] of this.pending) this.due.set(key, run);
      this.pending.clear();
      this.startDueAnalyses();
    }, this.options.delayMillis);
  }

  /** Resolves once everything scheduled so far has been analysed: for tests and clean shutdown. */
  async idle(): Promise<void> {
    while (this.timer || this.pending.size > 0 || this.due.size > 0 || this.analysing.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.delayMillis, 20)));
    }
  }

  private startDueAnalyses() {
    const concurrency = this.options.concurrency ?? 1;
    for (const [key, run] of this.due) {
      if (this.analysing.size >= concurrency) return;
      if (this.analysing.has(key)) continue;
      this.due.delete(key);
      this.analysing.add(key);
      void this.analyse(key, run).finally(() => {
        this.analysing.delete(key);
        this.startDueAnalyses();
      });
    }
  }

  private async analyse(key: string, run: Run) {
    try {
      const { findings, changed } = await analyseTrace(this.db, run);
      const { afterAnalysis } = this.options;
      // A run whose findings did not change was handed over already, unless that failed.
      // A run left without findings has nothing to hand over, nor anything left to retry.
      if (findings.length === 0) this.alertingFailures.delete(key);
      const retrying = this.alertingFailures.has(key);
      if (!afterAnalysis || findings.length === 0 || (!changed && !retrying)) return;
      const alerted = this.alerting.then(() => afterAnalysis(run));
      this.alerting = alerted.catch(() => undefined);
      try {
        await alerted;
        this.alertingFailures.delete(key);
      } catch (error) {
        // The findings are stored, so the next analysis would find nothing changed: the run is
        // analysed again soon to hand it over again, a few times at most.
        const failures = (this.alertingFailures.get(key) ?? 0) + 1;
        if (failures < MAX_ALERTING_ATTEMPTS) {
          this.alertingFailures.set(key, failures);
          this.schedule(run.projectId, [run.traceId]);
        } else {
          this.alertingFailures.delete(key);
        }
        throw error;
      }
    } catch (error) {
      (this.options.onError ?? ((cause: unknown) => console.error("Loupe: analysing a run failed", cause)))(error);
    }
  }
}
