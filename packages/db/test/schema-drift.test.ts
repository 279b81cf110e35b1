// Fails when prisma/schema.prisma and the SQL migrations disagree: both are rendered into the same
// plain description (columns, keys, indexes, foreign keys, enums) and compared line by line.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { getDMMF } from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyTestDatabase } from "../src/testing/index.ts";
import { runMigrations } from "../src/runtime.ts";

type Dmmf = Awaited<ReturnType<typeof getDMMF>>["datamodel"];
type DmmfField = Dmmf["models"][number]["fields"][number];

const SCHEMA_PATH = fileURLToPath(new URL("../../../prisma/schema.prisma", import.meta.url));
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  Json: "jsonb",
  Bytes: "bytea",
};
/**
 * Indexes Prisma cannot express (GIN over expressions, for full-text search), created by hand in a
 * migration. They are left out of the comparison by name, and each must exist, so the list cannot
 * silently outlive them. Adding one: see docs/MIGRATIONS.md.
 */
const HAND_MANAGED_INDEXES = ["payload_search_idx", "trace_search_idx", "step_search_idx"];

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

function describeSchema(datamodel: Dmmf): string[] {
  const lines: string[] = [];
  const tableOf = new Map(datamodel.models.map((model) => [model.name, model.dbName ?? model.name]));
  const enumDbName = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  for (const e of datamodel.enums) lines.push(`enum ${enumDbName.get(e.name)}: ${e.values.map((v) => v.name).join(",")}`);

  for (const model of datamodel.models) {
    const table = tableOf.get(model.name)!;
    const column = (fieldName: string) => {
      const field = model.fields.find((f) => f.name === fieldName)!;
      return field.dbName ?? field.name;
    };
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (!field.relationFromFields?.length) continue;
        const target = datamodel.models.find((m) => m.name === field.type)!;
        const targetColumn = (name: string) => {
          const f = target.fields.find((tf) => tf.name === name)!;
          return f.dbName ?? f.name;
        };
        const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        const onUpdate = field.relationOnUpdate ?? "Cascade";
        lines.push(
          `fk ${table}(${field.relationFromFields.map(column).join(",")}) -> ${tableOf.get(target.name)}(${field.relationToFields!.map(targetColumn).join(",")}) on delete ${REFERENTIAL_ACTIONS[onDelete]} on update ${REFERENTIAL_ACTIONS[onUpdate]}`,
        );
        continue;
      }
      const nullable = field.isList || !field.isRequired ? "null" : "not null";
      lines.push(`column ${table}.${field.dbName ?? field.name} ${columnType(field, enumDbName)} ${nullable}${hasDatabaseDefault(field) ? " default" : ""}`);
    }
  }
  for (const index of datamodel.indexes) {
    const model = datamodel.models.find((m) => m.name === index.model)!;
    const table = tableOf.get(model.name)!;
    const columns = index.fields
      .map((f) => {
        const field = model.fields.find((mf) => mf.name === f.name)!;
        return `${field.dbName ?? field.name}${f.sortOrder === "desc" ? " desc" : ""}`;
      })
      .join(",");
    const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique" : "index";
    lines.push(`${kind} ${table}(${columns}) using ${(index.algorithm ?? "BTree").toLowerCase()}`);
  }
  return lines.sort();
}

function columnType(field: DmmfField, enumDbName: Map<string, string>): string {
  let type: string;
  if (field.kind === "enum") type = enumDbName.get(field.type)!;
  else if (field.type === "DateTime") {
    const [name, args] = (field.nativeType as [string, string[]] | null) ?? ["Timestamp", ["3"]];
    const precision = args[0] ?? "3";
    type = `timestamp(${precision}) ${name === "Timestamptz" ? "with" : "without"} time zone`;
  } else if (field.type === "String" && (field.nativeType as [string] | null)?.[0] === "Uuid") type = "uuid";
  else type = SCALAR_TYPES[field.type] ?? `unknown:${field.type}`;
  return field.isList ? `${type}[]` : type;
}

