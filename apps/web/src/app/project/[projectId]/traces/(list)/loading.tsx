import { PageHeader } from "@/components/page-header";
import { TableSkeleton } from "@/components/table-skeleton";

export default function TracesLoading() {
  return (
    <>
      <PageHeader title="Traces" description="Every run of your agents, newest first." />
      <TableSkeleton
        columns={[
          "Start time",
          "Name",
          "Status",
          "Duration",
          "Steps",
          "Tokens",
          "Cost",
          "Findings",
          "Session",
        ]}
        label="Loading runs"
      />
    </>
  );
}
