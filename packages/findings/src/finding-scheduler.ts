import type { Database } from "@loupe/db";
import { analyseTrace } from "./analyse-trace.ts";

/**
 * Re-analyses runs shortly after ingestion changes them. Writes to one run within `delayMillis`
 * coalesce into one analysis, so a run streaming many batches is analysed about once per delay,
 * and a finding appears soon after the step that completes its pattern. Analyses run one at a
 * time so that detection never competes with ingestion for more than one connection.
 */
export class FindingScheduler {
  private readonly pending = new Map<string, { projectId: string; traceId: string }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly options: {
      delayMillis: number;
      onError?: (error: unknown) => void;
      /** Runs after an analysis that changed the run's findings, with them stored: alerting starts here. */
      afterAnalysis?: (run: { projectId: string; traceId: string }) => Promise<unknown>;
    } = { delayMillis: 250 },
  ) {}

  schedule(projectId: string, traceIds: readonly string[]) {
    for (const traceId of traceIds) this.pending.set(`${projectId}\u0000${traceId}`, { projectId, traceId });
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const batch = [...this.pending.values()];
      this.pending.clear();
      this.running = this.running.then(() => this.analyse(batch));
    }, this.options.delayMillis);
  }

  /** Resolves once everything scheduled so far has been analysed: for tests and clean shutdown. */
  async idle(): Promise<void> {
    while (this.timer || this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, this.options.delayMillis));
    await this.running;
  }

  private async analyse(runs: { projectId: string; traceId: string }[]) {
    for (const run of runs) {
      try {
        const { changed } = await analyseTrace(this.db, run);
        if (changed) await this.options.afterAnalysis?.(run);
      } catch (error) {
        (this.options.onError ?? ((cause: unknown) => console.error("Loupe: analysing a run failed", cause)))(error);
      }
    }
  }
}
