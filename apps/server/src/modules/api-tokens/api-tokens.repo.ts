import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiTokens, technicians } from '../../db/schema';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function insertApiToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listApiTokens(db: Db, technicianId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.technicianId, technicianId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function deleteApiToken(db: Db, technicianId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.technicianId, technicianId)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}

/** Deletes every token of a technician; returns their ids and names for the audit log. */
export async function deleteApiTokensOfTechnician(db: Db, technicianId: string) {
  return db
    .delete(apiTokens)
    .where(eq(apiTokens.technicianId, technicianId))
    .returning({ id: apiTokens.id, name: apiTokens.name });
}

/** The token's technician, unless the token expired or the technician was deleted. */
export async function findTechnicianByApiToken(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ technician: technicians, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(technicians, eq(technicians.id, apiTokens.technicianId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
        isNull(technicians.deletedAt),
      ),
    )
    .limit(1);
  return row;
}

export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}
