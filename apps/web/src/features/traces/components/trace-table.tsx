"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
} from "@tanstack/react-table";
import type { SortOrder, TraceSort } from "../lib/trace-filters";
import styles from "./trace-table.module.css";

/**
 * The trace list's table: the shared data table's markup, plus headers that sort. A sortable
 * header is a button; the sorted column's header carries `aria-sort`, so screen readers announce
 * the order. Sorting happens on the server (the list is paged), so a click only asks for it.
 */
export function TraceTable<TRow>({
  data,
  columns,
  sortableColumns,
  sort,
  onSort,
  getRowId,
  rowTestId,
  onRowClick,
  label,
}: {
  data: TRow[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<TRow, any>[];
  /** The sort each sortable column's id stands for. */
  sortableColumns: Partial<Record<string, TraceSort>>;
  sort: { sort: TraceSort; order: SortOrder };
  onSort: (sort: TraceSort) => void;
  getRowId: (row: TRow) => string;
  rowTestId?: string;
  onRowClick?: (row: Row<TRow>) => void;
  label: string;
}) {
  const table = useReactTable({ data, columns, getRowId, getCoreRowModel: getCoreRowModel() });
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((headerGroup) => (
            <tr key={headerGroup.id}>
              {headerGroup.headers.map((header) => {
                const columnSort = sortableColumns[header.column.id];
                const isSorted = columnSort !== undefined && columnSort === sort.sort;
                const content = header.isPlaceholder
                  ? null
                  : flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={header.column.columnDef.meta?.numeric ? "numeric" : undefined}
                    aria-sort={
                      isSorted ? (sort.order === "asc" ? "ascending" : "descending") : undefined
                    }
                  >
                    {columnSort ? (
                      <button
                        type="button"
                        className={styles.sortButton}
                        onClick={() => onSort(columnSort)}
                        title={`Sort by ${String(header.column.columnDef.header)}`}
                      >
                        {content}
                        <span
                          aria-hidden="true"
                          className={isSorted ? styles.sortArrow : styles.sortArrowIdle}
                        >
                          {isSorted && sort.order === "asc" ? "▲" : "▼"}
                        </span>
                      </button>
                    ) : (
                      content
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-testid={rowTestId}
              style={onRowClick ? { cursor: "pointer" } : undefined}
              onClick={
                onRowClick
                  ? (event) => {
                      // Links and buttons inside the row do their own thing.
                      if ((event.target as HTMLElement).closest("a, button")) return;
                      onRowClick(row);
                    }
                  : undefined
              }
            >
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  className={cell.column.columnDef.meta?.numeric ? "numeric" : undefined}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
