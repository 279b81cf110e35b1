/**
 * A statement node-postgres prepares once per connection under its name. Every batch runs the same
 * dozen statements, several of them wide `jsonb_to_recordset` inserts that cost PostgreSQL more to
 * parse and plan than to run on a small batch; prepared, they are planned once per connection.
 */
export type PreparedStatement = { name: string; text: string };

export function preparedStatement(name: string, text: string): PreparedStatement {
  return { name: `loupe.ingestion.${name}`, text };
}
