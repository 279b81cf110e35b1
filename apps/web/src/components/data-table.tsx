"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
} from "@tanstack/react-table";

/**
 * A dense table over @tanstack/react-table. `onRowClick` makes the whole row a mouse target; each
 * row still needs a real link in one of its cells for keyboard users.
 */
export function DataTable<TRow>({
  data,
  columns,
  getRowId,
  rowTestId,
  onRowClick,
  label,
}: {
  data: TRow[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types differ per column
  columns: ColumnDef<TRow, any>[];
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
              {headerGroup.headers.map((header) => (
                <th
                  key={header.id}
                  scope="col"
                  className={header.column.columnDef.meta?.numeric ? "numeric" : undefined}
                >
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
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
