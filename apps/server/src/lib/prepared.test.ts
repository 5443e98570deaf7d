import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../db/client';
import { settings } from '../db/schema';
import { openTestDatabase } from '../test/test-app';
import { preparedPerShape } from './prepared';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

const writeSetting = preparedPerShape('test_write_setting', (db: Db, _shape: object, name) =>
  db
    .insert(settings)
    .values({ key: sql.placeholder('key'), value: { written: true } })
    .returning({ key: settings.key })
    .prepare(name),
);

const readKeys = async (keys: string[]) =>
  (await database.db.select({ key: settings.key }).from(settings))
    .map((row) => row.key)
    .filter((key) => keys.includes(key));

class RolledBack extends Error {}

describe('a statement prepared once for its shape', () => {
  it('runs on the connection of the handle that runs it: a transaction’s write rolls back with it, the others stay', async () => {
    // Built in this transaction: the database and the next transaction run copies of it.
    await expect(
      database.db.transaction(async (tx) => {
        await writeSetting(tx, {}).execute({ key: 'prepared-rolled-back' });
        const [seen] = await tx.select().from(settings).where(eq(settings.key, 'prepared-rolled-back'));
        expect(seen?.value).toEqual({ written: true });
        // Beside the open transaction, on a connection of its own (the embedded database has one
        // connection, which waits for the transaction: there it runs after it).
        if (database.kind === 'postgres')
          await writeSetting(database.db, {}).execute({ key: 'prepared-beside' });
        throw new RolledBack();
      }),
    ).rejects.toBeInstanceOf(RolledBack);
    if (database.kind === 'embedded') await writeSetting(database.db, {}).execute({ key: 'prepared-beside' });
    await database.db.transaction(async (tx) => {
      expect(await writeSetting(tx, {}).execute({ key: 'prepared-committed' })).toEqual([
        { key: 'prepared-committed' },
      ]);
    });

    expect(
      (await readKeys(['prepared-rolled-back', 'prepared-beside', 'prepared-committed'])).sort(),
    ).toEqual(['prepared-beside', 'prepared-committed']);
  });
});
