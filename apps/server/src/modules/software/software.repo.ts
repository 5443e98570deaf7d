import { type DeviceOs, softwareSupports } from '@atrium/shared';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { software } from '../../db/schema';

export type SoftwareRow = typeof software.$inferSelect;
/** What an admin writes; the rest of a row is the database's. */
export type SoftwareValues = Pick<SoftwareRow, 'name' | 'chocolatey' | 'homebrew' | 'homebrewCask'>;

/** By name as people read it (case aside), then by id so equal names keep one order. */
const byName = [asc(sql`lower(${software.name})`), asc(software.id)];

/** The whole catalog, by name. */
export async function findSoftwareCatalog(db: Db): Promise<SoftwareRow[]> {
  return db
    .select()
    .from(software)
    .orderBy(...byName);
}

export async function findSoftware(db: Db, id: string): Promise<SoftwareRow | undefined> {
  const [row] = await db.select().from(software).where(eq(software.id, id)).limit(1);
  return row;
}

/** Locked until the transaction ends: two updates cannot each remove one of the two ids. */
export async function findSoftwareForUpdate(db: Db, id: string): Promise<SoftwareRow | undefined> {
  const [row] = await db.select().from(software).where(eq(software.id, id)).for('update').limit(1);
  return row;
}

/**
 * The entries a device running `os` can install, by name (none on Linux). The catalog is short, and
 * filtering it with `softwareSupports` keeps one definition of what an entry supports.
 */
export async function softwareForOs(db: Db, os: DeviceOs): Promise<SoftwareRow[]> {
  return (await findSoftwareCatalog(db)).filter((entry) => softwareSupports(entry, os));
}

export async function insertSoftware(db: Db, values: SoftwareValues): Promise<SoftwareRow> {
  const [row] = await db.insert(software).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateSoftware(
  db: Db,
  id: string,
  values: SoftwareValues,
): Promise<SoftwareRow | undefined> {
  const [row] = await db
    .update(software)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(software.id, id))
    .returning();
  return row;
}

export async function deleteSoftware(db: Db, id: string): Promise<SoftwareRow | undefined> {
  const [row] = await db.delete(software).where(eq(software.id, id)).returning();
  return row;
}
