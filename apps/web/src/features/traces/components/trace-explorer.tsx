"use client";

import { DataTable } from "@/components/data-table";
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadMore } from "@/components/load-more";
import { TableSkeleton } from "@/components/table-skeleton";
import { buildProjectPath, buildTracePath } from "@/features/shell/lib/project-sections";
import { useTRPC } from "@/trpc/client";
import {
  buildTraceListFilters,
  hasTraceFilters,
  readTraceSort,
  serializeTraceFilters,
  toggleTraceSort,
  type TraceFilters,
  type TraceSort,
} from "../lib/trace-filters";
import { buildTraceListQuery } from "../lib/trace-list-query";
import { buildTraceColumns, SORTABLE_TRACE_COLUMNS, type TraceRow } from "./trace-columns";
import { TraceFilterBar } from "./trace-filter-bar";

const SKELETON_COLUMNS = [
  "Start time",
  "Name",
  "Status",
  "Duration",
  "Steps",
  "Tokens",
  "Cost",
  "Findings",
  "Session",
];

/**
 * The project's runs, newest first unless sorted otherwise, filtered and ordered by the URL. `now` is the moment relative time ranges
 * are measured from, fixed by the server so both sides ask for the same query.
 */
export function TraceExplorer({
  projectId,
  filters,
  now,
}: {
  projectId: string;
  filters: TraceFilters;
  now: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const listFilters = useMemo(() => buildTraceListFilters(filters, new Date(now)), [filters, now]);
  const query = useInfiniteQuery(buildTraceListQuery(trpc, { projectId, filters: listFilters }));
  const filterKey = serializeTraceFilters(filters);
  const sort = readTraceSort(filters);
  const tracesPath = buildProjectPath(projectId, "traces");
  const columns = useMemo(() => buildTraceColumns(projectId), [projectId]);
  const traces = useMemo(
    () => query.data?.pages.flatMap((page) => page.traces) ?? [],
    [query.data],
  );

  return (
    <>
      {/* Remounted when the URL changes (back, forward, clear) so the fields show what is applied. */}
      <TraceFilterBar key={filterKey} filters={filters} />
      {query.isPending ? (
        <TableSkeleton columns={SKELETON_COLUMNS} label="Loading runs" />
      ) : query.isError && traces.length === 0 ? (
        <ErrorState
          title="Runs could not be loaded"
          message={query.error.message}
          onRetry={() => void query.refetch()}
        />
      ) : traces.length === 0 ? (
        hasTraceFilters(filters) ? (
          <EmptyState
            title="No run matches these filters"
            actions={
              <Link className="button" href={tracesPath}>
                Clear filters
              </Link>
            }
          >
            <p>Widen the time range or remove a filter to see more runs.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="No runs yet — send traces with an API key from Settings"
            actions={
              <Link
                className="button button-primary"
                href={buildProjectPath(projectId, "settings")}
              >
                Create an API key
              </Link>
            }
          >
            <p>
              Create a key, configure your agent&apos;s Loupe exporter with it, and each run appears
              here as it is recorded.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            data={traces}
            columns={columns}
            sorting={{
              sortableColumns: SORTABLE_TRACE_COLUMNS,
              current: sort,
              onSort: (next: TraceSort) => {
                const query = serializeTraceFilters(toggleTraceSort(filters, next));
                router.push(query ? `${tracesPath}?${query}` : tracesPath);
              },
            }}
            getRowId={(trace: TraceRow) => trace.id}
            rowTestId="trace-row"
            onRowClick={(row) => router.push(buildTracePath(projectId, row.original.id))}
            label="Runs"
          />
          {query.isFetchNextPageError ? (
            <p role="alert" className="table-footer">
              More runs could not be loaded: {query.error?.message}
            </p>
          ) : null}
          <LoadMore
            hasMore={query.hasNextPage}
            isLoading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
            shownCount={traces.length}
            noun="runs"
          />
        </>
      )}
    </>
  );
}
