import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiTokens, technicians } from '../../db/schema';
import { preparedPerShape } from '../../lib/prepared';

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

/**
 * Each token's technician, or null where the token is unknown, expired or its technician deleted:
 * the API requests of a moment in one statement. Prepared (lib/prepared.ts): it runs on every one.
 */
const techniciansByApiTokens = preparedPerShape('technicians_by_api_tokens', (db: Db, _shape: object, name) =>
  db
    .select({
      tokenHash: apiTokens.tokenHash,
      technician: technicians,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(technicians, eq(technicians.id, apiTokens.technicianId))
    .where(
      and(
        sql`${apiTokens.tokenHash} = any(${sql.placeholder('tokenHashes')}::text[])`,
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, sql`now()`)),
        isNull(technicians.deletedAt),
      ),
    )
    .prepare(name),
);

export type ApiTokenTechnician = {
  technician: typeof technicians.$inferSelect;
  tokenId: string;
  lastUsedAt: Date | null;
};

export async function findTechniciansByApiTokens(
  db: Db,
  tokenHashes: string[],
): Promise<(ApiTokenTechnician | null)[]> {
  const rows = await techniciansByApiTokens(db, {}).execute({ tokenHashes });
  const byHash = new Map(rows.map(({ tokenHash, ...found }) => [tokenHash, found]));
  return tokenHashes.map((hash) => byHash.get(hash) ?? null);
}

export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}
