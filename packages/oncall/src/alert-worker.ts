import type { Database } from "@loupe/db";
import { runAlertMaintenance } from "./alert-maintenance.ts";
import { deliverDueWebhooks, type DeliveryOptions } from "./deliver-webhooks.ts";

export type AlertWorkerOptions = DeliveryOptions & {
  /** How often due webhooks are looked for: short, so a finding reaches on-call within seconds. */
  deliveryIntervalMillis?: number;
  /** How often metric rules and auto-resolution run. */
  maintenanceIntervalMillis?: number;
  onError?: (error: unknown) => void;
};

/** The background half of on-call in one process: webhook delivery and periodic rule checks. */
export class AlertWorker {
  private readonly timers: NodeJS.Timeout[] = [];
  private delivering: Promise<unknown> | null = null;
  private maintaining: Promise<unknown> | null = null;

  constructor(
    private readonly db: Database,
    private readonly options: AlertWorkerOptions,
  ) {}

  start(): this {
    const report = this.options.onError ?? ((error: unknown) => console.error("Loupe: alerting failed", error));
    this.timers.push(
      setInterval(() => {
        this.delivering ??= deliverDueWebhooks(this.db, this.options)
          .catch(report)
          .finally(() => (this.delivering = null));
      }, this.options.deliveryIntervalMillis ?? 500),
      setInterval(() => {
        this.maintaining ??= runAlertMaintenance(this.db)
          .catch(report)
          .finally(() => (this.maintaining = null));
      }, this.options.maintenanceIntervalMillis ?? 15_000),
    );
    for (const timer of this.timers) timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.length = 0;
    await Promise.all([this.delivering, this.maintaining]);
  }
}
