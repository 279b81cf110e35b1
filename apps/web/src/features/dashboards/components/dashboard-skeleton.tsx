import styles from "./dashboard.module.css";

const TILE_LABELS = ["Runs", "Error rate", "Cost", "Tokens", "p95 latency", "Findings"];
const CHART_TITLES = ["Runs and failures", "Latency", "Cost and tokens", "Findings by kind"];

/** Placeholders in the shape of the dashboard while its figures load. */
export function DashboardSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading dashboard">
      <div className={styles.tiles}>
        {TILE_LABELS.map((label) => (
          <div key={label} className={styles.tile}>
            <div className="muted">{label}</div>
            <span className="skeleton" style={{ width: "60%", height: 20, marginTop: 6 }} />
          </div>
        ))}
      </div>
      <div className={styles.grid}>
        {CHART_TITLES.map((title) => (
          <div key={title} className={styles.panel}>
            <h2 className={styles.panelTitle}>{title}</h2>
            <span className={`skeleton ${styles.skeletonBlock}`} />
          </div>
        ))}
      </div>
    </div>
  );
}
