"use client";

import { useQuery } from "@tanstack/react-query";
import { createColumnHelper } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { ErrorState } from "@/components/error-state";
import { TableSkeleton } from "@/components/table-skeleton";
import { Timestamp } from "@/components/timestamp";
import { formatInteger } from "@/lib/format";
import type { RouterOutputs } from "@loupe/api";
import { useTRPC } from "@/trpc/client";
import { AlertDetail } from "./alert-detail";
import { AlertStatusText, SeverityBadge } from "./alert-badges";
import styles from "./alerts.module.css";

type AlertRow = RouterOutputs["alert"]["list"]["alerts"][number];
const STATUSES = ["open", "firing", "acknowledged", "resolved", "all"] as const;
type StatusFilter = (typeof STATUSES)[number];

const column = createColumnHelper<AlertRow>();

/** Firing, acknowledged and resolved alerts; the selected one opens beside the list. */
export function AlertInbox({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const statusParam = searchParams.get("status");
  const status: StatusFilter = STATUSES.includes(statusParam as StatusFilter) ? (statusParam as StatusFilter) : "open";
  const selectedId = searchParams.get("alert");
  // On-call keeps this page open: new alerts appear without a reload.
  const alerts = useQuery({ ...trpc.alert.list.queryOptions({ projectId, status }), refetchInterval: 5_000 });

  function navigate(changes: Record<string, string | null>) {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  const columns = [
    column.accessor("severity", { header: "Severity", cell: (info) => <SeverityBadge severity={info.getValue()} /> }),
    column.accessor("title", {
      header: "Alert",
      cell: (info) => (
        <a
          href={`?${new URLSearchParams({ status, alert: info.row.original.id }).toString()}`}
          onClick={(event) => {
            event.preventDefault();
            navigate({ alert: info.row.original.id });
          }}
        >
          {info.getValue()}
        </a>
      ),
    }),
    column.accessor("status", {
      header: "Status",
      cell: (info) => <AlertStatusText status={info.getValue()} snoozedUntil={info.row.original.snoozedUntil} />,
    }),
    column.accessor("occurrenceCount", {
      header: "Runs",
      meta: { numeric: true },
      cell: (info) => formatInteger(info.getValue()),
    }),
    column.accessor("firstSeenAt", { header: "First seen", cell: (info) => <Timestamp date={info.getValue()} /> }),
    column.accessor("lastSeenAt", { header: "Last seen", cell: (info) => <Timestamp date={info.getValue()} /> }),
  ];

  const counts = alerts.data?.counts ?? {};
  const countFor = (filter: StatusFilter) =>
    filter === "open"
      ? (counts.firing ?? 0) + (counts.acknowledged ?? 0)
      : filter === "all"
        ? Object.values(counts).reduce<number>((sum, value) => sum + (value ?? 0), 0)
        : (counts[filter] ?? 0);

  return (
    <>
      <div className={styles.filters} role="group" aria-label="Alert status">
        {STATUSES.map((filter) => (
          <button
            key={filter}
            type="button"
            className={`button ${styles.filter}`}
            aria-pressed={filter === status}
            onClick={() => navigate({ status: filter === "open" ? null : filter, alert: null })}
          >
            {filter} {alerts.data ? `(${formatInteger(countFor(filter))})` : ""}
          </button>
        ))}
      </div>
      <div className={selectedId ? styles.inbox : styles.inboxSingle}>
        <div>
          {alerts.isPending ? (
            <TableSkeleton columns={["Severity", "Alert", "Status", "Runs", "First seen", "Last seen"]} rows={4} label="Loading alerts" />
          ) : alerts.isError ? (
            <ErrorState title="Alerts could not be loaded" message={alerts.error.message} onRetry={() => void alerts.refetch()} />
          ) : alerts.data.alerts.length === 0 ? (
            <EmptyState title={status === "open" ? "Nothing needs attention" : `No ${status} alerts`}>
              <p>
                Alerts open when a rule matches: a detector finding such as a loop or a retry storm, or a metric
                such as the error rate crossing its threshold. Each groups every run it hits.
              </p>
            </EmptyState>
          ) : (
            <DataTable
              label="Alerts"
              data={alerts.data.alerts}
              columns={columns}
              getRowId={(row) => row.id}
              rowTestId="alert-row"
              onRowClick={(row) => navigate({ alert: row.original.id })}
            />
          )}
        </div>
        {selectedId ? (
          <AlertDetail projectId={projectId} alertId={selectedId} onClose={() => navigate({ alert: null })} />
        ) : null}
      </div>
    </>
  );
}
