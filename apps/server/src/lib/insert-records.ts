import { getTableColumns, type SQL, sql, type Table } from 'drizzle-orm';

type Options<T extends Table> = {
  /** Columns the rows leave out, each an SQL expression evaluated per row (`clock_timestamp()`). */
  computed?: Partial<Record<keyof T['$inferInsert'], SQL>>;
  onConflictDoNothing?: boolean;
};

/**
 * `insert into <table> (…) select … from jsonb_to_recordset($1)`: many rows as one parameter, the
 * rows as a JSON array. Drizzle's multi-row insert binds a parameter per value, and for a batch of
 * mail (50 rows of 10 values) building that statement cost more CPU than PostgreSQL took to store it.
 * One statement per set of keys the rows have (a missing key must leave the column's default, not
 * null); values must read back from JSON as their column's type (text, numbers, uuid, jsonb, dates).
 */
export function insertRecords<T extends Table>(
  table: T,
  rows: T['$inferInsert'][],
  { computed = {}, onConflictDoNothing = false }: Options<T> = {},
): SQL[] {
  const byKeys = new Map<string, { keys: string[]; rows: Record<string, unknown>[] }>();
  for (const row of rows as Record<string, unknown>[]) {
    const keys = Object.keys(row).filter((key) => row[key] !== undefined);
    const shape = keys.join();
    const group = byKeys.get(shape) ?? { keys, rows: [] };
    group.rows.push(row);
    byKeys.set(shape, group);
  }
  return [...byKeys.values()].map((group) =>
    statement(table, group.keys, group.rows, computed, onConflictDoNothing),
  );
}

function statement<T extends Table>(
  table: T,
  keys: string[],
  rows: Record<string, unknown>[],
  computed: Partial<Record<string, SQL>>,
  onConflictDoNothing: boolean,
): SQL {
  const columns = getTableColumns(table);
  const column = (key: string) => {
    const found = columns[key];
    if (!found) throw new Error(`${key} is not a column`);
    return found;
  };
  if (keys.some((key) => key in computed)) throw new Error('a computed column is in the rows too');
  const computedKeys = Object.keys(computed);
  const names = sql.join(
    [...keys, ...computedKeys].map((key) => sql.identifier(column(key).name)),
    sql`, `,
  );
  const selected = sql.join(
    [
      ...keys.map((key) => sql.identifier(column(key).name)),
      ...computedKeys.flatMap((key) => computed[key] ?? []),
    ],
    sql`, `,
  );
  const record = sql.join(
    keys.map((key) => sql`${sql.identifier(column(key).name)} ${sql.raw(column(key).getSQLType())}`),
    sql`, `,
  );
  // Each row under its columns' names, which the record definition reads.
  const json = JSON.stringify(
    rows.map((row) => Object.fromEntries(keys.map((key) => [column(key).name, row[key]]))),
  );
  const conflict = onConflictDoNothing ? sql` on conflict do nothing` : sql``;
  return sql`insert into ${table} (${names}) select ${selected} from jsonb_to_recordset(${json}::jsonb) as r(${record})${conflict}`;
}
