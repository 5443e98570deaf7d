import { createHash } from 'node:crypto';
import { is } from 'drizzle-orm';
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';

/**
 * Statements built once per shape (whatever changes their text), then run with new values on any
 * handle: on a short request, building a statement with Drizzle costs more CPU than PostgreSQL
 * takes to run it, and a prepared statement is also parsed only once per connection. `prepare`
 * gets the statement's name: `prefix` and a digest of the shape, the same text under the same name.
 * It returns a prepared query, or an object of them (a statement and its companion); anything else
 * is built again for each handle.
 *
 * Drizzle binds a prepared query to the handle that built it, and a transaction is a handle of its
 * own: without `onHandle` every transaction would build its statements again (a mail's import
 * spent a tenth of its CPU there).
 */
export function preparedPerShape<Shape, Statement extends object>(
  prefix: string,
  prepare: (db: Db, shape: Shape, name: string) => Statement,
  keyOf: (shape: Shape) => string = (shape) => JSON.stringify(shape),
): (db: Db, shape: Shape) => Statement {
  const built = new Map<string, Statement>();
  const byHandle = new WeakMap<Db, Map<string, Statement>>();
  return (db, shape) => {
    const key = keyOf(shape);
    let statements = byHandle.get(db);
    if (!statements) {
      statements = new Map();
      byHandle.set(db, statements);
    }
    let statement = statements.get(key);
    if (!statement) {
      const first = built.get(key);
      if (first) statement = onHandle(first, db) ?? prepare(db, shape, nameOf(prefix, key));
      else {
        statement = prepare(db, shape, nameOf(prefix, key));
        built.set(key, statement);
      }
      statements.set(key, statement);
    }
    return statement;
  };
}

const nameOf = (prefix: string, key: string) =>
  `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

/**
 * The same prepared query (or object of them) running on `db`'s connection: a copy whose client is
 * the handle's. Both drivers' prepared queries keep everything else (text, parameters, row mapping)
 * as their own fields. Undefined for anything else.
 */
function onHandle<Statement extends object>(statement: Statement, db: Db): Statement | undefined {
  const { client } = (db as unknown as { session: { client: unknown } }).session;
  const rehome = (query: object) =>
    Object.assign(Object.create(Object.getPrototypeOf(query)) as object, query, { client });
  if (is(statement, PgPreparedQuery)) return rehome(statement) as Statement;
  const entries = Object.entries(statement);
  if (
    Object.getPrototypeOf(statement) !== Object.prototype ||
    !entries.every(([, v]) => is(v, PgPreparedQuery))
  )
    return undefined;
  return Object.fromEntries(entries.map(([k, v]) => [k, rehome(v)])) as Statement;
}
