import { createHash } from 'node:crypto';
import type { Db } from '../db/client';

/**
 * Statements built once per database handle and shape (whatever changes their text), then run with
 * new values: on a short request, building a statement with Drizzle costs more CPU than PostgreSQL
 * takes to run it, and a prepared statement is also parsed only once per connection. A transaction
 * is a handle of its own, so statements built inside one live as long as it does. `prepare` gets
 * the statement's name: `prefix` and a digest of the shape, the same text under the same name.
 */
export function preparedPerShape<Shape, Statement>(
  prefix: string,
  prepare: (db: Db, shape: Shape, name: string) => Statement,
  keyOf: (shape: Shape) => string = (shape) => JSON.stringify(shape),
): (db: Db, shape: Shape) => Statement {
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
      const digest = createHash('sha256').update(key).digest('hex').slice(0, 16);
      statement = prepare(db, shape, `${prefix}_${digest}`);
      statements.set(key, statement);
    }
    return statement;
  };
}
