import styles from "./status-badge.module.css";

type RunStatus = "running" | "ok" | "error";

export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`${styles.badge} ${styles[status]}`}>{status}</span>;
}
