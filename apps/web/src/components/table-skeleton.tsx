/** Placeholder rows in the shape of the table that is loading. */
export function TableSkeleton({
  columns,
  rows = 8,
  label,
}: {
  columns: string[];
  rows?: number;
  label: string;
}) {
  return (
    <div className="table-wrap" aria-busy="true" aria-label={label}>
      <table className="data-table">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, row) => (
            <tr key={row}>
              {columns.map((column, index) => (
                <td key={column}>
                  <span
                    className="skeleton"
                    style={{ width: `${40 + ((row * 7 + index * 13) % 50)}%` }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
