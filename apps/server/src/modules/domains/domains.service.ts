import type { CertificateUpload, CustomDomainStatus } from '@atrium/shared';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { TechnicianActor } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { recordAudit } from '../audit/audit.repo';
import type { SettingsService } from '../settings/settings.service';
import { requireAdmin } from '../technicians/technicians.policy';
import { orderCertificate } from './acme-order';
import { checkUploadedCertificate } from './certificates';
import { createDnsCheck } from './dns-check';
import {
  claimOrder,
  type DomainCertificateRow,
  findChallengeResponse,
  findDomainCertificate,
  notifyDomainsChanged,
  recordOrderFailure,
  storeCertificate,
} from './domains.repo';

const DAY_MS = 86_400_000;
/** Let's Encrypt's advice: renew when a third of a 90-day certificate's life is left. */
const RENEW_BEFORE_MS = 30 * DAY_MS;
/** A failed order is retried after this, not sooner: CAs limit failed validations per hour. */
const RETRY_AFTER_FAILURE_MS = 15 * 60_000;
/** Longer than any order takes; a process that died mid-order frees the domain after it. */
const ORDER_LEASE_SECONDS = 600;

type ServedDomain = {
  domain: string | null;
  certificate: { certificate: string; privateKey: string } | null;
};

function isDue(row: DomainCertificateRow | undefined, now: Date): boolean {
  if (!row) return true;
  if (row.orderingUntil && row.orderingUntil > now) return false;
  if (row.lastError && now.getTime() - row.updatedAt.getTime() < RETRY_AFTER_FAILURE_MS) return false;
  return !row.notAfter || row.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS;
}

export function createDomainsService(db: Db, config: Config, settings: SettingsService) {
  const checkDns = createDnsCheck(config.dnsServers);
  const cnameTarget = config.publicUrl.hostname;
  const httpsEnabled = config.httpsPort !== undefined;

  async function customDomain(): Promise<string | null> {
    return (await settings.portal()).customDomain;
  }

  async function status(domain: string | null): Promise<CustomDomainStatus> {
    const base = { domain, cnameTarget, httpsEnabled };
    if (!domain) return { ...base, dns: null, certificate: null, ordering: false, lastError: null };
    const now = new Date();
    const [dns, row] = await Promise.all([checkDns(domain, cnameTarget), findDomainCertificate(db, domain)]);
    return {
      ...base,
      dns,
      certificate:
        row?.certificate && row.source && row.notAfter
          ? { source: row.source, notAfter: row.notAfter.toISOString(), expired: row.notAfter <= now }
          : null,
      ordering: Boolean(row?.orderingUntil && row.orderingUntil > now),
      lastError: row?.lastError ?? null,
    };
  }

  return {
    /** What DNS answers for the custom domain now, and its certificate (any technician may look). */
    async status(_actor: TechnicianActor): Promise<CustomDomainStatus> {
      return status(await customDomain());
    },

    async uploadCertificate(actor: TechnicianActor, upload: CertificateUpload): Promise<CustomDomainStatus> {
      requireAdmin(actor);
      const domain = await customDomain();
      if (!domain) throw new AppError('conflict', 'Set a custom domain before uploading its certificate.');
      const checked = checkUploadedCertificate(upload, domain, new Date());
      await db.transaction(async (tx) => {
        await storeCertificate(tx, domain, { ...checked, source: 'upload' });
        await notifyDomainsChanged(tx);
        await recordAudit(tx, {
          actor,
          action: 'settings.portal.certificate_uploaded',
          target: { type: 'settings', id: 'portal' },
          details: { domain, notAfter: checked.notAfter.toISOString() },
        });
      });
      return status(domain);
    },

    /** The HTTP-01 answer for `token`, wherever the order that made it runs. */
    async challengeResponse(token: string): Promise<string> {
      const response = await findChallengeResponse(db, token);
      if (!response) throw new AppError('not_found');
      return response;
    },

    /** What the HTTPS listener serves: the custom domain and its certificate, if it has one. */
    async served(): Promise<ServedDomain> {
      const domain = await customDomain();
      const row = domain ? await findDomainCertificate(db, domain) : undefined;
      return {
        domain,
        certificate:
          row?.certificate && row.privateKey
            ? { certificate: row.certificate, privateKey: row.privateKey }
            : null,
      };
    },

    /**
     * Orders the custom domain's certificate when it has none or it expires within 30 days, its
     * CNAME is right and no other process is ordering it. Throws what the CA said when an order fails
     * (the failure is also kept for the console).
     */
    async orderIfDue(): Promise<{ ordered: string | null }> {
      const domain = httpsEnabled ? await customDomain() : null;
      if (!domain || !isDue(await findDomainCertificate(db, domain), new Date())) return { ordered: null };
      if ((await checkDns(domain, cnameTarget)).status !== 'ok') return { ordered: null };
      if (!(await claimOrder(db, domain, ORDER_LEASE_SECONDS, RENEW_BEFORE_MS / 1000)))
        return { ordered: null };
      let issued: Awaited<ReturnType<typeof orderCertificate>>;
      try {
        issued = await orderCertificate(db, config, domain);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await recordOrderFailure(db, domain, message.slice(0, 1000));
        throw error;
      }
      await db.transaction(async (tx) => {
        await storeCertificate(tx, domain, issued);
        await notifyDomainsChanged(tx);
      });
      return { ordered: domain };
    },
  };
}
