import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { technicians } from '../../db/schema';

export type TechnicianRow = typeof technicians.$inferSelect;
const active = isNull(technicians.deletedAt);

export async function findTechnicianByEmail(db: Db, email: string): Promise<TechnicianRow | undefined> {
  const [row] = await db
    .select()
    .from(technicians)
    .where(and(eq(technicians.email, email.toLowerCase()), active))
    .limit(1);
  return row;
}

export async function findTechnicianById(db: Db, id: string): Promise<TechnicianRow | undefined> {
  const [row] = await db
    .select()
    .from(technicians)
    .where(and(eq(technicians.id, id), active))
    .limit(1);
  return row;
}

export async function listTechnicians(db: Db): Promise<TechnicianRow[]> {
  return db.select().from(technicians).where(active).orderBy(asc(technicians.name));
}

export async function countTechnicians(db: Db, role?: 'admin'): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(technicians)
    .where(and(active, role ? eq(technicians.role, role) : undefined));
  return row?.n ?? 0;
}

export async function insertTechnician(
  db: Db,
  values: typeof technicians.$inferInsert,
): Promise<TechnicianRow> {
  const [row] = await db.insert(technicians).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateTechnician(
  db: Db,
  id: string,
  values: Partial<typeof technicians.$inferInsert>,
): Promise<TechnicianRow | undefined> {
  const [row] = await db
    .update(technicians)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(technicians.id, id), active))
    .returning();
  return row;
}
