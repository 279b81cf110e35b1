import styles from "./alerts.module.css";

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span className={styles.severity} data-severity={severity}>
      {severity}
    </span>
  );
}

export function AlertStatusText({ status, snoozedUntil }: { status: string; snoozedUntil: Date | null }) {
  const snoozed = snoozedUntil !== null && snoozedUntil.getTime() > Date.now();
  return (
    <span className={styles.status} data-status={status} data-testid="alert-status">
      {status}
      {snoozed ? " · snoozed" : ""}
    </span>
  );
}
