import "@tanstack/react-table";

declare module "@tanstack/react-table" {
  // The type parameters must match the library's declaration for the interfaces to merge.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligns the column's header and cells. */
    numeric?: boolean;
  }
}
