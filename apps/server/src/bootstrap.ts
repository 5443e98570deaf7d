import { DEFAULT_PORTAL_SETTINGS, DEFAULT_STATUSES } from '@atrium/shared';
import type { Config } from './config';
import type { Db } from './db/client';
import { settings, ticketStatuses } from './db/schema';
import { generatePassword, hashPassword } from './lib/passwords';
import { recordAudit } from './modules/audit/audit.repo';
import { ensureSigningKeys } from './modules/devices/signing';
import { countTechnicians, insertTechnician } from './modules/technicians/technicians.repo';

export type FirstAdmin = { email: string; generatedPassword: string | undefined };

/** The first admin's name until they choose their own (the first-run checklist asks them to). */
export const FIRST_ADMIN_NAME = 'Administrator';

/**
 * First start: the first admin (from ATRIUM_ADMIN_EMAIL/PASSWORD, or with a generated password the
 * caller prints once) and the default settings. Runs under the migration lock, so two processes
 * starting together create one admin.
 */
export async function bootstrap(db: Db, config: Config): Promise<FirstAdmin | undefined> {
  await db.insert(settings).values({ key: 'portal', value: DEFAULT_PORTAL_SETTINGS }).onConflictDoNothing();
  await db
    .insert(ticketStatuses)
    .values(
      DEFAULT_STATUSES.map((name, position) => ({
        name,
        position,
        builtin: true,
        closed: name === 'Resolved' || name === 'Closed',
      })),
    )
    .onConflictDoNothing();
  await ensureSigningKeys(db);
  if ((await countTechnicians(db)) > 0) return undefined;
  const email = config.admin.email ?? 'admin@localhost';
  const generatedPassword = config.admin.password ? undefined : generatePassword(24);
  const password = config.admin.password ?? generatedPassword ?? '';
  await db.transaction(async (tx) => {
    const admin = await insertTechnician(tx, {
      email,
      name: FIRST_ADMIN_NAME,
      role: 'admin',
      passwordHash: await hashPassword(password),
    });
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'technician.created',
      target: { type: 'technician', id: admin.id },
      details: { email, role: 'admin', firstStart: true },
    });
  });
  return { email, generatedPassword };
}
