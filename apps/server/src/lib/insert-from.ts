import { getTableColumns, is, type Placeholder, SQL, type SQLWrapper, sql, type Table } from 'drizzle-orm';

/**
 * Values for `insertFrom`: plain values, placeholders of a prepared statement, or SQL that reads the
 * source row (e.g. its generated id).
 */
export type ValuesFrom<T extends Table> = {
  [K in keyof T['$inferInsert']]?: T['$inferInsert'][K] | SQL | Placeholder;
};

/**
 * `insert into <table> (…) select … from <source>`: a row written by the statement that writes the
 * row it describes (as a data-modifying CTE), so the two cost one round trip and land together.
 * Plain values and placeholders are bound through their column's encoder and cast to its type (a
 * parameter in a select list has no type of its own); SQL values are used as they are.
 */
export function insertFrom<T extends Table>(table: T, source: SQLWrapper, values: ValuesFrom<T>): SQL {
  const columns = getTableColumns(table);
  const entries = Object.entries(values).flatMap(([key, value]) => {
    const column = columns[key];
    if (value === undefined) return [];
    if (!column) throw new Error(`${key} is not a column`);
    return [{ column, value }];
  });
  const names = sql.join(
    entries.map(({ column }) => sql.identifier(column.name)),
    sql`, `,
  );
  const selected = sql.join(
    entries.map(({ column, value }) =>
      is(value, SQL) ? value : sql`${sql.param(value, column)}::${sql.raw(column.getSQLType())}`,
    ),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select ${selected} from ${source}`;
}
