import type { RouterOutputs } from "@loupe/api";
import { formatCost, formatDuration, formatInteger, formatTokens } from "@/lib/format";
import { formatPercent } from "../lib/format-dashboard";
import styles from "./dashboard.module.css";

type DashboardTotals = RouterOutputs["dashboard"]["overview"]["totals"];

/** The range's headline figures. */
export function KpiTiles({ totals }: { totals: DashboardTotals }) {
  const tiles = [
    { id: "runs", label: "Runs", value: formatInteger(totals.runs) },
    {
      id: "error-rate",
      label: "Error rate",
      value: formatPercent(totals.errorRate),
      detail: `${formatInteger(totals.failedRuns)} failed`,
    },
    { id: "cost", label: "Cost", value: formatCost(totals.cost) },
    {
      id: "tokens",
      label: "Tokens",
      value: formatTokens(totals.inputTokens + totals.outputTokens),
      detail: `${formatTokens(totals.inputTokens)} in · ${formatTokens(totals.outputTokens)} out`,
    },
    { id: "p95-latency", label: "p95 latency", value: formatDuration(totals.latencyP95Ms) },
    { id: "findings", label: "Findings", value: formatInteger(totals.findings) },
  ];
  return (
    <dl className={styles.tiles} aria-label="Totals for the range">
      {tiles.map((tile) => (
        <div key={tile.id} className={styles.tile} data-testid={`kpi-${tile.id}`}>
          <dt>{tile.label}</dt>
          <dd>
            {tile.value}
            {tile.detail ? <span className={styles.tileDetail}>{tile.detail}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
