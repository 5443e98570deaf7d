import type { AuditEntry, AuditQuery } from '@atrium/shared';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { presentAuditEntry } from './audit.presenter';
import { findAuditEntries } from './audit.repo';

export function createAuditService(db: Db) {
  return {
    /** Any technician may read the log; reading it records nothing. */
    async list(_actor: TechnicianActor, query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
      const { page, pageSize, from, to, ...filter } = query;
      const since = from === undefined ? undefined : new Date(from);
      const until = to === undefined ? undefined : new Date(to);
      if (since && until && since > until) {
        const problem = { path: 'querystring.from', message: 'must not be after to' };
        throw new AppError('validation_failed', `${problem.path}: ${problem.message}`, [problem]);
      }
      const { rows, total } = await findAuditEntries(
        db,
        { ...filter, from: since, to: until },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return { items: rows.map(presentAuditEntry), total };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
