"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { useTRPC } from "@/trpc/client";
import { useDashboardSearch } from "../hooks/use-dashboard-search";
import { buildDashboardOverviewQuery } from "../lib/dashboard-overview-query";
import { serializeDashboardSearch } from "../lib/dashboard-search";
import { buildSeriesChartData } from "../lib/series-chart-data";
import { CostliestRunsTable } from "./costliest-runs-table";
import styles from "./dashboard.module.css";
import { DashboardSkeleton } from "./dashboard-skeleton";
import { FindingsChart } from "./findings-chart";
import { KpiTiles } from "./kpi-tiles";
import { RangePicker } from "./range-picker";
import { CostAndTokensChart, LatencyChart, RunsChart } from "./run-series-charts";
import { UsageBreakdown } from "./usage-breakdown";

/**
 * The project's dashboard for the range in the URL. While a new range loads, the previous figures
 * stay on screen, marked busy, so the page does not jump.
 */
export function DashboardView({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const { search, setSearch } = useDashboardSearch();
  const query = useQuery({
    ...buildDashboardOverviewQuery(trpc, { projectId, search }),
    placeholderData: keepPreviousData,
  });
  const overview = query.data;
  const chartData = useMemo(
    () => (overview ? buildSeriesChartData(overview.series, overview.window.bucket) : []),
    [overview],
  );

  return (
    <>
      <div className={styles.toolbar}>
        {/* Remounted when the URL changes (back, forward) so it shows the range applied. */}
        <RangePicker
          key={serializeDashboardSearch(search)}
          search={search}
          shownWindow={overview?.window}
          onChange={setSearch}
        />
        {query.isPlaceholderData ? (
          <span className={styles.windowNote} role="status">
            Updating…
          </span>
        ) : null}
      </div>
      {query.isPending ? (
        <DashboardSkeleton />
      ) : query.isError ? (
        <ErrorState
          title="The dashboard could not be loaded"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      ) : query.data.totals.runs === 0 ? (
        <EmptyState title="No runs in this range — widen it">
          <p>Pick a longer range above to see earlier runs; new runs appear here as they arrive.</p>
        </EmptyState>
      ) : (
        <div aria-busy={query.isPlaceholderData} data-testid="dashboard">
          <KpiTiles totals={query.data.totals} />
          <div className={styles.grid}>
            <RunsChart data={chartData} />
            <LatencyChart data={chartData} />
            <CostAndTokensChart data={chartData} />
            <FindingsChart findings={query.data.findingsByKind} />
          </div>
          <UsageBreakdown
            dimension={query.data.usage.dimension}
            rows={query.data.usage.rows}
            onDimensionChange={(breakdown) => setSearch({ ...search, breakdown })}
          />
          <CostliestRunsTable projectId={projectId} runs={query.data.costliestRuns} />
        </div>
      )}
    </>
  );
}