/** uuid() and cuid() defaults are filled in by the client, everything else by the database. */
function hasDatabaseDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false;
  const value = field.default as { name?: string } | undefined;
  return !(typeof value === "object" && value !== null && "name" in value && (value.name === "uuid" || value.name === "cuid"));
}

async function describeDatabase(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const lines: string[] = [];
    const enums = await client.query<{ name: string; labels: string }>(`
      SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const row of enums.rows) lines.push(`enum ${row.name}: ${row.labels}`);

    const columns = await client.query<{ table: string; column: string; type: string; notnull: boolean; hasdef: boolean }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS notnull, a.atthasdef AS hasdef
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND c.relname <> '_prisma_migrations'`);
    for (const row of columns.rows) {
      lines.push(`column ${row.table}.${row.column} ${row.type} ${row.notnull ? "not null" : "null"}${row.hasdef ? " default" : ""}`);
    }

    // An expression column (attnum 0) is rendered as its expression, so it can never match a line
    // from schema.prisma: an expression index is either allow-listed or reported.
    const indexes = await client.query<{ name: string; table: string; primary: boolean; unique: boolean; method: string; columns: string }>(`
      SELECT i.relname AS name, t.relname AS table, ix.indisprimary AS primary, ix.indisunique AS unique, am.amname AS method,
             string_agg(coalesce(a.attname, pg_get_indexdef(ix.indexrelid, k.ord::int, false))
               || CASE WHEN (ix.indoption[k.ord - 1] & 1) = 1 THEN ' desc' ELSE '' END, ',' ORDER BY k.ord) AS columns
      FROM pg_index ix
      JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
      CROSS JOIN LATERAL unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
      WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
      GROUP BY t.relname, i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, am.amname`);
    const handManaged = new Set(HAND_MANAGED_INDEXES);
    for (const row of indexes.rows) {
      if (handManaged.delete(row.name)) continue;
      const kind = row.primary ? "primary key" : row.unique ? "unique" : "index";
      lines.push(`${kind} ${row.table}(${row.columns}) using ${row.method}`);
    }
    for (const name of handManaged) lines.push(`hand-managed index ${name} is missing`);

    const foreignKeys = await client.query<{ table: string; columns: string; target: string; target_columns: string; on_delete: string; on_update: string }>(`
      SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
        (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
        (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS target_columns,
        c.confdeltype AS on_delete, c.confupdtype AS on_update
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`);
    const action: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
    for (const row of foreignKeys.rows) {
      const unquote = (name: string) => name.replaceAll('"', "");
      lines.push(
        `fk ${unquote(row.table)}(${row.columns}) -> ${unquote(row.target)}(${row.target_columns}) on delete ${action[row.on_delete]} on update ${action[row.on_update]}`,
      );
    }
    return lines.sort();
  } finally {
    await client.end();
  }
}

describe("schema.prisma and the SQL migrations", () => {
  let database: Awaited<ReturnType<typeof createEmptyTestDatabase>>;
  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    await runMigrations(database.databaseUrl);
  });
  afterAll(() => database.drop());

  it("describe the same tables, columns, keys, indexes, foreign keys and enums", async () => {
    const { datamodel } = await getDMMF({ datamodel: await readFile(SCHEMA_PATH, "utf8") });
    const fromSchema = describeSchema(datamodel);
    const fromDatabase = await describeDatabase(database.databaseUrl);
    const missingInDatabase = fromSchema.filter((line) => !fromDatabase.includes(line));
    const missingInSchema = fromDatabase.filter((line) => !fromSchema.includes(line));
    expect({ missingInDatabase, missingInSchema }).toEqual({ missingInDatabase: [], missingInSchema: [] });
    expect(fromSchema.length).toBeGreaterThan(200);
  });
});
