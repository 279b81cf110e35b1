"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { LoadMore } from "@/components/load-more";
import { TableSkeleton } from "@/components/table-skeleton";
import { useTRPC } from "@/trpc/client";
import { buildSessionListQuery } from "../lib/session-list-query";
import { buildSessionPath } from "../lib/session-paths";
import { buildSessionColumns, type SessionRow } from "./session-columns";

const SKELETON_COLUMNS = ["Session", "User", "Runs", "First seen", "Last seen", "Span", "Cost"];

export function SessionExplorer({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const query = useInfiniteQuery(buildSessionListQuery(trpc, { projectId }));
  const columns = useMemo(() => buildSessionColumns(projectId), [projectId]);
  const sessions = useMemo(
    () => query.data?.pages.flatMap((page) => page.sessions) ?? [],
    [query.data],
  );

  if (query.isPending) return <TableSkeleton columns={SKELETON_COLUMNS} label="Loading sessions" />;
  if (query.isError && sessions.length === 0) {
    return (
      <ErrorState
        title="Sessions could not be loaded"
        message={query.error.message}
        onRetry={() => void query.refetch()}
      />
    );
  }
  if (sessions.length === 0) {
    return (
      <EmptyState title="No sessions yet">
        <p>
          A session groups the runs of one conversation. Runs join a session when they are sent with
          a session id.
        </p>
      </EmptyState>
    );
  }
  return (
    <>
      <DataTable
        data={sessions}
        columns={columns}
        getRowId={(session: SessionRow) => session.id}
        rowTestId="session-row"
        onRowClick={(row) => router.push(buildSessionPath(projectId, row.original.id))}
        label="Sessions"
      />
      <LoadMore
        hasMore={query.hasNextPage}
        isLoading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        shownCount={sessions.length}
        noun="sessions"
      />
    </>
  );
}
