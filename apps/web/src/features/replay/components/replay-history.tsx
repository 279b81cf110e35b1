"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { Timestamp } from "@/components/timestamp";
import { formatCost, formatInteger } from "@/lib/format";
import { useTRPC } from "@/trpc/client";

/** Every single-step replay of the project, newest first. */
export function ReplayHistory({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const replays = useInfiniteQuery(
    trpc.replay.list.infiniteQueryOptions({ projectId, limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = replays.data?.pages.flatMap((page) => page.replays) ?? [];

  return (
    <section aria-labelledby="replays-heading">
      <h2 id="replays-heading">Replays</h2>
      {replays.isPending ? (
        <TableSkeleton columns={["When", "Step", "Version", "Status", "Tokens", "Cost", "Latency"]} rows={3} label="Loading replays" />
      ) : replays.isError ? (
        <ErrorState title="Replays could not be loaded" message={replays.error.message} onRetry={() => void replays.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No replays yet">
          <p>Open an LLM step of a run and choose Replay to re-run it with another prompt version.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" aria-label="Replays">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Step</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">Tokens in / out</th>
                <th scope="col" className="numeric">Cost</th>
                <th scope="col" className="numeric">Latency</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((replay) => (
                <tr key={replay.id} data-testid="replay-row">
                  <td>
                    <Timestamp date={replay.createdAt} />
                  </td>
                  <td>
                    <Link href={`/project/${projectId}/traces/${encodeURIComponent(replay.traceId)}?step=${encodeURIComponent(replay.stepId)}`}>
                      {replay.stepId}
                    </Link>
                  </td>
                  <td>{replay.promptVersion ? `${replay.promptVersion.prompt.name} v${replay.promptVersion.version}` : "as recorded"}</td>
                  <td title={replay.error ?? undefined}>
                    {replay.status}
                    {replay.cacheHit ? " (cached)" : ""}
                  </td>
                  <td className="numeric">
                    {formatInteger(replay.inputTokens ?? 0)} / {formatInteger(replay.outputTokens ?? 0)}
                  </td>
                  <td className="numeric">{formatCost(replay.cost)}</td>
                  <td className="numeric">{replay.latencyMs !== null ? `${formatInteger(replay.latencyMs)} ms` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {replays.hasNextPage ? (
        <button type="button" className="button" disabled={replays.isFetchingNextPage} onClick={() => void replays.fetchNextPage()}>
          {replays.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </section>
  );
}
