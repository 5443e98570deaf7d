import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';

/**
 * Whether an admin has ever set which customers get a portal feature (even to "all"), read from the
 * audit rows of the portal settings.
 */
export async function hasChosenPortalCustomers(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, 'settings'),
        eq(auditLog.targetId, 'portal'),
        eq(auditLog.action, 'settings.portal.updated'),
        sql`jsonb_path_exists(${auditLog.details}, '$.patch.features.*.customers')`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
