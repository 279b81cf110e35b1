"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
} from "@tanstack/react-table";
import styles from "./data-table.module.css";

/**
 * Headers that sort. Sorting happens where the data comes from (lists are paged on the server), so
 * a click only asks for it; the sorted column's header carries `aria-sort` for screen readers.
 */
export type TableSorting<TSort extends string> = {
  /** The sort each sortable column's id stands for. */
  sortableColumns: Partial<Record<string, TSort>>;
  current: { sort: TSort; order: "asc" | "desc" };
  onSort: (sort: TSort) => void;
};

/**
 * A dense table over @tanstack/react-table. `onRowClick` makes the whole row a mouse target; each
 * row still needs a real link in one of its cells for keyboard users.
 */
export function DataTable<TRow, TSort extends string = string>({
  data,
  columns,
  getRowId,
  rowTestId,
  onRowClick,
  sorting,
  label,
}: {
  data: TRow[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<TRow, any>[];
  getRowId: (row: TRow) => string;
  rowTestId?: string;
  onRowClick?: (row: Row<TRow>) => void;
  sorting?: TableSorting<TSort>;
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
                const columnSort = sorting?.sortableColumns[header.column.id];
                const isSorted = columnSort !== undefined && columnSort === sorting?.current.sort;
                const order = sorting?.current.order;
                const content = header.isPlaceholder
                  ? null
                  : flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={header.column.columnDef.meta?.numeric ? "numeric" : undefined}
                    aria-sort={isSorted ? (order === "asc" ? "ascending" : "descending") : undefined}
                  >
                    {columnSort && sorting ? (
                      <button
                        type="button"
                        className={styles.sortButton}
                        onClick={() => sorting.onSort(columnSort)}
                        title={`Sort by ${String(header.column.columnDef.header)}`}
                      >
                        {content}
                        <span aria-hidden="true" className={isSorted ? styles.sortArrow : styles.sortArrowIdle}>
                          {isSorted && order === "asc" ? "▲" : "▼"}
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
