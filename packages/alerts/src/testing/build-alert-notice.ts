import type { AlertNotice } from "../webhook/alert-notice.ts";

/** A realistic notice for delivery tests; override only what the test is about. */
export function buildAlertNotice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    kind: "fired",
    alert: {
      id: "alert_1",
      title: "Agent stuck in a loop: checkout-agent (repeated_call)",
      severity: "high",
      status: "firing",
      occurrenceCount: 3,
      firstSeenAt: "2025-01-15T10:00:00.000Z",
      lastSeenAt: "2025-01-15T10:12:00.000Z",
      ruleName: "Agent stuck in a loop",
    },
    project: { id: "project_1", name: "Checkout" },
    affectedTraces: [
      {
        id: "trace_1",
        name: "checkout-agent",
        url: "https://loupe.example/p/project_1/traces/trace_1",
      },
      { id: "trace_2", name: "checkout-agent", url: null },
    ],
    url: "https://loupe.example/p/project_1/alerts/alert_1",
    ...overrides,
  };
}
