import type { Severity } from "@loupe/schema";
import type { AlertNoticeKind, AlertStatus } from "../alert-lifecycle.ts";

/** Everything a webhook says about one alert notification, already read from the database. */
export type AlertNotice = {
  kind: AlertNoticeKind;
  alert: {
    id: string;
    title: string;
    severity: Severity;
    status: AlertStatus;
    occurrenceCount: number;
    /** ISO 8601. */
    firstSeenAt: string;
    /** ISO 8601. */
    lastSeenAt: string;
    ruleName: string;
  };
  project: { id: string; name: string };
  /** The most recent runs behind the alert; bodies include at most `MAX_AFFECTED_TRACES`. */
  affectedTraces: { id: string; name: string; url?: string | null }[];
  /** The alert's page in Loupe, when the deployment knows its public address. */
  url: string | null;
};

export const MAX_AFFECTED_TRACES = 10;
